package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/accruehq/accrue/generator/internal/atomicfile"
)

// A record says, for each file of an output folder, the key its inputs
// had when it was rendered (the caller's fingerprint of everything the
// file shows), with the file's size and modification time. A later build
// that gives a file the same key takes it from the previous output by a
// hard link instead of rendering and writing it again (DirWriter.Reuse),
// so a rebuild after one edit writes only what changed; the swap stays
// whole, and what it puts in place equals a full build.
//
// The record lives outside the output folder (a static host would publish
// it), and belongs to one generation of it: it names the marker file that
// generation's build wrote, by inode and time. A folder replaced since by
// a build that kept no record, a file edited or replaced by hand, or a
// record that does not read is not trusted: those files are rendered.

// recordHeader starts a record file; the version changes with its format.
const recordHeader = "accrue output record 1"

// recorded is what a record says of one output file.
type recorded struct {
	key   uint64
	size  int64
	mtime int64 // nanoseconds
	ino   uint64
}

// record is an output folder's record: its marker's identity and its files.
type record struct {
	marker recorded
	files  map[string]recorded // by slash path
}

// readRecord reads the record at name for the output folder out; nil when
// there is none, it does not read, or it is not out's.
func readRecord(name, out string) *record {
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() || sc.Text() != recordHeader || !sc.Scan() {
		return nil
	}
	marker, _, ok := parseRecorded(sc.Text())
	if !ok {
		return nil
	}
	if now, err := identify(filepath.Join(out, Marker), 0); err != nil || now != marker {
		return nil // another generation of the folder, or none
	}
	r := &record{marker: marker, files: map[string]recorded{}}
	for sc.Scan() {
		rec, p, ok := parseRecorded(sc.Text())
		if !ok {
			return nil
		}
		r.files[p] = rec
	}
	if sc.Err() != nil {
		return nil
	}
	return r
}

// parseRecorded reads a line "key size mtime ino path".
func parseRecorded(line string) (recorded, string, bool) {
	f := strings.SplitN(line, " ", 5)
	if len(f) < 4 {
		return recorded{}, "", false
	}
	var r recorded
	var err1, err2, err3, err4 error
	r.key, err1 = strconv.ParseUint(f[0], 16, 64)
	r.size, err2 = strconv.ParseInt(f[1], 10, 64)
	r.mtime, err3 = strconv.ParseInt(f[2], 10, 64)
	r.ino, err4 = strconv.ParseUint(f[3], 10, 64)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return recorded{}, "", false
	}
	p := ""
	if len(f) == 5 {
		p = f[4]
	}
	return r, p, true
}

// identify is what a record keeps of the file name: key, size, time and
// inode, which a hard link shares and an edit or a new file changes.
func identify(name string, key uint64) (recorded, error) {
	info, err := os.Lstat(name)
	if err != nil {
		return recorded{}, err
	}
	if !info.Mode().IsRegular() {
		return recorded{}, fmt.Errorf("%s is not a regular file", name)
	}
	return recorded{key: key, size: info.Size(), mtime: info.ModTime().UnixNano(), ino: inode(info)}, nil
}

