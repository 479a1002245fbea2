package site_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/accruehq/accrue/generator/output"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// TestRebuildWritesOnlyWhatChanged builds a site into an output folder
// that keeps a record, edits it, and builds again: each rebuild takes the
// files whose inputs did not change from the previous output, and leaves
// exactly the folder a full build of the same files makes.
func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "blog")
	post := func(title, date, tags, body string) string {
		return "---\ntitle: " + title + "\ndate: " + date + "\ntags: [" + tags + "]\n---\n" + body
	}
	writeFile(t, src, "accrue.toml", "title = \"Kept\"\nbase_url = \"https://kept.example/\"\npaginate = 2\nfeed_size = 2\n")
	writeFile(t, src, "content/posts/a.md", post("A", "2024-01-01", "x", "A's first paragraph.\n\nMore of A.\n"))
	writeFile(t, src, "content/posts/b.md", post("B", "2024-02-01", "x, y", "B links to [A](/posts/a/).\n"))
	writeFile(t, src, "content/posts/c.md", post("C", "2024-03-01", "y", "C.\n"))
	writeFile(t, src, "content/posts/d.md", post("D", "2024-04-01", "z", "D.\n"))
	writeFile(t, src, "content/about.md", "# About\n\nAbout text.\n")

	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: src, CacheDir: filepath.Join(dir, "cache")}
	record := filepath.Join(dir, "cache", "outputs", "public")
	out := filepath.Join(dir, "public")
	build := func(step string) site.Stats {
		t.Helper()
		var stats site.Stats
		err := output.BuildDir(out, output.Options{Site: src, Record: record}, func(w *output.DirWriter) error {
			var err error
			stats, _, err = site.Build(context.Background(), os.DirFS(src), w, opts)
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		full := filepath.Join(dir, "full")
		err = output.BuildDir(full, output.Options{Site: src}, func(w *output.DirWriter) error {
			o := opts
			o.CacheDir = ""
			_, _, err := site.Build(context.Background(), os.DirFS(src), w, o)
			return err
		})
		if err != nil {
			t.Fatalf("%s: full build: %v", step, err)
		}
		sitetest.CompareFiles(t, step+" (rebuild, against a full build)", readTree(t, out), readTree(t, full))
		return stats
	}
	if s := build("first build"); s.Reused != 0 {
		t.Errorf("first build reused %d files", s.Reused)
	}
	// The search index's words are kept beside the render cache, so the
	// rebuilds below index posts whose pages they do not write.
	if words, _ := filepath.Glob(filepath.Join(dir, "cache", "*.pack.words")); len(words) != 1 {
		t.Errorf("the render cache keeps no words file: %v", words)
	}
	s := build("nothing changed")
	if s.Reused == 0 || s.Rendered+s.Reused != s.Files {
		t.Errorf("nothing changed: rendered %d, reused %d of %d files; want only the files copied afresh rendered", s.Rendered, s.Reused, s.Files)
	}
	fresh := s.Rendered // static files, copied by every build
	writeFile(t, src, "content/posts/a.md", post("A", "2024-01-01", "x", "A's first paragraph.\n\nMore of A, edited.\n"))
	// Its page, the site's and tag x's feeds (three each), the search index and its chunk.
	if s := build("a body edited"); s.Rendered > fresh+1+6+2 {
		t.Errorf("a body edited: rendered %d files; want at most %d", s.Rendered, fresh+1+6+2)
	}
	writeFile(t, src, "content/posts/c.md", post("C, renamed", "2024-03-01", "y", "C.\n"))
	build("a title other pages show")
	writeFile(t, src, "content/posts/d/comments/20240701T000000Z-c1.md", "---\nid: c1\nauthor: Reader\ndate: 2024-07-01T00:00:00Z\nstatus: approved\n---\nGood post.\n")
	build("a comment arrives")
	writeFile(t, src, "layouts/post.html", `{{ define "main" }}{{ .Title }}|{{ .Content }}{{ end }}`)
	build("a layout changes")
	writeFile(t, src, "accrue.toml", "title = \"Kept 2\"\nbase_url = \"https://kept.example/\"\npaginate = 3\n")
	build("the configuration changes")
	removeFile(t, src, "content/posts/b.md")
	build("a post removed")
}

// readTree reads every file under root by slash path, the record's
// marker file aside (its time differs between any two folders).
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
