//go:build unix

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// windowWidth is the width of the terminal f is, in columns; 0 if it is
// none or does not say.
func windowWidth(f *os.File) int {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil {
		return 0
	}
	return int(ws.Col)
}
