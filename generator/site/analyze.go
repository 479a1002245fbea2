package site

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/markdown"
	"github.com/accruehq/accrue/generator/pages"
	"golang.org/x/text/unicode/norm"
)

// analyze turns loaded documents into the page model: it drops drafts and
// future posts, assigns URLs, sorts, links neighbours and groups terms.
// It is serial and cheap.
func (b *builder) analyze(docs []*docResult) diag.List {
	var diags diag.List
	cfg := b.cfg
	b.site = &pages.Site{
		Title:       cfg.Title,
		Description: cfg.Description,
		BaseURL:     cfg.BaseURL,
		Language:    cfg.Language,
		Author:      cfg.Author,
		AuthorURL:   cfg.AuthorURL,
		Config:      cfg,
	}
	b.site.Webmention, b.site.Pingback = webmentionEndpoints(cfg)
	b.pageStates = make(map[*pages.Page]*pageState, len(docs))
	for _, d := range docs {
		doc := d.doc
		if doc.Source.Folder == content.Dir {
			b.home = &pages.Page{Intro: b.html(d)}
			continue
		}
		if !published(doc, b.opts) {
			continue
		}
		p, st := b.newPage(d)
		b.pageStates[p] = st
		if doc.Kind == content.KindPost {
			b.posts = append(b.posts, p)
		} else {
			b.pages = append(b.pages, p)
		}
	}
	diags = append(diags, checkURLFolds(append(append([]*pages.Page(nil), b.posts...), b.pages...))...)
	sort.SliceStable(b.posts, func(i, j int) bool {
		a, c := b.posts[i], b.posts[j]
		if !a.Date.Equal(c.Date) {
			return a.Date.After(c.Date)
		}
		return b.state(a).doc.doc.Slug < b.state(c).doc.doc.Slug
	})
	sort.SliceStable(b.pages, func(i, j int) bool { return b.pages[i].Title < b.pages[j].Title })
	for i, p := range b.posts {
		if i > 0 {
			p.Next = b.posts[i-1]
		}
		if i+1 < len(b.posts) {
			p.Prev = b.posts[i+1]
		}
	}
	b.site.Posts, b.site.Pages = b.posts, b.pages
	if len(b.posts) > 0 {
		b.site.Year = b.posts[0].Date.Year()
	}
	b.site.Tags = b.taxonomy(taxTags, func(p *pages.Page, t []*pages.Term) { p.Tags = t })
	b.site.Categories = b.taxonomy(taxCategories, func(p *pages.Page, t []*pages.Term) { p.Categories = t })
	b.site.Series = b.taxonomy(taxSeries, func(p *pages.Page, t []*pages.Term) { p.Series = t })
	for _, s := range b.site.Series {
		// A series reads in order, oldest first.
		for i, j := 0, len(s.Posts)-1; i < j; i, j = i+1, j-1 {
			s.Posts[i], s.Posts[j] = s.Posts[j], s.Posts[i]
		}
		for i, p := range s.Posts {
			if p.SeriesNav == nil {
				p.SeriesNav = &pages.SeriesNav{Term: s, Index: i + 1, Total: len(s.Posts)}
			}
		}
	}
	b.site.Menu = append(b.site.Menu, pages.MenuItem{Name: "Archive", URL: "/archive/"})
	if len(b.site.Tags) > 0 {
		b.site.Menu = append(b.site.Menu, pages.MenuItem{Name: "Tags", URL: "/tags/"})
	}
	for _, p := range b.pages {
		b.site.Menu = append(b.site.Menu, pages.MenuItem{Name: p.Title, URL: p.URL})
	}
	if cfg.Community.Enabled {
		b.site.Menu = append(b.site.Menu, pages.MenuItem{Name: "Community", URL: communityURL})
	}
	b.site.Feeds = b.site.FeedLinks("", cfg.Title)
	for _, posts := range append([][]*pages.Page{b.posts}, termPosts(b.site.Tags)...) {
		for _, p := range posts[:min(len(posts), cfg.FeedSize)] {
			b.state(p).body.keep = true
		}
	}
	for _, p := range append(append([]*pages.Page(nil), b.posts...), b.pages...) {
		if p.Image != "" {
			p.Image = b.absURL(resolve(p.URL, p.Image))
		}
	}
	return append(diags, b.linkRefs(docs)...)
}

