package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// requireGit fails the test when git is missing, unless the developer opted
// out with ACCRUE_SKIP_GIT_TESTS=1: CI must never skip these.
func requireGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("ACCRUE_SKIP_GIT_TESTS") == "1" {
			t.Skip("git is not installed and ACCRUE_SKIP_GIT_TESTS=1")
		}
		t.Fatal("git is not installed: apt-get install git (or set ACCRUE_SKIP_GIT_TESTS=1 to skip)")
	}
}

// repo is a git repository in a temporary folder, with commits at fixed
// dates.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	requireGit(t)
	r := &repo{t: t, dir: t.TempDir()}
	r.git("", "init", "-q", "-b", "main")
	return r
}

// git runs git in the repository as Ada, at date, and returns its output.
func (r *repo) git(date string, args ...string) string {
	r.t.Helper()
	return r.gitEnv([]string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}, args...)
}

// gitEnv runs git in the repository with env added to a fixed one: no
// global or system configuration, Ada as author and committer.
func (r *repo) gitEnv(env []string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Ada", "GIT_AUTHOR_EMAIL=ada@example.org",
		"GIT_COMMITTER_NAME=Ada", "GIT_COMMITTER_EMAIL=ada@example.org")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (r *repo) write(name, text string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) commit(date, msg string) {
	r.t.Helper()
	r.git(date, "add", "-A")
	r.git(date, "commit", "-q", "-m", msg)
}
