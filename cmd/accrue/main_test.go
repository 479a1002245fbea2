package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	// Tests that need a real process (signals, kill -9) run this binary
	// as accrue itself.
	if os.Getenv("ACCRUE_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	// Tests never touch the user's render cache: scripts get their own
	// (see TestScripts), in-process tests none.
	if os.Getenv("ACCRUE_CACHE_DIR") == "" {
		os.Setenv("ACCRUE_CACHE_DIR", "off")
	}
	testscript.Main(m, map[string]func(){
		"accrue": func() {
			if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
				if err != errReported {
					os.Stderr.WriteString("accrue: " + err.Error() + "\n")
				}
				os.Exit(1)
			}
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// small site and the accrue commands run on it.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Setup: func(env *testscript.Env) error {
		env.Setenv("ACCRUE_CACHE_DIR", filepath.Join(env.WorkDir, ".cache"))
		return nil
	}})
}

// TestDemoBlog builds the repository's own demo blog through the command
// line, as the README tells a new user to.
func TestDemoBlog(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	var stdout, stderr strings.Builder
	err = run(context.Background(), []string{"build", "--source", root, "--destination", dest}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("building the demo blog: %v\n%s", err, stderr.String())
	}
	// The demo blog has no problems to report; a shallow clone of this
	// repository (as some CI systems make) is the one expected warning.
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		if line != "" && !strings.Contains(line, "shallow clone") {
			t.Errorf("building the demo blog printed: %s", line)
		}
	}
	if !strings.HasPrefix(stdout.String(), "built ") {
		t.Errorf("stdout = %q; want the summary line", stdout.String())
	}
	for _, f := range []string{"index.html", "posts/getting-started/index.html", "posts/moving-from-jekyll/index.html",
		"posts/themes-and-templates/layers.svg", "about/index.html", "index.xml", "atom.xml", "feed.json", "sitemap.xml",
		"robots.txt", "404.html", "archive/index.html", "tags/index.html", "css/theme.css", "css/syntax.css"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("demo blog output lacks %s: %v", f, err)
		}
	}
	// Served elsewhere (a preview, the dev server), the demo blog is the
	// same site: its mentions still point at its published address.
	stdout.Reset()
	stderr.Reset()
	if err := run(context.Background(), []string{"build", "--source", root, "--destination", t.TempDir(), "--base-url", "http://localhost:1313/"}, &stdout, &stderr); err != nil {
		t.Fatalf("building the demo blog for localhost: %v\n%s", err, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dest, "_accrue")); err == nil {
		t.Error("the demo blog publishes its report, which accrue.toml does not ask for")
	}

	// The demo's report, as of a date its content reaches, has something
	// in every section a reader looks at first.
	stdout.Reset()
	stderr.Reset()
	if err := run(context.Background(), []string{"report", "--source", root, "--as-of", "2026-11-30", "--format", "json"}, &stdout, &stderr); err != nil {
		t.Fatalf("the demo's report: %v\n%s", err, stderr.String())
	}
	var r struct {
		Summary struct {
			Posts int     `json:"posts"`
			Value float64 `json:"value"`
		} `json:"summary"`
		Timeline  []any `json:"timeline"`
		Champions []any `json:"champions"`
		Changes   struct {
			NewCommenters []any `json:"new_commenters"`
			NewDomains    []any `json:"new_domains"`
			NewLinks      []any `json:"new_internal_links"`
		} `json:"changes"`
		Actions struct {
			Update        []any `json:"update"`
			Conversations []any `json:"conversations"`
		} `json:"actions"`
	}
	if err := json.Unmarshal([]byte(stdout.String()), &r); err != nil {
		t.Fatal(err)
	}
	if r.Summary.Posts < 10 || r.Summary.Value <= 0 || len(r.Timeline) == 0 || len(r.Champions) == 0 ||
		len(r.Changes.NewCommenters) == 0 || len(r.Changes.NewDomains) == 0 || len(r.Changes.NewLinks) == 0 ||
		len(r.Actions.Update) == 0 || len(r.Actions.Conversations) == 0 {
		t.Errorf("the demo's report has an empty section: %+v", r)
	}
}
