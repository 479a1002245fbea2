package server

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

func TestLiveReport(t *testing.T) {
	t.Parallel()
	dir := testSite(t)
	base := start(t, dir)

	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(base + "/_accrue/report")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != reportURL {
		t.Errorf("/_accrue/report = %d to %q; want a redirect to %s", resp.StatusCode, resp.Header.Get("Location"), reportURL)
	}

	code, body, h := get(t, base+reportURL, "")
	if code != 200 || h.Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(body, "Hello") ||
		!strings.Contains(body, `new EventSource("/_accrue/events")`) {
		t.Fatalf("report: %d %q\n%s", code, h.Get("Content-Type"), body)
	}
	if strings.Contains(body, "Grace") {
		t.Fatal("the fixture has no commenter yet")
	}

	// A comment arrives: open reports are told to reload, and the report
	// shows the new commenter.
	events := subscribe(t, base)
	writeFile(t, dir, "content/posts/hello/comments/20250101T100000Z-abc123.md",
		"---\nid: abc123\nauthor: Grace\ndate: 2025-01-01T10:00:00Z\nstatus: approved\n---\nLovely.\n")
	if e := events.next(t); !strings.Contains(e, `"/`+reportFile+`"`) {
		t.Errorf("event after a new comment = %s; want the report among the changes", e)
	}
	waitFor(t, base+reportURL, func(code int, body string) bool { return strings.Contains(body, "Grace") })

	// Each post's deposits link to its statement, which links back.
	_, body, _ = get(t, base+reportURL, "")
	if !strings.Contains(body, `href="?post=content%2Fposts%2Fhello.md"`) {
		t.Errorf("the live report does not link the statements:\n%s", body)
	}
	code, body, _ = get(t, base+reportURL+"?post=content%2Fposts%2Fhello.md", "")
	if code != 200 || !strings.Contains(body, "Grace") || !strings.Contains(body, "Hello") || !strings.Contains(body, `<a href="./">`) {
		t.Errorf("statement: %d\n%s", code, body)
	}
	// The report is gathered from a build while later saves rebuild: the
	// race detector watches the two.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			if resp, err := http.Get(base + reportURL + "?post=hello"); err == nil {
				resp.Body.Close()
			}
		}
	}()
	for i := range 3 {
		writeFile(t, dir, "content/posts/hello.md", fmt.Sprintf("---\ntitle: Hello\ndate: 2024-01-01\n---\nFirst version.\n\nEdit %d.\n", i))
		events.next(t)
	}
	<-done
	if code, _, _ := get(t, base+reportURL+"?post=nope", ""); code != 404 {
		t.Errorf("statement of an unknown post = %d; want 404", code)
	}
	// The report is served, never part of the site.
	if code, _, _ := get(t, base+"/_accrue/report/index.html", ""); code != 404 {
		t.Errorf("/_accrue/report/index.html = %d; want 404 without [report] publish", code)
	}
}

// TestServesDemoBlog serves the repository's own demo blog, as the README's
// first command does: every page builds without errors and the report is
// live.
func TestServesDemoBlog(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	base := start(t, root)
	for _, path := range []string{"/", "/posts/getting-started/", "/posts/faq/", "/about/", reportURL, reportURL + "?post=faq"} {
		code, body, _ := get(t, base+path, "")
		if code != 200 || !strings.Contains(body, `"errors":[]`) {
			t.Errorf("%s: %d, or the page shows build errors:\n%.2000s", path, code, body)
		}
	}
	if _, body, _ := get(t, base+"/posts/faq/", ""); !strings.Contains(body, "h-cite") {
		t.Error("the demo's FAQ shows no mentions or comments")
	}
}
