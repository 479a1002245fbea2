package links

import (
	"testing"
)

func TestResolve(t *testing.T) {
	t.Parallel()
	docs := []Doc{
		{ID: "a", URL: "/posts/a/", Aliases: []string{"/old/a/", "/2019/05/a.html"}},
		{ID: "b", URL: "/posts/b/"},
		{ID: "about", URL: "/about/"},
		{ID: "zurich", URL: "/posts/zürich/"},
	}
	r := NewResolver("https://blog.example.org/", docs)
	for _, tt := range []struct {
		name, from, dest string
		kind             Kind
		path, doc, host  string
	}{
		{"site path", "/posts/b/", "/posts/a/", KindInternal, "/posts/a/", "a", ""},
		{"no trailing slash", "/posts/b/", "/posts/a", KindInternal, "/posts/a/", "a", ""},
		{"index.html", "/posts/b/", "/posts/a/index.html", KindInternal, "/posts/a/", "a", ""},
		{"fragment and query", "/posts/b/", "/posts/a/?utm=x#part", KindInternal, "/posts/a/", "a", ""},
		{"relative sibling", "/posts/b/", "../a/", KindInternal, "/posts/a/", "a", ""},
		{"relative without slash", "/posts/b/", "../a", KindInternal, "/posts/a/", "a", ""},
		{"relative to root", "/posts/b/", "../../about/", KindInternal, "/about/", "about", ""},
		{"absolute on base", "/posts/b/", "https://blog.example.org/posts/a/", KindInternal, "/posts/a/", "a", ""},
		{"absolute http on base", "/posts/b/", "http://BLOG.example.org/posts/a", KindInternal, "/posts/a/", "a", ""},
		{"alias", "/posts/b/", "/old/a/", KindInternal, "/old/a/", "a", ""},
		{"html alias", "/posts/b/", "/2019/05/a.html", KindInternal, "/2019/05/a.html", "a", ""},
		{"escaped unicode", "/posts/b/", "/posts/z%C3%BCrich/", KindInternal, "/posts/zürich/", "zurich", ""},
		{"missing post", "/posts/b/", "/posts/nope/", KindInternal, "/posts/nope/", "", ""},
		{"static file", "/posts/b/", "/css/theme.css", KindInternal, "/css/theme.css", "", ""},
		{"bundle image", "/posts/b/", "chart.png", KindInternal, "/posts/b/chart.png", "", ""},
		{"anchor only", "/posts/b/", "#part", KindIgnored, "", "", ""},
		{"mailto", "/posts/b/", "mailto:ada@example.org", KindIgnored, "", "", ""},
		{"javascript", "/posts/b/", "javascript:alert(1)", KindIgnored, "", "", ""},
		{"empty", "/posts/b/", "", KindIgnored, "", "", ""},
		{"external", "/posts/b/", "https://www.Example.com/x?y=1", KindExternal, "https://www.Example.com/x?y=1", "", "example.com"},
		{"protocol relative", "/posts/b/", "//other.net/p", KindExternal, "https://other.net/p", "", "other.net"},
		{"other path on base host", "/posts/b/", "https://blog.example.org.evil.net/posts/a/", KindExternal, "https://blog.example.org.evil.net/posts/a/", "", "blog.example.org.evil.net"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			kind, p, doc, host := r.Resolve(tt.from, tt.dest)
			if kind != tt.kind || p != tt.path || doc != tt.doc || host != tt.host {
				t.Errorf("Resolve(%q, %q) = %v %q %q %q; want %v %q %q %q", tt.from, tt.dest, kind, p, doc, host, tt.kind, tt.path, tt.doc, tt.host)
			}
		})
	}
}

// TestResolveOwnDomain checks that links written with the blog's own
// address are internal however the address is spelled: a TIL blog that
// writes every link to another note in full must not see each note as
// an orphan.
func TestResolveOwnDomain(t *testing.T) {
	t.Parallel()
	docs := []Doc{{ID: "x", URL: "/posts/x/"}, {ID: "y", URL: "/notes/y/"}}
	for _, base := range []string{"https://example.org/", "https://example.org", "https://www.example.org/", "http://example.org/"} {
		r := NewResolver(base, docs)
		for _, tt := range []struct{ dest, path, doc string }{
			{"https://example.org/posts/x/", "/posts/x/", "x"},
			{"https://example.org/posts/x", "/posts/x/", "x"},
			{"http://example.org/posts/x/", "/posts/x/", "x"},
			{"https://www.example.org/posts/x/", "/posts/x/", "x"},
			{"http://www.example.org/posts/x", "/posts/x/", "x"},
			{"https://WWW.Example.ORG/notes/y", "/notes/y/", "y"},
			{"https://example.org/notes/y?ref=feed#usage", "/notes/y/", "y"},
			{"https://example.org/notes/missing", "/notes/missing/", ""},
			{"https://example.org", "/", ""},
		} {
			kind, p, doc, host := r.Resolve("/posts/z/", tt.dest)
			if kind != KindInternal || p != tt.path || doc != tt.doc || host != "" {
				t.Errorf("base %s: Resolve(%q) = %v %q %q %q; want internal %q %q", base, tt.dest, kind, p, doc, host, tt.path, tt.doc)
			}
		}
		for _, dest := range []string{"https://blog.example.org/posts/x/", "https://wwwexample.org/posts/x/", "https://example.org.evil.net/posts/x/", "https://www.www.example.org/posts/x/"} {
			if kind, _, _, _ := r.Resolve("/posts/z/", dest); kind != KindExternal {
				t.Errorf("base %s: Resolve(%q) = %v; want external", base, dest, kind)
			}
		}
	}
}

