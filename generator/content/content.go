package content

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/dates"
	"github.com/accruehq/accrue/generator/internal/frontmatter"
	"github.com/accruehq/accrue/generator/internal/litter"
)

// Dir is the folder, relative to the site root, that holds content.
const Dir = "content"

// PostsDir is the folder under Dir that holds posts.
const PostsDir = "posts"

// Kind says whether a document is a dated post or a standalone page.
type Kind int

const (
	KindPost Kind = iota
	KindPage
)

func (k Kind) String() string {
	if k == KindPage {
		return "page"
	}
	return "post"
}

// Source is one Markdown document found under content/.
type Source struct {
	Path string // slash path from the site root, e.g. "content/posts/hello.md"
	Kind Kind
	// Folder is the document's own folder: "content/posts/hello" for both
	// hello.md and hello/index.md. Comments and mentions live under it.
	Folder string
	// Bundle is true for the slug/index.md form.
	Bundle bool
	// Resources are the other files of the document's folder (images...),
	// as slash paths relative to Folder, to copy next to the page.
	Resources []string
	// Section is the first folder under content/ ("posts"), or "" for
	// pages at the top.
	Section string
}

// interactionDirs are subfolders of a post folder that hold comments and
// mentions: data about the post, never content.
var interactionDirs = map[string]bool{"comments": true, "mentions": true}

// Layout says which folders under content/ hold posts. The zero value is
// accrue's own: posts in content/posts/, everything else pages.
type Layout struct {
	// Posts are the sections, first folders under content/, whose
	// documents are dated posts; nil means PostsDir alone. A Hugo or Zola
	// blog keeps its posts in content/blog/ or content/post/ as well.
	Posts []string
	// Peer is set for a site kept in another generator's layout, where
	// every _index.md holds a section's list settings (Hugo, Zola), never
	// a post or page: they are skipped without a word.
	Peer bool
}

// LayoutFor is the layout a site's configuration describes.
func LayoutFor(cfg config.Config) Layout {
	return Layout{Posts: cfg.Content.PostSections, Peer: cfg.Peer != ""}
}

// IsPost reports whether the slash path p, from the site root, lies in a
// posts section.
func (l Layout) IsPost(p string) bool {
	rel, ok := strings.CutPrefix(p, Dir+"/")
	if !ok {
		return false
	}
	sec, _, nested := strings.Cut(rel, "/")
	if !nested {
		return false
	}
	if len(l.Posts) == 0 {
		return sec == PostsDir
	}
	for _, s := range l.Posts {
		if s == sec {
			return true
		}
	}
	return false
}

// Discover lists the documents under content/ in fsys in accrue's own
// layout; see Layout.Discover.
func Discover(fsys fs.FS) ([]Source, diag.List, error) {
	return Layout{}.Discover(fsys)
}

