package site

import (
	"net/url"
	"strings"
	"testing"
)

// absolutizeReference is the straightforward form of absolutize, kept as
// the oracle for the faster one.
func absolutizeReference(html, pageURL string) string {
	base, err := url.Parse(pageURL)
	if err != nil {
		return html
	}
	return attrURL.ReplaceAllStringFunc(html, func(m string) string {
		parts := attrURL.FindStringSubmatch(m)
		ref := strings.ReplaceAll(parts[2], "&amp;", "&")
		if strings.HasPrefix(ref, "#") {
			return parts[1] + pageURL + parts[2] + parts[3]
		}
		u, err := url.Parse(ref)
		if err != nil || u.IsAbs() {
			return m
		}
		return parts[1] + strings.ReplaceAll(base.ResolveReference(u).String(), "&", "&amp;") + parts[3]
	})
}

func TestAbsolutize(t *testing.T) {
	const page = "https://blog.example/posts/a/"
	for _, tc := range []struct{ in, want string }{
		{`<a href="/posts/b/">b</a>`, `<a href="https://blog.example/posts/b/">b</a>`},
		{`<img src="pic.png" alt="x">`, `<img src="https://blog.example/posts/a/pic.png" alt="x">`},
		{`<a href="../b/?x=1&amp;y=2#top">b</a>`, `<a href="https://blog.example/posts/b/?x=1&amp;y=2#top">b</a>`},
		{`<a href="#fn:1">1</a>`, `<a href="https://blog.example/posts/a/#fn:1">1</a>`},
		{`<a href="https://other.example/x?a=1&amp;b=2">o</a>`, `<a href="https://other.example/x?a=1&amp;b=2">o</a>`},
		{`<a href="mailto:me@blog.example">m</a>`, `<a href="mailto:me@blog.example">m</a>`},
		{`<a href="//cdn.example/x.js">p</a>`, `<a href="https://cdn.example/x.js">p</a>`},
		{`<a href="">empty</a>`, `<a href="https://blog.example/posts/a/">empty</a>`},
		{`<a href="%zz">bad escape</a>`, `<a href="%zz">bad escape</a>`},
		{`no links at all`, `no links at all`},
		{`<p>href="/not/an/attribute"</p>`, `<p>href="/not/an/attribute"</p>`},
	} {
		got := absolutize(tc.in, page)
		if got != tc.want {
			t.Errorf("absolutize(%q) =\n %q\nwant\n %q", tc.in, got, tc.want)
		}
		if ref := absolutizeReference(tc.in, page); got != ref {
			t.Errorf("absolutize(%q) = %q; the reference form gives %q", tc.in, got, ref)
		}
	}
}

func FuzzAbsolutize(f *testing.F) {
	f.Add(`<a href="/x/">x</a> <img src="y.png"> <a href="#z">z</a> <a href="HTTPS://A.example/">a</a>`, "https://blog.example/posts/a/")
	f.Add(`<a href="http://[::1]:namedport">x</a>`, "https://blog.example/")
	f.Fuzz(func(t *testing.T, html, page string) {
		if got, want := absolutize(html, page), absolutizeReference(html, page); got != want {
			t.Errorf("absolutize(%q, %q) = %q; the reference form gives %q", html, page, got, want)
		}
	})
}
