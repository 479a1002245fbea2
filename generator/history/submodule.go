package history

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
)

// submoduleWarning is what to tell the user about a submodule under the
// folder that is not checked out: a clone without --recurse-submodules
// leaves an empty folder, so its files are missing, not only their
// history.
const submoduleWarning = "%s is a git submodule that is not checked out, so its files and their history are missing: " +
	"run `git submodule update --init`; on GitHub Actions set `submodules: true` on actions/checkout"

// readSubmodule reads the history of the submodule at sub (a slash path
// relative to dir, from the superproject's index) and adds it to h under
// the submodule's path. The superproject itself only records which
// commit the submodule is at, which is no file's history: that entry,
// if the walk made one, is dropped.
func (h *History) readSubmodule(ctx context.Context, dir, sub string, o Options) error {
	delete(h.Files, sub)
	subDir := filepath.Join(dir, filepath.FromSlash(sub))
	// A submodule that is checked out has a .git file (a folder in the
	// old layout); one that is not is an empty folder or none at all,
	// where git would answer for the superproject.
	if _, err := os.Lstat(filepath.Join(subDir, ".git")); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("reading git history of submodule %s: %w", sub, err)
		}
		h.Warnings = append(h.Warnings, fmt.Sprintf(submoduleWarning, sub))
		return nil
	}
	so := o
	so.Cache = "" // the file is the superproject's
	if o.Counts != nil {
		so.Counts = func(p string) bool { return o.Counts(path.Join(sub, p)) }
	}
	s, err := Log(ctx, subDir, "", so)
	if err != nil {
		return fmt.Errorf("reading git history of submodule %s: %w", sub, err)
	}
	for _, f := range s.Files {
		f.Path = path.Join(sub, f.Path)
		h.Files[f.Path] = f
	}
	if len(s.Sweeps) > 0 {
		h.Sweeps = append(h.Sweeps, s.Sweeps...)
		slices.SortStableFunc(h.Sweeps, func(a, b Sweep) int { return a.Date.Compare(b.Date) })
	}
	h.Shallow = h.Shallow || s.Shallow
	h.Unfinished = append(h.Unfinished, s.Unfinished...)
	for _, c := range s.Conflicts {
		c.Path = path.Join(sub, c.Path)
		h.Conflicts = append(h.Conflicts, c)
	}
	slices.SortFunc(h.Conflicts, func(a, b Conflict) int { return cmp.Compare(a.Path, b.Path) })
	h.Warnings = append(h.Warnings, s.Warnings...)
	return nil
}
