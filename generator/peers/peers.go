package peers

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/frontmatter"
	"github.com/pelletier/go-toml/v2"
)

// Kind is a generator whose folder layout accrue reads.
type Kind int

const (
	None Kind = iota
	Jekyll
	Hugo
	Zola
)

// String is the generator's name in lower case, as config.Config.Peer
// holds it.
func (k Kind) String() string {
	switch k {
	case Jekyll:
		return "jekyll"
	case Hugo:
		return "hugo"
	case Zola:
		return "zola"
	}
	return "none"
}

// Name is the generator's name as its authors write it.
func (k Kind) Name() string {
	switch k {
	case Jekyll:
		return "Jekyll"
	case Hugo:
		return "Hugo"
	case Zola:
		return "Zola"
	}
	return "none"
}

// ErrNotPeer means a folder is laid out for none of the generators peers
// knows.
var ErrNotPeer = errors.New("not a Jekyll, Hugo or Zola site")

// Detect reports which generator the folder fsys is laid out for and the
// configuration file that says so: Jekyll has _config.yml (or .yaml,
// .toml) and _posts/; Zola a config.toml with base_url and content/; Hugo
// a hugo.toml, hugo.yaml or hugo.json, or a config.toml or config.yaml
// with baseURL, and content/.
func Detect(fsys fs.FS) (Kind, string) {
	if isDir(fsys, "_posts") {
		for _, f := range []string{"_config.yml", "_config.yaml", "_config.toml"} {
			if isFile(fsys, f) {
				return Jekyll, f
			}
		}
	}
	if !isDir(fsys, "content") {
		return None, ""
	}
	for _, f := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
		hugoConfigDir + "/hugo.toml", hugoConfigDir + "/hugo.yaml", hugoConfigDir + "/config.toml", hugoConfigDir + "/config.yaml"} {
		if isFile(fsys, f) {
			return Hugo, f
		}
	}
	if src, err := fs.ReadFile(fsys, "config.toml"); err == nil {
		if hasKey(src, "base_url") {
			return Zola, "config.toml"
		}
		if hasKey(src, "baseurl") {
			return Hugo, "config.toml"
		}
	}
	for _, f := range []string{"config.yaml", "config.yml"} {
		if src, err := fs.ReadFile(fsys, f); err == nil && hasKey(src, "baseurl") {
			return Hugo, f
		}
	}
	return None, ""
}

// topKey matches a key at the start of a line, TOML or YAML.
var topKey = regexp.MustCompile(`(?mi)^\s*["']?([a-z_]+)["']?\s*[:=]`)

// hasKey reports whether src sets key (lower case) at the start of a
// line: enough to tell Zola's config.toml from Hugo's before decoding.
func hasKey(src []byte, key string) bool {
	for _, m := range topKey.FindAllSubmatch(src, -1) {
		if strings.ToLower(string(m[1])) == key {
			return true
		}
	}
	return false
}

func isDir(fsys fs.FS, name string) bool {
	fi, err := fs.Stat(fsys, name)
	return err == nil && fi.IsDir()
}

func isFile(fsys fs.FS, name string) bool {
	fi, err := fs.Stat(fsys, name)
	return err == nil && fi.Mode().IsRegular()
}

// Site is what Load read of a peer's folder.
type Site struct {
	Kind Kind
	// File is the configuration file read, such as "_config.yml".
	File string
	// Read names the settings taken from File, in the order accrue.toml
	// lists them, for the line that says what was read.
	Read []string
	// Settings are the accrue.toml values those settings give.
	Settings Settings
	// Config is Settings over config.Default, validated, with Peer set.
	Config config.Config
	// Taxonomies are the taxonomies the peer declares (Hugo's
	// [taxonomies], Zola's taxonomies). accrue builds tags, categories
	// and series; the others are kept in each post's front matter.
	Taxonomies []string
	// ContentDir is where the peer keeps its documents: "content", Hugo's
	// contentDir, or "" for Jekyll, whose documents are all over the
	// folder.
	ContentDir string
	// Warnings are settings of the peer's file accrue does not follow,
	// each saying what that changes.
	Warnings []string
	// Exclude are the files and folders Jekyll's exclude names, left out
	// of the site as Jekyll leaves them.
	Exclude []string
}

// Settings is the part of accrue.toml a peer's configuration gives. Only
// what was set is written.
type Settings struct {
	Title       string      `toml:"title,omitempty"`
	BaseURL     string      `toml:"base_url,omitempty"`
	Description string      `toml:"description,omitempty"`
	Language    string      `toml:"language,omitempty"`
	Author      string      `toml:"author,omitempty"`
	Timezone    string      `toml:"timezone,omitempty"`
	Paginate    int         `toml:"paginate,omitempty"`
	Content     ContentKeys `toml:"-"` // written by TOML when set
	Permalinks  Permalinks  `toml:"-"`
}

