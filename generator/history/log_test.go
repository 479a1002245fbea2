package history

import (
	"context"
	"errors"
	"fmt"
	"github.com/accruehq/accrue/testkit/gittest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// text returns n distinct lines, so that git's rename detection pairs a
// renamed file with its old name and line counts are easy to predict.
func text(tag string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s line %d\n", tag, i+1)
	}
	return b.String()
}

func (r *repo) head() string {
	r.T.Helper()
	return strings.TrimSpace(r.Git("", "rev-parse", "HEAD"))
}

// mv renames a file with git mv, making the new folder first.
func (r *repo) mv(from, to string) {
	r.T.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(r.Dir, filepath.FromSlash(to))), 0o755); err != nil {
		r.T.Fatal(err)
	}
	r.Git("", "mv", from, to)
}

func (r *repo) log(folder string, o Options) *History {
	r.T.Helper()
	h, err := Log(context.Background(), r.Dir, folder, o)
	if err != nil {
		r.T.Fatalf("Log: %v", err)
	}
	return h
}

// summary renders h in a few lines, files sorted by path, commits by
// subject:
//
//	path: created "subject"; "subject" +added -removed; …
//	sweep "subject" files
//	same edit "subject" files
func summary(h *History) string {
	var lines []string
	for p, f := range h.Files {
		var b strings.Builder
		if p != f.Path {
			fmt.Fprintf(&b, "key %q for ", p)
		}
		fmt.Fprintf(&b, "%s: created %q", f.Path, f.Created.Subject)
		if f.Truncated {
			b.WriteString(" (truncated)")
		}
		for _, r := range f.Revisions {
			if r.Binary {
				fmt.Fprintf(&b, "; %q binary", r.Subject)
			} else {
				fmt.Fprintf(&b, "; %q +%d -%d", r.Subject, r.Added, r.Removed)
			}
		}
		lines = append(lines, b.String())
	}
	slices.Sort(lines)
	for _, s := range h.Sweeps {
		if s.SameEdit {
			lines = append(lines, fmt.Sprintf("same edit %q %d", s.Subject, s.Files))
		} else {
			lines = append(lines, fmt.Sprintf("sweep %q %d", s.Subject, s.Files))
		}
	}
	if h.Shallow {
		lines = append(lines, "shallow")
	}
	return strings.Join(lines, "\n")
}

func checkSummary(t *testing.T, h *History, want string) {
	t.Helper()
	want = strings.TrimSpace(want)
	if got := summary(h); got != want {
		t.Errorf("Log:\n%s\nwant:\n%s", got, want)
	}
}

func TestLogCreationAndEdits(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a.md", text("a", 5))
	r.Write("README.md", "not content\n")
	r.Commit("2024-01-02T10:00:00Z", "add a")
	created := r.head()
	// One line changed, two added.
	r.Write("content/posts/a.md", strings.Replace(text("a", 5), "a line 3", "a line three", 1)+"more\nand more\n")
	r.Commit("2024-02-03T08:00:00+02:00", "edit a")
	edited := r.head()
	r.Write("README.md", "still not content\n")
	r.Commit("2024-02-04T00:00:00Z", "readme")
	r.Write("content/posts/a.md", strings.Replace(text("a", 5), "a line 3", "a line three", 1))
	r.Git("2024-03-01T12:00:00-05:00", "commit", "-q", "-a", "-m", "trim a\n\nThe body is not the subject.",
		"--author", "Grace Hopper <grace@example.org>")

	h := r.log("content", Options{})
	checkSummary(t, h, `
content/posts/a.md: created "add a"; "edit a" +3 -1; "trim a" +0 -2
`)
	f := h.Files["content/posts/a.md"]
	if f == nil || len(f.Revisions) != 2 {
		t.Fatalf("Files[a.md] = %+v", f)
	}
	for _, tt := range []struct {
		name          string
		c             Commit
		hash          string
		author, email string
		date          string
	}{
		{"created", f.Created, created, "Ada", "ada@example.org", "2024-01-02T10:00:00Z"},
		{"first revision", f.Revisions[0].Commit, edited, "Ada", "ada@example.org", "2024-02-03T08:00:00+02:00"},
		{"second revision", f.Revisions[1].Commit, r.head(), "Grace Hopper", "grace@example.org", "2024-03-01T12:00:00-05:00"},
	} {
		if tt.c.Hash != tt.hash || tt.c.Author != tt.author || tt.c.Email != tt.email {
			t.Errorf("%s = %s %s <%s>; want %s %s <%s>", tt.name, tt.c.Hash, tt.c.Author, tt.c.Email, tt.hash, tt.author, tt.email)
		}
		// The author's offset is kept, not only the instant.
		if got := tt.c.Date.Format(time.RFC3339); got != tt.date {
			t.Errorf("%s date = %s; want %s", tt.name, got, tt.date)
		}
	}
	if len(h.Sweeps) != 0 || h.Shallow || len(h.Warnings) != 0 {
		t.Errorf("Sweeps, Shallow, Warnings = %v, %v, %q; want none", h.Sweeps, h.Shallow, h.Warnings)
	}
}

