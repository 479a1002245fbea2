package site_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
	"golang.org/x/net/html"
)

func TestSubPathGolden(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, readFixture(t, "subpath.txtar"))
	r.AssertGolden("testdata/sites/subpath.golden.txtar", skipThemeAssets)
}

// siblingLink is the fixture's one root-relative link that names no page
// of the site: a sibling project on the same host, left as written.
const siblingLink = "/other-project/"

// TestSubPathLinks parses every page of a site published under /blog/
// and checks that each root-relative URL in it carries /blog/.
func TestSubPathLinks(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, readFixture(t, "subpath.txtar"))
	htmlPages := 0
	for _, name := range r.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		htmlPages++
		for _, u := range pageURLs(t, name, r.Files[name]) {
			if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !strings.HasPrefix(u, "/blog/") && u != siblingLink {
				t.Errorf("%s links to %q, outside /blog/", name, u)
			}
		}
	}
	if htmlPages < 10 {
		t.Errorf("checked %d pages; the fixture makes more", htmlPages)
	}
	if !strings.Contains(r.File("posts/first/index.html"), `href="`+siblingLink+`"`) {
		t.Errorf("the link to a sibling project was rewritten")
	}

	// Machine-read files are absolute, on the published address.
	var sitemap struct {
		Locs []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal([]byte(r.File("sitemap.xml")), &sitemap); err != nil {
		t.Fatal(err)
	}
	if len(sitemap.Locs) == 0 {
		t.Error("sitemap.xml lists no URL")
	}
	for _, loc := range sitemap.Locs {
		if !strings.HasPrefix(loc, "https://user.github.io/blog/") {
			t.Errorf("sitemap lists %s, outside the site", loc)
		}
	}
	r.AssertFile("robots.txt", "Sitemap: https://user.github.io/blog/sitemap.xml\n")
	for _, feed := range []string{"index.xml", "atom.xml", "feed.json", "tags/notes/atom.xml"} {
		for _, bad := range []string{`href="/`, `src="/`, `href=\"/`, `src=\"/`, `&#34;/`, "https://user.github.io/posts/"} {
			if strings.Contains(r.File(feed), bad) {
				t.Errorf("%s has %q: a link not absolute on the published address", feed, bad)
			}
		}
	}
	r.AssertFile("atom.xml", `https://user.github.io/blog/posts/second/`, `https://user.github.io/blog/posts/first/chart.svg`)

	// The link graph reads links with and without /blog/ alike: the second
	// post is referenced by the first (written both ways, one referrer),
	// and only the sibling project is a link to nowhere on the site.
	r.AssertFile("posts/second/index.html", "Referenced by</h2>\n<ul><li><a href=\"/blog/posts/first/\">First</a>")
	var broken []string
	for _, d := range r.Diags.Warnings() {
		broken = append(broken, d.Error())
	}
	if len(broken) != 1 || !strings.Contains(broken[0], siblingLink) {
		t.Errorf("warnings:\n%s\nwant one, for the link to %s", strings.Join(broken, "\n"), siblingLink)
	}
}

// pageURLs returns every URL an HTML page names in an attribute: href,
// src, action, srcset candidates and a meta refresh's target.
func pageURLs(t *testing.T, name string, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var urls []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			refresh := false
			for _, a := range n.Attr {
				if a.Key == "http-equiv" && strings.EqualFold(a.Val, "refresh") {
					refresh = true
				}
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "href", "src", "action", "poster":
					urls = append(urls, a.Val)
				case "srcset":
					for _, c := range strings.Split(a.Val, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							urls = append(urls, f[0])
						}
					}
				case "content":
					if _, u, ok := strings.Cut(a.Val, "url="); ok && refresh {
						urls = append(urls, u)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return urls
}

// TestIncrementalSubPath checks that the dev server's builds of a site
// under a sub-path equal full builds: after an edit on the fast path, and
// after a static file is added that a post already linked to (its link
// is prefixed only once it names a file of the build).
func TestIncrementalSubPath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "accrue.toml", "title = \"Sub\"\nbase_url = \"https://user.github.io/blog/\"\n")
	writeFile(t, dir, "content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\nThe [slides](/files/slides.pdf) and [B](/posts/b/).\n")
	writeFile(t, dir, "content/posts/b.md", "---\ntitle: B\ndate: 2024-02-01\n---\nB.\n")
	writeFile(t, dir, "content/posts/c/index.md", "---\ntitle: C\ndate: 2024-03-01\n---\n![A chart](/posts/b/chart.svg)\n")
	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: dir}
	inc := site.NewIncremental(os.DirFS(dir), opts)
	check := func(step string, changed []string, wants ...string) {
		t.Helper()
		got, full := sitetest.Rebuild(t, step, inc, dir, opts, changed)
		sitetest.CompareFiles(t, step, got, full)
		for _, want := range wants {
			if !strings.Contains(string(got["posts/a/index.html"]), want) {
				t.Errorf("%s: posts/a/index.html lacks %s", step, want)
			}
		}
	}
	check("first build", nil, `href="/files/slides.pdf"`, `href="/blog/posts/b/"`)
	writeFile(t, dir, "content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\nThe [slides](/files/slides.pdf) and [B](/posts/b/), edited.\n")
	check("edit a body", []string{"content/posts/a.md"}, "edited", `href="/blog/posts/b/"`)
	writeFile(t, dir, "static/files/slides.pdf", "%PDF-1.4\n")
	check("add the linked file", []string{"static/files/slides.pdf"}, `href="/blog/files/slides.pdf"`)
	removeFile(t, dir, "static/files/slides.pdf")
	check("remove it", []string{"static/files/slides.pdf"}, `href="/files/slides.pdf"`)
	writeFile(t, dir, "static/files/slides.pdf", "%PDF-1.4\n")
	check("add it back", []string{"static/files/slides.pdf"}, `href="/blog/files/slides.pdf"`)
	writeFile(t, dir, "content/posts/b/index.md", "---\ntitle: B\ndate: 2024-02-01\n---\nB.\n")
	removeFile(t, dir, "content/posts/b.md")
	check("a post becomes a bundle", []string{"content/posts/b.md", "content/posts/b/index.md"})
	writeFile(t, dir, "content/posts/b/chart.svg", "<svg/>")
	check("add the image another post shows", []string{"content/posts/b/chart.svg"})
	if got, _, _ := inc.Build(context.Background(), opts, nil); !strings.Contains(string(got["posts/c/index.html"]), `src="/blog/posts/b/chart.svg"`) {
		t.Errorf("posts/c/index.html does not show the chart under /blog/:\n%s", got["posts/c/index.html"])
	}
}

// A theme may put the sub-path in front itself, where the build does not
// look (a data attribute, a script): relURL does, and absURL keeps it.
func TestSubPathTemplateFuncs(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- accrue.toml --
title = "t"
base_url = "https://user.github.io/blog/"
-- content/posts/a.md --
---
title: A
date: 2024-01-01
---
A.
-- layouts/404.html --
{{ define "main" }}<p data-css="{{ relURL "/css/x.css" }}" data-home="{{ relURL "/" }}" data-abs="{{ absURL "/posts/a/" }}">x</p>{{ end }}
`)
	r.AssertFile("404.html", `<p data-css="/blog/css/x.css" data-home="/blog/" data-abs="https://user.github.io/blog/posts/a/">x</p>`)
}
