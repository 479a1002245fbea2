package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/accruehq/accrue/generator/internal/flock"
)

// A build writes into a folder named buildingPrefix+random inside the
// output folder, so a rule that ignores the output (public/ in
// .gitignore) ignores it too. The swap moves the previous output aside as
// .NAME+oldInfix+random beside it for a moment.
const (
	buildingPrefix = ".accrue-building-"
	oldInfix       = ".accrue-old-"
)

// BuildDir builds into a fresh folder and, only when the build succeeds,
// swaps it in for the output folder dest. A failed or interrupted build
// leaves dest as it was; files from earlier builds do not survive a good
// one. dest is checked first (see Options and Marker): BuildDir replaces
// only a folder it made. When dest is a symbolic link, the folder it
// points to is replaced and the link stays. What builds killed before
// their end left is removed first, unless another accrue still holds it.
func BuildDir(dest string, o Options, build func(w *DirWriter) error) error {
	out, made, tmp, lock, err := start(dest, o)
	if err != nil {
		return err
	}
	defer lock.Release()
	// abandon removes what this build made; dest is as it was.
	abandon := func(err error) error {
		err = errors.Join(err, os.RemoveAll(tmp))
		if made {
			os.Remove(out) // only the folder this build made, and empty
		}
		return err
	}
	w := &DirWriter{Root: tmp}
	if o.Record != "" {
		w.previous, w.record, w.keys = out, readRecord(o.Record, out), map[string]uint64{}
	}
	if err := build(w); err != nil {
		w.folders.Wait() // nothing may be made in tmp after it is removed
		return abandon(err)
	}
	if w.record != nil {
		// The previous output holds every file this build reused: update
		// it in place rather than make every folder and file again,
		// unless a file would go where the previous output has a folder
		// (or the other way round): then the reused files join the new
		// folder, which is swapped in as usual.
		parent := lockParent(out)
		if w.updatable(out) {
			defer parent.Release()
			os.Remove(o.Record) // until the update is whole, no record speaks for out
			if err := w.update(out); err != nil {
				return abandon(err)
			}
			os.RemoveAll(tmp)
			_ = writeRecord(o.Record, out, w.keys)
			return nil
		}
		parent.Release()
		if err := w.linkReused(out); err != nil {
			return abandon(err)
		}
	}
	if err := w.Finish(); err != nil {
		return abandon(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		return abandon(err)
	}
	parent := lockParent(out)
	defer parent.Release()
	if err := swap(out, tmp); err != nil {
		return err
	}
	if o.Record != "" {
		// A record that cannot be written costs the next build time, not
		// output: the old one names the replaced folder, so it is not
		// trusted.
		_ = writeRecord(o.Record, out, w.keys)
	}
	return nil
}

// start checks dest, cleans up after killed builds and makes the folder a
// build writes into, inside the output folder out (made says BuildDir
// made out too). It holds that folder: Clean leaves it alone while this
// process lives.
func start(dest string, o Options) (out string, made bool, tmp string, lock *flock.Lock, err error) {
	out, err = resolveDest(dest)
	if err != nil {
		return "", false, "", nil, err
	}
	// One build at a time cleans and swaps beside out; the build itself
	// runs unlocked.
	parent := lockParent(out)
	defer parent.Release()
	Clean(out)
	if holdsLiveBuild(out) {
		return "", false, "", nil, fmt.Errorf("another accrue is building into %s: wait for it to finish", dest)
	}
	exists, err := check(dest, out, o)
	if err != nil {
		return "", false, "", nil, err
	}
	if !exists {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return "", false, "", nil, err
		}
		made = true
	}
	tmp = filepath.Join(out, buildingPrefix+randomName())
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return "", false, "", nil, err
	}
	if lock, err = flock.Hold(tmp); err != nil {
		os.Remove(tmp)
		return "", false, "", nil, err
	}
	return out, made, tmp, lock, nil
}

// lockParent waits for other builds of out to finish cleaning or
// swapping. Without a lock (a folder that cannot be opened), builds of
// one output at the same time may step on each other, as they did
// before; it never fails a build.
func lockParent(out string) *flock.Lock {
	l, _ := flock.Wait(filepath.Dir(out))
	return l
}

// swap puts the finished build tmp, which lies in out, in out's place:
// out moves aside (tmp with it), tmp moves to out, the old output goes.
// Killed between the two renames, the build leaves out missing and the
// previous output aside: Clean puts it back.
func swap(out, tmp string) error {
	old := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+oldInfix+randomName())
	if err := os.Rename(out, old); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("moving the previous output aside: %w", err)
	}
	if err := os.Rename(filepath.Join(old, filepath.Base(tmp)), out); err != nil {
		// Put the previous output back, so a failure never leaves nothing.
		if rerr := os.Rename(old, out); rerr != nil {
			return errors.Join(err, rerr)
		}
		os.RemoveAll(tmp)
		return err
	}
	return os.RemoveAll(old)
}

func randomName() string {
	var b [6]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}