func TestLogRenames(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/pure.md", text("pure", 10))
	r.Write("content/posts/moved.md", text("moved", 10))
	r.Write("content/posts/edited.md", text("edited", 10))
	r.Commit("2024-01-01T00:00:00Z", "add")
	r.Write("content/posts/pure.md", text("pure", 11))
	r.Commit("2024-01-02T00:00:00Z", "edit pure")
	r.mv("content/posts/pure.md", "content/posts/renamed.md")
	r.Commit("2024-01-03T00:00:00Z", "rename pure")
	r.mv("content/posts/moved.md", "content/2023/moved.md")
	r.Commit("2024-01-04T00:00:00Z", "move into a folder")
	r.mv("content/posts/edited.md", "content/posts/better-name.md")
	r.Write("content/posts/better-name.md", strings.Replace(text("edited", 10), "edited line 2\n", "", 1)+"new\n")
	r.Commit("2024-01-05T00:00:00Z", "rename with edits")
	r.Write("content/2023/moved.md", text("moved", 12))
	r.Commit("2024-01-06T00:00:00Z", "edit moved")
	// Renamed twice, the second time back to a name it had.
	r.mv("content/posts/renamed.md", "content/posts/pure.md")
	r.Commit("2024-01-07T00:00:00Z", "rename back")

	checkSummary(t, r.log("content", Options{}), `
content/2023/moved.md: created "add"; "edit moved" +2 -0
content/posts/better-name.md: created "add"; "rename with edits" +1 -1
content/posts/pure.md: created "add"; "edit pure" +1 -0
`)
}

