package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/accruehq/accrue/generator/internal/flock"
	"github.com/accruehq/accrue/generator/markdown"
	"github.com/accruehq/accrue/generator/rendercache"
)

// openCache opens the render cache of the site in dir for renderers
// made with opts by this program.
func openCache(cacheDir, dir string, opts markdown.Options) (*rendercache.Cache, error) {
	program, err := rendercache.ProgramID()
	if err != nil {
		return nil, fmt.Errorf("render cache off: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("render cache off: %w", err)
	}
	return rendercache.Open(cacheDir, abs, fmt.Sprintf("%s %+v", program, opts))
}

const scratchPrefix = "accrue-scratch-"

// openScratch opens a pack in a new temporary folder for a build without
// the render cache: rendered bodies wait there, not in memory, until their
// pages are written, as they do with the cache. Nothing reads it again;
// closeCache removes it. Without a temporary folder, bodies stay in
// memory. The build holds the folder while it runs, so the next build
// removes it if this one is killed.
func openScratch() (*rendercache.Cache, string, *flock.Lock) {
	dir, err := os.MkdirTemp("", scratchPrefix)
	if err != nil {
		return nil, "", nil
	}
	lock, err := flock.Hold(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, "", nil
	}
	c, err := rendercache.Open(dir, "scratch", "scratch")
	if err != nil {
		lock.Release()
		os.RemoveAll(dir)
		return nil, "", nil
	}
	return c, dir, lock
}

// cleanScratch removes the scratch folders in tmp that no live build
// holds: what builds killed before their end left.
func cleanScratch(tmp string) {
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		p := filepath.Join(tmp, e.Name())
		if e.IsDir() && strings.HasPrefix(e.Name(), scratchPrefix) && flock.Abandoned(p) {
			os.RemoveAll(p)
		}
	}
}

// closeCache saves what this build rendered for the next one, unless the
// build was interrupted or only read the ledger (which renders nothing,
// so saving would drop what it did not look up). A scratch pack is
// removed.
func (b *builder) closeCache(ctx context.Context) {
	if b.cache == nil {
		return
	}
	if b.scratch != "" {
		b.cache.Close()
		os.RemoveAll(b.scratch)
		b.scratchLock.Release()
		return
	}
	b.stats.Cache = b.cache.Stats()
	if b.ledgerOnly || !b.loaded || ctx.Err() != nil {
		b.cache.Close()
		return
	}
	if err := b.cache.Save(); err != nil && b.stats.CacheErr == nil {
		b.stats.CacheErr = err
	}
	b.cache.Close()
}