// ContentKeys is accrue.toml's [content] as a peer gives it.
type ContentKeys struct {
	ExcerptSeparator string   `toml:"excerpt_separator,omitempty"`
	PostSections     []string `toml:"post_sections,omitempty"`
}

// Permalinks is accrue.toml's [permalinks] as a peer gives it.
type Permalinks struct {
	Posts       string   `toml:"posts,omitempty"`
	Pages       string   `toml:"pages,omitempty"`
	Aliases     []string `toml:"aliases,omitempty"`
	PageAliases []string `toml:"page_aliases,omitempty"`
}

// TOML is the accrue.toml that configures the site as the peer's file
// does.
func (s *Site) TOML() []byte {
	// Tables left empty are left out.
	type file struct {
		Settings
		Content    *ContentKeys `toml:"content,omitempty"`
		Permalinks *Permalinks  `toml:"permalinks,omitempty"`
		// The posts carry the peer's template syntax (Liquid,
		// shortcodes, @/ links): package dialect renders it.
		Markdown struct {
			Dialect string `toml:"dialect"`
		} `toml:"markdown"`
	}
	f := file{Settings: s.Settings}
	f.Markdown.Dialect = s.Kind.String()
	if c := s.Settings.Content; c.ExcerptSeparator != "" || len(c.PostSections) > 0 {
		f.Content = &c
	}
	if p := s.Settings.Permalinks; p.Posts != "" || p.Pages != "" || len(p.Aliases) > 0 || len(p.PageAliases) > 0 {
		f.Permalinks = &p
	}
	out, err := toml.Marshal(f)
	if err != nil { // plain strings and numbers always marshal
		panic(fmt.Sprintf("peers: marshalling settings: %v", err))
	}
	head := fmt.Sprintf("# Written by accrue migrate from %s's %s.\n", s.Kind.Name(), s.File)
	return append([]byte(head), out...)
}

// Summary is the line that says which file was read and what of it.
func (s *Site) Summary() string {
	what := "nothing accrue uses"
	if len(s.Read) > 0 {
		what = strings.Join(s.Read, ", ")
	}
	return fmt.Sprintf("read %s's %s (no %s): %s", s.Kind.Name(), s.File, config.File, what)
}

// Load reads the configuration of the peer Detect finds in fsys.
func Load(fsys fs.FS) (*Site, error) {
	kind, file := Detect(fsys)
	if kind == None {
		return nil, ErrNotPeer
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	raw, err := decode(file, src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if path.Dir(file) == hugoConfigDir {
		if err := hugoConfigFiles(fsys, raw); err != nil {
			return nil, err
		}
	}
	s := &Site{Kind: kind, File: file, ContentDir: "content"}
	switch kind {
	case Jekyll:
		s.ContentDir = ""
		err = s.jekyll(raw)
	case Hugo:
		err = s.hugo(fsys, raw)
	case Zola:
		err = s.zola(fsys, raw)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	cfg, err := config.Parse(s.TOML(), config.Default())
	if err != nil {
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), config.File+":"))
	}
	cfg.PublishedURL = cfg.BaseURL
	cfg.Peer = kind.String()
	// The values come from the peer's file, not from an accrue.toml a
	// later error could point into.
	cfg.Positions = map[string]diag.Pos{}
	s.Config = cfg
	return s, nil
}

// mostDated returns the folders under dir, most dated documents first,
// with how many each has: the sections that hold posts.
func mostDated(fsys fs.FS, dir string) []string {
	counts := map[string]int{}
	fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isMarkdown(p) || strings.HasPrefix(path.Base(p), "_index.") {
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		sec, _, nested := strings.Cut(rel, "/")
		if !nested {
			return nil
		}
		if dated(fsys, p) {
			counts[sec]++
		}
		return nil
	})
	var secs []string
	for s := range counts {
		secs = append(secs, s)
	}
	sort.Slice(secs, func(i, j int) bool {
		if counts[secs[i]] != counts[secs[j]] {
			return counts[secs[i]] > counts[secs[j]]
		}
		return secs[i] < secs[j]
	})
	return secs
}

var (
	datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
	dateField  = regexp.MustCompile(`(?m)^\s*date\s*[:=]`)
)

// dated reports whether the document p has a date: in its file or
// folder name, or in its front matter.
func dated(fsys fs.FS, p string) bool {
	name := path.Base(p)
	if strings.HasPrefix(name, "index.") {
		name = path.Base(path.Dir(p))
	}
	if datePrefix.MatchString(name) {
		return true
	}
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return false
	}
	fm, format, _, _, err := frontmatter.Split(src)
	return format != frontmatter.None && err == nil && dateField.Match(fm)
}

func isMarkdown(p string) bool {
	return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")
}
