package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// writer puts the files of one import into the site folder. It never
// overwrites: a file already there with the same content is unchanged,
// with other content it is the blogger's and is left alone. Each file is
// written to a temporary name beside it and renamed, so a killed import
// leaves whole files or none (the temporary ones start with a dot, which
// the build ignores).
type writer struct {
	root   string // the site folder
	dryRun bool
	res    *Result
	// ids caches, per comments/ or mentions/ folder, the file names by
	// record id, so a record is found again whatever date its name has.
	ids   map[string]map[string]string
	queue []newFile // files to write, in plan order
}

func newWriter(root string, res *Result) *writer {
	return &writer{root: root, dryRun: res.DryRun, res: res, ids: map[string]map[string]string{}}
}

// local checks that rel, a slash path built from remote slugs and ids,
// names a file inside the site folder.
func local(rel string) error {
	if rel == "" || !filepath.IsLocal(filepath.FromSlash(rel)) || strings.Contains(rel, "\\") || path.Clean(rel) != rel {
		return fmt.Errorf("refusing to write %q: not a path inside the site folder", rel)
	}
	return nil
}

// doc writes a post or page at rel unless the site has it already, as rel
// or as one of alt (the other form of the same document).
func (w *writer) doc(k Kind, rel string, alt []string, data []byte) error {
	if err := local(rel); err != nil {
		return err
	}
	for _, p := range append([]string{rel}, alt...) {
		old, err := os.ReadFile(filepath.Join(w.root, filepath.FromSlash(p)))
		switch {
		case err == nil && p == rel && bytes.Equal(old, data):
			w.res.row(k).Unchanged++
			return nil
		case err == nil:
			w.res.row(k).Edited++
			w.res.note(k, p, "already there with other content; left as it is")
			return nil
		case !errors.Is(err, fs.ErrNotExist) && !isNotDir(err):
			return err
		}
	}
	return w.create(k, rel, data)
}

// record writes a comment or mention named name (DATE-ID.ext) in the
// folder dir unless a file with the same id is there, whatever its date.
func (w *writer) record(k Kind, dir, name, id string, data []byte) error {
	rel := dir + "/" + name
	if err := local(rel); err != nil {
		return err
	}
	known, err := w.listIDs(dir)
	if err != nil {
		return err
	}
	if prev, ok := known[id]; ok {
		old, err := os.ReadFile(filepath.Join(w.root, filepath.FromSlash(dir+"/"+prev)))
		if err != nil {
			return err
		}
		if bytes.Equal(old, data) {
			w.res.row(k).Unchanged++
		} else {
			w.res.row(k).Edited++
			w.res.note(k, dir+"/"+prev, "already there with other content; left as it is")
		}
		return nil
	}
	known[id] = name
	return w.create(k, rel, data)
}

var recordFile = regexp.MustCompile(`^\d{8}T\d{6}Z-([a-z0-9][a-z0-9-]*)\.(?:md|yaml)$`)

func (w *writer) listIDs(dir string) (map[string]string, error) {
	if m, ok := w.ids[dir]; ok {
		return m, nil
	}
	m := map[string]string{}
	entries, err := os.ReadDir(filepath.Join(w.root, filepath.FromSlash(dir)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !isNotDir(err) {
		return nil, err
	}
	for _, e := range entries {
		if s := recordFile.FindStringSubmatch(e.Name()); s != nil {
			m[s[1]] = e.Name()
		}
	}
	w.ids[dir] = m
	return m, nil
}

// create counts a new file and queues it for flush.
func (w *writer) create(k Kind, rel string, data []byte) error {
	w.res.row(k).Created++
	if !w.dryRun {
		w.queue = append(w.queue, newFile{rel, data})
	}
	return nil
}

type newFile struct {
	rel  string
	data []byte
}

// flush writes the queued files, folders first, once each. One at a
// time: creating files is most of an import's time, and on the file
// systems measured (ext4 on a VM) parallel creates were slower, not
// faster.
func (w *writer) flush(ctx context.Context, o Options) error {
	made := map[string]bool{}
	for i, f := range w.queue {
		if i%256 == 0 || i == len(w.queue)-1 {
			o.progress("writing", i+1, len(w.queue))
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		dst := filepath.Join(w.root, filepath.FromSlash(f.rel))
		if dir := filepath.Dir(dst); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
		if err := writeFile(dst, f.data); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes data to dst through a temporary file beside it, so
// dst is whole or absent. The temporary name starts with a dot, which
// the build ignores, in case the import is killed.
func writeFile(dst string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(dst), ".import-"+filepath.Base(dst)+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp) // best effort: the error returned is what matters
		return fmt.Errorf("writing %s: %w", dst, err)
	}
	return nil
}

// isNotDir reports an error from a path whose parent is a file.
func isNotDir(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "not a directory")
}
