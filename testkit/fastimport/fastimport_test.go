package fastimport_test

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accruehq/accrue/testkit/fastimport"
	"github.com/accruehq/accrue/testkit/gittest"
)

func TestWrite(t *testing.T) {
	gittest.Require(t)
	dir := filepath.Join(t.TempDir(), "blog")
	err := fastimport.Write(dir, func(w *bufio.Writer) error {
		w.WriteString("commit refs/heads/main\nauthor A <a@example.org> 1700000000 +0000\ncommitter A <a@example.org> 1700000000 +0000\ndata 3\nadd\n" +
			"M 100644 inline a.md\ndata 2\nv1\n")
		w.WriteString("commit refs/heads/main\nauthor A <a@example.org> 1700086400 +0000\ncommitter A <a@example.org> 1700086400 +0000\ndata 6\nrevise\n" +
			"M 100644 inline a.md\ndata 2\nv2\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := fastimport.Git(dir, "log", "--format=%at %s", "main")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "1700086400 revise\n1700000000 add\n"; got != want {
		t.Errorf("git log = %q; want %q", got, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, "a.md"))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(data); got != "v2" {
		t.Errorf("checked out a.md = %q; want %q", got, "v2")
	}
}

func TestWriteErrors(t *testing.T) {
	gittest.Require(t)
	t.Run("bad stream", func(t *testing.T) {
		err := fastimport.Write(t.TempDir(), func(w *bufio.Writer) error {
			w.WriteString("not a command\n")
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "git fast-import") {
			t.Errorf("Write(bad stream) = %v; want a git fast-import error", err)
		}
	})
	t.Run("stream fails", func(t *testing.T) {
		stop := errors.New("stop")
		err := fastimport.Write(t.TempDir(), func(w *bufio.Writer) error { return stop })
		if !errors.Is(err, stop) {
			t.Errorf("Write = %v; want the stream's error", err)
		}
	})
}
