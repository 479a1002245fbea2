package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

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

// openScratch opens a pack in a new temporary folder for a build without
// the render cache: rendered bodies wait there, not in memory, until their
// pages are written, as they do with the cache. Nothing reads it again;
// closeCache removes it. Without a temporary folder, bodies stay in
// memory.
func openScratch() (*rendercache.Cache, string) {
	dir, err := os.MkdirTemp("", "accrue-scratch-")
	if err != nil {
		return nil, ""
	}
	c, err := rendercache.Open(dir, "scratch", "scratch")
	if err != nil {
		os.RemoveAll(dir)
		return nil, ""
	}
	return c, dir
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
