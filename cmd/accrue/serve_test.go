package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a strings.Builder the server's goroutines may write to
// while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeSubPath runs accrue serve --base-url for a GitHub project
// page: the startup lines say where the blog and its report are, under
// the sub-path, and both answer there.
func TestServeSubPath(t *testing.T) {
	dir := t.TempDir()
	post := filepath.Join(dir, "content", "posts", "hello.md")
	if err := os.MkdirAll(filepath.Dir(post), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(post, []byte("---\ntitle: Hello\ndate: 2024-05-01\n---\nHello, world.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--source", dir, "--port", "0", "--base-url", "https://user.github.io/blog/"}, &stdout, &stderr)
	}()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("accrue serve: %v\n%s", err, stderr.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("accrue serve did not stop within 10s of its context ending")
		}
	}()

	lines := regexp.MustCompile(`(?m)^  the blog:   (http://localhost:\d+/blog/)\n  its report: (http://localhost:\d+/blog/_accrue/report/)$`)
	var m []string
	for deadline := time.Now().Add(20 * time.Second); m == nil; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("accrue serve did not say where the blog is within 20s:\n%s\n%s", stdout.String(), stderr.String())
		}
		m = lines.FindStringSubmatch(stdout.String())
	}
	for _, tt := range []struct{ url, want string }{
		{m[1] + "posts/hello/", `href="/blog/css/theme.css"`},
		{m[2], "Hello"},
	} {
		resp, err := http.Get(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 || !strings.Contains(string(body), tt.want) {
			t.Errorf("GET %s = %d; want 200 with %s", tt.url, resp.StatusCode, tt.want)
		}
	}
}

// A --base-url that is no address is said at once, before serving.
func TestServeBadBaseURL(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	err := run(context.Background(), []string{"serve", "--source", dir, "--port", "0", "--base-url", "user.github.io/blog"}, &stdout, &stderr)
	if err == nil || err.Error() != `--base-url "user.github.io/blog" must be an absolute http(s) URL such as "https://example.org/"` {
		t.Errorf("accrue serve --base-url user.github.io/blog: %v", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q; want nothing: no server started", stdout.String())
	}
}