func TestLogSweeps(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	for i := range 25 {
		r.Write(fmt.Sprintf("content/posts/p%02d.md", i), text(fmt.Sprint("p", i), 10))
	}
	r.Write("content/posts/later.md", text("later", 10))
	r.Commit("2024-01-01T00:00:00Z", "import 26 posts")
	r.Write("content/posts/p00.md", text("p0", 11))
	r.Commit("2024-01-02T00:00:00Z", "edit p00")
	for i := range 25 {
		r.Write(fmt.Sprintf("content/posts/p%02d.md", i), "---\n"+text(fmt.Sprint("p", i), 10))
	}
	r.Commit("2024-01-03T00:00:00Z", "reformat 25 posts")
	for i := range 25 { // a migration: every post moves and changes a little
		old := fmt.Sprintf("content/posts/p%02d.md", i)
		r.mv(old, fmt.Sprintf("content/posts/p%02d/index.md", i))
		r.Write(fmt.Sprintf("content/posts/p%02d/index.md", i), "+++\n"+text(fmt.Sprint("p", i), 10))
	}
	r.Commit("2024-01-04T00:00:00Z", "move 25 posts into bundles")
	r.Write("content/posts/p00/index.md", "+++\n"+text("p0", 12))
	r.Write("content/posts/later.md", text("later", 11))
	r.Commit("2024-01-05T00:00:00Z", "edit p00 and later")

	get := func(h *History, path string) *File {
		t.Helper()
		f := h.Files[path]
		if f == nil {
			t.Fatalf("no history for %s; have %d files", path, len(h.Files))
		}
		return f
	}
	subjects := func(f *File) []string {
		var s []string
		for _, r := range f.Revisions {
			s = append(s, r.Subject)
		}
		return s
	}

	t.Run("default threshold", func(t *testing.T) {
		h := r.log("content", Options{})
		if len(h.Files) != 26 {
			t.Errorf("len(Files) = %d; want 26", len(h.Files))
		}
		// The import is a sweep too; every post it added is still created by it.
		var sweeps []string
		for _, s := range h.Sweeps {
			sweeps = append(sweeps, fmt.Sprintf("%s: %d", s.Subject, s.Files))
		}
		want := []string{"import 26 posts: 26", "reformat 25 posts: 25", "move 25 posts into bundles: 25"}
		if !slices.Equal(sweeps, want) {
			t.Errorf("Sweeps = %q; want %q", sweeps, want)
		}
		p0 := get(h, "content/posts/p00/index.md")
		if got, want := subjects(p0), []string{"edit p00", "edit p00 and later"}; p0.Created.Subject != "import 26 posts" || !slices.Equal(got, want) {
			t.Errorf("p00: created by %q, revisions %q; want %q, %q", p0.Created.Subject, got, "import 26 posts", want)
		}
		if p7 := get(h, "content/posts/p07/index.md"); p7.Created.Subject != "import 26 posts" || len(p7.Revisions) != 0 {
			t.Errorf("p07: created by %q, revisions %q; want the import and none", p7.Created.Subject, subjects(p7))
		}
	})
	for _, threshold := range []int{27, -1} {
		t.Run(fmt.Sprint("threshold ", threshold), func(t *testing.T) {
			h := r.log("content", Options{SweepThreshold: threshold, SameEdit: -1})
			if len(h.Sweeps) != 0 {
				t.Errorf("Sweeps = %v; want none", h.Sweeps)
			}
			p7 := get(h, "content/posts/p07/index.md")
			if got, want := subjects(p7), []string{"reformat 25 posts", "move 25 posts into bundles"}; !slices.Equal(got, want) {
				t.Errorf("p07 revisions = %q; want %q", got, want)
			}
			if r := p7.Revisions[0]; r.Added != 1 || r.Removed != 0 {
				t.Errorf("reformat: +%d -%d; want +1 -0", r.Added, r.Removed)
			}
		})
	}
	t.Run("threshold 27, same edits", func(t *testing.T) {
		// Below the threshold, the reformat and the move still made one
		// edit to each post; p00, which was edited before, lost a line in
		// the reformat too, so it was revised.
		h := r.log("content", Options{SweepThreshold: 27})
		var sweeps []string
		for _, s := range h.Sweeps {
			sweeps = append(sweeps, fmt.Sprintf("%s: %d %v", s.Subject, s.Files, s.SameEdit))
		}
		want := []string{"reformat 25 posts: 24 true", "move 25 posts into bundles: 25 true"}
		if !slices.Equal(sweeps, want) {
			t.Errorf("Sweeps = %q; want %q", sweeps, want)
		}
		if p7 := get(h, "content/posts/p07/index.md"); len(p7.Revisions) != 0 {
			t.Errorf("p07 revisions = %q; want none", subjects(p7))
		}
		p0 := get(h, "content/posts/p00/index.md")
		if got, want := subjects(p0), []string{"edit p00", "reformat 25 posts", "edit p00 and later"}; !slices.Equal(got, want) {
			t.Errorf("p00 revisions = %q; want %q", got, want)
		}
	})
	t.Run("threshold 2", func(t *testing.T) {
		h := r.log("content", Options{SweepThreshold: 2})
		if len(h.Sweeps) != 4 || h.Sweeps[3].Subject != "edit p00 and later" || h.Sweeps[3].Files != 2 {
			t.Errorf("Sweeps = %v; want 4, the last over 2 files", h.Sweeps)
		}
		if later := get(h, "content/posts/later.md"); len(later.Revisions) != 0 {
			t.Errorf("later.md revisions = %q; want none", subjects(later))
		}
	})
}

