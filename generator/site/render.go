package site

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/feeds"
	"github.com/accruehq/accrue/generator/internal/safelink"
	"github.com/accruehq/accrue/generator/theme"
	"golang.org/x/sync/errgroup"
)

// output is one file to write. origin names what produces it, for the
// duplicate-URL error. key fingerprints every input of the file, for the
// dev server: an output whose key did not change since the previous build
// is not rendered again.
type output struct {
	path     string
	origin   string
	gen      func() ([]byte, error)
	key      uint64
	reusable bool
}

// add plans a file that depends on the site as a whole.
func (b *builder) add(p, origin string, gen func() ([]byte, error)) {
	b.addKeyed(p, origin, b.global, gen)
}

// addKeyed plans a file whose inputs key fingerprints.
func (b *builder) addKeyed(p, origin string, key uint64, gen func() ([]byte, error)) {
	b.outputs = append(b.outputs, output{path: p, origin: origin, gen: gen, key: key, reusable: b.keyed})
}

// addFresh plans a file that is produced again by every build: a copy of
// a static file or resource, cheap and read straight from its source.
func (b *builder) addFresh(p, origin string, gen func() ([]byte, error)) {
	b.outputs = append(b.outputs, output{path: p, origin: origin, gen: gen})
}

// plan plans every output file and checks that no two claim the same
// path. Nothing is rendered yet: an output is its path, what makes it
// and, for the dev server, the key of its inputs.
func (b *builder) plan() diag.List {
	var seed uint64
	if b.keyed && !b.dev {
		// Kept between builds by a recording writer: the key must also
		// tell what the dev server starts over for. Without a seed no
		// key can be trusted by a later build: nothing is reused.
		var ok bool
		seed, ok = b.seed()
		b.keyed = ok
	}
	if b.keyed {
		b.global = mix(b.globalKey(), seed)
	}
	b.planPages()
	b.planLists()
	b.planFeeds()
	b.planFiles()
	b.planSearch()
	b.planCommunity()
	return append(b.planDiags, b.checkDuplicates()...)
}

// render renders and writes the planned outputs, once the accounts are
// open: post pages show who references them and their counts.
func (b *builder) render(ctx context.Context, w Writer) (diag.List, error) {
	// Every output is planned: the links that name one are known. The
	// dev server's fast path renders again with this builder, and so
	// with the whole site's outputs.
	b.prefix = newPrefixer(b.cfg.BasePath(), b.outputs)
	if f, ok := w.(folderMaker); ok {
		paths := make([]string, len(b.outputs))
		for i, o := range b.outputs {
			paths[i] = o.path
		}
		f.MakeFolders(paths)
	}
	if !b.dev {
		// The link graph is built: a one-shot build needs the links no more,
		// and memory peaks from here on, while every body is still held.
		for _, p := range append(append([]*Page(nil), b.posts...), b.pages...) {
			p.doc.render.Links = nil
		}
	}
	rdiags, err := b.renderPlanned(ctx, w)
	b.bodyMu.Lock()
	rdiags = append(rdiags, b.bodyErrs...)
	b.bodyMu.Unlock()
	return rdiags, err
}

// recordingWriter is a Writer that keeps a record of the keys its files
// were rendered with, and holds the files of an earlier build it kept a
// record of (output.DirWriter with Options.Record): Reuse puts such a file
// in place when its key is the same, and false means render it.
type recordingWriter interface {
	Writer
	Records() bool
	Reuse(path string, key uint64) bool
	WriteKeyed(path string, key uint64, data []byte) error
}

