package output

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// keyedBuild writes files with their keys through a recording writer:
// each file is reused when the writer says so, else written, and the
// returned map says which were reused.
func keyedBuild(files map[string]string, keys map[string]uint64, reused map[string]bool) func(w *DirWriter) error {
	return func(w *DirWriter) error {
		for p, data := range files {
			if w.Reuse(p, keys[p]) {
				reused[p] = true
				continue
			}
			if err := w.WriteKeyed(p, keys[p], []byte(data)); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestRecordReusesUnchangedFiles builds an output folder again and again
// with a record: a file whose key did not change is linked from the
// previous output, anything else is written, and each output is exactly
// what its build asked for.
func TestRecordReusesUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	rec := filepath.Join(dir, "cache", "outputs", "public")
	o := Options{Record: rec}
	files := map[string]string{"index.html": "home", "posts/a/index.html": "a", "posts/b/index.html": "b"}
	keys := map[string]uint64{"index.html": 1, "posts/a/index.html": 2, "posts/b/index.html": 3}
	build := func(step string, wantReused ...string) {
		t.Helper()
		reused := map[string]bool{}
		if err := BuildDir(out, o, keyedBuild(files, keys, reused)); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		want := map[string]bool{}
		for _, p := range wantReused {
			want[p] = true
		}
		for p := range files {
			if reused[p] != want[p] {
				t.Errorf("%s: %s reused = %t; want %t", step, p, reused[p], want[p])
			}
		}
		got := tree(t, out)
		for p, data := range files {
			if got[filepath.FromSlash(p)] != data {
				t.Errorf("%s: %s holds %q; want %q", step, p, got[filepath.FromSlash(p)], data)
			}
		}
		// Nothing else: no file of an earlier build, no folder left empty.
		for p := range got {
			dir := strings.HasSuffix(p, "/")
			name := strings.TrimSuffix(p, "/")
			switch {
			case name == Marker || name == ".":
			case dir && slices.ContainsFunc(slices.Collect(maps.Keys(files)), func(f string) bool { return strings.HasPrefix(f, filepath.ToSlash(name)+"/") }):
			case !dir && files[filepath.ToSlash(p)] != "":
			default:
				t.Errorf("%s: the output holds %s, which the build did not write", step, p)
			}
		}
	}
	build("first build")
	build("nothing changed", "index.html", "posts/a/index.html", "posts/b/index.html")

	files["posts/a/index.html"], keys["posts/a/index.html"] = "a, edited", 20
	build("one page changed", "index.html", "posts/b/index.html")

	// A page edited by hand in the output is not the page its key says.
	time.Sleep(10 * time.Millisecond)
	write(t, filepath.Join(out, "posts", "b", "index.html"), "b, by hand")
	build("a file edited by hand", "index.html", "posts/a/index.html")

	// A post gone, another added, a stray file left by hand: the output
	// is what the build wrote, nothing else.
	delete(files, "posts/b/index.html")
	files["posts/c/index.html"], keys["posts/c/index.html"] = "c", 4
	write(t, filepath.Join(out, "stray", "note.txt"), "left by hand")
	build("a page gone, one added, a stray file", "index.html", "posts/a/index.html")
	files["posts/b/index.html"], keys["posts/b/index.html"] = "b", 3

	// A file where the previous output has a folder, and a folder where
	// it has a file: the new folder is swapped in, with the reused files.
	files["page"], keys["page"] = "a file", 5
	build("a file called page", "index.html", "posts/a/index.html", "posts/c/index.html")
	delete(files, "page")
	files["page/index.html"], keys["page/index.html"] = "now a folder", 6
	delete(files, "posts/c/index.html")
	files["posts/c"], keys["posts/c"] = "c is a file now", 7
	build("page becomes a folder, posts/c a file", "index.html", "posts/a/index.html", "posts/b/index.html")
	build("and nothing changes", "index.html", "posts/a/index.html", "posts/b/index.html", "page/index.html", "posts/c")
	delete(files, "page/index.html")
	delete(files, "posts/c")
	files["posts/c/index.html"] = "c"

	// A failed build changes neither the output nor the record.
	failing := func(w *DirWriter) error {
		w.Reuse("index.html", 1)
		return errors.New("broken")
	}
	if err := BuildDir(out, o, failing); err == nil {
		t.Fatal("a failing build succeeded")
	}
	build("after a failed build", "index.html", "posts/a/index.html", "posts/b/index.html")

	// A build that keeps no record replaces the folder: the record no
	// longer speaks for it.
	if err := BuildDir(out, Options{}, buildFiles(files)); err != nil {
		t.Fatal(err)
	}
	build("after a build without a record")
	build("and again", "index.html", "posts/a/index.html", "posts/b/index.html", "posts/c/index.html")

	// A record that does not read is ignored.
	if err := os.WriteFile(rec, []byte("accrue output record 1\nnonsense\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build("after a damaged record")
}

// A writer without a record reuses nothing and records nothing.
func TestNoRecordNoReuse(t *testing.T) {
	w := &DirWriter{Root: t.TempDir()}
	if w.Records() || w.Reuse("index.html", 1) {
		t.Error("a writer without a record reuses")
	}
	if err := w.WriteKeyed("index.html", 1, []byte("x")); err != nil {
		t.Fatal(err)
	}
}
