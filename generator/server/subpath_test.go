package server

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// subPathSite is testSite published under a sub-path, as a GitHub
// project page is.
func subPathSite(t *testing.T) string {
	t.Helper()
	dir := testSite(t)
	writeFile(t, dir, "accrue.toml", "title = \"Test\"\nbase_url = \"https://user.github.io/blog/\"\n")
	return dir
}

func TestServesUnderSubPath(t *testing.T) {
	t.Parallel()
	dir := subPathSite(t)
	ready := make(chan FirstBuild, 1)
	base := startAt(t, Options{Dir: dir, Now: testNow, Ready: func(b FirstBuild) { ready <- b }}, "/blog/")
	local := "http://localhost:" + portOf(strings.TrimPrefix(base, "http://"))[1:]

	select {
	case b := <-ready:
		if b.URL != local+"/blog/" || b.Report != local+"/blog/_accrue/report/" {
			t.Errorf("first build said the blog is at %s and its report at %s; want %s/blog/ and %s/blog/_accrue/report/", b.URL, b.Report, local, local)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ready was not called")
	}

	code, body, _ := get(t, base+"/blog/posts/hello/", "")
	if code != 200 || !strings.Contains(body, "First version.") {
		t.Fatalf("post under /blog/: %d\n%s", code, body)
	}
	for _, want := range []string{
		`<link rel="stylesheet" href="/blog/css/theme.css">`,
		`<a class="site-title" href="/blog/" rel="home">`,
		`<link rel="canonical" href="` + local + `/blog/posts/hello/">`,
		`new EventSource("/_accrue/events")`,
		`"base":"/blog/"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("post under /blog/ lacks %s", want)
		}
	}
	for _, tt := range []struct {
		name, path string
		code       int
		location   string
	}{
		{"the root", "/", 302, "/blog/"},
		{"the sub-path without a slash", "/blog", 302, "/blog/"},
		{"the report at the root", "/_accrue/report/", 302, "/blog/_accrue/report/"},
		{"a post without a slash", "/blog/posts/hello", 301, "/blog/posts/hello/"},
		{"the report without a slash", "/blog/_accrue/report", 301, "/blog/_accrue/report/"},
		{"the home page", "/blog/", 200, ""},
		{"a static file", "/blog/css/extra.css", 200, ""},
		{"the feed", "/blog/index.xml", 200, ""},
		{"the report", "/blog/_accrue/report/", 200, ""},
		{"a post outside the sub-path", "/posts/hello/", 404, ""},
		{"a missing page", "/blog/no/such/page/", 404, ""},
	} {
		code, body, h := get(t, base+tt.path, "")
		if code != tt.code || h.Get("Location") != tt.location {
			t.Errorf("%s: GET %s = %d to %q; want %d to %q", tt.name, tt.path, code, h.Get("Location"), tt.code, tt.location)
		}
		if code == 404 && !strings.Contains(body, `href="/blog/archive/"`) {
			t.Errorf("%s: the 404 page does not link under /blog/:\n%s", tt.name, body)
		}
	}
	if _, body, _ := get(t, base+"/blog/_accrue/report/", ""); !strings.Contains(body, "Hello") {
		t.Errorf("the report does not show the blog's posts:\n%s", body)
	}

	// Live reload names changed files as the browser sees them.
	events := subscribe(t, base)
	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nSecond version.\n")
	e := events.next(t)
	if !strings.Contains(e, `"/blog/posts/hello/index.html"`) || !strings.Contains(e, `"/blog/_accrue/report/index.html"`) {
		t.Errorf("event after an edit = %s; want the changed page and the report under /blog/", e)
	}
	body = waitFor(t, base+"/blog/posts/hello/", func(code int, body string) bool { return strings.Contains(body, "Second version.") })
	if !strings.Contains(body, `href="/blog/posts/other/"`) {
		t.Errorf("after a rebuild, the post's links lost /blog/:\n%s", body)
	}

	// Errors show over pages under the sub-path too.
	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: [broken\n---\nThird.\n")
	if e := events.next(t); !strings.Contains(e, `"errors":["content/posts/hello.md:3: front matter: `) {
		t.Errorf("event after breaking front matter = %s; want the error", e)
	}
	waitFor(t, base+"/blog/posts/other/", func(code int, body string) bool {
		return code == 200 && strings.Contains(body, "content/posts/hello.md:3: front matter")
	})
}

// --base-url gives the sub-path of a site whose accrue.toml does not.
func TestServesUnderBaseURLOption(t *testing.T) {
	t.Parallel()
	base := startAt(t, Options{Dir: testSite(t), Now: testNow, BaseURL: "https://example.org/notes"}, "/notes/")
	code, body, _ := get(t, base+"/notes/posts/hello/", "")
	if code != 200 || !strings.Contains(body, `href="/notes/posts/other/"`) {
		t.Errorf("post under /notes/: %d\n%s", code, body)
	}
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	if want := fmt.Sprintf(`<link rel="canonical" href="http://localhost:%s/notes/posts/hello/">`, port); !strings.Contains(body, want) {
		t.Errorf("the canonical URL is not the local one under /notes/; want %s", want)
	}
	if code, _, h := get(t, base+"/", ""); code != 302 || h.Get("Location") != "/notes/" {
		t.Errorf("GET / = %d to %q; want a redirect to /notes/", code, h.Get("Location"))
	}
}

func testNow() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
