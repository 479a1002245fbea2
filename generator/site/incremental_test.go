package site_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// TestIncrementalEqualsFullBuild applies a series of edits to a site on
// disk and checks after each that the dev server's incremental build gives
// exactly the files a fresh full build gives.
func TestIncrementalEqualsFullBuild(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) { t.Helper(); writeFile(t, dir, name, text) }
	remove := func(name string) { t.Helper(); removeFile(t, dir, name) }
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
	// it, and the search index) must not render the rest. Static files and
	// resources are always copied: 4 of them here, plus css/syntax.css and
	// the theme's CSS and search script.
	const fresh = 7
	maxRendered := map[string]int{
		"append to a body":             1 + 6 + 2, // the fast path: its page, the site's and tag x's feeds, the search index and its posts
		"edit static":                  fresh,
		"a body shown on another page": 0,         // the layout reads .Prev.Content: anything goes
		"edit after config":            1 + 6 + 2, // the fast path again; feed_size is back to 20: both feeds show it
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

// TestIncrementalHoldsSavesCaughtHalfway leaves posts as editors leave
// them between two steps of a save. While Hold says so, the build keeps
// the last good version and lists the post in Held; once Hold says no,
// the build equals a full build of the files as they are.
func TestIncrementalHoldsSavesCaughtHalfway(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) { t.Helper(); writeFile(t, dir, name, text) }
	remove := func(name string) { t.Helper(); removeFile(t, dir, name) }
	post := func(title, body string) string {
		return "---\ntitle: " + title + "\ndate: 2024-01-01\n---\n" + body
	}
	write("accrue.toml", "title = \"Hold\"\nbase_url = \"https://hold.example/\"\n")
	write("content/posts/a.md", post("A", "A's body.\n"))
	write("content/posts/b/index.md", post("B", "B's body. ![pic](pic.svg)\n"))
	write("content/posts/b/pic.svg", "<svg/>")
	write("content/posts/b/comments/20240701T000000Z-c1.md", "---\nid: c1\nauthor: Reader\ndate: 2024-07-01T00:00:00Z\nstatus: approved\n---\nA comment on B.\n")
	write("content/posts/c.md", post("C", "C's body.\n"))

	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: dir}
	inc := site.NewIncremental(os.DirFS(dir), opts)
	hold := true
	var asked []string
	inc.Hold = func(p string) bool {
		asked = append(asked, p)
		return hold
	}
	build := func(changed ...string) map[string][]byte {
		t.Helper()
		files, _, err := inc.Build(context.Background(), opts, changed)
		if err != nil {
			return nil
		}
		return files
	}
	full := func() map[string][]byte {
		t.Helper()
		w := &site.MemWriter{}
		if _, _, err := site.Build(context.Background(), os.DirFS(dir), w, opts); err != nil {
			return nil
		}
		return w.Files
	}
	good := build()
	if good == nil {
		t.Fatal("the first build failed")
	}
	held := func(step string, got map[string][]byte, want ...string) {
		t.Helper()
		if h := inc.Held(); !slices.Equal(h, want) {
			t.Errorf("%s: Held() = %q; want %q", step, h, want)
		}
		sitetest.CompareFiles(t, step+" (held: the last good build)", got, good)
	}
	asItIs := func(step string, got map[string][]byte) {
		t.Helper()
		if h := inc.Held(); len(h) > 0 {
			t.Errorf("%s: Held() = %q; want none", step, h)
		}
		want := full()
		if (got == nil) != (want == nil) {
			t.Fatalf("%s: incremental build failed: %v; full build failed: %v", step, got == nil, want == nil)
		}
		sitetest.CompareFiles(t, step+" (as it is: a full build)", got, want)
	}

	for _, tt := range []struct {
		name string
		file string
		edit func()
	}{
		{"truncated", "content/posts/a.md", func() { write("content/posts/a.md", "") }},
		{"only blank lines", "content/posts/a.md", func() { write("content/posts/a.md", "\n\n") }},
		{"half an opening line", "content/posts/a.md", func() { write("content/posts/a.md", "--") }},
		{"cut in the front matter", "content/posts/a.md", func() { write("content/posts/a.md", "---\ntitle: A\nda") }},
		{"cut in the closing line", "content/posts/a.md", func() { write("content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\n-") }},
		{"deleted", "content/posts/a.md", func() { remove("content/posts/a.md") }},
		{"a bundle's file deleted", "content/posts/b/index.md", func() { remove("content/posts/b/index.md") }},
	} {
		hold, asked = true, nil
		tt.edit()
		held(tt.name, build(tt.file), tt.file)
		if !slices.Contains(asked, tt.file) {
			t.Errorf("%s: Hold was asked about %q; want %s", tt.name, asked, tt.file)
		}
		// Still so on the next build, held or not as Hold says.
		held(tt.name+", built again", build(tt.file), tt.file)
		hold = false
		asItIs(tt.name+", let go", build(tt.file))
		hold = true
		if tt.name == "a bundle's file deleted" {
			write(tt.file, post("B", "B's body. ![pic](pic.svg)\n"))
		} else {
			write(tt.file, post("A", "A's body.\n"))
		}
		asItIs(tt.name+", whole again", build(tt.file))
		good = full()
	}

	// A change told while another post is held: the held one stays, the
	// other shows; when Hold lets go, the held one is built though no
	// change names it again.
	write("content/posts/a.md", "")
	held("a.md held", build("content/posts/a.md"), "content/posts/a.md")
	write("content/posts/c.md", post("C", "C's body, edited.\n"))
	got := build("content/posts/c.md")
	if h := inc.Held(); !slices.Equal(h, []string{"content/posts/a.md"}) {
		t.Errorf("an edit of c.md while a.md is held: Held() = %q", h)
	}
	if !strings.Contains(string(got["posts/c/index.html"]), "body, edited.") {
		t.Errorf("an edit of c.md while a.md is held did not show:\n%s", got["posts/c/index.html"])
	}
	if !bytes.Equal(got["posts/a/index.html"], good["posts/a/index.html"]) {
		t.Error("an edit of c.md while a.md is held changed a's page")
	}
	hold = false
	write("content/posts/c.md", post("C", "C's body, edited again.\n"))
	asItIs("a.md let go during an edit of c.md", build("content/posts/c.md"))
	hold = true
	write("content/posts/a.md", post("A", "A's body.\n"))
	build("content/posts/a.md")
	good = full()

	// A post deleted while a build lists the documents for another
	// change, before its own change is told: held too.
	remove("content/posts/a.md")
	write("content/posts/d.md", post("D", "D's body.\n"))
	got = build("content/posts/d.md")
	if h := inc.Held(); !slices.Equal(h, []string{"content/posts/a.md"}) {
		t.Errorf("a.md deleted untold: Held() = %q", h)
	}
	if !bytes.Equal(got["posts/a/index.html"], good["posts/a/index.html"]) || got["posts/d/index.html"] == nil {
		t.Error("a.md deleted untold: want a's page kept and d's page added")
	}
	hold = false
	asItIs("a.md deleted, let go", build("content/posts/a.md"))
	hold = true
	good = full()

	// A new post caught halfway is left out, as if not saved yet, through
	// builds for other changes too; once let go, it is built as it is.
	write("content/posts/e.md", "---\ntitle: E\nda")
	held("new e.md", build("content/posts/e.md"), "content/posts/e.md")
	write("content/posts/c.md", post("C", "C's body, edited a third time.\n"))
	got = build("content/posts/c.md")
	if h := inc.Held(); !slices.Equal(h, []string{"content/posts/e.md"}) {
		t.Errorf("an edit of c.md while new e.md is held: Held() = %q", h)
	}
	if got == nil || !strings.Contains(string(got["posts/c/index.html"]), "edited a third time") || got["posts/e/index.html"] != nil {
		t.Error("an edit of c.md while new e.md is held: want c's edit and no e")
	}
	hold = false
	asItIs("new e.md let go during an edit of c.md", build("content/posts/c.md"))
	write("content/posts/e.md", post("E", "E's body.\n"))
	asItIs("new e.md whole", build("content/posts/e.md"))
}