func TestResolveUnderBasePath(t *testing.T) {
	t.Parallel()
	r := NewResolver("https://example.org/blog/", []Doc{{ID: "a", URL: "/posts/a/"}})
	if kind, p, doc, _ := r.Resolve("/", "https://example.org/blog/posts/a/"); kind != KindInternal || p != "/posts/a/" || doc != "a" {
		t.Errorf("link under the base path = %v %q %q", kind, p, doc)
	}
	if kind, _, _, host := r.Resolve("/", "https://example.org/other/"); kind != KindExternal || host != "example.org" {
		t.Errorf("link beside the base path = %v %q; want external", kind, host)
	}
}

// A site published under a sub-path is linked to from the root with the
// sub-path or without it.
func TestResolveSitePathUnderBasePath(t *testing.T) {
	t.Parallel()
	r := NewResolver("https://user.github.io/blog/", []Doc{
		{ID: "a", URL: "/posts/a/"},
		{ID: "section", URL: "/blog/"}, // a page named like the sub-path keeps its address
	})
	for _, tt := range []struct {
		name, from, dest string
		path, doc        string
	}{
		{"without the sub-path", "/posts/b/", "/posts/a/", "/posts/a/", "a"},
		{"with the sub-path", "/posts/b/", "/blog/posts/a/", "/posts/a/", "a"},
		{"with the sub-path, not plain", "/posts/b/", "/blog/posts/a/#part", "/posts/a/", "a"},
		{"relative", "/posts/b/", "../a/", "/posts/a/", "a"},
		{"a file with the sub-path", "/posts/b/", "/blog/css/theme.css", "/css/theme.css", ""},
		{"a page at the sub-path's name", "/posts/b/", "/blog/", "/blog/", "section"},
		{"beside the site", "/posts/b/", "/other-project/", "/other-project/", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			kind, p, doc, _ := r.Resolve(tt.from, tt.dest)
			if kind != KindInternal || p != tt.path || doc != tt.doc {
				t.Errorf("Resolve(%q, %q) = %v %q %q; want internal %q %q", tt.from, tt.dest, kind, p, doc, tt.path, tt.doc)
			}
		})
	}
}

func TestBuild(t *testing.T) {
	t.Parallel()
	docs := []Doc{
		{ID: "a", URL: "/posts/a/", Links: []Link{
			{Dest: "/posts/b/", Line: 3, Col: 5},
			{Dest: "/posts/a/#self", Line: 4, Col: 1},
			{Dest: "https://go.dev/doc/", Line: 5, Col: 2},
			{Dest: "https://www.go.dev/blog/", Line: 6, Col: 2},
			{Dest: "https://example.com/", Line: 7, Col: 2},
			{Dest: "/posts/missing/", Line: 8, Col: 9},
			{Dest: "/tags/go/", Line: 9, Col: 1},
		}},
		{ID: "c", URL: "/posts/c/", Links: []Link{{Dest: "../b/", Line: 2, Col: 1}, {Dest: "/posts/b/", Line: 5, Col: 1}}},
		{ID: "b", URL: "/posts/b/"},
	}
	files := map[string]string{"a": "content/posts/a.md", "b": "content/posts/b.md", "c": "content/posts/c.md"}
	g := Build("https://blog.example.org/", docs, files, func(p string) bool { return p == "/tags/go/" })
	in := g.Inbound["b"]
	if len(in) != 3 || in[0] != (Ref{From: "a", To: "b", Line: 3, Col: 5}) || in[1] != (Ref{From: "c", To: "b", Line: 2, Col: 1}) || in[2].Line != 5 {
		t.Errorf("Inbound[b] = %+v", in)
	}
	if len(g.Inbound["a"]) != 0 {
		t.Errorf("a link to itself counted as inbound: %+v", g.Inbound["a"])
	}
	if got := g.Broken.Error(); got != "content/posts/a.md:8:9: warning: link to /posts/missing/ does not match any page or file of this site" {
		t.Errorf("Broken = %q", got)
	}
	domains := g.Domains("a")
	if len(domains) != 2 || domains[0].Name != "example.com" || domains[1].Name != "go.dev" || len(domains[1].Links) != 2 {
		t.Errorf("Domains(a) = %+v", domains)
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"/posts/a/", "../a", "https://x.org/", "//h/p", "#x", "%zz", "mailto:x", "/a/../../.."} {
		f.Add("/posts/b/", s)
	}
	r := NewResolver("https://blog.example.org/", []Doc{{ID: "a", URL: "/posts/a/"}})
	f.Fuzz(func(t *testing.T, from, dest string) {
		kind, p, _, _ := r.Resolve(from, dest)
		if kind == KindInternal && (len(p) == 0 || p[0] != '/') {
			t.Errorf("internal path %q does not start at the site root", p)
		}
	})
}
