package webmention

import (
	"net/http"
	"net/url"
	"testing"
)

func TestDiscover(t *testing.T) {
	t.Parallel()
	page, _ := url.Parse("https://target.example/posts/a?x=1")
	for _, tt := range []struct {
		name   string
		header http.Header
		body   string
		want   string // "" means no endpoint
	}{
		{"link header relative", http.Header{"Link": {`</wm>; rel=webmention`}}, "", "https://target.example/wm"},
		{"link header absolute", http.Header{"Link": {`<https://e.example/wm>; rel="webmention"`}}, "", "https://e.example/wm"},
		{"link header rel casing", http.Header{"Link": {`</wm>; REL="WebMention"`}}, "", "https://target.example/wm"},
		{"link header several rels", http.Header{"Link": {`</wm>; rel="other webmention"`}}, "", "https://target.example/wm"},
		{"link header comma in url", http.Header{"Link": {`</a,b>; rel=other, </wm?a=1,2>; rel=webmention`}}, "", "https://target.example/wm?a=1,2"},
		{"link header quoted comma", http.Header{"Link": {`</a>; title="x, y"; rel="webmention"`}}, "", "https://target.example/a"},
		{"link header first rel counts", http.Header{"Link": {`</a>; rel=other; rel=webmention, </b>; rel=webmention`}}, "", "https://target.example/b"},
		{"link header not webmention", http.Header{"Link": {`</a>; rel="not-webmention"`}}, "", ""},
		{"link header garbage then good", http.Header{"Link": {`nonsense, </b>; rel=webmention`}}, "", "https://target.example/b"},
		{"header wins over body", http.Header{"Link": {`</h>; rel=webmention`}}, `<link rel="webmention" href="/b">`, "https://target.example/h"},
		{"link element", nil, `<link rel="webmention" href="/wm">`, "https://target.example/wm"},
		{"a element", nil, `<p><a rel="webmention" href="wm">x</a>`, "https://target.example/posts/wm"},
		{"rel upper case", nil, `<link rel="WEBMENTION" href="/wm">`, "https://target.example/wm"},
		{"empty href is the page", nil, `<link rel="webmention" href="">`, "https://target.example/posts/a?x=1"},
		{"no href is skipped", nil, `<link rel="webmention"><a rel="webmention" href="/right">`, "https://target.example/right"},
		{"comment hides", nil, `<!-- <link rel="webmention" href="/wrong"> --><link rel="webmention" href="/right">`, "https://target.example/right"},
		{"escaped html", nil, `<code>&lt;link rel="webmention" href="/wrong"&gt;</code><a rel="webmention" href="/right">`, "https://target.example/right"},
		{"base element", nil, `<base href="https://cdn.example/dir/"><link rel="webmention" href="wm">`, "https://cdn.example/dir/wm"},
		{"not html", http.Header{"Content-Type": {"application/json"}}, `<link rel="webmention" href="/wm">`, ""},
		{"xhtml", http.Header{"Content-Type": {"application/xhtml+xml; charset=utf-8"}}, `<link rel="webmention" href="/wm"/>`, "https://target.example/wm"},
		{"none", nil, `<link rel="stylesheet" href="/x.css"><a href="/y">y</a>`, ""},
		{"truncated page", nil, `<link rel="webmention" hr`, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.header
			if h == nil {
				h = http.Header{"Content-Type": {"text/html; charset=utf-8"}}
			}
			u, ok := Discover(page, h, []byte(tt.body))
			got := ""
			if ok {
				got = u.String()
			}
			if got != tt.want {
				t.Errorf("Discover = %q; want %q", got, tt.want)
			}
		})
	}
}

func FuzzDiscover(f *testing.F) {
	f.Add(`</wm>; rel="webmention other", <x>; rel=y`, `<link rel="webmention" href="">`)
	f.Add(`<a,b>; title="q\"x"; rel=webmention`, `<!-- <a rel=webmention href=x> --><a rel=webmention href=/y>`)
	f.Add(`;;,<`, `<base href="//x"><link rel=webmention href="%zz">`)
	page, _ := url.Parse("https://target.example/p")
	f.Fuzz(func(t *testing.T, link, body string) {
		u, ok := Discover(page, http.Header{"Link": {link}}, []byte(body))
		if ok && u == nil {
			t.Fatal("found an endpoint but returned no URL")
		}
	})
}