// TestIncrementalLeavesLitterOut checks that editors' litter is neither
// a document nor a resource, in the dev server's builds and in a full one.
func TestIncrementalLeavesLitterOut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"accrue.toml":                          "title = \"Litter\"\nbase_url = \"https://blog.example/\"\n",
		"content/posts/b/index.md":             "---\ntitle: B\ndate: 2024-01-01\n---\nB.\n",
		"content/posts/b/pic.svg":              "<svg/>",
		"content/posts/b/index.md___jb_tmp___": "---\ntitle: B\ndate: 2024-01-01\n---\nB, next.\n",
		"content/posts/a.md___jb_old___":       "old",
		"content/posts/4913":                   "",
		"content/posts/#c.md#":                 "---\ntitle: C\n",
		"content/posts/b/comments/.x.md.swp":   "swap",
		"static/css/extra.css~":                "old",
		"static/photo.jpg.crdownload":          "half",
	} {
		writeFile(t, dir, name, text)
	}
	opts := site.Options{Now: sitetest.Now, Theme: themes.Default()}
	inc := site.NewIncremental(os.DirFS(dir), opts)
	files, diags, err := inc.Build(context.Background(), opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Errorf("litter reported:\n%s", diags.Error())
	}
	for name := range files {
		if strings.Contains(name, "___jb_") || strings.HasSuffix(name, "4913") || strings.Contains(name, "#") ||
			strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".crdownload") {
			t.Errorf("litter copied to %s", name)
		}
	}
	full := &site.MemWriter{}
	_, fullDiags, err := site.Build(context.Background(), os.DirFS(dir), full, opts)
	if err != nil || len(fullDiags) > 0 {
		t.Errorf("a full build with litter: %v\n%s", err, fullDiags.Error())
	}
	if got, want := slices.Sorted(maps.Keys(files)), slices.Sorted(maps.Keys(full.Files)); !slices.Equal(got, want) {
		t.Errorf("the dev server's build writes\n%q\na full build\n%q", got, want)
	}
	if _, ok := files["posts/b/pic.svg"]; !ok {
		t.Error("b's own resource is missing")
	}
	if !strings.Contains(string(files["index.html"]), "/posts/b/") {
		t.Error("b is missing from the home page")
	}
}

