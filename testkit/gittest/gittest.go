package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Require fails the test when git is missing, unless the developer opted
// out with ACCRUE_SKIP_GIT_TESTS=1: CI must never skip these.
func Require(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("ACCRUE_SKIP_GIT_TESTS") == "1" {
			t.Skip("git is not installed and ACCRUE_SKIP_GIT_TESTS=1")
		}
		t.Fatal("git is not installed: apt-get install git (or set ACCRUE_SKIP_GIT_TESTS=1 to skip)")
	}
}

// Repo is a git repository in a temporary folder.
type Repo struct {
	T   testing.TB
	Dir string
}

// New makes an empty repository on branch main.
func New(t testing.TB) *Repo {
	t.Helper()
	Require(t)
	r := &Repo{T: t, Dir: t.TempDir()}
	r.Git("", "init", "-q", "-b", "main")
	return r
}

// Git runs git in the repository as Ada, at date, and returns its output.
func (r *Repo) Git(date string, args ...string) string {
	r.T.Helper()
	return r.GitEnv([]string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}, args...)
}

// GitEnv runs git in the repository with env added to a fixed one: no
// global or system configuration, Ada as author and committer.
func (r *Repo) GitEnv(env []string, args ...string) string {
	r.T.Helper()
	out, err := r.run(env, args)
	if err != nil {
		r.T.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return out
}

// GitFails runs git as Git does and fails the test unless git fails: a
// rebase or a merge that stops on a conflict exits with an error, and
// that is the state a test wants.
func (r *Repo) GitFails(date string, args ...string) string {
	r.T.Helper()
	out, err := r.run([]string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}, args)
	if err == nil {
		r.T.Fatalf("git %v succeeded; want it to stop\n%s", args, out)
	}
	return out
}

func (r *Repo) run(env, args []string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Ada", "GIT_AUTHOR_EMAIL=ada@example.org",
		"GIT_COMMITTER_NAME=Ada", "GIT_COMMITTER_EMAIL=ada@example.org",
		// No editor may wait for a message: merges, reverts and
		// continued rebases keep the one git proposes.
		"GIT_EDITOR=true", "GIT_MERGE_AUTOEDIT=no")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// Clone clones r into a new temporary folder with extra arguments to git
// clone, such as "--depth", "1". It clones by a file:// URL, as a remote
// host would be cloned: git ignores --depth for a plain local path.
func (r *Repo) Clone(args ...string) *Repo {
	r.T.Helper()
	c := &Repo{T: r.T, Dir: r.T.TempDir()}
	c.Git("", append(append([]string{"clone", "-q"}, args...), "file://"+r.Dir, ".")...)
	return c
}

// Write writes a file of the work tree, making its folders.
func (r *Repo) Write(name, text string) {
	r.T.Helper()
	p := filepath.Join(r.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.T.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.T.Fatal(err)
	}
}

// Commit commits every change of the work tree at date.
func (r *Repo) Commit(date, msg string) {
	r.T.Helper()
	r.Git(date, "add", "-A")
	r.Git(date, "commit", "-q", "-m", msg)
}
