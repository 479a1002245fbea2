package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// DirWriter writes output files under a folder. Files are first written
// flat into a staging folder and moved into their place by Finish: a new
// folder per page scatters small files across the disk, and on ext4 that
// made writing a 10,000-post blog several times slower than writing the
// same bytes into one folder and renaming them.
type DirWriter struct {
	Root string
	// previous is the output folder this build replaces, and record what
	// its files were rendered from (see Reuse); keys are the keys of the
	// files this build writes or reuses, nil when no record is kept.
	previous string
	record   *record
	keys     map[string]uint64

	mu      sync.Mutex
	n       int
	staged  []stagedFile
	staging string
	// folders is MakeFolders at work; made holds the folders made so far.
	folders sync.WaitGroup
	made    map[string]bool
}

type stagedFile struct{ tmp, dest string }

// MakeFolders starts making, in the background, the folders that files
// at paths will go to, so Finish only has to move the files. A build
// makes them while it links its posts, which uses one processor of
// several; Finish would make them one by one at the end.
func (w *DirWriter) MakeFolders(paths []string) {
	if w.record != nil {
		return // the previous output's folders are updated in place
	}
	var dirs []string
	for _, p := range paths {
		dir := filepath.Dir(filepath.Join(w.Root, filepath.FromSlash(p)))
		if strings.HasPrefix(dir, filepath.Clean(w.Root)+string(filepath.Separator)) {
			dirs = append(dirs, dir)
		}
	}
	slices.Sort(dirs) // parents first
	dirs = slices.Compact(dirs)
	w.folders.Add(1)
	go func() {
		defer w.folders.Done()
		for _, dir := range dirs {
			_ = w.makeFolder(dir) // on failure Finish tries again and reports it
		}
	}()
}

const stagingDir = ".accrue-staging"

// WriteFile stages data for Root/p. p must stay inside Root, and may not
// name accrue's own files there.
func (w *DirWriter) WriteFile(p string, data []byte) error {
	tmp, err := w.stage(p)
	if err != nil {
		return err
	}
	return writeFile(tmp, data)
}

// stage names the staging file that Finish moves to Root/p.
func (w *DirWriter) stage(p string) (tmp string, err error) {
	dest := filepath.Join(w.Root, filepath.FromSlash(p))
	if !strings.HasPrefix(dest, filepath.Clean(w.Root)+string(filepath.Separator)) || strings.HasPrefix(p, ".accrue-") {
		return "", fmt.Errorf("refusing to write %q outside the output folder", p)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.staging == "" {
		w.staging = filepath.Join(w.Root, stagingDir)
		if err := os.MkdirAll(w.staging, 0o755); err != nil {
			w.staging = ""
			return "", err
		}
	}
	tmp = filepath.Join(w.staging, strconv.Itoa(w.n))
	w.n++
	w.staged = append(w.staged, stagedFile{tmp, dest})
	return tmp, nil
}

// pathError is os.PathError, named here so writeFile's callers see the
// usual error text.
type pathError = os.PathError

// Finish moves every staged file into place and removes the staging
// folder.
func (w *DirWriter) Finish() error {
	w.folders.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, f := range w.staged {
		if err := w.makeFolder(filepath.Dir(f.dest)); err != nil {
			return err
		}
		if err := renameFile(f.tmp, f.dest); err != nil {
			return err
		}
	}
	w.staged = nil
	if w.staging == "" {
		return nil
	}
	return os.Remove(w.staging)
}

// makeFolder makes dir unless this writer made it already. Most pages sit
// in a folder of their own under a parent that exists: one mkdir, not
// MkdirAll's stat-then-mkdir per level. Only one goroutine at a time may
// call it: MakeFolders' until it is done, then Finish.
func (w *DirWriter) makeFolder(dir string) error {
	if w.made[dir] {
		return nil
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if w.made == nil {
		w.made = map[string]bool{}
	}
	w.made[dir] = true
	return nil
}