// Discover lists the documents under content/ in fsys, sorted by path.
// Non-Markdown files are resources of the document whose folder holds them;
// any other file is reported with a warning and ignored. The comments/ and
// mentions/ folders of a post hold its interactions, not content, and are
// left to package interactions.
func (l Layout) Discover(fsys fs.FS) ([]Source, diag.List, error) {
	var mds, others []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != Dir && litter.Is(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".markdown") {
			mds = append(mds, p)
		} else {
			others = append(others, p)
		}
		return nil
	})
	if err != nil {
		if _, statErr := fs.Stat(fsys, Dir); statErr != nil {
			return nil, nil, &diag.Error{Pos: diag.Pos{File: Dir}, Msg: "no content/ folder here: is --source the site's root? (accrue new post \"Title\" starts one)"}
		}
		return nil, nil, err
	}
	var diags diag.List
	postFolders := map[string]bool{}
	if l.Peer {
		mds = slices.DeleteFunc(mds, isIndexFile)
	}
	for _, p := range mds {
		if s := l.newSource(p); s.Kind == KindPost && !isSectionIndex(p) {
			postFolders[s.Folder] = true
		}
	}
	var sources []Source
	byFolder := map[string]int{}
	// mds are in fs.WalkDir order, which visits hello/ before hello.md, so
	// of two files for one document the bundle is kept.
	for _, p := range mds {
		if isInteraction(p, postFolders) {
			continue
		}
		if isSectionIndex(p) {
			diags.Add(diag.Warnf(diag.Pos{File: p}, "section index pages are not supported; move it to %s/_index.md or remove it", Dir))
			continue
		}
		s := l.newSource(p)
		if prev, dup := byFolder[s.Folder]; dup {
			diags.Add(diag.Errorf(diag.Pos{File: p}, "%s and %s are the same document; keep one", sources[prev].Path, p))
			continue
		}
		byFolder[s.Folder] = len(sources)
		sources = append(sources, s)
	}
	for _, p := range others {
		if isInteraction(p, postFolders) {
			continue
		}
		owner := -1
		for dir := path.Dir(p); dir != Dir && dir != "."; dir = path.Dir(dir) {
			if i, ok := byFolder[dir]; ok {
				owner = i
				break
			}
		}
		if owner < 0 {
			diags.Add(diag.Warnf(diag.Pos{File: p}, "not part of any post or page, so not copied; put files to publish as they are in static/"))
			continue
		}
		s := &sources[owner]
		s.Resources = append(s.Resources, strings.TrimPrefix(p, s.Folder+"/"))
	}
	for i := range sources {
		sort.Strings(sources[i].Resources)
	}
	sort.Slice(sources, func(i, j int) bool { return sources[i].Path < sources[j].Path })
	return sources, diags, nil
}

// newSource describes the Markdown file p in accrue's own layout.
func newSource(p string) Source { return Layout{}.newSource(p) }

// newSource describes the Markdown file p.
func (l Layout) newSource(p string) Source {
	s := Source{Path: p, Kind: KindPage}
	rel := strings.TrimPrefix(p, Dir+"/")
	if l.IsPost(p) {
		s.Kind = KindPost
	}
	if i := strings.IndexByte(rel, '/'); i > 0 {
		s.Section = rel[:i]
	}
	base := path.Base(p)
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".md"), ".markdown")
	switch {
	case (stem == "index" || stem == "_index") && path.Dir(p) == Dir:
		s.Folder = Dir // the home page's own text
	case stem == "index" || stem == "_index":
		s.Folder, s.Bundle = path.Dir(p), true
	default:
		s.Folder = path.Join(path.Dir(p), stem)
	}
	return s
}

// isSectionIndex reports whether p is an _index file directly in a
// section folder, such as content/posts/_index.md. Hugo renders those as
// the section's list page; accrue has no such pages, and reading one as a
// document would make a post or page named after the section.
func isSectionIndex(p string) bool {
	stem := strings.TrimSuffix(strings.TrimSuffix(path.Base(p), ".md"), ".markdown")
	dir := path.Dir(p)
	return stem == "_index" && dir != Dir && path.Dir(dir) == Dir
}

// isIndexFile reports whether p is an _index file: in Hugo and Zola, the
// settings of a section's list page (sort_by, paginate_by, a template),
// or of the home page's at the top.
func isIndexFile(p string) bool {
	return strings.TrimSuffix(strings.TrimSuffix(path.Base(p), ".md"), ".markdown") == "_index"
}

// isInteraction reports whether p lies in a comments/ or mentions/ folder
// whose parent is the folder of a post. Such a folder anywhere else, for
// example content/posts/2024/comments/ when no post is named 2024, holds
// content as usual.
func isInteraction(p string, postFolders map[string]bool) bool {
	for dir := path.Dir(p); dir != Dir && dir != "."; dir = path.Dir(dir) {
		if interactionDirs[path.Base(dir)] && postFolders[path.Dir(dir)] {
			return true
		}
	}
	return false
}

