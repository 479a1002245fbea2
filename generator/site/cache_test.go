package site_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accruehq/accrue/generator/rendercache"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// A build that takes its renderings from the cache writes the same bytes
// as one that renders everything, and renders again only what changed.
func TestRenderCacheKeepsOutput(t *testing.T) {
	t.Parallel()
	fsys := sitetest.FS(readFixture(t, "basic.txtar"))
	dir, cacheDir := t.TempDir(), t.TempDir() // dir: the site's folder, which names its pack
	withCache := func(o *site.Options) { o.Dir, o.CacheDir = dir, cacheDir }
	noCache := func(o *site.Options) { o.Dir = dir }

	plain := sitetest.BuildFS(t, fsys, noCache)
	cold := sitetest.BuildFS(t, fsys, withCache)
	warm := sitetest.BuildFS(t, fsys, withCache)
	for _, r := range []*sitetest.Result{plain, cold, warm} {
		if r.Err != nil {
			t.Fatalf("build failed: %v\n%s", r.Err, r.Diags.Error())
		}
	}
	sitetest.CompareFiles(t, "cold cache", cold.Files, plain.Files)
	sitetest.CompareFiles(t, "warm cache", warm.Files, plain.Files)
	if cold.Stats.Cache.Hits != 0 || cold.Stats.Cache.Misses == 0 {
		t.Errorf("cold build: cache %+v; want misses only", cold.Stats.Cache)
	}
	if warm.Stats.Cache.Misses != 0 || warm.Stats.Cache.Hits != cold.Stats.Cache.Misses {
		t.Errorf("warm build: cache %+v; want %d hits and no miss", warm.Stats.Cache, cold.Stats.Cache.Misses)
	}
	if cold.Stats.CacheErr != nil || warm.Stats.CacheErr != nil {
		t.Errorf("cache errors: %v, %v", cold.Stats.CacheErr, warm.Stats.CacheErr)
	}

	// One post changes: only it is rendered again.
	edited := fstest.MapFS{}
	for name, f := range fsys {
		edited[name] = f
	}
	post := edited["content/posts/second.md"]
	if post == nil {
		t.Fatal("fixture has no content/posts/second.md")
	}
	edited["content/posts/second.md"] = &fstest.MapFile{Data: append(append([]byte(nil), post.Data...), "\nA new paragraph with `code`.\n"...), ModTime: post.ModTime}
	want := sitetest.BuildFS(t, edited, noCache)
	got := sitetest.BuildFS(t, edited, withCache)
	sitetest.CompareFiles(t, "after an edit", got.Files, want.Files)
	if got.Stats.Cache.Misses != 1 || got.Stats.Cache.Hits != cold.Stats.Cache.Misses-1 {
		t.Errorf("after an edit: cache %+v; want 1 miss and %d hits", got.Stats.Cache, cold.Stats.Cache.Misses-1)
	}
	if !strings.Contains(string(got.Files["posts/second/index.html"]), "A new paragraph with <code>code</code>.") {
		t.Errorf("edited post does not show its edit")
	}
}

// The ledger reads links from cached renderings too, and finds the same.
func TestRenderCacheLedger(t *testing.T) {
	t.Parallel()
	fsys := sitetest.FS(readFixture(t, "basic.txtar"))
	dir, cacheDir := t.TempDir(), t.TempDir()
	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: dir}
	want, _, err := site.Ledger(context.Background(), fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.CacheDir = cacheDir
	sitetest.BuildFS(t, fsys, func(o *site.Options) { o.Dir, o.CacheDir = dir, cacheDir })
	packs, _ := filepath.Glob(filepath.Join(cacheDir, "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("cache folder holds packs %v; want one", packs)
	}
	before, _ := os.Stat(packs[0])
	listing := func() map[string]time.Time {
		entries, _ := os.ReadDir(cacheDir)
		out := map[string]time.Time{}
		for _, e := range entries {
			if info, err := e.Info(); err == nil {
				out[e.Name()] = info.ModTime()
			}
		}
		return out
	}
	folder := listing()
	got, _, err := site.Ledger(context.Background(), fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Events) == 0 || len(got.Events) != len(want.Events) {
		t.Fatalf("ledger from the cache has %d events; want %d", len(got.Events), len(want.Events))
	}
	for i := range want.Events {
		if got.Events[i] != want.Events[i] {
			t.Errorf("event %d = %+v; want %+v", i, got.Events[i], want.Events[i])
		}
	}
	after, err := os.Stat(packs[0])
	if now := listing(); !maps.Equal(now, folder) || err != nil || !os.SameFile(before, after) {
		t.Errorf("the ledger wrote the cache (its folder held %v, then %v; pack stat error %v); it only reads it", folder, now, err)
	}
}

// The dev server's first build reads and saves the render cache; its
// later builds keep renderings in memory, and every page is what a build
// without the cache serves.
func TestRenderCacheDevServer(t *testing.T) {
	t.Parallel()
	fsys := sitetest.FS(readFixture(t, "basic.txtar"))
	dir, cacheDir := t.TempDir(), t.TempDir()
	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: dir}
	plain := sitetest.BuildFS(t, fsys, func(o *site.Options) { o.Dir = dir })
	opts.CacheDir = cacheDir

	cold := site.NewIncremental(fsys, opts)
	if _, _, err := cold.Build(context.Background(), opts, nil); err != nil {
		t.Fatal(err)
	}
	warm := site.NewIncremental(fsys, opts)
	files, _, err := warm.Build(context.Background(), opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if warm.Last.Cache.Hits == 0 || warm.Last.Cache.Misses != 0 {
		t.Errorf("second server's first build: cache %+v; want hits only", warm.Last.Cache)
	}
	sitetest.CompareFiles(t, "served from the cache", files, plain.Files)

	// An edit is rebuilt in memory.
	fsys["content/posts/second.md"].Data = append(fsys["content/posts/second.md"].Data, "\nAn edit.\n"...)
	files, _, err = warm.Build(context.Background(), opts, []string{"content/posts/second.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["posts/second/index.html"]), "An edit.") {
		t.Errorf("the edit is not served")
	}
	want := sitetest.BuildFS(t, fsys, func(o *site.Options) { o.Dir = dir })
	sitetest.CompareFiles(t, "after an edit", files, want.Files)
}

// Without the render cache, a build on disk keeps bodies in a scratch
// pack in the temporary folder until their pages are written, writes the
// same site, and leaves nothing behind.
func TestScratchPackWithoutCache(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where os.TempDir looks on Unix
	fsys := sitetest.FS(readFixture(t, "basic.txtar"))
	plain := sitetest.BuildFS(t, fsys) // in memory, no Dir: bodies stay in memory
	onDisk := sitetest.BuildFS(t, fsys, func(o *site.Options) { o.Dir = t.TempDir() })
	if onDisk.Err != nil {
		t.Fatal(onDisk.Err)
	}
	sitetest.CompareFiles(t, "with a scratch pack", onDisk.Files, plain.Files)
	if onDisk.Stats.Cache != (rendercache.Stats{}) {
		t.Errorf("a build without the cache reports cache use: %+v", onDisk.Stats.Cache)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("the temporary folder keeps %d entries after the build", len(entries))
	}
}
