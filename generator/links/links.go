package links

import (
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/accruehq/accrue/generator/diag"
)

// Doc is a document as the graph sees it.
type Doc struct {
	ID      string   // unique, e.g. the source path
	URL     string   // site-relative, e.g. "/posts/hello/"
	Aliases []string // old site-relative URLs that redirect to it
	Links   []Link
}

// Link is a link written in a document.
type Link struct {
	Dest      string
	Image     bool
	Line, Col int // 1-based position in the source file
}

// Ref is an internal link from one document to another.
type Ref struct {
	From, To  string // document IDs
	Line, Col int
}

// External is a link to another site.
type External struct {
	From      string // document ID
	URL       string
	Domain    string // host, lowercase, without "www."
	Line, Col int
}

// Graph is the link graph of a site. Lists are sorted so output built
// from it is deterministic.
type Graph struct {
	// Inbound lists, per document ID, the links other documents make to
	// it, by source document then position.
	Inbound map[string][]Ref
	// External lists, per document ID, its links to other sites.
	External map[string][]External
	// Broken are internal links that match no document and no other
	// output file, as warnings at the link's position.
	Broken diag.List
}

// Resolver maps link destinations to documents.
type Resolver struct {
	base   *url.URL
	byPath map[string]string // cleaned site path -> document ID
}

// NewResolver indexes docs by URL and aliases. baseURL is the site's
// absolute base URL; absolute links on it count as internal.
func NewResolver(baseURL string, docs []Doc) *Resolver {
	base, err := url.Parse(baseURL)
	if err != nil || base.Host == "" {
		base = &url.URL{Path: "/"}
	}
	r := &Resolver{base: base, byPath: map[string]string{}}
	for _, d := range docs {
		for _, u := range append([]string{d.URL}, d.Aliases...) {
			if p, ok := cleanSitePath(u); ok {
				r.byPath[p] = d.ID
			}
		}
	}
	return r
}

// Kind says what a destination is.
type Kind int

const (
	KindIgnored  Kind = iota // an anchor on the same page, mailto:, tel:, an empty link
	KindInternal             // a path on this site
	KindExternal             // another site
)

// Resolve classifies dest as written in a document at fromURL. For an
// internal link it returns the site path (cleaned: no query, fragment or
// index.html; a trailing slash on folders) and the document it names, if
// any; for an external one, the absolute URL and its domain.
func (r *Resolver) Resolve(fromURL, dest string) (kind Kind, sitePath, docID, domain string) {
	dest = strings.TrimSpace(dest)
	if dest == "" || strings.HasPrefix(dest, "#") {
		return KindIgnored, "", "", ""
	}
	// Most links are plain site paths or plain https URLs: read those
	// without net/url, which a large blog would otherwise call tens of
	// thousands of times per build.
	if plain(dest) {
		if dest[0] == '/' && (len(dest) == 1 || dest[1] != '/') {
			p, _ := cleanSitePath(dest) // never fails on a plain path
			p = r.underBase(p)
			return KindInternal, p, r.byPath[p], ""
		}
		if rest, ok := strings.CutPrefix(dest, "https://"); ok && r.base.Host != "" {
			host, _, _ := strings.Cut(rest, "/")
			if host != "" && !sameHost(host, r.base.Host) && !strings.ContainsAny(host, "@:[") {
				return KindExternal, dest, "", strings.TrimPrefix(strings.ToLower(host), "www.")
			}
		}
	}
	u, err := url.Parse(dest)
	if err != nil {
		return KindIgnored, "", "", ""
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		if u.Host != "" { // //host/path
			u.Scheme = "https"
			return r.absolute(u)
		}
		from, err := url.Parse(fromURL)
		if err != nil {
			return KindIgnored, "", "", ""
		}
		resolved := from.ResolveReference(u)
		p, ok := cleanSitePath(resolved.Path)
		if !ok {
			return KindIgnored, "", "", ""
		}
		p = r.underBase(p)
		return KindInternal, p, r.byPath[p], ""
	case "http", "https":
		return r.absolute(u)
	}
	return KindIgnored, "", "", "" // mailto:, tel:, javascript: and the like
}

// underBase reads a site path written with the base URL's sub-path
// ("/blog/posts/a/" for a site published at https://host/blog/) as the
// site path it names ("/posts/a/"): the author may write links either
// way. A path that names a document as written keeps it.
func (r *Resolver) underBase(p string) string {
	base := r.base.Path
	if base == "" || base == "/" {
		return p
	}
	if _, ok := r.byPath[p]; ok {
		return p
	}
	if p+"/" == base {
		return "/"
	}
	if rest, ok := strings.CutPrefix(p, base); ok {
		return "/" + rest
	}
	return p
}

