package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// countingGit puts a git first on PATH that notes each command it runs
// in a file, then runs the real git; it returns a function that says
// how many git log commands ran so far. The test may not run in parallel
// with others: PATH is the process's.
func countingGit(t *testing.T) func() int {
	t.Helper()
	real, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	logFile := filepath.Join(dir, "calls")
	script := "#!/bin/sh\necho \"$*\" >> " + logFile + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return func() int {
		data, _ := os.ReadFile(logFile)
		n := 0
		for line := range strings.Lines(string(data)) {
			if strings.Contains(" "+line, " log ") {
				n++
			}
		}
		return n
	}
}

// TestLogCache reads a history twice with a cache file: the second time
// runs no git log and gives the same history; a new commit, another
// .mailmap, other options or a damaged file read git again.
func TestLogCache(t *testing.T) {
	requireGit(t)
	r := newRepo(t)
	logs := countingGit(t)
	r.Write("content/posts/a.md", text("a", 5))
	r.Commit("2024-01-02T10:00:00Z", "add a")
	r.Write("content/posts/a.md", text("a", 7))
	r.Commit("2024-02-03T08:00:00Z", "edit a")
	cache := filepath.Join(t.TempDir(), "site.history")
	o := Options{Cache: cache, CacheKey: "posts"}
	want := `
content/posts/a.md: created "add a"; "edit a" +2 -0
`
	read := func(step string, o Options, wantLogs int) *History {
		t.Helper()
		before := logs()
		h := r.log("content", o)
		if got := logs() - before; got != wantLogs {
			t.Errorf("%s: %d git log runs; want %d", step, got, wantLogs)
		}
		return h
	}
	checkSummary(t, read("first read", o, 1), want)
	checkSummary(t, read("nothing changed", o, 0), want)

	r.Write("content/posts/b.md", text("b", 2))
	r.Commit("2024-03-01T00:00:00Z", "add b")
	want = `
content/posts/a.md: created "add a"; "edit a" +2 -0
content/posts/b.md: created "add b"
`
	checkSummary(t, read("a new commit", o, 1), want)
	checkSummary(t, read("and again", o, 0), want)

	// A .mailmap renames authors: the history says the new names.
	email := strings.TrimSpace(r.Git("", "log", "-1", "--format=%ae"))
	r.Write(".mailmap", "Ada Lovelace <"+email+">\n")
	if h := read("a new .mailmap", o, 1); h.Files["content/posts/b.md"].Created.Author != "Ada Lovelace" {
		t.Errorf("after a .mailmap, the author is %q", h.Files["content/posts/b.md"].Created.Author)
	}

	other := o
	other.CacheKey = "notes"
	read("another key", other, 1)
	other.SweepThreshold = 3
	read("other options", other, 1)

	if err := os.WriteFile(cache, []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	checkSummary(t, read("a damaged cache", o, 1), want)
	checkSummary(t, read("and again", o, 0), want)
}
