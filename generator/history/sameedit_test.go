package history

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// post is a post of n paragraphs, each linking to another post by site
// path, so that every post's links differ.
func post(name string, links ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\nWhat %s is about.\n", name, name)
	for i, l := range links {
		fmt.Fprintf(&b, "\nParagraph %d of %s, see [%s](/posts/%s/) for more.\n", i+1, name, l, l)
	}
	return b.String()
}

// TestLogSameEdit commits, below the sweep threshold, the mechanical
// edits a blog really gets: the blog's address added to every local link
// of twelve posts (each post's links are its own) and a front matter
// field added to three. Both are maintenance; edits that differ are
// revisions.
func TestLogSameEdit(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	names := make([]string, 16)
	for i := range names {
		names[i] = fmt.Sprintf("p%02d", i)
	}
	write := func(i int, rewrite func(string) string) {
		links := []string{names[(i+1)%16], names[(i+5)%16]}
		if i%3 == 0 {
			links = links[:1]
		}
		r.Write("content/posts/"+names[i]+".md", rewrite(post(names[i], links...)))
	}
	same := func(s string) string { return s }
	absolute := func(s string) string { return strings.ReplaceAll(s, "](/posts/", "](https://example.org/posts/") }
	for i := range names {
		write(i, same)
	}
	r.Commit("2024-01-01T00:00:00Z", "import")

	for i := range 12 {
		write(i, absolute)
	}
	r.Commit("2024-02-01T00:00:00Z", "add the domain to local links in 12 posts")

	thought := func(i int) func(string) string {
		return func(s string) string { return s + fmt.Sprintf("\nA new thought about %s.\n", names[i]) }
	}
	for _, i := range []int{12, 13, 14} {
		write(i, thought(i))
	}
	r.Commit("2024-03-01T00:00:00Z", "write more in 3 posts")

	for _, i := range []int{12, 13, 14} {
		write(i, func(s string) string { return "draft = false\n" + thought(i)(s) })
	}
	r.Commit("2024-04-01T00:00:00Z", "mark 3 posts as not drafts")

	// Ten posts get the same typo fixed; the eleventh is rewritten too.
	for i := range 10 {
		write(i, func(s string) string { return strings.ReplaceAll(absolute(s), "for more", "for more on this") })
	}
	write(15, func(s string) string { return s + "\nA long new ending, with its own ideas.\n" })
	r.Commit("2024-05-01T00:00:00Z", "fix wording in 10 posts, finish p15")

	checkSummary(t, r.log("content", Options{}), `
content/posts/p00.md: created "import"
content/posts/p01.md: created "import"
content/posts/p02.md: created "import"
content/posts/p03.md: created "import"
content/posts/p04.md: created "import"
content/posts/p05.md: created "import"
content/posts/p06.md: created "import"
content/posts/p07.md: created "import"
content/posts/p08.md: created "import"
content/posts/p09.md: created "import"
content/posts/p10.md: created "import"
content/posts/p11.md: created "import"
content/posts/p12.md: created "import"; "write more in 3 posts" +2 -0
content/posts/p13.md: created "import"; "write more in 3 posts" +2 -0
content/posts/p14.md: created "import"; "write more in 3 posts" +2 -0
content/posts/p15.md: created "import"; "fix wording in 10 posts, finish p15" +2 -0
same edit "add the domain to local links in 12 posts" 12
same edit "mark 3 posts as not drafts" 3
same edit "fix wording in 10 posts, finish p15" 10
`)

	t.Run("turned off", func(t *testing.T) {
		h := r.log("content", Options{SameEdit: -1})
		if len(h.Sweeps) != 0 {
			t.Errorf("Sweeps = %v; want none", h.Sweeps)
		}
		if got := len(h.Files["content/posts/p00.md"].Revisions); got != 2 {
			t.Errorf("p00 has %d revisions; want 2", got)
		}
	})
	t.Run("more files must share", func(t *testing.T) {
		h := r.log("content", Options{SameEdit: 11})
		if len(h.Sweeps) != 1 || h.Sweeps[0].Files != 12 {
			t.Errorf("Sweeps = %v; want the 12-post one alone", h.Sweeps)
		}
		if got := len(h.Files["content/posts/p12.md"].Revisions); got != 2 {
			t.Errorf("p12 has %d revisions; want 2", got)
		}
	})
}

