package flock

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestHoldExcludesAndReleaseFrees(t *testing.T) {
	dir := t.TempDir()
	l, err := Hold(dir)
	if err != nil {
		t.Fatal(err)
	}
	if Abandoned(dir) {
		t.Fatal("a held folder reads as abandoned")
	}
	if _, err := Hold(dir); err == nil {
		t.Fatal("a second Hold of a held folder succeeded")
	}
	l.Release()
	l.Release() // twice is harmless
	if !Abandoned(dir) {
		t.Fatal("a released folder does not read as abandoned")
	}
	if Abandoned(filepath.Join(dir, "missing")) {
		t.Fatal("a missing path reads as abandoned")
	}
}

// A lock dies with its process, however the process ends: that is what
// lets a build clean up after one killed with SIGKILL.
func TestLockDiesWithItsProcess(t *testing.T) {
	if os.Getenv("FLOCK_TEST_HOLD") != "" {
		if _, err := Hold(os.Getenv("FLOCK_TEST_HOLD")); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		select {} // until killed
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockDiesWithItsProcess$")
	cmd.Env = append(os.Environ(), "FLOCK_TEST_HOLD="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "held\n" {
		cmd.Process.Kill()
		t.Fatalf("child did not take the lock: %q %v", buf, err)
	}
	if Abandoned(dir) {
		t.Error("a folder another live process holds reads as abandoned")
	}
	cmd.Process.Kill() // SIGKILL: no chance to release
	cmd.Wait()
	if !Abandoned(dir) {
		t.Error("a folder whose holder was killed does not read as abandoned")
	}
}