// TestLogDeletedAndReadded deletes posts and adds them back under the
// same name: the address is the post, so it keeps its first creation and
// its older revisions. Coming back with other content is a revision;
// coming back unchanged (a deletion undone) is not.
func TestLogDeletedAndReadded(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a.md", text("first a", 5))
	r.Write("content/posts/gone.md", text("gone", 5))
	r.Write("content/posts/undone.md", text("undone", 5))
	r.Commit("2024-01-01T00:00:00Z", "add a, gone and undone")
	r.Write("content/posts/a.md", text("first a", 6))
	r.Write("content/posts/gone.md", text("gone", 6))
	r.Commit("2024-01-02T00:00:00Z", "edit a and gone")
	r.Git("", "rm", "-q", "content/posts/a.md", "content/posts/gone.md", "content/posts/undone.md")
	r.Commit("2024-01-03T00:00:00Z", "delete a, gone and undone")
	r.Write("content/posts/a.md", text("second a", 3))
	r.Write("content/posts/undone.md", text("undone", 5))
	r.Commit("2024-01-04T00:00:00Z", "add a again, restore undone")
	r.Write("content/posts/a.md", text("second a", 4))
	r.Commit("2024-01-05T00:00:00Z", "edit new a")
	r.Git("", "rm", "-q", "content/posts/a.md")
	r.Commit("2024-01-06T00:00:00Z", "delete a again")
	r.Write("content/posts/a.md", text("second a", 4))
	r.Commit("2024-01-07T00:00:00Z", "restore a")

	checkSummary(t, r.log("content", Options{}), `
content/posts/a.md: created "add a, gone and undone"; "edit a and gone" +1 -0; "add a again, restore undone" +3 -0; "edit new a" +1 -0
content/posts/undone.md: created "add a, gone and undone"
`)
}

// TestLogDeletedAndReaddedBySweeps deletes every post in one sweep and
// adds them back rewritten in another, as a migration whose renames git
// did not pair would: the posts keep their dates, and the sweeps revise
// none of them.
func TestLogDeletedAndReaddedBySweeps(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	for _, p := range []string{"a", "b", "c"} {
		r.Write("content/posts/"+p+".md", text(p, 5))
	}
	r.Commit("2024-01-01T00:00:00Z", "add")
	r.Git("", "rm", "-q", "-r", "content/posts")
	r.Commit("2024-01-02T00:00:00Z", "remove the old posts")
	for _, p := range []string{"a", "b", "c"} {
		r.Write("content/posts/"+p+".md", "+++\n"+text(p, 5))
	}
	r.Commit("2024-01-03T00:00:00Z", "add the posts in the new format")

	checkSummary(t, r.log("content", Options{SweepThreshold: 3}), `
content/posts/a.md: created "add"
content/posts/b.md: created "add"
content/posts/c.md: created "add"
sweep "add" 3
sweep "remove the old posts" 3
sweep "add the posts in the new format" 3
`)
}

