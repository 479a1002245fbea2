package pagecheck_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/report"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/pagecheck"
	"github.com/accruehq/accrue/themes"
	"golang.org/x/tools/txtar"
)

// root is the repo: its content/ and accrue.toml are the demo blog.
const root = "../.."

// tool is the file the environment variable env names, which .ci/run
// sets. Without it the test fails, unless ACCRUE_SKIP_BROWSER_TESTS=1: a
// skip in CI would hide that the pages were never checked.
func tool(t *testing.T, env, what string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		if os.Getenv("ACCRUE_SKIP_BROWSER_TESTS") == "1" {
			t.Skipf("%s is not set and ACCRUE_SKIP_BROWSER_TESTS=1", env)
		}
		t.Fatalf("%s is not set: it names %s, which bash .ci/run fetches from npm and sets (ACCRUE_SKIP_BROWSER_TESTS=1 skips)", env, what)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s: %v", env, err)
	}
	return p
}

// demo is the demo blog built into a folder, with its report and every
// post's statement as accrue serve shows them.
type demo struct {
	dir        string
	report     []byte
	statements map[string][]byte // by post file
}

// buildDemo builds the repo's own blog as accrue build would today, with
// its git history, for baseURL.
func buildDemo(t *testing.T, baseURL string) *demo {
	t.Helper()
	ctx := context.Background()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	// The demo blog is checked as it is published: today.
	o := site.Options{Now: time.Now(), Dir: abs, Theme: themes.Default(), BaseURL: baseURL}
	w := &site.MemWriter{}
	if _, diags, err := site.Build(ctx, os.DirFS(abs), w, o); err != nil {
		t.Fatalf("building the demo blog: %v\n%s", err, diags.Error())
	}
	d := &demo{dir: t.TempDir(), statements: map[string][]byte{}}
	writeAll(t, d.dir, w.Files)

	in, diags, err := site.ReportInput(ctx, os.DirFS(abs), o)
	if err != nil {
		t.Fatalf("reading the demo blog's report: %v\n%s", err, diags.Error())
	}
	ro := report.Options{AsOf: o.Now}
	r := report.Compute(in, ro)
	var buf bytes.Buffer
	if err := r.WriteHTMLWith(&buf, report.HTMLOptions{Served: true}); err != nil {
		t.Fatal(err)
	}
	d.report = buf.Bytes()
	for _, p := range r.Posts {
		st, ok := report.PostStatement(in, ro, p.File)
		if !ok {
			t.Fatalf("no statement for %s, a post of the report", p.File)
		}
		var buf bytes.Buffer
		if err := st.WriteHTMLWith(&buf, report.HTMLOptions{Served: true}); err != nil {
			t.Fatal(err)
		}
		d.statements[p.File] = buf.Bytes()
	}
	return d
}

// writeAll writes files (by slash-separated name) under dir.
func writeAll(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// htmlFiles lists the .html files under dir.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestValidHTML runs the Nu HTML Checker over every page of the demo blog
// (its report and statements included) and of package site's golden
// site: no errors.
func TestValidHTML(t *testing.T) {
	jar := tool(t, "ACCRUE_VNU_JAR", "the Nu HTML Checker's vnu.jar")
	if _, err := exec.LookPath("java"); err != nil {
		if os.Getenv("ACCRUE_SKIP_BROWSER_TESTS") == "1" {
			t.Skip("no java and ACCRUE_SKIP_BROWSER_TESTS=1")
		}
		t.Fatal("java is needed to run the Nu HTML Checker: apt-get install default-jre-headless (ACCRUE_SKIP_BROWSER_TESTS=1 skips)")
	}

	d := buildDemo(t, "")
	report := map[string][]byte{"_accrue/report/index.html": d.report}
	for file, page := range d.statements {
		name := strings.NewReplacer("/", "-", ".", "-").Replace(file)
		report["_accrue/report/statement/"+name+".html"] = page
	}
	writeAll(t, d.dir, report)

	golden := t.TempDir()
	a, err := txtar.ParseFile(filepath.Join(root, "generator/site/testdata/sites/basic.golden.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range a.Files {
		files[f.Name] = f.Data
	}
	writeAll(t, golden, files)

	pages := append(htmlFiles(t, d.dir), htmlFiles(t, golden)...)
	if len(pages) < 20 {
		t.Fatalf("only %d pages to check: %q", len(pages), pages)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	msgs, err := pagecheck.Validate(ctx, jar, pages)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		rel := m
		for _, base := range []string{d.dir, golden} {
			if r, err := filepath.Rel(base, m.File); err == nil && !strings.HasPrefix(r, "..") {
				rel.File = r
			}
		}
		t.Errorf("%s\n\t%s", rel, m.Extract)
	}
	t.Logf("checked %d pages", len(pages))
}
