package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/themes"
)

// testSite writes a small site into a temporary folder.
func testSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"accrue.toml":            "title = \"Test\"\n",
		"content/posts/hello.md": "---\ntitle: Hello\ndate: 2024-01-01\n---\nFirst version.\n",
		"content/posts/other.md": "---\ntitle: Other\ndate: 2024-01-02\n---\nAnother post.\n",
		"static/css/extra.css":   "body{}\n",
	}
	for name, text := range files {
		writeFile(t, dir, name, text)
	}
	return dir
}

func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// start runs a server for dir on a loopback port until the test ends.
func start(t *testing.T, dir string) string {
	t.Helper()
	return startWith(t, Options{Dir: dir, Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
}

// startWith runs a server with o and the default theme.
func startWith(t *testing.T, o Options) string {
	t.Helper()
	return startAt(t, o, "/")
}

// startAt is startWith for a site served under home, "/" or "/blog/".
func startAt(t *testing.T, o Options, home string) string {
	t.Helper()
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	o.Theme = themes.Default()
	s := New(o)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("server did not stop within 5s of its context ending")
		}
	})
	base := "http://" + ln.Addr().String()
	waitFor(t, base+home, func(code int, body string) bool { return code == 200 })
	return base
}

// get fetches url with an optional Host header.
func get(t *testing.T, url, host string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

// rawGet sends a request line as written, without Go's URL cleaning.
func rawGet(t *testing.T, base, target string) int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// waitFor polls url until ok accepts the response, for at most 10s.
func waitFor(t *testing.T, url string, ok func(code int, body string) bool) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body) // a short read just means poll again
			resp.Body.Close()
			if ok(resp.StatusCode, string(body)) {
				return string(body)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not reach the expected state within 10s", url)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServesPages(t *testing.T) {
	t.Parallel()
	base := start(t, testSite(t))
	code, body, h := get(t, base+"/posts/hello/", "")
	if code != 200 || !strings.Contains(body, "First version.") || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("post: %d %q %v", code, h.Get("Content-Type"), body)
	}
	if !strings.Contains(body, `new EventSource("/_accrue/events")`) || !strings.Contains(body, `href="http://localhost:`) {
		t.Error("served page lacks the live reload script or local absolute URLs")
	}
	if code, body, _ := get(t, base+"/css/extra.css", ""); code != 200 || body != "body{}\n" {
		t.Errorf("static file: %d %q", code, body)
	}
	if code, _, h := get(t, base+"/posts/hello", ""); code != 301 || h.Get("Location") != "/posts/hello/" {
		t.Errorf("no trailing slash: %d %q; want a redirect to /posts/hello/", code, h.Get("Location"))
	}
	if code, body, _ := get(t, base+"/no/such/page/", ""); code != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("missing page: %d; want 404 with the site's 404 page", code)
	}
	if code, _, _ := get(t, base+"/index.xml", ""); code != 200 {
		t.Errorf("feed: %d", code)
	}
}

func TestRefusesTraversalAndForeignHosts(t *testing.T) {
	t.Parallel()
	dir := testSite(t)
	writeFile(t, filepath.Dir(dir), "secret.txt", "do not serve")
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "static", "passwd")); err != nil {
		t.Fatal(err)
	}
	base := start(t, dir)
	for _, target := range []string{
		"/../secret.txt", "/%2e%2e/secret.txt", "/posts/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
		"/%2E%2E%2Fsecret.txt", `/..\secret.txt`, "/posts/..%5c..%5csecret.txt", "/%00", "/posts/hello/%2f",
		"//etc/passwd", "/etc/passwd", "/passwd", "/accrue.toml", "/content/posts/hello.md",
	} {
		if code := rawGet(t, base, target); code != 400 && code != 404 && code != 301 {
			t.Errorf("GET %s = %d; want 400 or 404", target, code)
		}
	}
	for _, host := range []string{"evil.example", "evil.example:1313", "127.0.0.1.evil.example", "localhost.evil.example"} {
		if code, _, _ := get(t, base+"/", host); code != 403 {
			t.Errorf("Host %s = %d; want 403", host, code)
		}
	}
	for _, host := range []string{"localhost", "localhost:1313", "127.0.0.1:80", "[::1]:1313", "blog.localhost"} {
		if code, _, _ := get(t, base+"/", host); code != 200 {
			t.Errorf("Host %s = %d; want 200", host, code)
		}
	}
	if code, _, _ := get(t, base+"/static/", ""); code != 404 {
		t.Errorf("a folder without index.html = %d; want 404, never a listing", code)
	}
}

