package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
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
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
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
}