// renderPlanned renders and writes the planned outputs in parallel. A
// keyed output whose key the last build (the dev server's) or the
// writer's record has is taken from there instead.
func (b *builder) renderPlanned(ctx context.Context, w Writer) (diag.List, error) {
	var diags diag.List
	perOut := make([]*diag.Error, len(b.outputs))
	g, gctx := errgroup.WithContext(ctx)
	// Tasks block in file system calls; more tasks than processors keep
	// the processors busy meanwhile.
	g.SetLimit(4 * runtime.GOMAXPROCS(0))
	var writeErr error
	var once sync.Once
	var rendered, reused atomic.Int64
	writing := b.progress("writing", len(b.outputs))
	rw, recordingW := w.(recordingWriter)
	recordingW = recordingW && rw.Records()
	for i, o := range b.outputs {
		if data, ok := b.last.output(o); ok {
			if err := w.WriteFile(o.path, data); err != nil {
				return diags, err
			}
			continue
		}
		recording := recordingW && o.reusable
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			if recording && rw.Reuse(o.path, o.key) {
				reused.Add(1)
				writing.step()
				return nil
			}
			rendered.Add(1)
			data, err := o.gen()
			if err != nil {
				var de *diag.Error
				if !errors.As(err, &de) {
					de = diag.Errorf(diag.Pos{File: o.origin}, "%v", err)
				} else if de.Pos.File == "" {
					de.Pos.File = o.origin
				}
				perOut[i] = de
				return nil
			}
			if recording {
				err = rw.WriteKeyed(o.path, o.key, data)
			} else {
				err = w.WriteFile(o.path, data)
			}
			if err != nil {
				once.Do(func() { writeErr = fmt.Errorf("writing %s: %w", o.path, err) })
				return writeErr
			}
			writing.step()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return diags, err
	}
	seen := map[string]bool{}
	for _, d := range perOut {
		// A template error repeats for every page using the layout; say it once.
		if d != nil && !seen[d.Error()] {
			seen[d.Error()] = true
			diags.Add(d)
		}
	}
	b.stats.Posts, b.stats.Pages, b.stats.Files = len(b.posts), len(b.pages), len(b.outputs)
	b.stats.Rendered, b.stats.Reused = int(rendered.Load()), int(reused.Load())
	return diags, writeErr
}