func TestEditKey(t *testing.T) {
	t.Parallel()
	lines := func(s ...string) [][]byte {
		var out [][]byte
		for _, l := range s {
			out = append(out, []byte(l))
		}
		return out
	}
	edit := func(h ...hunk) fileEdit { return fileEdit{hunks: h} }
	for _, tt := range []struct {
		name string
		a, b fileEdit
		same bool
	}{
		{"one link and two, domain added",
			edit(hunk{lines("see [a](/posts/a/)"), lines("see [a](https://example.org/posts/a/)")}),
			edit(hunk{lines("[b](/posts/b/) and [c](/c/)."), lines("[b](https://example.org/posts/b/) and [c](https://example.org/c/).")}),
			true},
		{"same line added",
			edit(hunk{nil, lines("layout: post")}),
			edit(hunk{nil, lines("layout: post")}, hunk{nil, lines("layout: post")}),
			true},
		{"other lines added",
			edit(hunk{nil, lines("A thought on a.")}),
			edit(hunk{nil, lines("A thought on b.")}),
			false},
		{"same word replaced, more replaced in one",
			edit(hunk{lines("teh cat"), lines("the cat")}),
			edit(hunk{lines("teh dog"), lines("the dog")}, hunk{lines("a"), lines("b")}),
			false},
		{"same word replaced in different lines",
			edit(hunk{lines("teh cat", "teh end"), lines("the cat", "the end")}),
			edit(hunk{lines("so teh dog"), lines("so the dog")}),
			true},
		{"a block replaced by another size",
			edit(hunk{lines("old", "footer"), lines("new footer")}),
			edit(hunk{lines("old", "footer"), lines("new footer")}),
			true},
		{"lines removed",
			edit(hunk{lines("draft: true"), nil}),
			edit(hunk{lines("draft: false"), nil}),
			false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := tt.a.key(), tt.b.key()
			if ka == "" || kb == "" {
				t.Fatalf("keys %q, %q; want both set", ka, kb)
			}
			if got := ka == kb; got != tt.same {
				t.Errorf("same edit = %v; want %v\nkeys %q\n     %q", got, tt.same, ka, kb)
			}
		})
	}
	if k := (fileEdit{}).key(); k != "" {
		t.Errorf("key of a change without lines = %q; want none", k)
	}
}

// TestReadPatches reads a patch whose removed and added lines look like
// patch headers, a binary file and a pure rename.
func TestReadPatches(t *testing.T) {
	t.Parallel()
	patch := "\x1eaaaa\n\n" +
		"diff --git a/content/a.md b/content/a.md\n" +
		"index 1..2 100644\n" +
		"--- a/content/a.md\n" +
		"+++ b/content/a.md\n" +
		"@@ -1 +1 @@\n" +
		"--- a/x\n" +
		"++++ b/x\n" +
		"@@ -5,0 +6 @@ heading\n" +
		"+diff --git a/y b/y\n" +
		"\\ No newline at end of file\n" +
		"diff --git a/img.png b/img.png\n" +
		"index 3..4 100644\n" +
		"Binary files a/img.png and b/img.png differ\n" +
		"\x1ebbbb\n\n" +
		"diff --git a/c.md b/d.md\n" +
		"similarity index 100%\n" +
		"rename from c.md\n" +
		"rename to d.md\n"
	var got []string
	err := readPatches(strings.NewReader(patch), func(hash string, files []fileEdit) {
		var b strings.Builder
		fmt.Fprintf(&b, "%s:", hash)
		for _, f := range files {
			b.WriteString(" [")
			for _, h := range f.hunks {
				fmt.Fprintf(&b, "%q>%q", h.removed, h.added)
			}
			b.WriteString("]")
		}
		got = append(got, b.String())
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`aaaa: [["-- a/x"]>["+++ b/x"][]>["diff --git a/y b/y"]] []`,
		`bbbb: []`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("readPatches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLogSameEditBesideTypeChange makes the same edit to three posts in
// a commit that also turns a post into a symlink, which git's patch shows
// as two files: the edits are still matched to their posts.
func TestLogSameEditBesideTypeChange(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a.md", text("a", 3))
	for _, p := range []string{"b", "c", "d"} {
		r.Write("content/posts/"+p+".md", text(p, 3)+"Read [more](/posts/a/).\n")
	}
	r.Commit("2024-01-01T00:00:00Z", "add")
	if err := os.Remove(filepath.Join(r.Dir, "content/posts/a.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("b.md", filepath.Join(r.Dir, "content/posts/a.md")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	for _, p := range []string{"b", "c", "d"} {
		r.Write("content/posts/"+p+".md", text(p, 3)+"Read [more](https://example.org/posts/a/).\n")
	}
	r.Commit("2024-01-02T00:00:00Z", "a is b now; absolute links")

	checkSummary(t, r.log("content", Options{}), `
content/posts/a.md: created "add"; "a is b now; absolute links" +1 -3
content/posts/b.md: created "add"
content/posts/c.md: created "add"
content/posts/d.md: created "add"
same edit "a is b now; absolute links" 3
`)
}
