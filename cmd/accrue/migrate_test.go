package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestMigrateKeepsURLs migrates each peer fixture the in-place build is
// tested on, in a real git repository, and checks that the build after
// the migration writes the same files, byte for byte, as the build
// before it; that the migration is one commit of renames and
// accrue.toml; and that the work tree is clean after it.
func TestMigrateKeepsURLs(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	// accrue migrate commits as whoever runs it; here, Ada.
	for k, v := range map[string]string{"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.org", "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.org"} {
		t.Setenv(k, v)
	}
	for _, tt := range []struct{ name, first, moved string }{
		{"jekyll", "_posts/2020-01-02-welcome-to-jekyll.markdown", "content/posts/2020-01-02-welcome-to-jekyll.markdown"},
		{"hugo", "content/posts/_index.md", "hugo/content/posts/_index.md"},
		{"zola", "content/blog/_index.md", "zola/content/blog/_index.md"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePeer(t, tt.name)
			gitRun(t, dir, "init", "-q", "-b", "main")
			gitRun(t, dir, "add", "-A")
			gitRun(t, dir, "commit", "-q", "-m", "the blog")

			before := buildTo(t, dir)
			if len(before) < 15 {
				t.Fatalf("the in-place build wrote %d files; want the whole blog", len(before))
			}
			var stdout, stderr strings.Builder
			if err := run(context.Background(), []string{"migrate", "--source", dir, "--json"}, &stdout, &stderr); err != nil {
				t.Fatalf("migrate: %v\n%s", err, stderr.String())
			}
			var m migration
			if err := json.Unmarshal([]byte(stdout.String()), &m); err != nil {
				t.Fatal(err)
			}
			if m.Peer != tt.name || m.Commit == "" || m.DryRun {
				t.Errorf("migration = %+v; want a %s commit", m, tt.name)
			}
			found := false
			for _, mv := range m.Moves {
				found = found || mv.From == tt.first && mv.To == tt.moved
			}
			if !found {
				t.Errorf("no move of %s to %s in %+v", tt.first, tt.moved, m.Moves)
			}
			if st := gitRun(t, dir, "status", "--porcelain"); st != "" {
				t.Errorf("work tree not clean after migrating:\n%s", st)
			}
			// One commit: renames only, and accrue.toml added.
			for _, line := range strings.Split(strings.TrimSpace(gitRun(t, dir, "show", "--name-status", "--format=", "-M", "HEAD")), "\n") {
				if !strings.HasPrefix(line, "R100\t") && line != "A\taccrue.toml" {
					t.Errorf("the migration commit has %q; want renames and accrue.toml only", line)
				}
			}
			if n := gitRun(t, dir, "rev-list", "--count", "HEAD"); strings.TrimSpace(n) != "2" {
				t.Errorf("%s commits after migrating; want 2", strings.TrimSpace(n))
			}
			stderr.Reset()
			after := buildTo(t, dir)
			compareTrees(t, before, after)
		})
	}
}

// TestMigrateWithoutGit: a folder outside git is migrated by renaming
// its files, and builds the same.
func TestMigrateWithoutGit(t *testing.T) {
	dir := writePeer(t, "hugo")
	before := buildTo(t, dir)
	var stdout, stderr strings.Builder
	if err := run(context.Background(), []string{"migrate", "--source", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "not a git repository: files were renamed, nothing committed") {
		t.Errorf("stdout = %q; want it to say nothing was committed", stdout.String())
	}
	for _, p := range []string{"accrue.toml", "hugo/layouts/_default/single.html", "hugo/content/_index.md", "content/posts/first-post.md"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("after migrating: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "layouts")); !os.IsNotExist(err) {
		t.Errorf("layouts/ is still there (%v): accrue would read Hugo's templates as its own", err)
	}
	compareTrees(t, before, buildTo(t, dir))
}

// writePeer writes the peer fixture the in-place build is tested on into
// a new folder.
func writePeer(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "..", "generator", "site", "testdata", "peers", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range txtar.Parse(data).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func buildTo(t *testing.T, src string) map[string]string {
	t.Helper()
	dest := t.TempDir()
	var stdout, stderr strings.Builder
	if err := run(context.Background(), []string{"build", "--source", src, "--destination", dest}, &stdout, &stderr); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("build printed:\n%s", stderr.String())
	}
	files := map[string]string{}
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p) // p is under dest
		if strings.HasPrefix(filepath.Base(rel), ".") {
			return nil // the output folder's own marker
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func compareTrees(t *testing.T, before, after map[string]string) {
	t.Helper()
	for name, b := range before {
		a, ok := after[name]
		switch {
		case !ok:
			t.Errorf("%s was built before migrating, not after", name)
		case a != b:
			t.Errorf("%s differs after migrating:\nbefore:\n%s\nafter:\n%s", name, b, a)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s is built after migrating, not before", name)
		}
	}
}

func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Ada", "GIT_AUTHOR_EMAIL=ada@example.org", "GIT_COMMITTER_NAME=Ada", "GIT_COMMITTER_EMAIL=ada@example.org",
		"GIT_AUTHOR_DATE=2024-01-02T03:04:05Z", "GIT_COMMITTER_DATE=2024-01-02T03:04:05Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}