// writeRecord writes the record of the output folder out, whose keyed
// files are keys, to name, atomically. Files are identified as they are
// in out now, after the swap.
func writeRecord(name, out string, keys map[string]uint64) error {
	marker, err := identify(filepath.Join(out, Marker), 0)
	if err != nil {
		return err
	}
	return atomicfile.Write(name, 0o644, func(w io.Writer) error {
		fmt.Fprintf(w, "%s\n%x %d %d %d\n", recordHeader, marker.key, marker.size, marker.mtime, marker.ino)
		for p, key := range keys {
			if strings.ContainsAny(p, "\n\r") {
				continue // a line each; such a name is rendered each time
			}
			rec, err := identify(filepath.Join(out, filepath.FromSlash(p)), key)
			if err != nil {
				continue // not recorded: rendered next time
			}
			if _, err := fmt.Fprintf(w, "%x %d %d %d %s\n", rec.key, rec.size, rec.mtime, rec.ino, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// Reuse keeps the previous output's file at p, unless the record does
// not say it was rendered with key or the file is not as the record left
// it: false means the caller renders it. Nothing is written: once the
// build succeeded, update leaves the file where it is.
func (w *DirWriter) Reuse(p string, key uint64) bool {
	if w.record == nil {
		return false
	}
	want, ok := w.record.files[p]
	if !ok || want.key != key {
		return false
	}
	old := filepath.Join(w.previous, filepath.FromSlash(p))
	if got, err := identify(old, key); err != nil || got != want {
		return false
	}
	w.mu.Lock()
	w.keys[p] = key // in place already: update leaves it
	w.mu.Unlock()
	return true
}

// WriteKeyed writes data for p as WriteFile does and, when the writer
// keeps a record, records that it was rendered with key.
func (w *DirWriter) WriteKeyed(p string, key uint64, data []byte) error {
	if err := w.WriteFile(p, data); err != nil {
		return err
	}
	if w.keys != nil {
		w.mu.Lock()
		w.keys[p] = key
		w.mu.Unlock()
	}
	return nil
}

// Records reports whether the writer keeps a record, so keys are worth
// computing.
func (w *DirWriter) Records() bool { return w.keys != nil }

// update makes the previous output folder out what this build wrote,
// once the build succeeded: each file written is renamed over its old
// version (a reader sees the old page or the new one, never half of
// one), each file reused is already in place, and every other file or
// folder out holds is removed, so out ends as a full build would make it.
// Interrupted midway, out is part old and part new; the record was
// removed first, so the next build renders everything and swaps.
func (w *DirWriter) update(out string) error {
	w.folders.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	keep := make(map[string]bool, len(w.keys)+len(w.staged))
	for p := range w.keys {
		keep[filepath.Join(out, filepath.FromSlash(p))] = true
	}
	made := map[string]bool{}
	for _, f := range w.staged {
		rel, err := filepath.Rel(w.Root, f.dest)
		if err != nil {
			return err
		}
		dest := filepath.Join(out, rel)
		keep[dest] = true
		if dir := filepath.Dir(dest); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
		if err := os.Rename(f.tmp, dest); err != nil {
			return err
		}
	}
	w.staged = nil
	return removeOthers(out, keep)
}

// removeOthers removes every file under out but those in keep and
// accrue's own (the marker, builds in progress), then the folders left
// empty.
func removeOthers(out string, keep map[string]bool) error {
	var dirs []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == out {
			return nil
		}
		if filepath.Dir(p) == out && strings.HasPrefix(d.Name(), ".accrue-") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		if !keep[p] {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- { // children first
		os.Remove(dirs[i]) // fails, as it should, unless empty
	}
	return nil
}

// updatable reports whether update can put every file this build wrote
// into out: no folder of out where a file goes, no file where a folder
// must be. It changes nothing.
func (w *DirWriter) updatable(out string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	checked := map[string]bool{}
	var isFolderOrAbsent func(dir string) bool
	isFolderOrAbsent = func(dir string) bool {
		if dir == out || checked[dir] {
			return true
		}
		info, err := os.Lstat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil || !info.IsDir():
			return false
		}
		checked[dir] = true
		return isFolderOrAbsent(filepath.Dir(dir))
	}
	for _, f := range w.staged {
		rel, err := filepath.Rel(w.Root, f.dest)
		if err != nil {
			return false
		}
		dest := filepath.Join(out, rel)
		if info, err := os.Lstat(dest); err == nil && !info.Mode().IsRegular() {
			return false
		}
		if !isFolderOrAbsent(filepath.Dir(dest)) {
			return false
		}
	}
	return true
}

// linkReused puts the files Reuse kept in the folder this build swaps in,
// by hard links from the previous output out (copies where links fail):
// the way when update cannot be.
func (w *DirWriter) linkReused(out string) error {
	w.mu.Lock()
	written := make(map[string]bool, len(w.staged))
	for _, f := range w.staged {
		written[f.dest] = true
	}
	var reused []string
	for p := range w.keys {
		if !written[filepath.Join(w.Root, filepath.FromSlash(p))] {
			reused = append(reused, p)
		}
	}
	w.mu.Unlock()
	for _, p := range reused {
		tmp, err := w.stage(p)
		if err != nil {
			return err
		}
		old := filepath.Join(out, filepath.FromSlash(p))
		if err := os.Link(old, tmp); err != nil {
			data, rerr := os.ReadFile(old)
			if rerr != nil {
				return rerr
			}
			if err := writeFile(tmp, data); err != nil {
				return err
			}
		}
	}
	return nil
}
