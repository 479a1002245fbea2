package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file accrue leaves at the top of every output folder it
// makes. BuildDir replaces a folder whole, so it replaces only one that
// carries the marker (or an empty one), as cargo's CACHEDIR.TAG marks a
// folder a tool may delete: a destination mistyped as the site itself,
// its content or a folder of the user's is refused, not emptied.
const Marker = ".accrue-output"

const markerText = "This folder is the output of accrue build. The next build replaces it whole:\nkeep nothing of your own here.\n"

// SourceFolders are the site's folders an output folder may never be,
// hold or lie in: what the build reads, and git's records.
var SourceFolders = []string{"content", "themes", "layouts", "static", ".git"}

// Options says what BuildDir may replace.
type Options struct {
	// Site is the site's folder. The destination may not be the site,
	// hold it, or be, hold or lie in one of its SourceFolders. "" skips
	// these checks (tests that build no site).
	Site string
	// Force replaces a folder that accrue did not make. Never a file, the
	// site or its source folders.
	Force bool
	// Record, when set, is a file outside the output folder where a build
	// records what each output file was rendered from, so the next one
	// takes the files whose inputs did not change from the previous
	// output (DirWriter.Reuse) instead of writing them again.
	Record string
}

// ErrNotOurs says the destination is a folder accrue did not make.
var ErrNotOurs = errors.New("not a folder accrue made")

// resolveDest returns the folder a build of dest replaces: dest itself,
// or the folder a symbolic link at dest points to (the link stays a
// link).
func resolveDest(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	real, err := resolve(abs)
	if err != nil {
		return "", fmt.Errorf("destination %s: %w", dest, err)
	}
	return real, nil
}

// check says whether a build may replace real, the folder dest names, as
// o allows, and whether it exists now.
func check(dest, real string, o Options) (exists bool, err error) {
	if o.Site != "" {
		if err := outsideSource(dest, real, o.Site); err != nil {
			return false, err
		}
	}
	fi, err := os.Stat(real)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("destination %s: %w", dest, err)
	}
	if !fi.IsDir() {
		return false, fmt.Errorf("destination %s is a file, not a folder: name a folder for the output", dest)
	}
	if o.Force {
		return true, nil
	}
	if _, err := os.Lstat(filepath.Join(real, Marker)); err == nil {
		return true, nil
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return false, fmt.Errorf("destination %s: %w", dest, err)
	}
	for _, e := range entries {
		// What a build of this folder left is accrue's, not the user's.
		if !strings.HasPrefix(e.Name(), buildingPrefix) {
			return false, fmt.Errorf("destination %s is %w (it has no %s file) and a build replaces its output folder whole: "+
				"name an empty or new folder, or add --force to replace it and everything in it", dest, ErrNotOurs, Marker)
		}
	}
	return true, nil
}

// outsideSource refuses a destination that is or holds the site, or is,
// holds or lies in one of its source folders.
func outsideSource(dest, real, site string) error {
	absSite, err := filepath.Abs(site)
	if err != nil {
		return err
	}
	realSite, err := resolve(absSite)
	if err != nil {
		return err
	}
	if within(realSite, real) {
		return fmt.Errorf("destination %s would replace the site's own folder %s: name a folder inside it, such as public", dest, site)
	}
	for _, name := range SourceFolders {
		src, err := resolve(filepath.Join(realSite, name))
		if err != nil {
			return err
		}
		if within(real, src) || within(src, real) {
			return fmt.Errorf("destination %s would replace the site's %s/ folder: name a folder of its own, such as public", dest, name)
		}
	}
	return nil
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// resolve follows symbolic links in path as far as it exists; the rest,
// not made yet, is joined on as written. A link to a folder not made yet
// resolves to that folder.
func resolve(path string) (string, error) {
	for hops := 0; hops < 40; hops++ {
		rest := ""
		p := path
		for {
			real, err := filepath.EvalSymlinks(p)
			if err == nil {
				return filepath.Join(real, rest), nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return "", err
			}
			if fi, lerr := os.Lstat(p); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
				to, err := os.Readlink(p)
				if err != nil {
					return "", err
				}
				if !filepath.IsAbs(to) {
					to = filepath.Join(filepath.Dir(p), to)
				}
				path = filepath.Join(to, rest)
				break // resolve the link's target from the top
			}
			parent := filepath.Dir(p)
			if parent == p {
				return path, nil
			}
			rest = filepath.Join(filepath.Base(p), rest)
			p = parent
		}
	}
	return "", errors.New("too many symbolic links")
}