func termPosts(terms []*pages.Term) [][]*pages.Page {
	out := make([][]*pages.Page, len(terms))
	for i, t := range terms {
		out[i] = t.Posts
	}
	return out
}

// html is d's rendered body: kept from loading, else read from the
// render cache, else rendered again.
func (b *builder) html(d *docResult) template.HTML {
	if !d.body.Cached() {
		return d.render.HTML
	}
	return b.rerender(d)
}

// rerender reads d's body from the render cache or, failing that, renders
// it again from its file, for Page.Content after the first rendering was
// released (or left in the cache). A body that cannot be had as it was
// loaded (the file is gone or changed since) fails the build: a page is
// never written without its body or with another version of it.
func (b *builder) rerender(d *docResult) template.HTML {
	if d.body.Cached() {
		if html, err := d.body.Load(); err == nil {
			return html
		}
	}
	doc := d.doc
	src, err := fs.ReadFile(b.src, doc.Path)
	if err == nil && checksum(src) != d.sum {
		err = errors.New("the file changed during the build; build again")
	}
	var again *content.Doc
	if err == nil {
		again, _ = b.read.Read(doc.Source, src) // it read cleanly before
		if again == nil {
			err = errors.New("the file no longer reads")
		}
	}
	var r *markdown.Result
	if err == nil {
		r, err = b.md.Render(b.rewrite(again, again.Body).Markdown)
	}
	if err != nil {
		b.bodyMu.Lock()
		if !slices.ContainsFunc(b.bodyErrs, func(e *diag.Error) bool { return e.Pos.File == doc.Path }) {
			b.bodyErrs.Add(diag.Errorf(diag.Pos{File: doc.Path}, "reading the rendered body again: %v", err))
		}
		b.bodyMu.Unlock()
		return ""
	}
	return r.HTML
}

// summaryHTML renders a front matter summary, which may use inline
// Markdown ("a *short* note"), as Hugo users expect. Plain text, the usual
// case, skips the renderer.
func (b *builder) summaryHTML(summary string) template.HTML {
	if strings.ContainsAny(summary, "*_`[<&\\!") {
		if r, err := b.md.Render([]byte(summary)); err == nil && strings.HasPrefix(string(r.HTML), "<p>") {
			return template.HTML(strings.TrimSpace(string(r.HTML)))
		}
	}
	return template.HTML("<p>" + template.HTMLEscapeString(summary) + "</p>")
}

// excerptHTML renders the Markdown before a post's excerpt_separator as
// its summary. A body that rendered once renders again; should it not,
// the summary is the first paragraph as usual.
func (b *builder) excerptHTML(md string) template.HTML {
	r, err := b.md.Render([]byte(md))
	if err != nil {
		return ""
	}
	return template.HTML(strings.TrimSpace(string(r.HTML)))
}

// newPage builds the page of a published document, with the state the
// build keeps beside it.
func (b *builder) newPage(d *docResult) (*pages.Page, *pageState) {
	doc, r := d.doc, d.render
	dv := d.derive(b)
	p := &pages.Page{
		Site:        b.site,
		Kind:        doc.Kind.String(),
		Title:       doc.Title,
		Date:        doc.Date,
		Updated:     doc.Updated,
		Summary:     dv.summary,
		Description: dv.description,
		Author:      doc.Author,
		Authors:     doc.Authors,
		Lang:        doc.Lang,
		Keywords:    doc.Keywords,
		Image:       doc.Image,
		Headings:    r.Headings,
		TOC:         dv.toc,
		ShowTOC:     doc.TOC,
		WordCount:   r.Words,
		ReadingTime: max(1, (r.Words+b.cfg.ReadingSpeed-1)/b.cfg.ReadingSpeed),
		Draft:       doc.Draft,
		Params:      doc.Params,
		Threads:     threads(doc),
		File:        doc.Path,
		URL:         dv.url,
		Permalink:   dv.permalink,
		Dir:         dv.dir,
	}
	st := &pageState{doc: d, body: &pageBody{rerender: func() template.HTML { return b.rerender(d) }}}
	p.SetBody(st.body)
	if !d.body.Cached() { // else the body waits in the render cache
		st.body.hold(r.HTML)
		if !b.dev {
			r.HTML = "" // the page owns the body now, and may release it
		}
	}
	if p.Author == "" {
		p.Author = b.cfg.Author
	}
	for _, u := range doc.Updates {
		p.Changelog = append(p.Changelog, pages.Change{Date: u.Date, Note: u.Note})
		if u.Date.After(p.Updated) {
			p.Updated = u.Date
		}
	}
	return p, st
}

