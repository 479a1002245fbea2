package history

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/accruehq/accrue/generator/internal/atomicfile"
)

// git log over a blog's whole history is most of what reading it costs,
// and its answer changes only with a new commit. With Options.Cache, Log
// keeps that answer in a file with a key made of everything it was read
// from: the commit HEAD names, the folder and the repository's place, the
// options and CacheKey, the .mailmap that names authors, and this
// format's version. What describes the work tree now (an operation in
// progress, files in conflict, submodules) is read afresh every time.
// A file that does not read, or holds another key, is a miss.

// cacheVersion changes whenever History or what fills it changes.
const cacheVersion = "accrue history cache 1"

type cacheFile struct {
	Key     [sha256.Size]byte
	History *History
}

// cachedLog is readLog, through o.Cache when set.
func cachedLog(ctx context.Context, dir, folder string, r repository, o Options) (*History, error) {
	if o.Cache == "" {
		return readLog(ctx, dir, folder, r, o)
	}
	key, err := cacheKey(ctx, dir, folder, r, o)
	if err != nil {
		return readLog(ctx, dir, folder, r, o) // no key, no cache: read as usual
	}
	if h := loadCache(o.Cache, key); h != nil {
		return h, nil
	}
	h, err := readLog(ctx, dir, folder, r, o)
	if err != nil {
		return nil, err
	}
	_ = saveCache(o.Cache, key, h) // a cache that cannot be written costs time only
	return h, nil
}

// cacheKey is what a history depends on: see above. An unborn HEAD has
// no key.
func cacheKey(ctx context.Context, dir, folder string, r repository, o Options) ([sha256.Size]byte, error) {
	var key [sha256.Size]byte
	out, err := command(ctx, dir, "rev-parse", "-q", "--verify", "HEAD^{commit}").Output()
	if err != nil {
		return key, fmt.Errorf("no HEAD: %w", err)
	}
	mailmap, err := os.ReadFile(filepath.Join(r.top, ".mailmap"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\x00%s\x00%s\x00%s\x00%s\x00%t\x00%q\x00%d %d\x00%s\x00%s\x00", cacheVersion, strings.TrimSpace(string(out)),
		r.top, r.prefix, folder, r.shallow, slices.Sorted(maps.Keys(r.boundary)), o.SweepThreshold, o.SameEdit, o.CacheKey, mailmap)
	return sha256.Sum256(b.Bytes()), nil
}

func loadCache(name string, key [sha256.Size]byte) *History {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	var f cacheFile
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil || f.Key != key || f.History == nil {
		return nil
	}
	if f.History.Files == nil {
		f.History.Files = map[string]*File{}
	}
	return f.History
}

// saveCache writes the file whole or not at all: two builds at once
// leave one of their files.
func saveCache(name string, key [sha256.Size]byte, h *History) error {
	return atomicfile.Write(name, 0o644, func(w io.Writer) error {
		return gob.NewEncoder(w).Encode(cacheFile{Key: key, History: h})
	})
}
