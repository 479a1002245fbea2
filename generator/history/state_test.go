package history

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accruehq/accrue/testkit/gittest"
)

// stateOf renders what Log says about the repository's state, one line
// each: "unfinished <op>", "conflict <path> <op>", then the warnings.
func stateOf(h *History) string {
	var lines []string
	for _, u := range h.Unfinished {
		lines = append(lines, "unfinished "+u.Op.String())
	}
	for _, c := range h.Conflicts {
		if c.Op == 0 {
			lines = append(lines, "conflict "+c.Path)
		} else {
			lines = append(lines, fmt.Sprintf("conflict %s %v", c.Path, c.Op))
		}
	}
	for _, w := range h.Warnings {
		lines = append(lines, "warning "+w)
	}
	return strings.Join(lines, "\n")
}

// realDir is dir as git names it, through any symbolic link.
func realDir(t *testing.T, dir string) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// diverged makes a repository whose site is in blog/ and whose branches
// main and other both changed the first line of blog/content/posts/a.md
// and of blog/notes.txt, so that combining them stops on a conflict in
// each. b.md is the same on both.
func diverged(t *testing.T) *repo {
	t.Helper()
	r := newRepo(t)
	r.Write("blog/content/posts/a.md", "a\n")
	r.Write("blog/content/posts/b.md", "b\n")
	r.Write("blog/notes.txt", "n\n")
	r.Commit("2024-01-01T00:00:00Z", "add a and b")
	r.Git("", "checkout", "-q", "-b", "other")
	r.Write("blog/content/posts/a.md", "a from other\n")
	r.Write("blog/notes.txt", "n from other\n")
	r.Commit("2024-01-02T00:00:00Z", "other edits a")
	r.Git("", "checkout", "-q", "main")
	r.Write("blog/content/posts/a.md", "a from main\n")
	r.Write("blog/notes.txt", "n from main\n")
	r.Commit("2024-01-03T00:00:00Z", "main edits a")
	return r
}

// TestLogUnfinished leaves each kind of git operation stopped midway and
// checks that Log names it, with what to do, and lists the files left in
// conflict under the folder (blog/notes.txt is in conflict too, but not
// under content/), while still reading the history as of HEAD. The site
// is in a subfolder of the repository, where git answers with paths
// relative to it.
func TestLogUnfinished(t *testing.T) {
	t.Parallel()
	const date = "2024-01-04T00:00:00Z"
	const asOfHEAD = "is in progress in %s: the ledger reads history as of HEAD; "
	for _, tt := range []struct {
		name string
		stop func(r *repo)
		want string // stateOf; %s is the repository's folder
	}{
		{"merge", func(r *repo) {
			r.GitFails(date, "merge", "-q", "other")
		}, `
unfinished merge
conflict content/posts/a.md merge
warning a merge ` + asOfHEAD + `finish or abort it (git commit / git merge --abort) before publishing`},
		{"rebase", func(r *repo) {
			r.Git("", "checkout", "-q", "other")
			r.GitFails(date, "rebase", "main")
		}, `
unfinished rebase
conflict content/posts/a.md rebase
warning a rebase ` + asOfHEAD + `finish or abort it (git rebase --continue / --abort) before publishing`},
		{"rebase --apply", func(r *repo) {
			r.Git("", "checkout", "-q", "other")
			r.GitFails(date, "rebase", "--apply", "main")
		}, `
unfinished rebase
conflict content/posts/a.md rebase
warning a rebase ` + asOfHEAD + `finish or abort it (git rebase --continue / --abort) before publishing`},
		{"rebase stopped to edit", func(r *repo) {
			// The sequence editor turns the todo list's pick into edit
			// (sed -i is not the same on every system).
			editor := `sh -c 'sed 1s/^pick/edit/ "$1" >"$1.new" && mv "$1.new" "$1"' -`
			r.GitEnv([]string{"GIT_SEQUENCE_EDITOR=" + editor}, "rebase", "-q", "-i", "HEAD~1")
		}, `
unfinished rebase
warning a rebase ` + asOfHEAD + `finish or abort it (git rebase --continue / --abort) before publishing`},
		{"am", func(r *repo) {
			patches := r.T.TempDir()
			r.Git("", "format-patch", "-q", "-1", "other", "-o", patches)
			files, err := filepath.Glob(filepath.Join(patches, "*.patch"))
			if err != nil || len(files) != 1 {
				r.T.Fatalf("format-patch wrote %v, %v; want one patch", files, err)
			}
			r.GitFails(date, "am", "-3", files[0])
		}, `
unfinished am
conflict content/posts/a.md am
warning a git am ` + asOfHEAD + `finish or abort it (git am --continue / --abort) before publishing`},
		{"cherry-pick", func(r *repo) {
			r.GitFails(date, "cherry-pick", "other")
		}, `
unfinished cherry-pick
conflict content/posts/a.md cherry-pick
warning a cherry-pick ` + asOfHEAD + `finish or abort it (git cherry-pick --continue / --abort) before publishing`},
		{"revert", func(r *repo) {
			// Reverting the commit that added a.md deletes it, which main
			// edited since: a conflict without conflict markers.
			r.GitFails(date, "revert", "--no-edit", "HEAD~1")
		}, `
unfinished revert
conflict content/posts/a.md revert
warning a revert ` + asOfHEAD + `finish or abort it (git revert --continue / --abort) before publishing`},
		{"bisect", func(r *repo) {
			r.Git("", "bisect", "start", "main", "main~2")
		}, `
unfinished bisect
warning a bisect is in progress in %s: the ledger reads history as of HEAD, the commit being tested; end it (git bisect reset) before publishing`},
		{"stash pop", func(r *repo) {
			// A conflict that no operation waits on.
			r.Write("blog/content/posts/a.md", "a stashed\n")
			r.Git("", "stash", "-q")
			r.Git("", "checkout", "-q", "other")
			r.GitFails(date, "stash", "pop", "-q")
		}, `
conflict content/posts/a.md`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := diverged(t)
			tt.stop(r)
			h, err := Log(context.Background(), filepath.Join(r.Dir, "blog"), "content", Options{})
			if err != nil {
				t.Fatalf("Log: %v", err)
			}
			want := strings.TrimSpace(tt.want)
			if strings.Contains(want, "%s") {
				want = fmt.Sprintf(want, realDir(t, r.Dir))
			}
			if got := stateOf(h); got != want {
				t.Errorf("Log says:\n%s\nwant:\n%s", got, want)
			}
			if h.Files["content/posts/b.md"] == nil {
				t.Errorf("history of content/posts/b.md missing:\n%s", summary(h))
			}
		})
	}
}

