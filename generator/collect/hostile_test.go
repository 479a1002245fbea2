package collect

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
)

// What readers send through a service is rendered inert, and nothing they
// send can stop the blog's build: scripts, event handlers, javascript:
// links, bidi and zero-width tricks in names, and a reply of 1 MB.
func TestHostileRepliesStayInert(t *testing.T) {
	hello := "https://blog.example/posts/hello/"
	huge := "<p>" + strings.Repeat("Lorem ipsum dolor sit amet. ", 40_000) + "</p>" // ~1.1 MB
	fake := &fakeWebmentionIO{entries: []map[string]any{
		wmEntry(1, "in-reply-to", hello, `<p onclick="alert(1)">Hi <script>alert(2)</script><img src=x onerror=alert(3)> <a href="javascript:alert(4)">click</a> <a href="https://ok.example/" onmouseover="alert(5)">ok</a></p><svg onload=alert(6)></svg><iframe src="https://evil.example/"></iframe>`),
		wmEntry(2, "in-reply-to", hello, huge),
		wmEntry(3, "in-reply-to", hello, "<p>Names can lie.</p>"),
		wmEntry(4, "mention-of", hello, `<p>A <style>body{display:none}</style>mention</p>`),
	}}
	fake.entries[2]["author"].(map[string]any)["name"] = "\u202eevil\u202c \u200b\u200b"
	fake.entries[2]["author"].(map[string]any)["url"] = "javascript:alert(7)"
	fake.entries[3]["author"].(map[string]any)["url"] = "javascript:alert(8)"
	srv := httptest.NewServer(fake)
	defer srv.Close()
	root := t.TempDir()
	posts := testPosts("")
	var sl sleeps
	src := &WebmentionIO{Client: testClient(&sl), BaseURL: srv.URL, Token: "T0KEN"}
	f, err := src.Fetch(context.Background(), posts)
	if err != nil {
		t.Fatal(err)
	}
	w := &Writer{Root: root, Status: "approved", Now: now}
	r, err := w.Write(src.Name(), posts, f)
	if err != nil {
		t.Fatal(err)
	}
	if r.Created != 4 {
		t.Fatalf("created %d files; want 4: %+v", r.Created, r.Changes)
	}
	s := load(t, root, "content/posts/hello", posts[0].URLs) // fails on any problem the build would report
	var html strings.Builder
	for _, c := range s.Threads {
		html.WriteString(string(c.HTML))
		html.WriteString(c.Author + " " + c.AuthorURL + "\n")
	}
	for _, m := range s.Mentions {
		html.WriteString(m.AuthorURL + " " + m.Excerpt + "\n")
	}
	out := strings.ToLower(html.String())
	for _, bad := range []string{"<script", "onclick", "onerror", "onmouseover", "onload", "javascript:", "<iframe", "<svg", "<img", "<style", "\u202e", "\u200b"} {
		if strings.Contains(out, bad) {
			t.Errorf("%q got through:\n%.2000s", bad, out)
		}
	}
	if !strings.Contains(out, "the reply goes on at its page") {
		t.Error("the 1 MB reply was not cut with a link to the rest")
	}
}
