package flock

import (
	"os"
	"time"
)

// Lock is a held lock; Release lets it go.
type Lock struct{ f *os.File }

// Hold opens path (a folder or a file) and takes an exclusive lock on it,
// without waiting: another process holding it is an error. The lock lives
// until Release or the end of the process.
func Hold(path string) (*Lock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	ok, err := tryLock(f)
	if err != nil || !ok {
		f.Close()
		if err == nil {
			err = errBusy{path}
		}
		return nil, err
	}
	return &Lock{f}, nil
}

// Wait opens path and takes an exclusive lock on it, waiting while
// another process holds it. Where the system has no advisory locks it
// returns at once.
func Wait(path string) (*Lock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := waitLock(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Lock{f}, nil
}

// Release lets the lock go. A nil Lock is released already.
func (l *Lock) Release() {
	if l != nil && l.f != nil {
		l.f.Close() // closing the descriptor drops the lock
		l.f = nil
	}
}

// Abandoned reports whether no live process holds path: it takes the lock
// and gives it back at once. A path that cannot be opened (gone already)
// is not abandoned. Where the system has no advisory locks, a path is
// abandoned once nothing has changed it for a day: no build runs that
// long.
func Abandoned(path string) bool {
	if !canLock {
		fi, err := os.Stat(path)
		return err == nil && time.Since(fi.ModTime()) > 24*time.Hour
	}
	l, err := Hold(path)
	if err != nil {
		return false
	}
	l.Release()
	return true
}

type errBusy struct{ path string }

func (e errBusy) Error() string { return e.path + " is in use by another accrue" }
