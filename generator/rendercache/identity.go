package rendercache

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// ProgramID identifies the code running: the SHA-256 of the executable.
// A version string would not do: a build from a changed working tree
// keeps its version while its rendering may change. Hashing the program
// costs a few milliseconds, once per process.
var ProgramID = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
})