// TestLogUnfinishedInWorktree checks that an operation is found in the
// linked worktree where it runs, whose state git keeps apart from the
// main one's, and only there.
func TestLogUnfinishedInWorktree(t *testing.T) {
	t.Parallel()
	r := diverged(t)
	wt := filepath.Join(t.TempDir(), "wt")
	r.Git("", "worktree", "add", "-q", wt, "other")
	w := &gittest.Repo{T: t, Dir: wt}
	w.GitFails("2024-01-04T00:00:00Z", "rebase", "main")

	h, err := Log(context.Background(), filepath.Join(wt, "blog"), "content", Options{})
	if err != nil {
		t.Fatalf("Log: %v", err)
	}
	want := fmt.Sprintf(`unfinished rebase
conflict content/posts/a.md rebase
warning a rebase is in progress in %s: the ledger reads history as of HEAD; finish or abort it (git rebase --continue / --abort) before publishing`, realDir(t, wt))
	if got := stateOf(h); got != want {
		t.Errorf("Log in the worktree says:\n%s\nwant:\n%s", got, want)
	}
	h, err = Log(context.Background(), filepath.Join(r.Dir, "blog"), "content", Options{})
	if err != nil {
		t.Fatalf("Log: %v", err)
	}
	if got := stateOf(h); got != "" {
		t.Errorf("Log in the main worktree says:\n%s\nwant nothing", got)
	}
}

func TestOperationString(t *testing.T) {
	for _, tt := range []struct {
		op   Operation
		want string
	}{
		{0, "none"},
		{OpRebase, "rebase"},
		{OpApply, "am"},
		{OpCherryPick, "cherry-pick"},
		{OpBisect, "bisect"},
		{OpBisect + 1, "Operation(7)"},
	} {
		if got := tt.op.String(); got != tt.want {
			t.Errorf("Operation(%d).String() = %q; want %q", int(tt.op), got, tt.want)
		}
	}
}

// TestLogDubiousOwnership checks that git's refusal to read a repository
// another user owns, as in CI containers, is one line saying what to run.
func TestLogDubiousOwnership(t *testing.T) {
	r := newRepo(t)
	r.Write("content/posts/a.md", "a\n")
	r.Commit("2024-01-01T00:00:00Z", "add a")
	t.Setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
	_, err := Log(context.Background(), r.Dir, "content", Options{})
	if err == nil {
		t.Skip("this git does not check who owns a repository (before 2.35.2)")
	}
	top := realDir(t, r.Dir)
	want := "reading git history: git refuses to read " + top + ", which another user owns: " +
		"if you trust it, run `git config --global --add safe.directory " + top + "`"
	if got := err.Error(); got != want {
		t.Errorf("err = %q; want %q", got, want)
	}
}
