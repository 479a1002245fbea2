package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accruehq/accrue/generator/internal/flock"
	"github.com/accruehq/accrue/themes"
)

// Without the render cache, a build on disk writes its bodies to a
// scratch pack while it runs, and the pages read them from there.
func TestScratchPackHoldsTheBodies(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	fsys := fstest.MapFS{
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\nBody of *A*.\n")},
		"content/posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2024-02-01\n---\nBody of B.\n")},
	}
	b := newBuilder(fsys, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Theme: themes.Default(), Dir: t.TempDir()})
	w := &MemWriter{}
	diags, err := b.run(context.Background(), w)
	if err != nil || diags.HasErrors() {
		t.Fatalf("build: %v\n%s", err, diags.Error())
	}
	if b.scratch == "" {
		t.Fatal("no scratch pack for a build without the cache")
	}
	packs, _ := filepath.Glob(filepath.Join(b.scratch, "*.tmp"))
	if len(packs) != 1 {
		t.Fatalf("scratch folder holds %v; want one pack being written", packs)
	}
	for _, p := range b.posts {
		if d := b.state(p).doc; !d.body.Cached() || d.render.HTML != "" {
			t.Errorf("%s: body kept in memory, not in the scratch pack", p.File)
		}
	}
	if got := string(w.Files["posts/a/index.html"]); !strings.Contains(got, "Body of <em>A</em>.") {
		t.Errorf("page of A lacks its body read back from the pack")
	}
	b.closeCache(context.Background())
	if _, err := os.Stat(b.scratch); !os.IsNotExist(err) {
		t.Errorf("scratch folder left after the build: %v", err)
	}
}

// Scratch folders that builds killed before their end left in the
// temporary folder go with the next build; one a live build holds stays.
func TestScratchLeftByKilledBuildsIsRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dead := filepath.Join(tmp, scratchPrefix+"123")
	live := filepath.Join(tmp, scratchPrefix+"456")
	mine := filepath.Join(tmp, "accrue-scratch") // not a name accrue makes
	for _, dir := range []string{dead, live, mine} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "x.tmp"), []byte("pack"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := flock.Hold(live)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	fsys := fstest.MapFS{"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\nBody.\n")}}
	b := newBuilder(fsys, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Theme: themes.Default(), Dir: t.TempDir()})
	if _, err := b.run(context.Background(), &MemWriter{}); err != nil {
		t.Fatal(err)
	}
	b.closeCache(context.Background())
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a dead build's scratch folder survived: %v", err)
	}
	for _, dir := range []string{live, mine} {
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("%s was removed: %v", dir, err)
		}
	}
}
