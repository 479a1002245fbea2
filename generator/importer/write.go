package importer

import (
	"bytes"
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
	ids map[string]map[string]string
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

func (w *writer) create(k Kind, rel string, data []byte) error {
	w.res.row(k).Created++
	if w.dryRun {
		return nil
	}
	dst := filepath.Join(w.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(dst), ".import-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), dst)
	}
	if err != nil {
		os.Remove(f.Name()) // best effort: the error below is what matters
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	return nil
}

// isNotDir reports an error from a path whose parent is a file.
func isNotDir(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "not a directory")
}