// applyHistory gives pages their revisions and real updated dates, once
// git has answered.
func (b *builder) applyHistory() {
	if b.history == nil {
		return
	}
	for _, p := range append(append([]*pages.Page(nil), b.posts...), b.pages...) {
		if f := b.history.Files[p.File]; f != nil {
			p.Revisions = f.Revisions
			if n := len(f.Revisions); n > 0 && f.Revisions[n-1].Date.After(p.Updated) {
				p.Updated = f.Revisions[n-1].Date
			}
		}
	}
}

// derived holds what a page computes from its document alone. The dev
// server's builds reuse it with the document.
type derived struct {
	summary     template.HTML
	description string
	toc         template.HTML
	url         string // escaped, as links and feeds write it
	dir         string // the output folder: url unescaped, without slashes
	permalink   string
	terms       [3][]termRef // by taxTags, taxCategories, taxSeries
}

// derive computes d's derived values once; its date must be final (see
// fillDates).
func (d *docResult) derive(b *builder) *derived {
	d.deriveOnce.Do(func() {
		doc, r := d.doc, d.render
		dv := &derived{description: doc.Description}
		if !b.ledgerOnly { // the ledger shows no summaries or contents
			dv.summary, dv.toc = r.Summary, tocHTML(r.Headings)
			switch {
			case doc.Summary != "":
				dv.summary = b.summaryHTML(doc.Summary)
			case doc.Excerpt != "":
				dv.summary = b.excerptHTML(doc.Excerpt)
			}
			if dv.description == "" {
				dv.description = truncate(stripTags(string(dv.summary)), 160)
			}
		}
		dv.terms = [3][]termRef{termRefs(doc.Tags), termRefs(doc.Categories), termRefs(doc.FrontMatter.Series)}
		raw := b.permalink(doc)
		dv.url, dv.dir = content.EscapePath(raw), strings.Trim(raw, "/")
		dv.permalink = b.absURL(dv.url)
		// A summary is shown on list pages, away from the post: a bundle's
		// <img src="flow.svg"> must still find the post's folder.
		dv.summary = template.HTML(absolutize(string(dv.summary), dv.url))
		d.derived = dv
	})
	return d.derived
}

// permalink expands the configured pattern for doc. The result is the
// path as the output folder spells it; derive escapes it for links. Folder
// names go in as content.URLName makes them (content.Read warned about the
// ones it changed), so "content/my docs/a.md" is /my-docs/a/.
//
// A URL the front matter gives (Jekyll's permalink, Hugo's url, Zola's
// path) wins; a permalink's Jekyll tokens are expanded with the final
// date.
func (b *builder) permalink(doc *content.Doc) string {
	if doc.URL != "" {
		if doc.URLTokens {
			return cleanURL(jekyllPermalink(doc))
		}
		return cleanURL(doc.URL)
	}
	pattern := b.cfg.Permalinks.Posts
	if doc.Kind == content.KindPage {
		pattern = b.cfg.Permalinks.Pages
	}
	return cleanURL(expand(pattern, doc))
}

// oldURLs are the addresses permalinks.aliases (page_aliases for a
// page) give a document, such as the .html file Jekyll published it as:
// each redirects to its page.
func (b *builder) oldURLs(doc *content.Doc) []string {
	patterns := b.cfg.Permalinks.Aliases
	if doc.Kind == content.KindPage {
		patterns = b.cfg.Permalinks.PageAliases
	}
	var out []string
	for _, pattern := range patterns {
		u := path.Clean("/" + expand(pattern, doc))
		if strings.HasSuffix(pattern, "/") && u != "/" {
			u += "/"
		}
		out = append(out, u)
	}
	return out
}

