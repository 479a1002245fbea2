package site_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/accruehq/accrue/generator/internal/sitetest"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/themes"
)

// TestIncrementalEqualsFullBuild applies a series of edits to a site on
// disk and checks after each that the dev server's incremental build gives
// exactly the files a fresh full build gives.
func TestIncrementalEqualsFullBuild(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(name string) {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	post := func(title, date, tags, body string) string {
		return "---\ntitle: " + title + "\ndate: " + date + "\ntags: [" + tags + "]\nseries: [s]\n---\n" + body
	}
	write("accrue.toml", "title = \"Inc\"\nbase_url = \"https://inc.example/\"\npaginate = 2\nfeed_size = 2\n")
	write("content/posts/a.md", post("A", "2024-01-01", "x", "A's first paragraph.\n\nMore of A.\n"))
	write("content/posts/b.md", post("B", "2024-02-01", "x, y", "B's first paragraph.\n"))
	write("content/posts/c.md", post("C", "2024-03-01", "y", "C links to [A](/posts/a/).\n"))
	write("content/posts/d/index.md", post("D", "2024-04-01", "z", "![pic](pic.svg)\n"))
	write("content/posts/d/pic.svg", "<svg/>")
	write("content/posts/e.md", post("E", "2024-05-01", "x", "E.\n"))
	write("content/about.md", "# About\n\nAbout text.\n")
	write("static/css/site.css", "a{}\n")

	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: dir}
	inc := site.NewIncremental(os.DirFS(dir), opts)
	// Edits that change no page but the post's own (and the feeds showing
	// it) must not render the rest. Static files and resources are always
	// copied: 4 of them here, plus css/syntax.css and the theme's CSS.
	const fresh = 6
	maxRendered := map[string]int{
		"append to a body":             1 + 6, // the fast path: its page, the site's and tag x's feeds
		"edit static":                  fresh,
		"a body shown on another page": 0,     // the layout reads .Prev.Content: anything goes
		"edit after config":            1 + 6, // the fast path again; feed_size is back to 20: both feeds show it
	}
	check := func(step string, changed []string) {
		t.Helper()
		got, diags, err := inc.Build(context.Background(), opts, changed)
		w := &site.MemWriter{}
		_, wantDiags, wantErr := site.Build(context.Background(), os.DirFS(dir), w, opts)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%s: incremental error %v, full build error %v", step, err, wantErr)
		}
		if diags.Error() != wantDiags.Error() {
			t.Errorf("%s: diagnostics differ:\n%s\nwant\n%s", step, diags.Error(), wantDiags.Error())
		}
		if err != nil {
			return
		}
		sitetest.CompareFiles(t, step+" (incremental, against a full build)", got, w.Files)
		if max := maxRendered[step]; max > 0 && inc.Last.Rendered > max {
			t.Errorf("%s: rendered %d of %d files; an edit like this should render at most %d", step, inc.Last.Rendered, inc.Last.Files, max)
		}
	}
	check("first build", nil)

	steps := []struct {
		name    string
		edit    func()
		changed []string
	}{
		{"append to a body", func() {
			write("content/posts/a.md", post("A", "2024-01-01", "x", "A's first paragraph.\n\nMore of A, edited.\n"))
		}, []string{"content/posts/a.md"}},
		{"change a first paragraph", func() {
			write("content/posts/a.md", post("A", "2024-01-01", "x", "A's new summary.\n\nMore of A, edited.\n"))
		}, []string{"content/posts/a.md"}},
		{"retitle", func() { write("content/posts/b.md", post("B prime", "2024-02-01", "x, y", "B's first paragraph.\n")) }, []string{"content/posts/b.md"}},
		{"move in time", func() { write("content/posts/e.md", post("E", "2023-06-01", "x", "E.\n")) }, []string{"content/posts/e.md"}},
		{"retag", func() { write("content/posts/c.md", post("C", "2024-03-01", "z, new", "C links to [A](/posts/a/).\n")) }, []string{"content/posts/c.md"}},
		{"link another post", func() {
			write("content/posts/c.md", post("C", "2024-03-01", "z, new", "C links to [A](/posts/a/).\n\nAnd to [E](../e/).\n"))
		}, []string{"content/posts/c.md"}},
		{"a comment arrives", func() {
			write("content/posts/a/comments/20240701T000000Z-c1.md", "---\nid: c1\nauthor: Reader\ndate: 2024-07-01T00:00:00Z\nstatus: approved\n---\nGood post.\n")
		}, []string{"content/posts/a/comments/20240701T000000Z-c1.md"}},
		{"a mention arrives", func() {
			write("content/posts/a/mentions/20240702T000000Z-m1.yaml", "source: https://x.example/p\ntarget: https://inc.example/posts/a/\ntype: like\nreceived: 2024-07-02T00:00:00Z\nstatus: approved\n")
		}, []string{"content/posts/a/mentions/20240702T000000Z-m1.yaml"}},
		{"add a post", func() { write("content/posts/f.md", post("F", "2024-06-01", "x", "F.\n")) }, []string{"content/posts/f.md"}},
		{"make it a draft", func() {
			write("content/posts/f.md", "---\ntitle: F\ndate: 2024-06-01\ndraft: true\n---\nF.\n")
		}, []string{"content/posts/f.md"}},
		{"delete a post", func() { remove("content/posts/b.md") }, []string{"content/posts/b.md"}},
		{"edit a bundle image", func() { write("content/posts/d/pic.svg", "<svg>2</svg>") }, []string{"content/posts/d/pic.svg"}},
		{"add a bundle image", func() { write("content/posts/d/more.svg", "<svg/>") }, []string{"content/posts/d/more.svg"}},
		{"edit a page", func() { write("content/about.md", "# About us\n\nAbout text.\n") }, []string{"content/about.md"}},
		{"home intro", func() { write("content/_index.md", "Welcome.\n") }, []string{"content/_index.md"}},
		{"edit static", func() { write("static/css/site.css", "a{color:red}\n") }, []string{"static/css/site.css"}},
		{"break front matter", func() { write("content/posts/a.md", "---\ntitle: [A\n---\nx\n") }, []string{"content/posts/a.md"}},
		{"fix it", func() { write("content/posts/a.md", post("A", "2024-01-01", "x", "Fixed A.\n")) }, []string{"content/posts/a.md"}},
		{"override a layout", func() {
			write("layouts/post.html", `{{ define "main" }}{{ .Title }}|{{ with .Prev }}{{ .Content }}{{ end }}|{{ .Content }}{{ end }}`)
		}, []string{"layouts/post.html"}},
		{"a body shown on another page", func() { write("content/posts/c.md", post("C", "2024-03-01", "z, new", "C, edited.\n")) }, []string{"content/posts/c.md"}},
		{"drop the layout", func() { remove("layouts/post.html") }, []string{"layouts/post.html"}},
		{"change config", func() {
			write("accrue.toml", "title = \"Inc 2\"\nbase_url = \"https://inc.example/\"\npaginate = 3\n")
		}, []string{"accrue.toml"}},
		{"edit after config", func() { write("content/posts/e.md", post("E", "2023-06-01", "x", "E.\n\nAnd a second paragraph.\n")) }, []string{"content/posts/e.md"}},
	}
	for _, s := range steps {
		s.edit()
		check(s.name, s.changed)
	}
}