// TestLogRenamedAwayAndReplaced renames a post and, in a later commit,
// adds a new one under its old name: the old history follows the rename,
// and the new post starts with its own addition.
func TestLogRenamedAwayAndReplaced(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a.md", text("a", 10))
	r.Commit("2024-01-01T00:00:00Z", "add a")
	r.Write("content/posts/a.md", text("a", 11))
	r.Commit("2024-01-02T00:00:00Z", "edit a")
	r.mv("content/posts/a.md", "content/posts/b.md")
	r.Commit("2024-01-03T00:00:00Z", "rename a to b")
	r.Write("content/posts/a.md", text("new", 3))
	r.Commit("2024-01-04T00:00:00Z", "new a")

	checkSummary(t, r.log("content", Options{}), `
content/posts/a.md: created "new a"
content/posts/b.md: created "add a"; "edit a" +1 -0
`)
}

// TestLogRenameAndReplace renames a file and adds a new one under its old
// name in one commit. git log -M sees an edit of the old name and a new
// file, because it looks for renames only among deleted names; -B would
// break the rewrite into a deletion and an addition first, but costs
// about 15% more on every modified file, for a case this rare.
func TestLogRenameAndReplace(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a.md", text("a", 10))
	r.Commit("2024-01-01T00:00:00Z", "add a")
	r.Write("content/posts/a.md", text("a", 11))
	r.Commit("2024-01-02T00:00:00Z", "edit a")
	r.mv("content/posts/a.md", "content/posts/b.md")
	r.Write("content/posts/a.md", text("new", 3))
	r.Commit("2024-01-03T00:00:00Z", "a is now b; new a")

	checkSummary(t, r.log("content", Options{}), `
content/posts/a.md: created "add a"; "edit a" +1 -0; "a is now b; new a" +3 -11
content/posts/b.md: created "a is now b; new a"
`)
}

func TestLogShallowClone(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a.md", text("a", 5))
	r.Write("content/posts/b.md", text("b", 5))
	r.Commit("2024-01-01T00:00:00Z", "add a and b")
	r.Write("content/posts/a.md", text("a", 6))
	r.Commit("2024-01-02T00:00:00Z", "edit a")
	r.Write("content/posts/a.md", text("a", 7))
	r.Write("content/posts/c.md", text("c", 5))
	r.Commit("2024-01-03T00:00:00Z", "edit a, add c")

	for _, tt := range []struct {
		depth int
		want  string
	}{
		{1, `
content/posts/a.md: created "edit a, add c" (truncated)
content/posts/b.md: created "edit a, add c" (truncated)
content/posts/c.md: created "edit a, add c" (truncated)
shallow`},
		{2, `
content/posts/a.md: created "edit a" (truncated); "edit a, add c" +1 -0
content/posts/b.md: created "edit a" (truncated)
content/posts/c.md: created "edit a, add c"
shallow`},
	} {
		t.Run(fmt.Sprint("depth ", tt.depth), func(t *testing.T) {
			clone := &repo{&gittest.Repo{T: t, Dir: t.TempDir()}}
			clone.Git("", "clone", "-q", "--depth", fmt.Sprint(tt.depth), "file://"+r.Dir, ".")
			// At depth 1 the boundary commit shows 3 files as added: it
			// would be a sweep if it were read as a commit.
			checkSummary(t, clone.log("content", Options{SweepThreshold: 3}), tt.want)
		})
	}
	if h := r.log("content", Options{}); h.Shallow {
		t.Error("the full repository is Shallow")
	}
	for _, s := range []string{"git fetch --unshallow", "fetch-depth: 0"} {
		if !strings.Contains(ShallowWarning, s) {
			t.Errorf("ShallowWarning does not say %q", s)
		}
	}
}