// expand fills the tokens of pattern for doc.
func expand(pattern string, doc *content.Doc) string {
	rel := strings.TrimPrefix(doc.Folder, content.Dir+"/")
	dir := path.Dir(rel)
	if dir == "." {
		dir = ""
	}
	dir = urlFolders(dir)
	var u strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			u.WriteByte(pattern[i])
			continue
		}
		j := i + 1
		for j < len(pattern) && pattern[j] >= 'a' && pattern[j] <= 'z' {
			j++
		}
		switch pattern[i:j] {
		case ":year":
			fmt.Fprintf(&u, "%04d", doc.Date.Year())
		case ":month":
			fmt.Fprintf(&u, "%02d", int(doc.Date.Month()))
		case ":day":
			fmt.Fprintf(&u, "%02d", doc.Date.Day())
		case ":slug":
			u.WriteString(doc.Slug)
		case ":title":
			u.WriteString(content.Slugify(doc.Title))
		case ":section":
			u.WriteString(urlFolders(doc.Section))
		case ":path":
			u.WriteString(strings.TrimPrefix(path.Join(dir, doc.Slug), "/"))
		case ":filename":
			u.WriteString(fileName(doc))
		case ":slugortitle":
			if doc.FrontMatter.Slug != "" {
				u.WriteString(doc.Slug)
			} else {
				u.WriteString(content.Slugify(doc.Title))
			}
		case ":categories":
			u.WriteString(categoryFolders(doc))
		default: // config.CheckPermalink allows no other token
			u.WriteString(pattern[i:j])
		}
		i = j - 1
	}
	return u.String()
}

// categoryFolders are doc's categories, slugged, one folder each, as
// Jekyll's :categories writes them.
func categoryFolders(doc *content.Doc) string {
	var segs []string
	for _, c := range doc.Categories {
		if s := content.Slugify(c); s != "" {
			segs = append(segs, s)
		}
	}
	return strings.Join(segs, "/")
}

// fileName is doc's file or bundle folder name without its date prefix,
// made fit for a URL: Hugo's :filename.
func fileName(doc *content.Doc) string {
	name := path.Base(doc.Folder)
	if m := content.DatedName(name); m != "" {
		name = m
	}
	seg, _ := content.URLName(name)
	return seg
}

// cleanURL makes u a clean slash path that ends in "/" (a folder).
func cleanURL(u string) string {
	out := path.Clean("/" + u)
	if out != "/" {
		out += "/"
	}
	return out
}

// jekyllPermalink expands the Jekyll tokens of a post's own permalink
// (content checked that it holds no others). As in Jekyll, :title is the
// name from the file (the slug) and :categories the post's categories,
// slugged, one folder each.
func jekyllPermalink(doc *content.Doc) string {
	d := doc.Date
	var u strings.Builder
	p := doc.URL
	for i := 0; i < len(p); i++ {
		if p[i] != ':' {
			u.WriteByte(p[i])
			continue
		}
		j := i + 1
		for j < len(p) && (p[j] >= 'a' && p[j] <= 'z' || p[j] == '_') {
			j++
		}
		switch p[i:j] {
		case ":year":
			fmt.Fprintf(&u, "%04d", d.Year())
		case ":short_year":
			fmt.Fprintf(&u, "%02d", d.Year()%100)
		case ":month":
			fmt.Fprintf(&u, "%02d", int(d.Month()))
		case ":i_month":
			fmt.Fprintf(&u, "%d", int(d.Month()))
		case ":day":
			fmt.Fprintf(&u, "%02d", d.Day())
		case ":i_day":
			fmt.Fprintf(&u, "%d", d.Day())
		case ":hour":
			fmt.Fprintf(&u, "%02d", d.Hour())
		case ":minute":
			fmt.Fprintf(&u, "%02d", d.Minute())
		case ":second":
			fmt.Fprintf(&u, "%02d", d.Second())
		case ":title", ":slug":
			u.WriteString(doc.Slug)
		case ":categories":
			u.WriteString(categoryFolders(doc))
		default:
			u.WriteString(p[i:j])
		}
		i = j - 1
	}
	return u.String()
}

// urlFolders applies content.URLName to each folder of the slash path dir.
func urlFolders(dir string) string {
	if dir == "" {
		return ""
	}
	parts := strings.Split(dir, "/")
	for i, p := range parts {
		parts[i], _ = content.URLName(p)
	}
	return strings.Join(parts, "/")
}

