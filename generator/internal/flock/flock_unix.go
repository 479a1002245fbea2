//go:build unix

package flock

import (
	"errors"
	"os"
	"syscall"
)

// canLock says Abandoned can ask the kernel.
const canLock = true

// tryLock takes flock(2)'s exclusive lock without blocking. flock works on
// folders too, and the lock belongs to the open file, so two opens in one
// process exclude each other as two processes do.
func tryLock(f *os.File) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.EINTR):
			continue
		}
		return false, err
	}
}

// waitLock takes flock(2)'s exclusive lock, waiting for it.
func waitLock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