// Doc is a document read from its source: front matter decoded and the
// title, slug and date rules applied. Body is the Markdown after the front
// matter; BodyLine is its first line in the file.
type Doc struct {
	Source
	FrontMatter
	Format   Format
	Body     []byte
	BodyLine int
	// Slug is the last URL segment: front matter slug, else the file (or
	// bundle folder) name without a date prefix.
	Slug string
	// DateFromFile is true when Date came from a file name that starts
	// with it (Jekyll's and Zola's 2024-01-02-name.md).
	DateFromFile bool
	// TitleFromHeading is true when the title came from the first "# "
	// heading, which Read then removes from Body so it is not shown twice.
	TitleFromHeading bool
	// Excerpt is the Markdown before the front matter's
	// excerpt_separator, when the body holds it: the summary to show.
	Excerpt string
}

// datedName matches a file name that starts with its date, as Jekyll
// ("2024-01-02-name") and Zola ("2024-01-02_name", or a date and time
// "2024-01-02T10:00:00Z-name") write them.
var datedName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}(?:[Tt]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?)[-_](.+)$`)

// DatedName returns the name after the date of a file name that starts
// with one, else "".
func DatedName(name string) string {
	if m := datedName.FindStringSubmatch(name); m != nil {
		return m[2]
	}
	return ""
}

// DefaultMaxTerms is how many tags, categories or series a post may name
// when Options.MaxTerms is zero. Each name is a page and three feeds, so a
// post with thousands of tags (pasted, generated) makes a site of
// thousands of files; no reader browses a post by more than a few dozen.
const DefaultMaxTerms = 100

// Options says how Read reads documents. The zero value reads UTF-8 with
// dates in UTC and the default limits.
type Options struct {
	// Location is where dates written without an offset are; nil is UTC.
	Location *time.Location
	// Encoding is what files that are not valid UTF-8 are written in.
	Encoding Encoding
	// MaxTerms caps the tags, categories and series of one document;
	// zero means DefaultMaxTerms.
	MaxTerms int
	// ExcerptSeparator is the site's excerpt_separator, for documents
	// whose front matter names none; "" means none.
	ExcerptSeparator string
}

func (o Options) location() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

func (o Options) maxTerms() int {
	if o.MaxTerms <= 0 {
		return DefaultMaxTerms
	}
	return o.MaxTerms
}

// Read parses src as the document s with dates without an offset in loc
// and the other options at their defaults.
func Read(s Source, src []byte, loc *time.Location) (*Doc, diag.List) {
	return Options{Location: loc}.Read(s, src)
}

// Read parses src as the document s. Documents without a date keep a zero
// Date: the caller fills it from git or the file's modification time. A
// file that is not text in o.Encoding, or that holds a merge conflict, is
// refused before its front matter is read.
func (o Options) Read(s Source, src []byte) (*Doc, diag.List) {
	loc := o.location()
	src, bad := toUTF8(src, o.Encoding, s.Path)
	if bad != nil {
		return nil, diag.List{bad}
	}
	if diags := conflicts(src, s.Path); len(diags) > 0 {
		return nil, diags
	}
	fm, format, body, bodyLine, err := frontmatter.Split(src)
	if err != nil {
		// Split's only error, a block never closed, says it is about the
		// front matter.
		return nil, diag.List{diag.Errorf(diag.Pos{File: s.Path, Line: 1, Col: 1}, "%v", err)}
	}
	d := &Doc{Source: s, Format: format, Body: body, BodyLine: bodyLine}
	var diags diag.List
	if format != FormatNone {
		d.FrontMatter, diags = o.decode(fm, format, s.Path, 2)
		if diags.HasErrors() {
			return nil, diags
		}
	}
	name := path.Base(s.Folder)
	if m := datedName.FindStringSubmatch(name); m != nil {
		name = m[2]
		if d.Date.IsZero() {
			t, err := dates.Parse(m[1], loc)
			if err != nil {
				return nil, append(diags, diag.Errorf(diag.Pos{File: s.Path}, "the date in the file name: %v", err))
			}
			d.Date, d.DateFromFile = t, true
		}
	}
	for _, dir := range folders(s) {
		if seg, ok := URLName(dir); !ok {
			diags.Add(diag.Warnf(diag.Pos{File: s.Path}, "folder name %q cannot stand in a URL as it is, so its URLs use %q; rename the folder to choose", dir, seg))
		}
	}
	d.Slug = d.FrontMatter.Slug
	if d.Slug == "" {
		seg, ok := URLName(name)
		switch {
		case seg == "":
			return nil, append(diags, diag.Errorf(diag.Pos{File: s.Path}, "file name %q has nothing a URL can be made of; rename the file or set slug in the front matter", name))
		case len(seg) > MaxSegment: // a name that slugs longer than it is
			return nil, append(diags, diag.Errorf(diag.Pos{File: s.Path}, "file name %q makes a URL segment of %d bytes, more than the %d a folder name may have; rename the file or set slug in the front matter", name, len(seg), MaxSegment))
		case !ok:
			diags.Add(diag.Warnf(diag.Pos{File: s.Path}, "file name %q cannot stand in a URL as it is, so the URL uses %q; rename the file or set slug to choose", name, seg))
		}
		d.Slug = seg
	}
	if d.Title == "" {
		if title, rest, ok := firstHeading(d.Body); ok {
			d.Title, d.Body, d.TitleFromHeading = title, rest, true
		}
	}
	if d.Title == "" {
		d.Title = titleFromSlug(d.Slug)
	}
	sep := d.ExcerptSeparator
	if sep == "" {
		sep = o.ExcerptSeparator
	}
	if sep != "" {
		if i := bytes.Index(d.Body, []byte(sep)); i >= 0 {
			d.Excerpt = string(d.Body[:i])
		}
	}
	return d, diags
}

// folders are the folder names between content/ and s's own name, which
// URLs made with :path or :section repeat.
func folders(s Source) []string {
	dir := path.Dir(s.Folder)
	if s.Folder == Dir || dir == Dir || !strings.HasPrefix(dir, Dir+"/") {
		return nil
	}
	return strings.Split(strings.TrimPrefix(dir, Dir+"/"), "/")
}

// firstHeading finds a level-one ATX heading ("# Title") that comes before
// any other text and returns it with the body minus that line. The line is
// blanked rather than cut so that line numbers stay right. As in
// CommonMark, the heading may be indented by up to three spaces; a line
// indented further, or by a tab, is indented code.
func firstHeading(body []byte) (string, []byte, bool) {
	for i := 0; i < len(body); {
		end := bytes.IndexByte(body[i:], '\n')
		next := len(body)
		if end >= 0 {
			next = i + end + 1
		}
		line := bytes.TrimRight(body[i:next], "\r\n")
		if len(bytes.TrimSpace(line)) == 0 {
			i = next
			continue
		}
		title, ok := atxHeading1(line)
		if !ok {
			return "", body, false
		}
		rest := make([]byte, 0, len(body))
		rest = append(rest, body[:i]...)
		rest = append(rest, '\n')
		rest = append(rest, body[next:]...)
		return title, rest, true
	}
	return "", body, false
}

// atxHeading1 returns the text of line if it is a non-empty level-one ATX
// heading.
func atxHeading1(line []byte) (string, bool) {
	indent := len(line) - len(bytes.TrimLeft(line, " "))
	if indent > 3 {
		return "", false
	}
	line = line[indent:]
	if len(line) < 2 || line[0] != '#' || (line[1] != ' ' && line[1] != '\t') {
		return "", false
	}
	text := bytes.Trim(line[2:], " \t")
	// A closing run of #s counts only after a space: "# C#" is about C#.
	if t := bytes.TrimRight(text, "#"); len(t) == 0 {
		text = t
	} else if c := t[len(t)-1]; c == ' ' || c == '\t' {
		text = bytes.TrimRight(t, " \t")
	}
	return string(text), len(text) > 0
}

// titleFromSlug makes a title of a slug: hyphens and underscores become
// spaces and the first letter is upper-cased ("über-uns" -> "Über uns").
func titleFromSlug(slug string) string {
	title := strings.Join(strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' }), " ")
	r, size := utf8.DecodeRuneInString(title)
	if r == utf8.RuneError {
		return title // empty, or not UTF-8: leave it as it is
	}
	return string(unicode.ToTitle(r)) + title[size:]
}
