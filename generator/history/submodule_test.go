package history

import (
	"strings"
	"testing"

	"github.com/accruehq/accrue/testkit/gittest"
)

// addSubmodule adds sub's repository to r at path and commits it. It
// names sub by a file:// URL, as a remote host would be named, so that
// clones of r can fetch it shallowly.
func addSubmodule(r, sub *repo, path, date string) {
	r.T.Helper()
	r.Git(date, "-c", "protocol.file.allow=always", "submodule", "add", "-q", "file://"+sub.Dir, path)
	r.Git(date, "commit", "-q", "-m", "add submodule "+path)
}

// posts makes a repository of posts, as content/ or a folder under it
// would hold them, with a history of its own.
func posts(t *testing.T) *repo {
	t.Helper()
	p := newRepo(t)
	p.Write("posts/a.md", text("a", 5))
	p.Commit("2024-01-01T00:00:00Z", "add a")
	p.Write("posts/a.md", text("a", 6))
	p.Commit("2024-02-01T00:00:00Z", "edit a")
	p.Write("posts/a.md", text("a", 7))
	p.Write("posts/b.md", text("b", 5))
	p.Write("posts/c.md", text("c", 5))
	p.Commit("2024-03-01T00:00:00Z", "edit a, add b and c")
	return p
}

// TestLogSubmodule reads the history of content/ kept in a repository of
// its own, and of a folder under content/ kept so, beside posts of the
// site's own repository.
func TestLogSubmodule(t *testing.T) {
	t.Parallel()
	t.Run("content", func(t *testing.T) {
		t.Parallel()
		site := newRepo(t)
		site.Write("config.toml", "title = \"t\"\n")
		site.Commit("2024-04-01T00:00:00Z", "add config")
		addSubmodule(site, posts(t), "content", "2024-04-02T00:00:00Z")
		// The folder read is the site's; Counts sees the site's paths.
		h := site.log("content", Options{SweepThreshold: 3, Counts: func(p string) bool {
			return strings.HasPrefix(p, "content/posts/")
		}})
		checkSummary(t, h, `
content/posts/a.md: created "add a"; "edit a" +1 -0
content/posts/b.md: created "edit a, add b and c"
content/posts/c.md: created "edit a, add b and c"
sweep "edit a, add b and c" 3`)
		if got := stateOf(h); got != "" {
			t.Errorf("Log says:\n%s\nwant nothing", got)
		}
	})
	t.Run("folder under content", func(t *testing.T) {
		t.Parallel()
		site := newRepo(t)
		site.Write("content/posts/mine.md", text("m", 5))
		site.Commit("2024-04-01T00:00:00Z", "add mine")
		archive := posts(t)
		addSubmodule(site, archive, "content/archive", "2024-04-02T00:00:00Z")
		// Moving the submodule to a later commit changes only the
		// commit the site records, which is no file's revision.
		archive.Write("posts/a.md", text("a", 8))
		archive.Commit("2024-04-03T00:00:00Z", "edit a again")
		sub := &gittest.Repo{T: t, Dir: site.Dir + "/content/archive"}
		sub.Git("", "-c", "protocol.file.allow=always", "pull", "-q", "origin", "main")
		site.Commit("2024-04-04T00:00:00Z", "update archive")
		checkSummary(t, site.log("content", Options{}), `
content/archive/posts/a.md: created "add a"; "edit a" +1 -0; "edit a, add b and c" +1 -0; "edit a again" +1 -0
content/archive/posts/b.md: created "edit a, add b and c"
content/archive/posts/c.md: created "edit a, add b and c"
content/posts/mine.md: created "add mine"`)
	})
}

// TestLogSubmoduleNotCheckedOut clones a site without its submodules, as
// a clone without --recurse-submodules does: their folders are empty,
// and Log says so once for each, naming it.
func TestLogSubmoduleNotCheckedOut(t *testing.T) {
	t.Parallel()
	site := newRepo(t)
	site.Write("content/posts/mine.md", text("m", 5))
	site.Commit("2024-04-01T00:00:00Z", "add mine")
	addSubmodule(site, posts(t), "content/archive", "2024-04-02T00:00:00Z")
	addSubmodule(site, posts(t), "content/drafts", "2024-04-03T00:00:00Z")
	clone := &repo{site.Clone()}
	h := clone.log("content", Options{})
	checkSummary(t, h, `content/posts/mine.md: created "add mine"`)
	want := `warning content/archive is a git submodule that is not checked out, so its files and their history are missing: run ` +
		"`git submodule update --init`; on GitHub Actions set `submodules: true` on actions/checkout" + `
warning content/drafts is a git submodule that is not checked out, so its files and their history are missing: run ` +
		"`git submodule update --init`; on GitHub Actions set `submodules: true` on actions/checkout"
	if got := stateOf(h); got != want {
		t.Errorf("Log says:\n%s\nwant:\n%s", got, want)
	}
}

// TestLogSubmoduleShallow clones a site whole and its content/ submodule
// shallowly, as CI checkouts do by default: the history is incomplete,
// and Log says so as it does for the site's own repository.
func TestLogSubmoduleShallow(t *testing.T) {
	t.Parallel()
	site := newRepo(t)
	site.Write("config.toml", "title = \"t\"\n")
	site.Commit("2024-04-01T00:00:00Z", "add config")
	addSubmodule(site, posts(t), "content", "2024-04-02T00:00:00Z")
	clone := &repo{site.Clone()}
	clone.Git("", "-c", "protocol.file.allow=always", "submodule", "update", "-q", "--init", "--depth", "1")
	h := clone.log("content", Options{})
	checkSummary(t, h, `
content/posts/a.md: created "edit a, add b and c" (truncated)
content/posts/b.md: created "edit a, add b and c" (truncated)
content/posts/c.md: created "edit a, add b and c" (truncated)
shallow`)
	if got := stateOf(h); got != "" {
		t.Errorf("Log says:\n%s\nwant only Shallow, which has its own warning", got)
	}
}

// TestLogSubmoduleUnfinished stops a merge inside the content/ submodule:
// Log names the submodule's folder and the file in conflict by the
// site's path.
func TestLogSubmoduleUnfinished(t *testing.T) {
	t.Parallel()
	p := posts(t)
	p.Git("", "checkout", "-q", "-b", "other")
	p.Write("posts/a.md", "a from other\n")
	p.Commit("2024-03-02T00:00:00Z", "other edits a")
	p.Git("", "checkout", "-q", "main")
	site := newRepo(t)
	site.Write("config.toml", "title = \"t\"\n")
	site.Commit("2024-04-01T00:00:00Z", "add config")
	addSubmodule(site, p, "content", "2024-04-02T00:00:00Z")
	sub := &gittest.Repo{T: t, Dir: site.Dir + "/content"}
	sub.Git("", "fetch", "-q", "origin", "other")
	sub.Write("posts/a.md", "a from main\n")
	sub.Commit("2024-04-03T00:00:00Z", "main edits a")
	sub.GitFails("2024-04-04T00:00:00Z", "merge", "-q", "FETCH_HEAD")

	h := site.log("content", Options{})
	want := `unfinished merge
conflict content/posts/a.md merge
warning a merge is in progress in ` + realDir(t, sub.Dir) + `: the ledger reads history as of HEAD; finish or abort it (git commit / git merge --abort) before publishing`
	if got := stateOf(h); got != want {
		t.Errorf("Log says:\n%s\nwant:\n%s", got, want)
	}
}
