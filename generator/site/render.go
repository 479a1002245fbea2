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
	"strings"
	"sync"
	"sync/atomic"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/feeds"
	"github.com/accruehq/accrue/generator/internal/safelink"
	"github.com/accruehq/accrue/generator/pages"
	"github.com/accruehq/accrue/generator/theme"
	"golang.org/x/sync/errgroup"
)

// add plans o, whose inputs key fingerprints.
func (b *builder) add(o pages.Output, key uint64) {
	o.Key = key
	b.outputs = append(b.outputs, o)
}

// addGlobal plans o, a file that depends on the site as a whole.
func (b *builder) addGlobal(o pages.Output) { b.add(o, b.global) }

// addFresh plans o, a file that is produced again by every build: a copy
// of a static file or resource, cheap and read straight from its source,
// or a file that reads the whole ledger, which no key covers.
func (b *builder) addFresh(o pages.Output) {
	o.Fresh = true
	b.outputs = append(b.outputs, o)
}

// reusable says whether o may be taken from an earlier build whose key
// for it is the same.
func (b *builder) reusable(o *pages.Output) bool { return b.keyed && !o.Fresh }

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
	b.feedBuilds = map[*pages.Feed]*feedBuild{}
	b.planPages()
	for _, o := range b.site.Lists(b.home) {
		b.addGlobal(o)
	}
	b.planFeeds()
	b.planFiles()
	b.planSearch()
	b.planCommunity()
	return append(b.planDiags, pages.CheckDuplicates(b.outputs)...)
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
			paths[i] = o.Path
		}
		f.MakeFolders(paths)
	}
	if !b.dev {
		// The link graph is built: a one-shot build needs the links no more,
		// and memory peaks from here on, while every body is still held.
		for _, p := range append(append([]*pages.Page(nil), b.posts...), b.pages...) {
			b.state(p).doc.render.Links = nil
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
	for i := range b.outputs {
		o := &b.outputs[i]
		reusable := b.reusable(o)
		if data, ok := b.last.output(o.Path, o.Key); ok && reusable {
			if err := w.WriteFile(o.Path, data); err != nil {
				return diags, err
			}
			continue
		}
		recording := recordingW && reusable
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			if recording && rw.Reuse(o.Path, o.Key) {
				reused.Add(1)
				writing.step()
				return nil
			}
			rendered.Add(1)
			data, err := b.make(o)
			if err != nil {
				var de *diag.Error
				if !errors.As(err, &de) {
					de = diag.Errorf(diag.Pos{File: o.Origin}, "%v", err)
				} else if de.Pos.File == "" {
					de.Pos.File = o.Origin
				}
				perOut[i] = de
				return nil
			}
			if recording {
				err = rw.WriteKeyed(o.Path, o.Key, data)
			} else {
				err = w.WriteFile(o.Path, data)
			}
			if err != nil {
				once.Do(func() { writeErr = fmt.Errorf("writing %s: %w", o.Path, err) })
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

// make makes the file o plans.
func (b *builder) make(o *pages.Output) ([]byte, error) {
	switch o.Make {
	case pages.Layout:
		if st := b.state(o.Page); st != nil {
			return b.documentPage(o, st)
		}
		return b.execute(o.Layout, o.Page)
	case pages.Copy:
		return fs.ReadFile(b.src, o.Source)
	case pages.Static:
		return theme.ReadStatic(*o.Static)
	case pages.FeedFile:
		return b.feedBuilds[o.Feed].file(b, o.Feed, o.Format)
	case pages.SearchIndex:
		return b.search.plan.file(o.Shard), nil
	case pages.Community:
		return b.communityPage(o.Page)
	case pages.Sitemap:
		return b.sitemap()
	case pages.Robots:
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + b.absURL("/sitemap.xml") + "\n"), nil
	case pages.SyntaxCSS:
		css, err := theme.SyntaxCSS(b.cfg.Highlight.Style, b.cfg.Highlight.DarkStyle)
		if err != nil {
			return nil, diag.Errorf(b.cfg.Positions["highlight"], "%v", err)
		}
		return css, nil
	case pages.Report:
		return b.publishedReport()
	}
	return nil, fmt.Errorf("no way to make %s", o.Path)
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// execute renders one page with its layout.
func (b *builder) execute(kind theme.Kind, p *pages.Page) ([]byte, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := b.theme.Execute(buf, kind, p); err != nil {
		return nil, err
	}
	return b.prefix.html(append([]byte(nil), buf.Bytes()...)), nil
}

// documentPage renders the page of a post or standalone page, whose
// state is st: its body is read for it (and the search index) and then
// released, unless a feed needs it.
func (b *builder) documentPage(o *pages.Output, st *pageState) ([]byte, error) {
	body := st.body
	if !b.dev {
		defer body.release()
	}
	if o.Layout == theme.KindPost && b.cfg.Search.Enabled {
		if !b.dev && !body.held() {
			// A body left in the render cache is read once for the
			// page and the index, then released.
			body.hold(body.HTML())
		}
		defer b.searchBody(o.Page) // before the body is released
	}
	return b.execute(o.Layout, o.Page)
}

// planPage plans p's own page, in its output folder: p.URL may be
// percent-encoded where the folder's name is not.
func (b *builder) planPage(p *pages.Page, kind theme.Kind) {
	b.add(pages.Output{Path: path.Join(p.Dir, "index.html"), Origin: p.File, Layout: kind, Page: p}, b.key(p))
}

func (b *builder) planPages() {
	for _, p := range append(append([]*pages.Page(nil), b.posts...), b.pages...) {
		kind := theme.KindPost
		if p.Kind == "page" {
			kind = theme.KindPage
		}
		p.Feeds = b.site.Feeds
		b.planPage(p, kind)
		doc := b.state(p).doc.doc
		for _, res := range doc.Resources {
			src := path.Join(doc.Folder, res)
			if err := safelink.Check(b.src, src); err != nil {
				b.planDiags.Add(diag.Warnf(diag.Pos{File: src}, "not copied: %v", err))
				continue
			}
			b.addFresh(pages.Output{Path: path.Join(p.Dir, res), Origin: src, Make: pages.Copy, Source: src})
		}
		for _, alias := range append(slices.Clone(doc.Aliases), b.oldURLs(doc)...) {
			b.addGlobal(pages.Alias(alias, p))
		}
	}
}

func (b *builder) planFeeds() {
	for _, f := range b.site.AllFeeds(b.cfg.FeedSize) {
		b.planFeed(f)
	}
}

// planFeedsShowing plans again the feeds whose items include a post for
// which show is true.
func (b *builder) planFeedsShowing(show func(*pages.Page) bool) {
	for _, f := range b.site.AllFeeds(b.cfg.FeedSize) {
		if slices.ContainsFunc(f.Posts, show) {
			b.planFeed(f)
		}
	}
}

// planFeed plans f's RSS, Atom and JSON files, made together once.
func (b *builder) planFeed(f *pages.Feed) {
	b.feedBuilds[f] = &feedBuild{}
	key := b.feedKey(f.Posts)
	for _, o := range pages.PlanFeed(f) {
		b.add(o, key)
	}
	b.stats.Feeds += len(pages.FeedFormats)
}

// feedBuild makes a feed's three files once, for the first of them to be
// written.
type feedBuild struct {
	once  sync.Once
	built feeds.Feeds
	err   error
}

// file returns f's file in format, building the feed the first time.
func (fb *feedBuild) file(b *builder, f *pages.Feed, format string) ([]byte, error) {
	fb.once.Do(func() { fb.built, fb.err = b.buildFeed(f) })
	switch format {
	case "atom.xml":
		return fb.built.Atom, fb.err
	case "feed.json":
		return fb.built.JSON, fb.err
	}
	return fb.built.RSS, fb.err
}

// buildFeed writes f in every format.
func (b *builder) buildFeed(f *pages.Feed) (feeds.Feeds, error) {
	items := make([]feeds.Item, len(f.Posts))
	for i, p := range f.Posts {
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
	if f.Dir != "" {
		base = "/" + f.Dir + "/"
	}
	return feeds.Build(feeds.Meta{
		Title: f.Title, Link: f.Link, Description: b.cfg.Description, Author: b.cfg.Author,
		AuthorURL: b.cfg.AuthorURL, AuthorEmail: b.cfg.AuthorEmail, Language: b.cfg.Language, FeedURL: b.absURL(base + "feed.json"),
	}, items)
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
		b.addFresh(pages.Output{Path: f.Path, Origin: path.Join(f.Layer.Name, f.Src), Make: pages.Static, Static: &f})
	}
	b.addFresh(pages.Output{Path: "css/syntax.css", Origin: "highlight style in accrue.toml", Make: pages.SyntaxCSS})
	if b.cfg.Report.Publish {
		// Made afresh by every build: it reads the whole ledger, which no
		// page key covers.
		b.addFresh(pages.Output{Path: ReportPath, Origin: "[report] publish in accrue.toml", Make: pages.Report})
	}
	b.addGlobal(pages.Output{Path: "sitemap.xml", Origin: "sitemap", Make: pages.Sitemap})
	b.addGlobal(pages.Output{Path: "robots.txt", Origin: "robots.txt", Make: pages.Robots})
}

func (b *builder) sitemap() ([]byte, error) {
	type entry struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod,omitempty"`
	}
	var entries []entry
	add := func(u string, p *pages.Page) {
		e := entry{Loc: b.absURL(u)}
		if p != nil && !p.Lastmod().IsZero() {
			e.Lastmod = p.Lastmod().UTC().Format("2006-01-02T15:04:05Z")
		}
		entries = append(entries, e)
	}
	var newest *pages.Page
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
	for _, terms := range [][]*pages.Term{b.site.Tags, b.site.Categories, b.site.Series} {
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
