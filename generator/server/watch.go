package server

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/accruehq/accrue/generator/internal/litter"
)

// watcher reports bursts of file changes under a site's watched folders.
// fsnotify does not watch recursively, so every folder is added, and
// folders created later are added when they appear.
type watcher struct {
	root    string
	w       *fsnotify.Watcher
	folders []string // watched trees, relative to root
}

func newWatcher(root string, folders []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &watcher{root: root, w: fw, folders: folders}
	// The root itself, for accrue.toml and for watched folders created later.
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, f := range folders {
		wt.addTree(filepath.Join(root, f))
	}
	return wt, nil
}

// addTree watches dir and every folder under it; a missing dir is fine.
// It returns the files found: in a folder made a moment ago, they were
// written before its watch existed, so no event will tell of them.
func (wt *watcher) addTree(dir string) []string {
	var files []string
	// Errors are skipped: a folder removed while walking needs no watch.
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && litter.Is(d.Name()) {
				return filepath.SkipDir
			}
			_ = wt.w.Add(p) // a folder that vanished meanwhile needs no watch
		} else {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// relevant reports whether path (absolute) is something the build reads.
func (wt *watcher) relevant(path string) (string, bool) {
	rel, err := filepath.Rel(wt.root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if litter.Is(filepath.Base(rel)) {
		return "", false
	}
	if rel == "accrue.toml" {
		return rel, true
	}
	for _, f := range wt.folders {
		if rel == f || strings.HasPrefix(rel, f+"/") {
			return rel, true
		}
	}
	return "", false
}

// run sends each debounced burst of changed paths (slash paths relative
// to root) to out until ctx is done. A burst ends when no event came for
// quiet: editors save with several events (write, rename over, chmod).
func (wt *watcher) run(ctx context.Context, quiet time.Duration, out chan<- []string) error {
	defer wt.w.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-wt.w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					if _, ok := wt.relevant(ev.Name); ok || wt.isFolderRoot(ev.Name) {
						for _, f := range wt.addTree(ev.Name) {
							if rel, ok := wt.relevant(f); ok {
								pending[rel] = true
							}
						}
					}
				}
			}
			rel, ok := wt.relevant(ev.Name)
			if !ok {
				continue
			}
			pending[rel] = true
			timer.Reset(quiet)
		case err, ok := <-wt.w.Errors:
			if !ok {
				return nil
			}
			return err
		case <-timer.C:
			batch := make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			clear(pending)
			select {
			case out <- batch:
			case <-ctx.Done():
				return nil
			}
		}
	}
}

// isFolderRoot reports whether path is one of the watched folders itself,
// created after the server started (a first static/ folder, say).
func (wt *watcher) isFolderRoot(path string) bool {
	rel, err := filepath.Rel(wt.root, path)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, f := range wt.folders {
		if rel == f || strings.HasPrefix(f, rel+"/") {
			return true
		}
	}
	return false
}