// plain reports whether s has nothing that needs a URL parser: no query,
// fragment, escapes, backslashes, spaces or dot segments.
func plain(s string) bool {
	return !strings.ContainsAny(s, "?#%\\ \t") && !strings.Contains(s, "/.")
}

// absolute classifies an absolute URL: internal when it is on the base
// URL's host and under its path. The scheme does not matter, and neither
// does a "www." before the host: a blog served at https://example.org/
// is the one its older posts link to as http://www.example.org/.
func (r *Resolver) absolute(u *url.URL) (Kind, string, string, string) {
	host := strings.ToLower(u.Hostname())
	if r.base.Host != "" && sameHost(host, r.base.Hostname()) && strings.HasPrefix(u.Path+"/", strings.TrimSuffix(r.base.Path, "/")+"/") {
		rest := "/" + strings.TrimPrefix(strings.TrimPrefix(u.Path, strings.TrimSuffix(r.base.Path, "/")), "/")
		if p, ok := cleanSitePath(rest); ok {
			return KindInternal, p, r.byPath[p], ""
		}
	}
	return KindExternal, u.String(), "", strings.TrimPrefix(host, "www.")
}

// sameHost reports whether two host names are the same site: equal but
// for case and a leading "www." on either.
func sameHost(a, b string) bool {
	return strings.EqualFold(trimWWW(a), trimWWW(b))
}

func trimWWW(host string) string {
	if len(host) > 4 && strings.EqualFold(host[:4], "www.") {
		return host[4:]
	}
	return host
}

// cleanSitePath normalizes a site path so that every way of writing one
// page's address compares equal: "/posts/a", "/posts/a/" and
// "/posts/a/index.html" are all "/posts/a/". Files with an extension keep
// it ("/css/x.css").
func cleanSitePath(p string) (string, bool) {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	p = path.Clean(p)
	if strings.HasSuffix(p, "/index.html") || strings.HasSuffix(p, "/index.htm") {
		p = path.Dir(p)
	}
	if p == "/" {
		return p, true
	}
	if path.Ext(p) == "" {
		p += "/"
	}
	return p, true
}

// Build builds the graph. files names the sources of documents for
// diagnostics (ID -> path). exists reports whether a cleaned site path
// that is not a document is still an output file (a tag page, a static
// file, a bundle image), so a link to it is not broken.
func Build(baseURL string, docs []Doc, files map[string]string, exists func(sitePath string) bool) *Graph {
	r := NewResolver(baseURL, docs)
	g := &Graph{Inbound: map[string][]Ref{}, External: map[string][]External{}}
	for _, d := range docs {
		for _, l := range d.Links {
			kind, sitePath, to, domain := r.Resolve(d.URL, l.Dest)
			switch kind {
			case KindInternal:
				if to == d.ID {
					continue // a link to itself is navigation, not a reference
				}
				if to != "" {
					g.Inbound[to] = append(g.Inbound[to], Ref{From: d.ID, To: to, Line: l.Line, Col: l.Col})
					continue
				}
				if exists == nil || !exists(sitePath) {
					g.Broken.Add(diag.Warnf(diag.Pos{File: files[d.ID], Line: l.Line, Col: l.Col},
						"link to %s does not match any page or file of this site", sitePath))
				}
			case KindExternal:
				g.External[d.ID] = append(g.External[d.ID], External{From: d.ID, URL: sitePath, Domain: domain, Line: l.Line, Col: l.Col})
			}
		}
	}
	for _, refs := range g.Inbound {
		sort.SliceStable(refs, func(i, j int) bool {
			if refs[i].From != refs[j].From {
				return refs[i].From < refs[j].From
			}
			return refs[i].Line < refs[j].Line || refs[i].Line == refs[j].Line && refs[i].Col < refs[j].Col
		})
	}
	g.Broken.Sort()
	return g
}

// Domains groups a document's external links by domain, domains sorted.
func (g *Graph) Domains(id string) []Domain {
	by := map[string][]External{}
	for _, e := range g.External[id] {
		by[e.Domain] = append(by[e.Domain], e)
	}
	out := make([]Domain, 0, len(by))
	for name, links := range by {
		out = append(out, Domain{Name: name, Links: links})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Domain is the links of one document to one other site.
type Domain struct {
	Name  string
	Links []External
}
