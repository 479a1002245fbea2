package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// DirWriter writes output files under a folder.
type DirWriter struct {
	Root string
	mu   sync.Mutex
	dirs map[string]bool // folders already created
}

// WriteFile writes data to Root/p, creating folders as needed. p must stay
// inside Root.
func (w *DirWriter) WriteFile(p string, data []byte) error {
	full := filepath.Join(w.Root, filepath.FromSlash(p))
	if !strings.HasPrefix(full, filepath.Clean(w.Root)+string(filepath.Separator)) {
		return fmt.Errorf("refusing to write %q outside the output folder", p)
	}
	dir := filepath.Dir(full)
	w.mu.Lock()
	if w.dirs == nil {
		w.dirs = map[string]bool{}
	}
	known := w.dirs[dir]
	w.mu.Unlock()
	if !known {
		// Most pages sit in a folder of their own under a parent that
		// exists: one mkdir, not MkdirAll's stat-then-mkdir per level.
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		w.mu.Lock()
		w.dirs[dir] = true
		w.mu.Unlock()
	}
	return os.WriteFile(full, data, 0o644)
}

// MemWriter keeps output in memory, for tests and the dev server.
type MemWriter struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// WriteFile stores a copy of data under p.
func (w *MemWriter) WriteFile(p string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.Files == nil {
		w.Files = map[string][]byte{}
	}
	w.Files[p] = append([]byte(nil), data...)
	return nil
}

// BuildDir builds into a fresh folder beside dest and, only when the
// build succeeds, swaps it into place. A failed or interrupted build
// leaves dest as it was; files from earlier builds do not survive a good one.
func BuildDir(dest string, build func(Writer) error) error {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".building-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := build(&DirWriter{Root: tmp}); err != nil {
		return errors.Join(err, os.RemoveAll(tmp))
	}
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dest, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("moving the previous output aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			// Put the previous output back, so a failure never leaves nothing.
			if rerr := os.Rename(old, dest); rerr != nil {
				return errors.Join(err, rerr)
			}
		}
		os.RemoveAll(tmp)
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
