package rendercache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/accruehq/accrue/generator/internal/flock"
	"github.com/accruehq/accrue/generator/markdown"
)

// digest is a SHA-256: of a body (the key of its entry), or of a
// renderer's identity.
type digest [sha256.Size]byte

// digestOf returns the digest of b.
func digestOf(b []byte) digest { return sha256.Sum256(b) }

// Cache is the render cache of one site for one renderer identity. It is
// safe for concurrent use. A nil *Cache is a valid cache that never hits
// and saves nothing, so callers need no "is caching on" branches.
type Cache struct {
	path     string
	identity digest

	// old is the pack read when the cache was opened, kept open for the
	// bodies left in it; oldIndex locates its entries.
	old      *os.File
	oldIndex map[digest]entry

	mu      sync.Mutex
	used    map[digest]bool // every key looked up, hit or stored
	out     *packWriter     // the next pack, started by the first miss
	outErr  error
	written map[digest]Body // entries already in out
	hits    int
	misses  int

	// The words file (words.go): the one read at Open with its index,
	// the blobs of it this build asked for, and those it stored.
	wordsFile *os.File
	oldWords  map[digest]wordsAt
	usedWords map[digest]bool
	newWords  map[digest]func() []byte
}

// Stats says how a build used the cache.
type Stats struct {
	Hits, Misses int
}

// maxAge is how long a pack no build has used stays in the cache folder.
const maxAge = 30 * 24 * time.Hour

// Open opens the cache of the site identified by site (any stable string:
// the site's absolute folder) in dir, for renderers whose options and
// code identity describes. A missing, stale or damaged pack is not an
// error: the cache starts empty. Errors are for a dir that cannot be
// made.
func Open(dir, site, identity string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("render cache: %w", err)
	}
	siteKey := sha256.Sum256([]byte(site))
	c := &Cache{
		path:      filepath.Join(dir, hex.EncodeToString(siteKey[:12])+".pack"),
		identity:  digestOf([]byte(identity)),
		used:      map[digest]bool{},
		written:   map[digest]Body{},
		usedWords: map[digest]bool{},
		newWords:  map[digest]func() []byte{},
	}
	c.wordsFile, c.oldWords = openWords(c.path+".words", c.identity)
	if f, err := os.Open(c.path); err == nil {
		if index, err := readPack(f, c.identity); err == nil {
			c.old, c.oldIndex = f, index
		} else {
			f.Close()
		}
	}
	return c, nil
}

// Path is the pack file's path.
func (c *Cache) Path() string { return c.path }

// Render returns src's rendering by r: from the cache when the last
// build rendered the same source, else from r, remembering the result
// for the next build. A rendering from the cache leaves its HTML in the
// pack: res.HTML is empty and body loads it. A new rendering carries its
// HTML, and body (when the cache could store it) can load it again from
// the new pack, so the caller may drop it until needed. The result is
// the caller's to change.
func (c *Cache) Render(r *markdown.Renderer, src []byte) (res *markdown.Result, body Body, err error) {
	if c == nil {
		res, err = r.Render(src)
		return res, Body{}, err
	}
	key := digestOf(src)
	if res, body, ok := c.lookup(key); ok {
		return res, body, nil
	}
	res, err = r.Render(src)
	if err != nil {
		return nil, Body{}, err
	}
	c.mu.Lock()
	c.misses++
	c.mu.Unlock()
	return res, c.store(key, res), nil
}

// Scan returns what r.Scan would (headings, links, words) for src, from
// the cache when it can: a cached rendering has all of it. A miss is not
// stored, since a scan has no HTML.
func (c *Cache) Scan(r *markdown.Renderer, src []byte) (*markdown.Result, error) {
	if c != nil {
		if res, _, ok := c.lookup(digestOf(src)); ok {
			res.Summary, res.HasMore = "", false
			return res, nil
		}
	}
	return r.Scan(src)
}

func (c *Cache) lookup(key digest) (*markdown.Result, Body, bool) {
	e, ok := c.oldIndex[key]
	if !ok {
		return nil, Body{}, false
	}
	res, err := decodeMeta(e.meta)
	if err != nil {
		return nil, Body{}, false // the CRC passed, so only a bug gets here; render instead
	}
	c.mu.Lock()
	c.used[key] = true
	c.hits++
	c.mu.Unlock()
	return res, e.html, true
}

func (c *Cache) store(key digest, res *markdown.Result) Body {
	head := encodeHead(res)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[key] = true
	if body, ok := c.written[key]; ok || c.outErr != nil {
		return body
	}
	if c.out == nil {
		c.out, c.outErr = newPackWriter(c.path, c.identity)
		if c.outErr != nil {
			return Body{}
		}
	}
	body, err := c.out.add(key, head, string(res.HTML))
	if err != nil {
		c.outErr = err
		return Body{}
	}
	c.written[key] = body
	return body
}

// Stats reports the hits and misses so far.
func (c *Cache) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{Hits: c.hits, Misses: c.misses}
}

// Save makes the pack hold exactly the entries this build used, so it
// never grows past the site: new renderings are already in the new pack;
// hits are copied from the old one. When nothing was rendered and
// nothing dropped, the old pack stays as it is. Packs of other sites
// unused for 30 days are removed. Call it once the build no longer
// loads bodies: a replaced pack's bodies are gone.
func (c *Cache) Save() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.prune()
	if err := c.saveWords(); err != nil {
		return fmt.Errorf("render cache: %w", err)
	}
	if c.out == nil && c.outErr == nil {
		if len(c.used) == len(c.oldIndex) {
			now := time.Now()
			_ = os.Chtimes(c.path, now, now) // only for pruning; a failure costs nothing
			return nil
		}
		c.out, c.outErr = newPackWriter(c.path, c.identity)
	}
	if c.outErr != nil {
		c.discard()
		return fmt.Errorf("render cache: %w", c.outErr)
	}
	for key, e := range c.oldIndex {
		if _, ok := c.written[key]; c.used[key] && !ok {
			if err := c.out.copyEntry(key, e); err != nil {
				c.discard()
				return fmt.Errorf("render cache: %w", err)
			}
		}
	}
	if c.old != nil {
		// Bodies were loaded by now, and a file still open cannot be
		// replaced on every system.
		c.old.Close()
		c.old = nil
	}
	err := c.out.commit()
	c.out = nil
	if err != nil {
		return fmt.Errorf("render cache: %w", err)
	}
	return nil
}

// Close drops an unsaved pack and closes the old one: bodies not loaded
// by then fail to load.
func (c *Cache) Close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.discard()
	if c.old != nil {
		c.old.Close()
		c.old = nil
	}
	if c.wordsFile != nil {
		c.wordsFile.Close()
		c.wordsFile = nil
	}
}

func (c *Cache) discard() {
	if c.out != nil {
		c.out.abort()
		c.out = nil
	}
}

// prune removes packs no build has used for maxAge: sites deleted or
// moved leave theirs behind. A pack being written (.tmp) goes as soon as
// no live build holds it: a killed build left it.
func (c *Cache) prune() {
	dir := filepath.Dir(c.path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		// A pack's own files (PATH.words, and PATH.history the caller
		// keeps beside it) go with it.
		ext := filepath.Ext(e.Name())
		if ext != ".pack" && ext != ".words" && ext != ".history" && ext != ".tmp" || strings.HasPrefix(e.Name(), filepath.Base(c.path)) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > maxAge ||
			filepath.Ext(p) == ".tmp" && flock.Abandoned(p) {
			os.Remove(p)
		}
	}
}
