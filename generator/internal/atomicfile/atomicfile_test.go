package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sub", "f")
	if err := WriteBytes(name, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A write that fails leaves the file as it was, and no temporary file.
	err := Write(name, 0o644, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("stopped")
	})
	if err == nil {
		t.Fatal("a failed write succeeded")
	}
	if data, _ := os.ReadFile(name); string(data) != "one" {
		t.Errorf("after a failed write the file holds %q", data)
	}
	if entries, _ := os.ReadDir(filepath.Dir(name)); len(entries) != 1 {
		t.Errorf("the folder holds %d files; want the file alone", len(entries))
	}
	if err := WriteBytes(name, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(name)
	if data, _ := os.ReadFile(name); string(data) != "two" || err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the file holds %q with mode %v", data, info.Mode())
	}
}