func TestLogUnusualPaths(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	names := []string{
		"content/posts/with space.md",
		"content/posts/ünïcödé ✓.md",
		"content/日本/タイトル.md",
		"content/posts/tab\there.md",
		"content/posts/new\nline.md",
		`content/posts/"quoted" back\slash.md`,
	}
	for i, n := range names {
		r.Write(n, text(fmt.Sprint("f", i), 10))
	}
	r.Commit("2024-01-01T00:00:00Z", "add")
	for i, n := range names {
		r.Write(n, text(fmt.Sprint("f", i), 11))
	}
	r.Commit("2024-01-02T00:00:00Z", "edit")
	r.mv(names[0], "content/posts/ünï space/moved here.md")
	r.Commit("2024-01-03T00:00:00Z", "move")

	h := r.log("content", Options{})
	want := append([]string{"content/posts/ünï space/moved here.md"}, names[1:]...)
	for _, n := range want {
		f := h.Files[n]
		if f == nil || f.Created.Subject != "add" || len(f.Revisions) != 1 || f.Revisions[0].Added != 1 {
			t.Errorf("Files[%q] = %+v; want created by add, one revision +1", n, f)
		}
	}
	if len(h.Files) != len(want) {
		t.Errorf("Log:\n%s\nwant %d files", summary(h), len(want))
	}
}

