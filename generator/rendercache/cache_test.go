package rendercache_test

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/internal/flock"
	"github.com/accruehq/accrue/generator/markdown"
	"github.com/accruehq/accrue/generator/rendercache"
)

var docs = [][]byte{
	[]byte("# Title\n\nFirst *paragraph* with a [link](/posts/b/) and <https://example.com/x>.\n\n## Section\n\n```go {linenos=true}\nfunc main() {}\n```\n"),
	[]byte("Intro before the fold.\n\n<!--more-->\n\nRest, with ![an image](pic.png \"t\") and a footnote[^1].\n\n[^1]: The note.\n"),
	[]byte(""),
	[]byte("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo ~~struck~~\n"),
}

const identity = "test renderer v1"

func open(t testing.TB, dir, id string) *rendercache.Cache {
	t.Helper()
	c, err := rendercache.Open(dir, "/site", id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// full returns what the cache gives for src, with the HTML loaded, and
// whether it was a hit.
func full(t *testing.T, c *rendercache.Cache, r *markdown.Renderer, src []byte) (*markdown.Result, bool) {
	t.Helper()
	before := c.Stats().Hits
	res, body, err := c.Render(r, src)
	if err != nil {
		t.Fatal(err)
	}
	hit := c.Stats().Hits > before
	if hit && res.HTML != "" {
		t.Errorf("a cached rendering carries its HTML in memory")
	}
	if !body.Cached() {
		t.Fatalf("no body for a rendering the cache stored")
	}
	html, err := body.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !hit && html != res.HTML {
		t.Errorf("new rendering's body loads %q; want %q", html, res.HTML)
	}
	res.HTML = html
	return res, hit
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	r := markdown.New(markdown.Options{Typographer: true})
	cold := open(t, dir, identity)
	for _, src := range docs {
		got, hit := full(t, cold, r, src)
		if hit {
			t.Fatalf("hit in an empty cache")
		}
		want, _ := r.Render(src)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("uncached rendering differs from the renderer's")
		}
	}
	if s := cold.Stats(); s.Hits != 0 || s.Misses != len(docs) {
		t.Errorf("cold stats = %+v", s)
	}
	if err := cold.Save(); err != nil {
		t.Fatal(err)
	}
	cold.Close()

	warm := open(t, dir, identity)
	defer warm.Close()
	for i, src := range docs {
		got, hit := full(t, warm, r, src)
		if !hit {
			t.Errorf("doc %d: miss after saving", i)
		}
		want, _ := r.Render(src)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("doc %d: cached rendering differs:\n got %+v\nwant %+v", i, got, want)
		}
		scanned, err := warm.Scan(r, src)
		if err != nil {
			t.Fatal(err)
		}
		wantScan, _ := r.Scan(src)
		if !reflect.DeepEqual(scanned, wantScan) {
			t.Errorf("doc %d: cached scan differs:\n got %+v\nwant %+v", i, scanned, wantScan)
		}
	}
	if s := warm.Stats(); s.Hits != 2*len(docs) || s.Misses != 0 {
		t.Errorf("warm stats = %+v", s)
	}
}