// writeFile writes text to the slash path name under dir, making its
// folders.
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

// removeFile removes the slash path name under dir.
func removeFile(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalReadsEditsAsConfigured edits posts of a site whose
// settings change how a document reads (a time zone for dates written
// without one, an excerpt separator): the edited post must read as the
// full build reads it.
func TestIncrementalReadsEditsAsConfigured(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "accrue.toml", "title = \"Zoned\"\nbase_url = \"https://zoned.example/\"\ntimezone = \"Pacific/Auckland\"\n[content]\nexcerpt_separator = \"<!--cut-->\"\n")
	post := func(body string) string {
		return "---\ntitle: Late\ndate: 2024-01-01 23:30\n---\n" + body
	}
	writeFile(t, dir, "content/posts/late.md", post("Before the cut.\n\n<!--cut-->\n\nAfter.\n"))
	writeFile(t, dir, "content/posts/other.md", "---\ntitle: Other\ndate: 2023-06-01\n---\nOther.\n")
	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: dir}
	inc := site.NewIncremental(os.DirFS(dir), opts)
	for i, body := range []string{"", "Before the cut, edited.\n\n<!--cut-->\n\nAfter.\n", "Before the cut, edited.\n\n<!--cut-->\n\nAfter, edited.\n"} {
		changed := []string{"content/posts/late.md"}
		if i == 0 {
			changed = nil
		} else {
			writeFile(t, dir, "content/posts/late.md", post(body))
		}
		step := fmt.Sprintf("edit %d", i)
		got, full := sitetest.Rebuild(t, step, inc, dir, opts, changed)
		sitetest.CompareFiles(t, step+" (incremental, against a full build)", got, full)
	}
}