func TestLiveReloadAndErrors(t *testing.T) {
	t.Parallel()
	dir := testSite(t)
	base := start(t, dir)
	events := subscribe(t, base)

	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nSecond version.\n")
	e := events.next(t)
	if !strings.Contains(e, `"/posts/hello/index.html"`) {
		t.Errorf("event after an edit = %s; want the changed page", e)
	}
	waitFor(t, base+"/posts/hello/", func(code int, body string) bool { return strings.Contains(body, "Second version.") })

	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: [broken\n---\nThird.\n")
	e = events.next(t)
	if !strings.Contains(e, `"errors":["content/posts/hello.md:3: front matter: `) {
		t.Errorf("event after breaking front matter = %s; want the error with file and line", e)
	}
	body := waitFor(t, base+"/posts/other/", func(code int, body string) bool {
		return strings.Contains(body, "content/posts/hello.md:3: front matter")
	})
	if !strings.Contains(body, "Another post.") {
		t.Error("a failed build must keep serving the last good pages")
	}

	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nFixed.\n")
	e = events.next(t)
	if strings.Contains(e, "errors") {
		t.Errorf("event after the fix = %s; want no errors", e)
	}
	waitFor(t, base+"/posts/hello/", func(code int, body string) bool {
		return strings.Contains(body, "Fixed.") && strings.Contains(body, `"errors":[]`)
	})

	writeFile(t, dir, "static/css/extra.css", "body{color:red}\n")
	if e := events.next(t); !strings.Contains(e, `"cssOnly":true`) {
		t.Errorf("event after a CSS edit = %s; want cssOnly", e)
	}

	writeFile(t, dir, "content/posts/.hello.md.swp", "litter")
	writeFile(t, dir, "content/posts/hello.md~", "litter")
	if e, ok := events.within(300 * time.Millisecond); ok {
		t.Errorf("editor litter caused a build event: %s", e)
	}

	// A folder made after the start is watched too.
	writeFile(t, dir, "content/posts/new/index.md", "---\ntitle: New\ndate: 2024-02-01\n---\nIn a new folder.\n")
	events.next(t)
	waitFor(t, base+"/posts/new/", func(code int, body string) bool { return strings.Contains(body, "In a new folder.") })
	writeFile(t, dir, "content/posts/new/index.md", "---\ntitle: New\ndate: 2024-02-01\n---\nEdited in a new folder.\n")
	waitFor(t, base+"/posts/new/", func(code int, body string) bool { return strings.Contains(body, "Edited in a new folder.") })
}

// eventStream reads build events from the server.
type eventStream struct{ ch chan string }

func subscribe(t *testing.T, base string) *eventStream {
	t.Helper()
	resp, err := http.Get(base + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type = %q", ct)
	}
	s := &eventStream{ch: make(chan string, 16)}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				s.ch <- data
			}
		}
		close(s.ch)
	}()
	return s
}

func (s *eventStream) next(t *testing.T) string {
	t.Helper()
	e, ok := s.within(10 * time.Second)
	if !ok {
		t.Fatal("no build event within 10s")
	}
	return e
}

func (s *eventStream) within(d time.Duration) (string, bool) {
	select {
	case e, ok := <-s.ch:
		return e, ok
	case <-time.After(d):
		return "", false
	}
}

func TestPortInUse(t *testing.T) {
	t.Parallel()
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = Listen("127.0.0.1", port)
	want := fmt.Sprintf("port %d is already in use on 127.0.0.1 (is another accrue serve running?); choose another with --port %d", port, port+1)
	if err == nil || err.Error() != want {
		t.Errorf("err = %v; want %q", err, want)
	}
}

func TestCleanPath(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"/", "index.html", true},
		{"/posts/a/", "posts/a/index.html", true},
		{"/css/x.css", "css/x.css", true},
		{"/posts/z%C3%BCrich/", "posts/zürich/index.html", true},
		{"/a//b/", "a/b/index.html", true},
		{"/../x", "", false},
		{"/a/%2e%2e/x", "", false},
		{"/a%2fb", "", false},
		{"/a%5cb", "", false},
		{"/a\\b", "", false},
		{"/a/./b", "", false},
		{"/%00", "", false},
		{"x", "", false},
	} {
		got, ok := cleanPath(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("cleanPath(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