// checkURLFolds reports pages whose output folders differ only in case
// ("Hello" and "hello") or in Unicode normalization (é as one character
// or as e and an accent). Linux keeps such folders apart, but macOS and
// Windows see one folder, so one page would overwrite the other there,
// or on the server the site is copied to. Pages with the very same
// folder are render's duplicate check, unless their files' names differ
// only in that way (two spellings of café.md): that is said here, since
// the paths in render's message would look alike.
func checkURLFolds(all []*pages.Page) diag.List {
	var diags diag.List
	sort.Slice(all, func(i, j int) bool { return all[i].File < all[j].File })
	first := map[string]*pages.Page{}
	for _, p := range all {
		key := foldPath(p.Dir)
		prev, dup := first[key]
		if !dup {
			first[key] = p
			continue
		}
		switch {
		case prev.Dir != p.Dir:
			diags.Add(diag.Errorf(diag.Pos{File: p.File}, "URL %s and the URL %s of %s differ only in %s; macOS and Windows see one folder, so one page would overwrite the other: rename one",
				p.URL, prev.URL, prev.File, foldDifference(prev.Dir, p.Dir)))
		case foldPath(prev.File) == foldPath(p.File):
			diags.Add(diag.Errorf(diag.Pos{File: p.File}, "this file and %s have names that differ only in %s, and both are published at %s: keep one",
				prev.File, foldDifference(prev.File, p.File), p.URL))
		}
	}
	return diags
}

// foldPath is the name a case-insensitive, normalizing file system sees.
func foldPath(p string) string { return norm.NFC.String(strings.ToLower(p)) }

// foldDifference names what sets a and b, equal under foldPath, apart.
func foldDifference(a, b string) string {
	if norm.NFC.String(a) == norm.NFC.String(b) {
		return "how accented letters are encoded (Unicode NFC and NFD)"
	}
	return "case"
}

// taxonomy groups posts by the names get returns, merging names that give
// the same slug, and stores each post's terms with set.
func (b *builder) taxonomy(tax int, set func(*pages.Page, []*pages.Term)) []*pages.Term {
	name := taxonomyNames[tax]
	bySlug := map[string]*pages.Term{}
	for _, p := range b.posts {
		refs := b.state(p).doc.derived.terms[tax]
		if len(refs) == 0 {
			continue
		}
		terms := make([]*pages.Term, len(refs))
		for i, r := range refs {
			t, ok := bySlug[r.slug]
			if !ok {
				t = &pages.Term{Name: r.name, Slug: r.slug, Taxonomy: name, URL: "/" + name + "/" + r.slug + "/"}
				bySlug[r.slug] = t
			}
			t.Posts = append(t.Posts, p)
			terms[i] = t
		}
		set(p, terms)
	}
	out := make([]*pages.Term, 0, len(bySlug))
	for _, t := range bySlug {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out
}

const (
	taxTags = iota
	taxCategories
	taxSeries
)

var taxonomyNames = [...]string{"tags", "categories", "series"}

// termRef is a term a document names, with its slug.
type termRef struct{ name, slug string }

// termRefs slugs names, dropping empty slugs and repeats: "Go" and "go"
// are one term.
func termRefs(names []string) []termRef {
	var out []termRef
	for _, n := range names {
		slug := content.Slugify(n)
		if slug != "" && !slices.ContainsFunc(out, func(r termRef) bool { return r.slug == slug }) {
			out = append(out, termRef{n, slug})
		}
	}
	return out
}

// absURL joins a site-relative URL to base_url, keeping base_url's path.
func (b *builder) absURL(u string) string { return pages.Rebase(b.cfg.BaseURL, u) }

// resolve resolves ref against the page URL dir, for relative images.
func resolve(dir, ref string) string {
	if strings.Contains(ref, "://") || strings.HasPrefix(ref, "/") {
		return ref
	}
	return path.Join(dir, ref)
}

// tocHTML renders headings of levels 2 to 4 as nested ordered lists. A
// heading that skips a level ("##" then "####") nests one level only.
func tocHTML(hs []markdown.Heading) template.HTML {
	var b strings.Builder
	var open []int // levels of the lists currently open
	for _, h := range hs {
		if h.Level < 2 || h.Level > 4 || h.ID == "" {
			continue
		}
		switch {
		case len(open) == 0 || h.Level > open[len(open)-1]:
			b.WriteString("<ol>")
			open = append(open, h.Level)
		default:
			for len(open) > 1 && h.Level < open[len(open)-1] {
				b.WriteString("</li></ol>")
				open = open[:len(open)-1]
			}
			b.WriteString("</li>")
		}
		fmt.Fprintf(&b, `<li><a href="#%s">%s</a>`, template.HTMLEscapeString(h.ID), template.HTMLEscapeString(h.Text))
	}
	for range open {
		b.WriteString("</li></ol>")
	}
	return template.HTML(b.String())
}

// stripTags returns the plain text of an HTML fragment that goldmark
// wrote, entities decoded: templates escape it again where it is used.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

func truncate(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}
