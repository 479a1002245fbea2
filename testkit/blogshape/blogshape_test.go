package blogshape

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/testkit/fastimport"
)

func write(t *testing.T, o Options) (string, *Blog) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("ACCRUE_SKIP_GIT_TESTS") == "1" {
			t.Skip("git is not installed and ACCRUE_SKIP_GIT_TESTS=1")
		}
		t.Fatal("git is not installed: apt-get install git")
	}
	dir := t.TempDir()
	b, err := Write(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return dir, b
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := fastimport.Git(dir, args...)
	if err != nil {
		t.Fatalf("git %v: %v", args, err)
	}
	return string(out)
}

func TestWriteIsDeterministic(t *testing.T) {
	t.Parallel()
	for _, s := range Shapes() {
		t.Run(s.String(), func(t *testing.T) {
			t.Parallel()
			d1, _ := write(t, Options{Shape: s, Seed: 7})
			d2, _ := write(t, Options{Shape: s, Seed: 7})
			d3, _ := write(t, Options{Shape: s, Seed: 8})
			h1, h2, h3 := git(t, d1, "rev-parse", "HEAD"), git(t, d2, "rev-parse", "HEAD"), git(t, d3, "rev-parse", "HEAD")
			if h1 != h2 {
				t.Errorf("the same seed gave HEAD %s and %s", strings.TrimSpace(h1), strings.TrimSpace(h2))
			}
			if h1 == h3 {
				t.Errorf("seeds 7 and 8 gave the same history")
			}
		})
	}
}

// TestShapes checks that each blog has the shape its doc promises, from
// the files and the git history themselves.
func TestShapes(t *testing.T) {
	t.Parallel()
	for _, s := range Shapes() {
		t.Run(s.String(), func(t *testing.T) {
			t.Parallel()
			dir, b := write(t, Options{Shape: s})
			if got := strings.Count(git(t, dir, "log", "--format=%H"), "\n"); got != b.Commits {
				t.Errorf("git log has %d commits; Blog says %d", got, b.Commits)
			}
			if status := git(t, dir, "status", "--porcelain"); status != "" {
				t.Errorf("work tree differs from HEAD:\n%s", status)
			}
			never, withFront := 0, 0
			for _, p := range b.Posts {
				src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.File)))
				if err != nil {
					t.Fatal(err)
				}
				if bytes.HasPrefix(src, []byte("---\n")) {
					withFront++
				}
				if len(p.Revisions) == 0 {
					never++
				}
				if !slices.IsSortedFunc(p.Revisions, time.Time.Compare) {
					t.Errorf("%s: revisions out of order", p.File)
				}
			}
			if !b.End.After(b.Posts[len(b.Posts)-1].Published) {
				t.Errorf("End %v is not after the posts", b.End)
			}
			switch s {
			case TIL:
				if len(b.Posts) < 140 || withFront != 0 {
					t.Errorf("%d notes, %d with front matter; want about 150, none", len(b.Posts), withFront)
				}
				if never*10 < len(b.Posts)*4 {
					t.Errorf("%d of %d notes never revised; want 40%% or more", never, len(b.Posts))
				}
				years := 0
				for _, p := range b.Posts {
					if n := len(p.Revisions); n > 0 && p.Revisions[n-1].Sub(p.Revisions[0]).Hours() > 2*365*24 {
						years++
					}
				}
				if years < 3 {
					t.Errorf("%d notes revised over more than two years; want a few", years)
				}
				readded := slices.IndexFunc(b.Posts, func(p Post) bool { return p.Readded })
				if readded < 0 {
					t.Fatal("no note deleted and added back")
				}
				if log := git(t, dir, "log", "--format=%s", "--diff-filter=D", "--", b.Posts[readded].File); !strings.HasPrefix(log, "remove ") {
					t.Errorf("git log of the deletion of %s = %q", b.Posts[readded].File, log)
				}
				if out := git(t, dir, "grep", "-c", "https://www.til.example.org/posts/"); out == "" {
					t.Error("no link written with www.")
				}
			case News:
				if len(b.Posts) < 140 || withFront != len(b.Posts) {
					t.Errorf("%d posts, %d with front matter; want about 150, all", len(b.Posts), withFront)
				}
				if len(b.Sweeps) != 2 {
					t.Errorf("Sweeps = %v; want 2", b.Sweeps)
				}
				for _, c := range b.Sweeps {
					if c.Posts < 30 {
						t.Errorf("sweep %q touched %d posts; want 30 or more", c.Subject, c.Posts)
					}
				}
				if len(b.Mechanical) != 4 {
					t.Errorf("Mechanical = %v; want 4", b.Mechanical)
				}
				for _, c := range b.Mechanical {
					if c.Posts < 10 || c.Posts > 16 {
						t.Errorf("mechanical commit %q touched %d posts; want 10 to 16", c.Subject, c.Posts)
					}
					// Each post's change is its link lines rewritten (one
					// or two), or one line added.
					stat := git(t, dir, "log", "-1", "--format=", "--numstat", "--grep=^"+c.Subject+"$")
					for line := range strings.Lines(stat) {
						f := strings.Fields(line)
						if len(f) != 3 || !(f[0] == f[1] && (f[0] == "1" || f[0] == "2") || f[0] == "1" && f[1] == "0") {
							t.Errorf("%q: numstat %q; want link lines rewritten or one line added", c.Subject, line)
						}
					}
				}
			case Social:
				if len(b.Posts) < 110 || withFront != len(b.Posts) {
					t.Errorf("%d posts, %d with front matter; want about 120, all", len(b.Posts), withFront)
				}
				var counts []int
				total, answered := 0, 0
				for _, p := range b.Posts {
					n := len(p.Comments) + len(p.Mentions)
					counts = append(counts, n)
					total += n
					if n > 0 {
						answered++
					}
				}
				slices.Sort(counts)
				slices.Reverse(counts)
				top := 0
				for _, n := range counts[:len(counts)/10] {
					top += n
				}
				if answered*3 > len(b.Posts) || total < 300 {
					t.Errorf("%d of %d posts answered, %d answers; want a minority, hundreds", answered, len(b.Posts), total)
				}
				if top*2 < total {
					t.Errorf("the top tenth of posts holds %d of %d answers; want most", top, total)
				}
				files := git(t, dir, "ls-files", "content/posts/*/comments/*", "content/posts/*/mentions/*")
				if got := strings.Count(files, "\n"); got != total {
					t.Errorf("%d comment and mention files; Blog says %s", got, strconv.Itoa(total))
				}
			}
		})
	}
}