func (b *builder) checkDuplicates() diag.List {
	var diags diag.List
	first := map[string]string{}
	for _, o := range b.outputs {
		if prev, dup := first[o.path]; dup {
			diags.Add(diag.Errorf(diag.Pos{File: o.origin}, "writes %s, which %s also writes; change a slug, permalink or alias", o.path, prev))
			continue
		}
		first[o.path] = o.origin
	}
	return diags
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// execute renders one page with its layout.
func (b *builder) execute(kind theme.Kind, p *Page) ([]byte, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := b.theme.Execute(buf, kind, p); err != nil {
		return nil, err
	}
	return b.prefix.html(append([]byte(nil), buf.Bytes()...)), nil
}

// indexPath is the file that serves a pretty URL.
func indexPath(u string) string {
	return strings.TrimPrefix(path.Join(u, "index.html"), "/")
}

// planPage plans p's own page, in its output folder: p.URL may be
// percent-encoded where the folder's name is not.
func (b *builder) planPage(p *Page, kind theme.Kind) {
	b.addKeyed(path.Join(p.outputDir, "index.html"), p.File, b.key(p), func() ([]byte, error) {
		if !b.dev {
			defer p.releaseContent()
		}
		if kind == theme.KindPost && b.cfg.Search.Enabled {
			if !b.dev && p.content.Load() == nil {
				// A body left in the render cache is read once for the
				// page and the index, then released.
				html := p.Content()
				p.content.Store(&html)
			}
			defer b.searchBody(p) // before the body is released
		}
		return b.execute(kind, p)
	})
}

func (b *builder) planPages() {
	for _, p := range append(append([]*Page(nil), b.posts...), b.pages...) {
		kind := theme.KindPost
		if p.Kind == "page" {
			kind = theme.KindPage
		}
		p.Feeds = b.site.Feeds
		b.planPage(p, kind)
		doc := p.doc.doc
		for _, res := range doc.Resources {
			src := path.Join(doc.Folder, res)
			if err := safelink.Check(b.src, src); err != nil {
				b.planDiags.Add(diag.Warnf(diag.Pos{File: src}, "not copied: %v", err))
				continue
			}
			b.addFresh(path.Join(p.outputDir, res), src, func() ([]byte, error) { return fs.ReadFile(b.src, src) })
		}
		for _, alias := range append(slices.Clone(doc.Aliases), b.oldURLs(doc)...) {
			b.planAlias(alias, p)
		}
	}
}

func (b *builder) planAlias(alias string, target *Page) {
	u := "/" + strings.Trim(path.Clean("/"+alias), "/")
	out := indexPath(u)
	if strings.HasSuffix(u, ".html") || strings.HasSuffix(u, ".htm") {
		out = strings.TrimPrefix(u, "/")
	}
	data := &Page{Site: b.site, Kind: "alias", Title: target.Title, URL: target.URL, Permalink: target.Permalink}
	b.add(out, target.File, func() ([]byte, error) { return b.execute(theme.KindAlias, data) })
}

// paginate splits posts into pages of the configured size, the first at
// base and the rest at base/page/N/. An empty list still gets one page.
func (b *builder) paginate(posts []*Page, base string) []*Pager {
	size := b.cfg.Paginate
	n := max(1, (len(posts)+size-1)/size)
	urls := make([]string, n)
	for i := range urls {
		urls[i] = base
		if i > 0 {
			urls[i] = base + "page/" + strconv.Itoa(i+1) + "/"
		}
	}
	pagers := make([]*Pager, n)
	for i := range pagers {
		lo, hi := i*size, min((i+1)*size, len(posts))
		pg := &Pager{Posts: posts[lo:hi], Number: i + 1, Total: n, URLs: urls}
		if i > 0 {
			pg.PrevURL = urls[i-1]
		}
		if i+1 < n {
			pg.NextURL = urls[i+1]
		}
		pagers[i] = pg
	}
	return pagers
}

func (b *builder) planLists() {
	intro := b.home
	for _, pg := range b.paginate(b.posts, "/") {
		p := &Page{Site: b.site, Kind: "home", Title: b.cfg.Title, URL: pg.URLs[pg.Number-1], Pager: pg,
			Description: b.cfg.Description, Feeds: b.site.Feeds}
		if intro != nil && pg.Number == 1 {
			p.Intro = intro.Intro
		}
		p.Permalink = b.absURL(p.URL)
		b.add(indexPath(p.URL), "home page", func() ([]byte, error) { return b.execute(theme.KindHome, p) })
	}
	archive := &Page{Site: b.site, Kind: "archive", Title: "Archive", URL: "/archive/", Feeds: b.site.Feeds,
		Description: "Every post on " + b.cfg.Title + ", by year."}
	archive.Permalink = b.absURL(archive.URL)
	for _, p := range b.posts {
		if n := len(archive.Years); n == 0 || archive.Years[n-1].Year != p.Date.Year() {
			archive.Years = append(archive.Years, Year{Year: p.Date.Year()})
		}
		y := &archive.Years[len(archive.Years)-1]
		y.Posts = append(y.Posts, p)
	}
	b.add("archive/index.html", "archive page", func() ([]byte, error) { return b.execute(theme.KindArchive, archive) })
	for _, tax := range []struct {
		name, title string
		terms       []*Term
	}{{"tags", "Tags", b.site.Tags}, {"categories", "Categories", b.site.Categories}, {"series", "Series", b.site.Series}} {
		if len(tax.terms) == 0 {
			continue
		}
		list := &Page{Site: b.site, Kind: "terms", Title: tax.title, URL: "/" + tax.name + "/", Terms: tax.terms, Feeds: b.site.Feeds,
			Description: tax.title + " on " + b.cfg.Title + "."}
		list.Permalink = b.absURL(list.URL)
		b.add(indexPath(list.URL), tax.name+" index", func() ([]byte, error) { return b.execute(theme.KindTerms, list) })
		for _, t := range tax.terms {
			var termFeeds []FeedLink
			if tax.name == "tags" {
				termFeeds = append(b.feedLinks(strings.Trim(t.URL, "/"), b.cfg.Title+": "+t.Name), b.site.Feeds...)
			}
			for _, pg := range b.paginate(t.Posts, t.URL) {
				p := &Page{Site: b.site, Kind: "term", Title: t.Name, URL: pg.URLs[pg.Number-1], Pager: pg, Term: t,
					Feeds: termFeeds, Description: fmt.Sprintf("Posts about %s on %s.", t.Name, b.cfg.Title)}
				if p.Feeds == nil {
					p.Feeds = b.site.Feeds
				}
				p.Permalink = b.absURL(p.URL)
				b.add(indexPath(p.URL), tax.name+" "+t.Name, func() ([]byte, error) { return b.execute(theme.KindTerm, p) })
			}
		}
	}
	notFound := &Page{Site: b.site, Kind: "404", Title: "Page not found", URL: "/404.html", Feeds: b.site.Feeds}
	notFound.Permalink = b.absURL(notFound.URL)
	b.add("404.html", "404 page", func() ([]byte, error) { return b.execute(theme.KindNotFound, notFound) })
}

func (b *builder) planFeeds() {
	b.planFeed("", b.cfg.Title, b.absURL("/"), b.posts)
	for _, t := range b.site.Tags {
		b.planTagFeed(t)
	}
}

func (b *builder) planTagFeed(t *Term) {
	b.planFeed(strings.Trim(t.URL, "/"), b.cfg.Title+": "+t.Name, b.absURL(t.URL), t.Posts)
}

// planFeedsShowing plans again the feeds whose items include a post for
// which show is true.
func (b *builder) planFeedsShowing(show func(*Page) bool) {
	shows := func(posts []*Page) bool { return slices.ContainsFunc(posts[:min(len(posts), b.cfg.FeedSize)], show) }
	if shows(b.posts) {
		b.planFeed("", b.cfg.Title, b.absURL("/"), b.posts)
	}
	for _, t := range b.site.Tags {
		if shows(t.Posts) {
			b.planTagFeed(t)
		}
	}
}

// planFeed plans RSS, Atom and JSON feeds of the newest posts under dir.
func (b *builder) planFeed(dir, title, link string, posts []*Page) {
	posts = posts[:min(len(posts), b.cfg.FeedSize)]
	var once sync.Once
	var built feeds.Feeds
	var err error
	build := func() {
		items := make([]feeds.Item, len(posts))
		for i, p := range posts {
			items[i] = feeds.Item{
				Title:     p.Title,
				Link:      p.Permalink,
				Summary:   p.Description,
				Content:   absolutize(string(b.prefix.html([]byte(p.Content()))), p.Permalink),
				Published: p.Date,
				Author:    p.Author,
			}
			if p.HasUpdate() {
				items[i].Updated = p.Updated
			}
			for _, t := range p.Tags {
				items[i].Tags = append(items[i].Tags, t.Name)
			}
		}
		base := "/"
		if dir != "" {
			base = "/" + dir + "/"
		}
		built, err = feeds.Build(feeds.Meta{
			Title: title, Link: link, Description: b.cfg.Description, Author: b.cfg.Author,
			AuthorURL: b.cfg.AuthorURL, AuthorEmail: b.cfg.AuthorEmail, Language: b.cfg.Language, FeedURL: b.absURL(base + "feed.json"),
		}, items)
	}
	origin := "feed " + title
	key := b.feedKey(posts)
	for _, f := range []struct {
		name string
		pick func() []byte
	}{
		{"index.xml", func() []byte { return built.RSS }},
		{"atom.xml", func() []byte { return built.Atom }},
		{"feed.json", func() []byte { return built.JSON }},
	} {
		name, pick := f.name, f.pick
		b.addKeyed(path.Join(dir, name), origin, key, func() ([]byte, error) {
			once.Do(build)
			return pick(), err
		})
		b.stats.Feeds++
	}
}

// attrURL matches the URL attributes goldmark writes, always double-quoted.
var attrURL = regexp.MustCompile(`(\s(?:href|src)=")([^"]*)(")`)

// absolutize makes every link and image URL in html absolute, resolved
// against the page it was written for: feed readers show content away
// from the site. Given a site path as pageURL, it makes relative URLs
// site-relative instead, for HTML shown on another page of the site. A post is in a feed per tag, so this runs often: one
// pass of the pattern, and URLs already absolute are left unparsed.
func absolutize(html, pageURL string) string {
	base, err := url.Parse(pageURL)
	if err != nil {
		return html
	}
	matches := attrURL.FindAllStringSubmatchIndex(html, -1)
	if matches == nil {
		return html
	}
	var b strings.Builder
	b.Grow(len(html) + len(matches)*len(pageURL))
	last := 0
	for _, m := range matches {
		start, end := m[4], m[5] // the URL, between the quotes
		b.WriteString(html[last:start])
		b.WriteString(absoluteAttr(html[start:end], pageURL, base))
		last = end
	}
	b.WriteString(html[last:])
	return b.String()
}

// absoluteAttr is attr, an HTML-escaped URL of the page at pageURL
// (parsed as base), made absolute.
func absoluteAttr(attr, pageURL string, base *url.URL) string {
	if strings.HasPrefix(attr, "#") {
		return pageURL + attr
	}
	if strings.HasPrefix(attr, "https://") || strings.HasPrefix(attr, "http://") {
		return attr
	}
	u, err := url.Parse(strings.ReplaceAll(attr, "&amp;", "&"))
	if err != nil || u.IsAbs() {
		return attr
	}
	return strings.ReplaceAll(base.ResolveReference(u).String(), "&", "&amp;")
}

func (b *builder) planFiles() {
	for _, f := range b.theme.Static() {
		if err := safelink.Check(f.Layer.FS, f.Src); err != nil {
			b.planDiags.Add(diag.Warnf(diag.Pos{File: path.Join(f.Layer.Name, f.Src)}, "not copied: %v", err))
			continue
		}
		b.addFresh(f.Path, path.Join(f.Layer.Name, f.Src), func() ([]byte, error) { return theme.ReadStatic(f) })
	}
	b.addFresh("css/syntax.css", "highlight style in accrue.toml", func() ([]byte, error) {
		css, err := theme.SyntaxCSS(b.cfg.Highlight.Style, b.cfg.Highlight.DarkStyle)
		if err != nil {
			return nil, diag.Errorf(b.cfg.Positions["highlight"], "%v", err)
		}
		return css, nil
	})
	if b.cfg.Report.Publish {
		// Made afresh by every build: it reads the whole ledger, which no
		// page key covers.
		b.addFresh(ReportPath, "[report] publish in accrue.toml", b.publishedReport)
	}
	b.add("sitemap.xml", "sitemap", b.sitemap)
	b.add("robots.txt", "robots.txt", func() ([]byte, error) {
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + b.absURL("/sitemap.xml") + "\n"), nil
	})
}

