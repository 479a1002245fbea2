package site

import (
	"html/template"
	"slices"
	"strings"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/dialect"
	"github.com/accruehq/accrue/generator/pages"
)

// dialectOf is the one place the site reads which template syntax its
// Markdown carries; config.Load has checked the name.
func dialectOf(cfg config.Config) dialect.Dialect {
	// A Jekyll, Hugo or Zola folder built in place has its generator's
	// dialect from package peers, as accrue migrate writes it.
	d, _ := dialect.Parse(cfg.Markdown.Dialect)
	return d
}

// siteVars are the site's values Liquid output may name, as Jekyll means
// them: site.url is the scheme and host, site.baseurl the sub-path the
// site is published under ("" at the root of its host, "/blog" for a
// GitHub project page), so "{{ site.baseurl }}/a.png" and "{{ site.url
// }}{{ site.baseurl }}/a.png" both name the site's own /a.png.
func siteVars(cfg config.Config) map[string]string {
	basePath := strings.TrimSuffix(cfg.BasePath(), "/")
	return map[string]string{
		"site.title":       cfg.Title,
		"site.description": cfg.Description,
		"site.author":      cfg.Author,
		"site.url":         strings.TrimSuffix(strings.TrimSuffix(cfg.BaseURL, "/"), basePath),
		"site.baseurl":     basePath,
	}
}

// rewrite rewrites doc's body for the site's dialect, before it is
// rendered; a document without template syntax comes back as it is.
func (b *builder) rewrite(doc *content.Doc, body []byte) *dialect.Result {
	d := dialectOf(b.cfg)
	if d == dialect.None {
		return &dialect.Result{Markdown: body}
	}
	vars := make(map[string]string, len(b.vars)+4)
	for k, v := range b.vars {
		vars[k] = v
	}
	vars["page.title"], vars["page.description"], vars["page.author"], vars["page.slug"] = doc.Title, doc.Description, doc.Author, doc.Slug
	return dialect.Rewrite(body, dialect.Options{Dialect: d, File: doc.Path, Line: doc.BodyLine, Vars: vars, Unsafe: b.cfg.Markdown.Unsafe})
}

// linkRefs indexes every published page by its source, once URLs are
// assigned, when a document has references, and reports those that find
// none, where they are written.
func (b *builder) linkRefs(docs []*docResult) diag.List {
	if !slices.ContainsFunc(docs, func(d *docResult) bool { return len(d.refs) > 0 }) {
		// Nothing to resolve: a large blog keeps no index of its pages.
		b.refs = nil
		return nil
	}
	urls := make(map[string]string, len(b.posts)+len(b.pages))
	for _, p := range append(append([]*pages.Page(nil), b.posts...), b.pages...) {
		urls[p.File] = p.URL
	}
	b.refs = dialect.NewIndex(urls)
	var diags diag.List
	for _, p := range append(append([]*pages.Page(nil), b.posts...), b.pages...) {
		diags = append(diags, b.checkRefs(b.state(p).doc)...)
		b.resolvePage(p)
	}
	if b.home != nil {
		for _, d := range docs {
			if d.doc.Source.Folder == content.Dir && len(d.refs) > 0 {
				diags = append(diags, b.checkRefs(d)...)
				b.home.Intro = b.resolveHTML(b.home.Intro, d.doc.Path)
			}
		}
	}
	return diags
}

func (b *builder) checkRefs(d *docResult) diag.List {
	var diags diag.List
	for _, r := range d.refs {
		if _, err := b.refs.Lookup(r.Target, d.doc.Path); err != nil {
			diags.Add(diag.Warnf(diag.Pos{File: d.doc.Path, Line: r.Line, Col: r.Col}, "reference: %v; the link is shown broken", err))
		}
	}
	return diags
}

// resolvePage puts the URLs of p's references into its summary and body,
// wherever the body is kept.
func (b *builder) resolvePage(p *pages.Page) {
	st := b.state(p)
	if len(st.doc.refs) == 0 {
		return
	}
	p.Summary = b.resolveHTML(p.Summary, p.File)
	if c := st.body.content.Load(); c != nil {
		st.body.hold(b.resolveHTML(*c, p.File))
	}
	if again := st.body.rerender; again != nil {
		st.body.rerender = func() template.HTML { return b.resolveHTML(again(), p.File) }
	}
}

// resolveHTML replaces the reference tokens in html written by the page
// from.
func (b *builder) resolveHTML(html template.HTML, from string) template.HTML {
	return template.HTML(b.resolveRef(string(html), from))
}

// resolveRef replaces the reference tokens in s, a link or HTML.
func (b *builder) resolveRef(s, from string) string {
	if b.refs == nil || !strings.Contains(s, dialect.RefScheme) {
		return s
	}
	return dialect.Resolve(s, func(target string) (string, bool) {
		u, err := b.refs.Lookup(target, from)
		return u, err == nil
	})
}
