package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// accrueProcess starts this test binary as the accrue command, through
// main(), signal handling and all (see TestMain).
func accrueProcess(t *testing.T, env []string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "ACCRUE_TEST_MAIN=1"), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

// writeSite writes a blog of n posts with the constructs that cost a
// build time: code to highlight, lists, tags, links between posts.
func writeSite(dir string, n int) error {
	if err := os.MkdirAll(filepath.Join(dir, "content", "posts"), 0o755); err != nil {
		return err
	}
	config := "title = \"Killed\"\nbase_url = \"https://example.org/\"\n"
	if err := os.WriteFile(filepath.Join(dir, "accrue.toml"), []byte(config), 0o644); err != nil {
		return err
	}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Post %d\ndate: 2024-01-%02dT10:00:00Z\ntags: [t%d, t%d]\n---\n", i, i%28+1, i%7, i%11)
		for j := range 6 {
			fmt.Fprintf(&b, "Paragraph %d of post %d with *emphasis*, `code` and a [link](/posts/post-%d/).\n\n", j, i, (i+1)%n)
			fmt.Fprintf(&b, "- one %d\n- two\n  - nested\n\n```go\nfunc f%d(x int) int {\n\treturn x * %d // comment\n}\n```\n\n", j, j, i)
		}
		if err := os.WriteFile(filepath.Join(dir, "content", "posts", fmt.Sprintf("post-%d.md", i)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// files reads every file under root, with its bytes.
func files(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		m[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// leftovers lists what accrue's temporary names match under dirs.
func leftovers(t *testing.T, dirs ...string) []string {
	t.Helper()
	var found []string
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			name := d.Name()
			if strings.Contains(name, ".accrue-building-") || strings.Contains(name, ".accrue-old-") ||
				strings.Contains(name, ".building-") || strings.HasPrefix(name, "accrue-scratch-") ||
				strings.HasSuffix(name, ".tmp") || name == ".accrue-staging" {
				found = append(found, p)
			}
			return nil
		})
	}
	sort.Strings(found)
	return found
}

func sameFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s: %s differs from a clean build's", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is not in a clean build", what, name)
		}
	}
}

// Builds killed with SIGKILL at random points, 50 times, never cost the
// previous output, and the next good build leaves no staging folder,
// scratch pack or half-written cache pack behind, and an output equal to
// a clean build's.
func TestKilledBuildsLeaveNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site 50 times")
	}
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if err := writeSite(site, 40); err != nil {
		t.Fatal(err)
	}
	tmp, cache := filepath.Join(root, "tmp"), filepath.Join(root, "cache")
	for _, d := range []string{tmp, cache} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	clean := filepath.Join(root, "clean")
	build := func(env []string, dest string) (*exec.Cmd, *bytes.Buffer) {
		return accrueProcess(t, append([]string{"TMPDIR=" + tmp}, env...), "build", "--source", site, "--destination", dest)
	}
	start := time.Now()
	cmd, out := build([]string{"ACCRUE_CACHE_DIR=off"}, clean)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("clean build: %v\n%s", err, out)
	}
	full := time.Since(start)
	want := files(t, clean)

	public := filepath.Join(site, "public")
	cmd, out = build([]string{"ACCRUE_CACHE_DIR=" + cache}, public)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 50 {
		// Half the builds use the render cache, half a scratch pack.
		env := []string{"ACCRUE_CACHE_DIR=" + cache}
		if i%2 == 1 {
			env = []string{"ACCRUE_CACHE_DIR=off"}
		}
		cmd, _ := build(env, public)
		time.Sleep(time.Duration(r.Int64N(int64(full))))
		cmd.Process.Kill()
		cmd.Wait()
		// Whatever the kill interrupted, the site has an output: the
		// previous one, the new one, or (killed mid-swap) one aside that
		// the next build puts back.
		if _, err := os.Stat(filepath.Join(public, "index.html")); err != nil && len(leftovers(t, site)) == 0 {
			t.Fatalf("kill %d: no output and nothing to restore it from", i)
		}
	}
	cmd, out = build([]string{"ACCRUE_CACHE_DIR=" + cache}, public)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, out)
	}
	if left := leftovers(t, site, tmp, cache); len(left) > 0 {
		t.Errorf("after a good build, killed builds' files remain: %v", left)
	}
	sameFiles(t, "after 50 killed builds", files(t, public), want)
}

// SIGTERM (and Ctrl-C) stop a build promptly even while it renders a
// document that cannot be interrupted, and leave the output as it was.
func TestSignalStopsABuildPromptly(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			root := t.TempDir()
			site := filepath.Join(root, "site")
			if err := writeSite(site, 20); err != nil {
				t.Fatal(err)
			}
			public := filepath.Join(site, "public")
			cmd, out := accrueProcess(t, []string{"ACCRUE_CACHE_DIR=off"}, "build", "--source", site)
			if err := cmd.Wait(); err != nil {
				t.Fatalf("first build: %v\n%s", err, out)
			}
			before := files(t, public)
			// A post whose line i holds i '>': deeply nested quotes, slow
			// to parse, which no cancellation reaches inside.
			var b strings.Builder
			b.WriteString("---\ntitle: Deep\ndate: 2024-01-01\n---\n")
			for i := 1; b.Len() < 4<<20; i++ {
				b.WriteString(strings.Repeat(">", i%5000) + " quoted\n")
			}
			if err := os.WriteFile(filepath.Join(site, "content", "posts", "deep.md"), []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd, out = accrueProcess(t, []string{"ACCRUE_CACHE_DIR=off"}, "build", "--source", site)
			time.Sleep(300 * time.Millisecond)
			sent := time.Now()
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			took := time.Since(sent)
			if err == nil {
				// The build may have finished (or refused the document)
				// before the signal: then there was nothing to stop.
				t.Logf("the build ended before the signal: %s", out)
				return
			}
			if took > 2*time.Second+stopGrace {
				t.Errorf("%v took %v to stop the build; want at most 2s", sig, took)
			}
			if code := cmd.ProcessState.ExitCode(); code == 0 {
				t.Errorf("exit status %d after %v", code, sig)
			}
			sameFiles(t, fmt.Sprintf("after %v", sig), files(t, public), before)
		})
	}
}
