package safelink

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCheck(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for _, d := range []string{"site/static/img", "outside"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"site/static/img/logo.png", "outside/secret.txt"} {
		if err := os.WriteFile(filepath.Join(root, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"static/inside.png":  "img/logo.png",
		"static/chain.png":   "inside.png",
		"static/abs.txt":     filepath.Join(root, "outside", "secret.txt"),
		"static/climb.txt":   "../../outside/secret.txt",
		"static/loop":        "loop",
		"static/img/up.png":  "../img/logo.png",
		"static/toclimb.txt": "climb.txt",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(site, name)); err != nil {
			t.Fatal(err)
		}
	}
	fsys := os.DirFS(site)
	for _, tt := range []struct {
		name    string
		outside bool
		err     bool
	}{
		{"static/img/logo.png", false, false},
		{"static/inside.png", false, false},
		{"static/chain.png", false, false},
		{"static/img/up.png", false, false},
		{"static/abs.txt", true, true},
		{"static/climb.txt", true, true},
		{"static/toclimb.txt", true, true},
		{"static/loop", false, true},
	} {
		err := Check(fsys, tt.name)
		if (err != nil) != tt.err || errors.Is(err, ErrOutside) != tt.outside {
			t.Errorf("Check(%s) = %v; want error %v, outside %v", tt.name, err, tt.err, tt.outside)
		}
	}
}
