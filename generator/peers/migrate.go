package peers

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/accruehq/accrue/generator/internal/litter"
)

// What is what a move carries.
type What int

const (
	Post   What = iota // a dated post, to content/<section>/
	Page               // a page, to content/
	Static             // a file copied as it is, to static/
	Aside              // the peer's own file accrue would misread (a Hugo template, an _index.md), to <peer>/
)

func (w What) String() string {
	return [...]string{"post", "page", "static", "aside"}[w]
}

// Move is one rename of accrue migrate: slash paths from the site root.
type Move struct {
	From, To string
	What     What
}

// Moves lists the renames that put the files of the peer's folder where
// accrue's own layout has them, sorted by From. tracked, when not nil,
// limits them to those files (a git repository's tracked files: what git
// mv can move). Files already in place are not listed. Jekyll's _drafts/
// stay where they are: in content/posts/ they would be published. Of
// Hugo's and Zola's files, the templates (layouts/, themes/) and the
// sections' _index.md settings move aside under hugo/ or zola/, where
// accrue reads nothing; in place, accrue would read them as its own
// templates and as pages.
func (s *Site) Moves(fsys fs.FS, tracked map[string]bool) ([]Move, error) {
	head := func(p string) []byte {
		b, _ := fs.ReadFile(fsys, p) // an unreadable file is no page: it moves as a static file, or the move fails saying why
		return b
	}
	var moves []Move
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		if d.IsDir() {
			if litter.Is(d.Name()) || (path.Dir(p) == "." && (d.Name() == "public" || d.Name() == "_site" || d.Name() == "node_modules")) {
				return fs.SkipDir
			}
			return nil
		}
		if tracked != nil && !tracked[p] {
			return nil
		}
		m, ok := s.move(p, head)
		if ok && m.To != m.From {
			moves = append(moves, m)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(moves, func(i, j int) bool { return moves[i].From < moves[j].From })
	from := make(map[string]bool, len(moves))
	for _, m := range moves {
		from[m.From] = true
	}
	for _, m := range moves {
		if _, err := fs.Stat(fsys, m.To); err == nil && !from[m.To] {
			return nil, fmt.Errorf("moving %s to %s would replace a file there; move one of them first", m.From, m.To)
		}
	}
	return moves, nil
}

// move says where p goes.
func (s *Site) move(p string, head func(string) []byte) (Move, bool) {
	aside := Move{From: p, To: s.Kind.String() + "/" + p, What: Aside}
	if s.Kind != Jekyll {
		first, _, _ := strings.Cut(p, "/")
		if first == "layouts" || first == "themes" {
			return aside, true
		}
		if strings.HasPrefix(p, s.ContentDir+"/") && strings.TrimSuffix(path.Base(p), path.Ext(p)) == "_index" {
			return aside, true
		}
	}
	to, ok := s.Place(p, false, head)
	if !ok {
		return Move{}, false
	}
	m := Move{From: p, To: to, What: Static}
	if rest, isContent := strings.CutPrefix(to, "content/"); isContent {
		m.What = Page
		sec, _, nested := strings.Cut(rest, "/")
		for _, ps := range s.Config.Content.PostSections {
			if nested && sec == ps {
				m.What = Post
			}
		}
	}
	return m, true
}