func TestLogBinaryAndOtherFiles(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a/index.md", text("a", 3))
	r.Write("content/posts/a/photo.png", "\x89PNG\x00\x01\x02")
	r.Write("themes/default/post.html", "{{ .Title }}\n")
	r.Commit("2024-01-01T00:00:00Z", "add")
	r.Write("content/posts/a/photo.png", "\x89PNG\x00\x03\x04")
	r.Commit("2024-01-02T00:00:00Z", "new photo")
	for _, p := range []string{"content/posts/a/photo.png", "content/posts/a/index.md"} {
		if err := os.Chmod(filepath.Join(r.Dir, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	r.Commit("2024-01-03T00:00:00Z", "mode only")
	r.Write("themes/default/post.html", "<h1>{{ .Title }}</h1>\n")
	r.Commit("2024-01-04T00:00:00Z", "theme")

	checkSummary(t, r.log("content", Options{}), `
content/posts/a/index.md: created "add"
content/posts/a/photo.png: created "add"; "new photo" binary
`)
	// The whole folder: "" and "." both mean all of dir.
	for _, folder := range []string{"", "."} {
		h := r.log(folder, Options{})
		if f := h.Files["themes/default/post.html"]; f == nil || len(f.Revisions) != 1 || len(h.Files) != 3 {
			t.Errorf("Log(%q):\n%s\nwant 3 files, the theme revised once", folder, summary(h))
		}
	}
}

func TestLogMerges(t *testing.T) {
	t.Parallel()
	// On one branch a post is edited, on the other renamed; the merge
	// applies the edit to the new name. Whichever branch git lists
	// first, the edit belongs to the renamed post. The edit is dated
	// before and after the rename to get both orders.
	for _, editDate := range []string{"2024-01-02T00:00:00Z", "2024-01-04T00:00:00Z"} {
		t.Run(editDate, func(t *testing.T) {
			t.Parallel()
			r := newRepo(t)
			r.Write("content/posts/a.md", text("a", 10))
			r.Commit("2024-01-01T00:00:00Z", "add a")
			r.Git("", "checkout", "-q", "-b", "side")
			r.Write("content/posts/a.md", strings.Replace(text("a", 10), "a line 9", "a line nine", 1))
			r.Write("content/posts/side.md", text("side", 3))
			r.Commit(editDate, "edit a on side, add side")
			r.Git("", "checkout", "-q", "main")
			r.mv("content/posts/a.md", "content/posts/b.md")
			r.Commit("2024-01-03T00:00:00Z", "rename a to b")
			r.Git("2024-01-05T00:00:00Z", "merge", "-q", "--no-edit", "side")

			checkSummary(t, r.log("content", Options{}), `
content/posts/b.md: created "add a"; "edit a on side, add side" +1 -1
content/posts/side.md: created "edit a on side, add side"
`)
		})
	}
}

func TestLogRenameLimitWarning(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Git("", "config", "diff.renameLimit", "1")
	for i := range 3 {
		r.Write(fmt.Sprintf("content/posts/p%d.md", i), text(fmt.Sprint("p", i), 10))
	}
	r.Commit("2024-01-01T00:00:00Z", "add")
	for i := range 3 {
		r.mv(fmt.Sprintf("content/posts/p%d.md", i), fmt.Sprintf("content/posts/q%d.md", i))
		r.Write(fmt.Sprintf("content/posts/q%d.md", i), text(fmt.Sprint("p", i), 11))
	}
	r.Commit("2024-01-02T00:00:00Z", "rename and edit")
	h := r.log("content", Options{})
	if !strings.Contains(strings.Join(h.Warnings, "\n"), "diff.renameLimit") {
		t.Errorf("Warnings = %q; want git's advice about diff.renameLimit", h.Warnings)
	}
}

func TestLogInSubfolderOfRepository(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("blog/content/posts/a.md", text("a", 3))
	r.Write("content/posts/other.md", "another site's post\n")
	r.Commit("2024-01-02T10:00:00Z", "add a")
	r.mv("blog/content/posts/a.md", "blog/content/a.md")
	r.Write("blog/content/a.md", text("a", 4))
	r.Commit("2024-01-03T10:00:00Z", "move a")
	h, err := Log(context.Background(), filepath.Join(r.Dir, "blog"), "content", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, h, `content/a.md: created "add a"; "move a" +1 -0`)
}

func TestLogWithoutCommits(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a.md", "a")
	h, err := Log(context.Background(), r.Dir, "content", Options{})
	if err != nil || h == nil || len(h.Files) != 0 || len(h.Sweeps) != 0 || h.Shallow {
		t.Errorf("Log = %+v, %v; want an empty history and no error", h, err)
	}
}

func TestLogNotARepository(t *testing.T) {
	requireGit(t)
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	_, err := Log(context.Background(), dir, "content", Options{})
	if !errors.Is(err, ErrNotRepository) {
		t.Errorf("err = %v; want ErrNotRepository", err)
	}
}

func TestLogWithoutGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Log(context.Background(), t.TempDir(), "content", Options{})
	if !errors.Is(err, ErrNoGit) {
		t.Errorf("err = %v; want ErrNoGit", err)
	}
}

func TestLogCanceled(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a.md", "a\n")
	r.Commit("2024-01-02T10:00:00Z", "add a")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Log(ctx, r.Dir, "content", Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want context.Canceled", err)
	}
}

// TestLogDirectoryMissing checks that a folder that does not exist is an
// error of its own, not "not a repository", which site ignores.
func TestLogDirectoryMissing(t *testing.T) {
	requireGit(t)
	_, err := Log(context.Background(), filepath.Join(t.TempDir(), "nope"), "content", Options{})
	if err == nil || errors.Is(err, ErrNotRepository) {
		t.Errorf("err = %v; want an error other than ErrNotRepository", err)
	}
}

func TestSweepCountsOnlyWhatOptionsCount(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.Write("content/posts/a.md", "a")
	r.Commit("2024-01-01T00:00:00Z", "add a")
	for i := range 25 {
		r.Write(fmt.Sprintf("content/posts/a/comments/2024010%dT000000Z-c%d.md", i%9+1, i), "comment")
	}
	r.Commit("2024-02-01T00:00:00Z", "25 comments")
	posts := func(p string) bool { return !strings.Contains(p, "/comments/") }
	h, err := Log(context.Background(), r.Dir, "content", Options{Counts: posts})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Sweeps) != 0 {
		t.Errorf("Sweeps = %+v; adding comments is no sweep of posts", h.Sweeps)
	}
	h, err = Log(context.Background(), r.Dir, "content", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Sweeps) != 1 || h.Sweeps[0].Files != 25 {
		t.Errorf("without Counts, Sweeps = %+v; want the 25-file commit", h.Sweeps)
	}
}