func (b *builder) sitemap() ([]byte, error) {
	type entry struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod,omitempty"`
	}
	var entries []entry
	add := func(u string, p *Page) {
		e := entry{Loc: b.absURL(u)}
		if p != nil && !p.Lastmod().IsZero() {
			e.Lastmod = p.Lastmod().UTC().Format("2006-01-02T15:04:05Z")
		}
		entries = append(entries, e)
	}
	var newest *Page
	if len(b.posts) > 0 {
		newest = b.posts[0]
	}
	add("/", newest)
	add("/archive/", newest)
	for _, p := range b.posts {
		add(p.URL, p)
	}
	for _, p := range b.pages {
		add(p.URL, p)
	}
	for _, terms := range [][]*Term{b.site.Tags, b.site.Categories, b.site.Series} {
		for _, t := range terms {
			newest := t.Posts[0]
			for _, p := range t.Posts {
				if p.Lastmod().After(newest.Lastmod()) {
					newest = p
				}
			}
			add(t.URL, newest)
		}
	}
	sort.SliceStable(entries[2:], func(i, j int) bool { return entries[2+i].Loc < entries[2+j].Loc })
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	enc := xml.NewEncoder(&buf)
	enc.Indent("  ", "  ")
	for _, e := range entries {
		if err := enc.EncodeElement(e, xml.StartElement{Name: xml.Name{Local: "url"}}); err != nil {
			return nil, err
		}
	}
	if err := enc.Flush(); err != nil {
		return nil, err
	}
	buf.WriteString("\n</urlset>\n")
	return buf.Bytes(), nil
}
