package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/accruehq/accrue/generator/internal/flock"
)

// legacyInfix names the folders accrue built in beside the output before
// builds moved inside it; Clean removes those a killed build left too.
const legacyInfix = ".building-"

// Clean removes what builds of the output folder out left when they were
// killed: their folders inside out and the previous outputs moved aside
// beside it. Killed between the two renames of the swap, a build leaves
// out missing: the previous output is put back. A folder a live build
// holds is left alone; only accrue's own names are touched.
func Clean(out string) {
	parent, name := filepath.Dir(out), filepath.Base(out)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		p := filepath.Join(parent, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), "."+name+oldInfix):
			if !holdsLiveBuild(p) {
				restoreOrRemove(p, out)
			}
		case strings.HasPrefix(e.Name(), "."+name+legacyInfix) && flock.Abandoned(p):
			os.RemoveAll(p)
		}
	}
	entries, _ = os.ReadDir(out)
	for _, e := range entries {
		p := filepath.Join(out, e.Name())
		if strings.HasPrefix(e.Name(), buildingPrefix) && flock.Abandoned(p) {
			os.RemoveAll(p)
		}
	}
}

// holdsLiveBuild reports whether a live build is writing inside dir: a
// swap in progress, which moved the output aside with the build in it.
func holdsLiveBuild(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), buildingPrefix) && !flock.Abandoned(filepath.Join(dir, e.Name())) {
			return true
		}
	}
	return false
}

// restoreOrRemove puts the previous output old back at out when out is
// missing, and removes old otherwise.
func restoreOrRemove(old, out string) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) && os.Rename(old, out) == nil {
		return
	}
	os.RemoveAll(old)
}
