package webmention

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// rocksCase is one of webmention.rocks' discovery tests, served by a local
// server: page writes the target page, which advertises the endpoint at
// want (a path with its query); anything else that receives a POST is a
// wrong endpoint.
type rocksCase struct {
	name string
	page func(w http.ResponseWriter, base string)
	want string
}

func htmlPage(body string) func(http.ResponseWriter, string) {
	return func(w http.ResponseWriter, base string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html><head><title>t</title>%s</html>", strings.ReplaceAll(body, "BASE", base))
	}
}

func header(links ...string) func(http.ResponseWriter, string) {
	return func(w http.ResponseWriter, base string) {
		for _, l := range links {
			w.Header().Add("Link", strings.ReplaceAll(l, "BASE", base))
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><body><a rel="webmention" href="/wrong/body">not this one</a></body></html>`)
	}
}

var rocksCases = []rocksCase{
	{"1 link header unquoted rel relative", header(`</test/1/webmention?head=true>; rel=webmention`), "/test/1/webmention?head=true"},
	{"2 link header unquoted rel absolute", header(`<BASE/test/2/webmention?head=true>; rel=webmention`), "/test/2/webmention?head=true"},
	{"3 link element relative", htmlPage(`<link rel="webmention" href="/test/3/webmention"></head>`), "/test/3/webmention"},
	{"4 link element absolute", htmlPage(`<link rel="webmention" href="BASE/test/4/webmention"></head>`), "/test/4/webmention"},
	{"5 a element relative", htmlPage(`</head><body><a rel="webmention" href="/test/5/webmention">e</a>`), "/test/5/webmention"},
	{"6 a element absolute", htmlPage(`</head><body><a rel="webmention" href="BASE/test/6/webmention">e</a>`), "/test/6/webmention"},
	{"7 link header strange casing", func(w http.ResponseWriter, base string) {
		w.Header()["LinK"] = []string{`<` + base + `/test/7/webmention>; rel=webmention`}
		w.Write([]byte("<html></html>"))
	}, "/test/7/webmention"},
	{"8 link header quoted rel", header(`<BASE/test/8/webmention>; rel="webmention"`), "/test/8/webmention"},
	{"9 several rels on link element", htmlPage(`<link rel="webmention somethingelse" href="/test/9/webmention"></head>`), "/test/9/webmention"},
	{"10 several rels in link header", header(`<BASE/test/10/webmention>; rel="webmention somethingelse"`), "/test/10/webmention"},
	{"11 link header, link and a", func(w http.ResponseWriter, base string) {
		w.Header().Set("Link", `<`+base+`/test/11/webmention>; rel="webmention"`)
		htmlPage(`<link rel="webmention" href="/wrong/link"></head><body><a rel="webmention" href="/wrong/a">x</a>`)(w, base)
	}, "/test/11/webmention"},
	{"12 exact rel match", htmlPage(`<link rel="not-webmention" href="/wrong/12"><link rel="webmention" href="/test/12/webmention"></head>`), "/test/12/webmention"},
	{"13 endpoint inside a comment", htmlPage(`<!-- <link rel="webmention" href="/wrong/13"> --><link rel="webmention" href="/test/13/webmention"></head>`), "/test/13/webmention"},
	{"14 endpoint in escaped html", htmlPage(`</head><body><code>&lt;a href="/wrong/14" rel="webmention"&gt;&lt;/a&gt;</code><a href="/test/14/webmention" rel="webmention">e</a>`), "/test/14/webmention"},
	{"15 empty href is the page", htmlPage(`<link rel="webmention" href=""></head>`), "/target"},
	{"16 a before link", htmlPage(`</head><body><a href="/test/16/webmention" rel="webmention">e</a><link rel="webmention" href="/wrong/16">`), "/test/16/webmention"},
	{"17 link before a", htmlPage(`<link rel="webmention" href="/test/17/webmention"></head><body><a href="/wrong/17" rel="webmention">e</a>`), "/test/17/webmention"},
	{"18 several link headers", header(`</wrong/18>; rel="other"`, `</test/18/webmention>; rel="webmention"`), "/test/18/webmention"},
	{"19 one link header with several values", header(`</wrong/19>; rel="other", </test/19/webmention>; rel="webmention"`), "/test/19/webmention"},
	{"20 link element without href", htmlPage(`<link rel="webmention"></head><body><a href="/test/20/webmention" rel="webmention">e</a>`), "/test/20/webmention"},
	{"21 endpoint query string kept", htmlPage(`<link rel="webmention" href="/test/21/webmention?query=yes"></head>`), "/test/21/webmention?query=yes"},
	{"22 endpoint relative to the path", htmlPage(`<link rel="webmention" href="22/webmention"></head>`), "/22/webmention"},
}

// rocksServer serves c's page at /target (and, for case 23, a redirect
// to a page whose endpoint is relative to its own address) and records
// every POST.
type rocksServer struct {
	mu    sync.Mutex
	posts []string // "path?query source target"
}

func (rs *rocksServer) handler(t *testing.T, page func(http.ResponseWriter, string)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := "http://" + r.Host
		if r.Method == http.MethodPost {
			if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
				t.Errorf("POST %s with Content-Type %q", r.URL, ct)
			}
			if err := r.ParseForm(); err != nil {
				t.Errorf("POST %s: %v", r.URL, err)
			}
			rs.mu.Lock()
			rs.posts = append(rs.posts, r.URL.RequestURI()+" "+r.PostForm.Get("source")+" "+r.PostForm.Get("target"))
			rs.mu.Unlock()
			w.WriteHeader(http.StatusAccepted)
			return
		}
		switch r.URL.Path {
		case "/target":
			page(w, base)
		default:
			http.NotFound(w, r)
		}
	})
}

func TestWebmentionRocksDiscovery(t *testing.T) {
	t.Parallel()
	const source = "https://blog.example/posts/hello/"
	s := New(Options{AllowLoopback: true})
	for _, c := range rocksCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rs := &rocksServer{}
			srv := httptest.NewServer(rs.handler(t, c.page))
			defer srv.Close()
			target := srv.URL + "/target"
			r := s.Send(context.Background(), source, target)
			if r.Status != StatusSent {
				t.Fatalf("status %v (%v); want sent", r.Status, r.Err)
			}
			want := []string{c.want + " " + source + " " + target}
			if fmt.Sprint(rs.posts) != fmt.Sprint(want) {
				t.Errorf("POSTs = %q; want %q", rs.posts, want)
			}
			if r.Endpoint != srv.URL+c.want {
				t.Errorf("endpoint = %q; want %q", r.Endpoint, srv.URL+c.want)
			}
		})
	}
}

// TestWebmentionRocksRedirect is case 23: the target redirects, and the
// endpoint is relative to the page it redirects to; the mention still
// names the target as linked.
func TestWebmentionRocksRedirect(t *testing.T) {
	t.Parallel()
	rs := &rocksServer{}
	srv := httptest.NewServer(rs.handler(t, nil))
	defer srv.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /test/23/page", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/test/23/page/abc123/", http.StatusFound)
	})
	mux.HandleFunc("GET /test/23/page/abc123/", func(w http.ResponseWriter, r *http.Request) {
		htmlPage(`<link rel="webmention" href="webmention-endpoint/abc123"></head>`)(w, "")
	})
	mux.Handle("POST /", rs.handler(t, nil))
	srv.Config.Handler = mux
	const source = "https://blog.example/posts/hello/"
	target := srv.URL + "/test/23/page"
	r := New(Options{AllowLoopback: true}).Send(context.Background(), source, target)
	if r.Status != StatusSent {
		t.Fatalf("status %v (%v); want sent", r.Status, r.Err)
	}
	want := []string{"/test/23/page/abc123/webmention-endpoint/abc123 " + source + " " + target}
	if fmt.Sprint(rs.posts) != fmt.Sprint(want) {
		t.Errorf("POSTs = %q; want %q", rs.posts, want)
	}
}
