package site

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/pages"
	"golang.org/x/tools/txtar"
)

func testPrefixer() *prefixer {
	var outs []pages.Output
	for _, p := range []string{"index.html", "posts/a/index.html", "css/theme.css", "posts/z\u00fcrich/index.html", "old/a.html"} {
		outs = append(outs, pages.Output{Path: p})
	}
	return newPrefixer("/blog/", outs)
}

func TestPrefixerHTML(t *testing.T) {
	t.Parallel()
	x := testPrefixer()
	for _, tt := range []struct{ name, in, want string }{
		{"page", `<a href="/posts/a/">a</a>`, `<a href="/blog/posts/a/">a</a>`},
		{"home", `<a href="/">h</a>`, `<a href="/blog/">h</a>`},
		{"no trailing slash", `<a href="/posts/a">a</a>`, `<a href="/blog/posts/a">a</a>`},
		{"index.html", `<a href="/posts/a/index.html">a</a>`, `<a href="/blog/posts/a/index.html">a</a>`},
		{"fragment and query", `<a href="/posts/a/?x=1&amp;y=2#top">a</a>`, `<a href="/blog/posts/a/?x=1&amp;y=2#top">a</a>`},
		{"escaped", `<a href="/posts/z%C3%BCrich/">z</a>`, `<a href="/blog/posts/z%C3%BCrich/">z</a>`},
		{"file", `<link rel="stylesheet" href="/css/theme.css">`, `<link rel="stylesheet" href="/blog/css/theme.css">`},
		{"single quotes and spaces", `<img alt=x src = '/css/theme.css'>`, `<img alt=x src = '/blog/css/theme.css'>`},
		{"unquoted", `<a href=/posts/a/ class=x>a</a>`, `<a href=/blog/posts/a/ class=x>a</a>`},
		{"upper case attribute", `<A HREF="/posts/a/">a</A>`, `<A HREF="/blog/posts/a/">a</A>`},
		{"srcset", `<img srcset="/css/theme.css 1x, /nope.png 2x,/posts/a/ 3x">`, `<img srcset="/blog/css/theme.css 1x, /nope.png 2x,/blog/posts/a/ 3x">`},
		{"meta refresh", `<meta http-equiv="refresh" content="0; url=/posts/a/">`, `<meta http-equiv="refresh" content="0; url=/blog/posts/a/">`},
		{"other meta", `<meta name="x" content="0; url=/posts/a/">`, `<meta name="x" content="0; url=/posts/a/">`},
		{"already prefixed", `<a href="/blog/posts/a/">a</a>`, `<a href="/blog/posts/a/">a</a>`},
		{"not a file of the site", `<a href="/other-project/">o</a>`, `<a href="/other-project/">o</a>`},
		{"protocol-relative", `<a href="//cdn.example/posts/a/">c</a>`, `<a href="//cdn.example/posts/a/">c</a>`},
		{"absolute", `<a href="https://example.org/posts/a/">e</a>`, `<a href="https://example.org/posts/a/">e</a>`},
		{"relative", `<a href="../a/">r</a>`, `<a href="../a/">r</a>`},
		{"in text", `<p>href="/posts/a/"</p>`, `<p>href="/posts/a/"</p>`},
		{"in another attribute", `<a title=' href="/posts/a/"' href="/posts/a/">a</a>`, `<a title=' href="/posts/a/"' href="/blog/posts/a/">a</a>`},
		{"in a script", `<script>var u = "<a href='/posts/a/'>";</script>`, `<script>var u = "<a href='/posts/a/'>";</script>`},
		{"in a comment", `<!-- <a href="/posts/a/"> -->`, `<!-- <a href="/posts/a/"> -->`},
		{"data attribute", `<a data-href="/posts/a/">a</a>`, `<a data-href="/posts/a/">a</a>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(x.html([]byte(tt.in))); got != tt.want {
				t.Errorf("html(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// A page with nothing to prefix comes back byte for byte, however it is
// written: the tokenizer's raw tokens tile the input.
func TestPrefixerKeepsBytes(t *testing.T) {
	t.Parallel()
	x := testPrefixer()
	page := "<!doctype html>\n<html lang=en><HEAD><title>a < b & c</title>\r\n" +
		"<style>a[href^='/posts/'] { color: red }</style></HEAD>\n" +
		"<body><p class=\"x\"  id='y'>text <br/> &amp; &#34;quoted&#34;<textarea><a href=\"/posts/a/\"></textarea>\n" +
		"<svg><path d=\"M0 0\"/></svg><img src=\"https://example.org/x.png\"><a href=\"/other/\">o</a>\n" +
		"<!-- a comment --><![CDATA[ x ]]><p>unclosed <b>bold"
	if got := string(x.html([]byte(page))); got != page {
		t.Errorf("html changed a page with nothing to prefix:\n got %q\nwant %q", got, page)
	}
	root := newPrefixer("/", []pages.Output{{Path: "posts/a/index.html"}})
	in := `<a href="/posts/a/">a</a>`
	if got := string(root.html([]byte(in))); got != in {
		t.Errorf("a site at the root of its host: html(%q) = %q", in, got)
	}
}

func TestRelURL(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, base, in, want string }{
		{"root site", "/", "/css/x.css", "/css/x.css"},
		{"sub-path", "/blog/", "/css/x.css", "/blog/css/x.css"},
		{"without a slash", "/blog/", "css/x.css", "/blog/css/x.css"},
		{"home", "/blog/", "/", "/blog/"},
		{"already prefixed", "/blog/", "/blog/css/x.css", "/blog/css/x.css"},
		{"absolute", "/blog/", "https://example.org/x", "https://example.org/x"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := relURL(tt.base, tt.in); got != tt.want {
				t.Errorf("relURL(%q, %q) = %q; want %q", tt.base, tt.in, got, tt.want)
			}
		})
	}
}

func FuzzPrefixer(f *testing.F) {
	f.Add(`<a href="/posts/a/">a</a><img srcset="/css/theme.css 1x">`)
	f.Add(`<meta http-equiv=refresh content="0; url='/posts/a/'">`)
	f.Add(`<a href='/posts/a/`)
	x := testPrefixer()
	f.Fuzz(func(t *testing.T, page string) {
		out := string(x.html([]byte(page)))
		// Prefixing only inserts: with every "/blog" removed, the output
		// is the input with every "/blog" removed.
		if strings.ReplaceAll(out, "/blog", "") != strings.ReplaceAll(page, "/blog", "") {
			t.Errorf("html(%q) = %q: more than the prefix changed", page, out)
		}
		if again := string(x.html([]byte(out))); again != out {
			t.Errorf("html is not idempotent on %q: %q then %q", page, out, again)
		}
	})
}

// BenchmarkPrefixer measures the pass a site under a sub-path adds to
// every page: a post of the golden fixture, as the build renders it.
func BenchmarkPrefixer(b *testing.B) {
	golden, err := os.ReadFile("testdata/sites/subpath.golden.txtar")
	if err != nil {
		b.Fatal(err)
	}
	var page []byte
	for _, f := range txtar.Parse(golden).Files {
		if f.Name == "posts/first/index.html" {
			page = bytes.ReplaceAll(f.Data, []byte(`="/blog/`), []byte(`="/`))
		}
	}
	x := testPrefixer()
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		x.html(page)
	}
}
