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
// costs a few milliseconds, once per process. On Linux it reads
// /proc/self/exe, the running file even after an upgrade replaced the
// one at its path.
var ProgramID = sync.OnceValues(func() (string, error) {
	f, err := os.Open("/proc/self/exe")
	if err != nil {
		exe, err := os.Executable()
		if err != nil {
			return "", err
		}
		if f, err = os.Open(exe); err != nil {
			return "", err
		}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
})
