package sitetest

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/themes"
	"golang.org/x/tools/txtar"
)

// Update rewrites golden files instead of comparing with them. It is
// registered by each test package that calls AssertGolden.
var Update = flag.Bool("update", false, "update golden files")

// Now is the clock every test build uses.
var Now = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// Result is a finished build.
type Result struct {
	t     testing.TB
	Files map[string][]byte
	Diags diag.List
	Err   error
	Stats site.Stats
}

// FS parses a txtar archive into a file system.
func FS(archive string) fstest.MapFS {
	a := txtar.Parse([]byte(archive))
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, ModTime: Now.Add(-24 * time.Hour)}
	}
	return fsys
}

// Build builds the site in archive with the built-in theme and opts
// (Now and Theme are filled in) and fails the test when the build fails.
func Build(t testing.TB, archive string, opts ...func(*site.Options)) *Result {
	t.Helper()
	r := TryBuild(t, archive, opts...)
	if r.Err != nil {
		t.Fatalf("build failed: %v\n%s", r.Err, r.Diags.Error())
	}
	return r
}

// TryBuild is Build for builds expected to fail.
func TryBuild(t testing.TB, archive string, opts ...func(*site.Options)) *Result {
	t.Helper()
	return BuildFS(t, FS(archive), opts...)
}

// BuildFS builds fsys.
func BuildFS(t testing.TB, fsys fstest.MapFS, opts ...func(*site.Options)) *Result {
	t.Helper()
	o := site.Options{Now: Now, Theme: themes.Default()}
	for _, f := range opts {
		f(&o)
	}
	w := &site.MemWriter{}
	stats, diags, err := site.Build(context.Background(), fsys, w, o)
	return &Result{t: t, Files: w.Files, Diags: diags, Err: err, Stats: stats}
}

// File returns an output file, failing the test when it is missing.
func (r *Result) File(name string) string {
	r.t.Helper()
	data, ok := r.Files[name]
	if !ok {
		r.t.Fatalf("no output file %s; have:\n%s", name, strings.Join(r.Names(), "\n"))
	}
	return string(data)
}

// Names lists the output files, sorted.
func (r *Result) Names() []string {
	names := make([]string, 0, len(r.Files))
	for n := range r.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// AssertFile checks that name contains every one of wants.
func (r *Result) AssertFile(name string, wants ...string) {
	r.t.Helper()
	got := r.File(name)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			r.t.Errorf("%s does not contain %q; it is:\n%s", name, w, got)
		}
	}
}

// AssertNoFile checks that name was not written.
func (r *Result) AssertNoFile(name string) {
	r.t.Helper()
	if _, ok := r.Files[name]; ok {
		r.t.Errorf("%s was written; want it absent", name)
	}
}

// Archive dumps every output file (except those skip matches) as one
// txtar, in name order.
func (r *Result) Archive(skip func(name string) bool) []byte {
	a := &txtar.Archive{}
	for _, n := range r.Names() {
		if skip != nil && skip(n) {
			continue
		}
		a.Files = append(a.Files, txtar.File{Name: n, Data: r.Files[n]})
	}
	return txtar.Format(a)
}

// AssertGolden compares the whole output with the golden txtar file, or
// rewrites it with -update.
func (r *Result) AssertGolden(golden string, skip func(name string) bool) {
	r.t.Helper()
	got := r.Archive(skip)
	if *Update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			r.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		r.t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gotA, wantA := txtar.Parse(got), txtar.Parse(want)
		wantFiles := map[string][]byte{}
		for _, f := range wantA.Files {
			wantFiles[f.Name] = f.Data
		}
		for _, f := range gotA.Files {
			w, ok := wantFiles[f.Name]
			switch {
			case !ok:
				r.t.Errorf("%s: new output file not in %s", f.Name, golden)
			case !bytes.Equal(w, f.Data):
				r.t.Errorf("%s differs from %s:\n%s", f.Name, golden, FirstDiff(string(f.Data), string(w)))
			}
			delete(wantFiles, f.Name)
		}
		for n := range wantFiles {
			r.t.Errorf("%s: in %s but no longer written", n, golden)
		}
		r.t.Log("run go test with -update to accept the new output, and review the diff")
	}
}

// CompareFiles reports every file that differs between two builds' outputs.
func CompareFiles(t testing.TB, what string, got, want map[string][]byte) {
	t.Helper()
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		g, ok := got[n]
		switch {
		case !ok:
			t.Errorf("%s: %s is missing", what, n)
		case !bytes.Equal(g, want[n]):
			t.Errorf("%s: %s differs:\n%s", what, n, FirstDiff(string(g), string(want[n])))
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s: %s is extra", what, n)
		}
	}
}

// FirstDiff shows the first line where got and want differ.
func FirstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + gl + "\n  want: " + wl
		}
	}
	return "(whitespace only)"
}

// Rebuild builds the site in dir again with the dev server's builder inc
// after changed, and afresh with site.Build, failing the test at step if
// either fails: got is the dev server's output, want the full build's,
// for the test to compare.
func Rebuild(t testing.TB, step string, inc *site.Incremental, dir string, opts site.Options, changed []string) (got, want map[string][]byte) {
	t.Helper()
	got, _, err := inc.Build(context.Background(), opts, changed)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	w := &site.MemWriter{}
	if _, _, err := site.Build(context.Background(), os.DirFS(dir), w, opts); err != nil {
		t.Fatalf("%s: full build: %v", step, err)
	}
	return got, w.Files
}
