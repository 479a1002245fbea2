//go:build !unix

package main

import "os"

// windowWidth is 0 where accrue does not ask the terminal its size:
// COLUMNS still says it (terminalWidth).
func windowWidth(*os.File) int { return 0 }
