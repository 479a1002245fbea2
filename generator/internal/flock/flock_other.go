//go:build !unix

package flock

import "os"

// canLock is false: this system has no flock(2); Abandoned goes by age.
const canLock = false

// tryLock cannot lock here; holding always succeeds.
func tryLock(f *os.File) (bool, error) { return true, nil }

// waitLock cannot lock here; it returns at once.
func waitLock(f *os.File) error { return nil }