func saveAll(t testing.TB, dir, id string, srcs ...[]byte) {
	t.Helper()
	c := open(t, dir, id)
	defer c.Close()
	r := markdown.New(markdown.Options{})
	for _, src := range srcs {
		if _, _, err := c.Render(r, src); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
}

func hits(t *testing.T, dir, id string, srcs ...[]byte) int {
	t.Helper()
	c := open(t, dir, id)
	defer c.Close()
	r := markdown.New(markdown.Options{})
	for _, src := range srcs {
		full(t, c, r, src)
	}
	return c.Stats().Hits
}

func TestAnotherRendererStartsEmpty(t *testing.T) {
	dir := t.TempDir()
	saveAll(t, dir, identity, docs...)
	if n := hits(t, dir, "another program", docs...); n != 0 {
		t.Errorf("%d hits from a pack of another renderer", n)
	}
}

// packPath is where the test site's pack is in dir.
func packPath(t testing.TB, dir string) string {
	t.Helper()
	c := open(t, dir, identity)
	defer c.Close()
	return c.Path()
}

// damagePack rewrites the pack in dir through do.
func damagePack(t *testing.T, dir string, do func([]byte) []byte) {
	t.Helper()
	path := packPath(t, dir)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, do(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedPackIsIgnored(t *testing.T) {
	for _, damage := range []struct {
		name string
		do   func([]byte) []byte
	}{
		{"flipped byte", func(b []byte) []byte { b[len(b)/2] ^= 1; return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)-10] }},
		{"cut in half", func(b []byte) []byte { return b[:len(b)/2] }},
		{"empty", func(b []byte) []byte { return nil }},
		{"not a pack", func(b []byte) []byte { return []byte("hello") }},
		{"longer", func(b []byte) []byte { return append(b, 0, 0, 0, 0) }},
	} {
		t.Run(damage.name, func(t *testing.T) {
			dir := t.TempDir()
			saveAll(t, dir, identity, docs...)
			damagePack(t, dir, damage.do)
			if n := hits(t, dir, identity, docs...); n != 0 {
				t.Errorf("%d hits from a damaged pack", n)
			}
			// The next save replaces it with a whole pack.
			saveAll(t, dir, identity, docs...)
			if n := hits(t, dir, identity, docs...); n != len(docs) {
				t.Errorf("%d hits after saving again; want %d", n, len(docs))
			}
		})
	}
}

func TestBodyChangedOnDiskFailsToLoad(t *testing.T) {
	dir := t.TempDir()
	saveAll(t, dir, identity, docs[0])
	c := open(t, dir, identity)
	defer c.Close()
	_, body, err := c.Render(markdown.New(markdown.Options{}), docs[0])
	if err != nil || !body.Cached() {
		t.Fatalf("want a cached body, got err %v", err)
	}
	// Another program scribbles over the pack in place.
	f, err := os.OpenFile(c.Path(), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	if _, err := f.WriteAt([]byte("XXXX"), info.Size()-20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if html, err := body.Load(); err == nil {
		t.Errorf("Load returned %q from a changed pack; want an error", html)
	}
}

func TestPackKeepsOnlyWhatWasUsed(t *testing.T) {
	dir := t.TempDir()
	saveAll(t, dir, identity, docs...)
	saveAll(t, dir, identity, docs[0], docs[1]) // two posts were deleted
	if n := hits(t, dir, identity, docs...); n != 2 {
		t.Errorf("%d hits; want the 2 entries the last build used", n)
	}
}

func TestUnchangedPackIsNotRewritten(t *testing.T) {
	dir := t.TempDir()
	saveAll(t, dir, identity, docs...)
	before, err := os.Stat(packPath(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	saveAll(t, dir, identity, docs...)
	after, err := os.Stat(filepath.Join(dir, before.Name()))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Errorf("a build that rendered nothing new rewrote the pack")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("cache folder holds %d files; want the pack alone", len(entries))
	}
}

func TestSitesHaveTheirOwnPacks(t *testing.T) {
	dir := t.TempDir()
	a, _ := rendercache.Open(dir, "/a", identity)
	b, _ := rendercache.Open(dir, "/b", identity)
	defer a.Close()
	defer b.Close()
	if a.Path() == b.Path() {
		t.Errorf("two sites share %s", a.Path())
	}
}

func TestOldPacksArePruned(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "0123456789abcdef01234567.pack")
	fresh := filepath.Join(dir, "fedcba9876543210fedcba98.pack")
	// A pack's own files go with it.
	staleOwn := []string{stale + ".words", stale + ".history"}
	for _, p := range append([]string{stale, fresh}, staleOwn...) {
		if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-31 * 24 * time.Hour)
	for _, p := range append([]string{stale}, staleOwn...) {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	saveAll(t, dir, identity, docs[0])
	for _, p := range append([]string{stale}, staleOwn...) {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s, unused for 31 days, is still there", filepath.Base(p))
		}
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a recent pack of another site was removed: %v", err)
	}
}

// A pack a killed build was writing goes with the next save; one a live
// build is writing stays.
func TestKilledBuildsPackIsPruned(t *testing.T) {
	dir := t.TempDir()
	dead := filepath.Join(dir, "0123456789abcdef01234567.pack.123.tmp")
	live := filepath.Join(dir, "fedcba9876543210fedcba98.pack.456.tmp")
	for _, p := range []string{dead, live} {
		if err := os.WriteFile(p, []byte("half a pack"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	l, err := flock.Hold(live)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	saveAll(t, dir, identity, docs[0])
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a killed build's pack is still there")
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a pack a live build is writing was removed: %v", err)
	}
}

func TestInterruptedBuildLeavesThePack(t *testing.T) {
	dir := t.TempDir()
	saveAll(t, dir, identity, docs[0])
	c := open(t, dir, identity)
	if _, _, err := c.Render(markdown.New(markdown.Options{}), docs[1]); err != nil {
		t.Fatal(err)
	}
	c.Close() // no Save: the build stopped
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("cache folder holds %d files after an interrupted build; want the old pack alone", len(entries))
	}
	if n := hits(t, dir, identity, docs[0]); n != 1 {
		t.Errorf("old pack lost its entry")
	}
}

func TestNilCacheRenders(t *testing.T) {
	var c *rendercache.Cache
	r := markdown.New(markdown.Options{})
	res, body, err := c.Render(r, docs[0])
	if err != nil || body.Cached() || res.HTML == "" {
		t.Errorf("nil cache: res %v body %v err %v", res, body, err)
	}
	if err := c.Save(); err != nil {
		t.Error(err)
	}
	c.Close()
}

func TestConcurrentUse(t *testing.T) {
	dir := t.TempDir()
	var srcs [][]byte
	for i := range 200 {
		srcs = append(srcs, fmt.Appendf(nil, "# Post %d\n\nBody %d with a [link](/posts/%d/).\n\n```go\nx := %d\n```\n", i, i, i, i))
	}
	r := markdown.New(markdown.Options{})
	for round := range 2 {
		c := open(t, dir, identity)
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(srcs); i += 4 {
					res, body, err := c.Render(r, srcs[i])
					if err != nil {
						t.Error(err)
						return
					}
					if html, err := body.Load(); err != nil {
						t.Error(err)
					} else if res.HTML == "" {
						res.HTML = html
					} else if html != res.HTML {
						t.Errorf("round %d, post %d: body differs from the rendering", round, i)
					}
					want, _ := r.Render(srcs[i])
					if res.HTML != want.HTML {
						t.Errorf("round %d, post %d: HTML differs", round, i)
					}
				}
			}()
		}
		wg.Wait()
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		c.Close()
		if s := c.Stats(); round == 1 && s.Hits != len(srcs) {
			t.Errorf("second round stats = %+v", s)
		}
	}
}

// Lengths in a damaged pack are checked before they are used: no crash,
// no huge allocation, just an empty cache.
func TestHostileLengthsAreIgnored(t *testing.T) {
	const head = 8 + 32 // magic, identity
	for _, tc := range []struct {
		name string
		at   int // offset of a little-endian uint32 to overwrite
		v    uint32
	}{
		{"entry longer than the file", head + 32, 0xFFFFFFF0},
		{"entry shorter than its fields", head + 32, 3},
		{"meta longer than the entry", head + 32 + 4, 0x7FFFFFFF},
		{"meta count huge", head + 32 + 4 + 4, 0xFFFFFFFF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			saveAll(t, dir, identity, docs[0])
			damagePack(t, dir, func(b []byte) []byte {
				binary.LittleEndian.PutUint32(b[tc.at:], tc.v)
				return b
			})
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			if n := hits(t, dir, identity, docs[0]); n != 0 {
				t.Errorf("%d hits from a damaged pack", n)
			}
			runtime.ReadMemStats(&after)
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
				t.Errorf("reading a damaged pack allocated %d bytes", grew)
			}
		})
	}
}

// Whatever a pack holds, opening it neither panics nor trusts it beyond
// what checks out; what does check out renders like the renderer.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	saveAll(f, dir, identity, docs...)
	good, err := os.ReadFile(packPath(f, dir))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/3])
	f.Add([]byte("ACRCv002"))
	r := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		c, err := rendercache.Open(dir, "/site", identity)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(c.Path(), data, 0o600); err != nil {
			t.Fatal(err)
		}
		c.Close()
		c, err = rendercache.Open(dir, "/site", identity)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		for _, src := range docs {
			res, body, err := c.Render(r, src)
			if err != nil {
				t.Fatal(err)
			}
			if res.HTML == "" && body.Cached() {
				if res.HTML, err = body.Load(); err != nil {
					continue // the site renders from the file then
				}
			}
			want, _ := r.Render(src)
			if res.HTML != want.HTML || res.Words != want.Words || len(res.Links) != len(want.Links) {
				t.Errorf("a pack that opened gave another rendering of %q", src)
			}
		}
	})
}
