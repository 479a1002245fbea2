package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/internal/flock"
)

// tree reads every file and folder under root, links as links.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			to, err := os.Readlink(p)
			files[rel] = "-> " + to
			return err
		case d.IsDir():
			files[rel+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// newSite makes a site's folder with everything a build must not touch.
func newSite(t *testing.T) (parent, site string) {
	parent = t.TempDir()
	site = filepath.Join(parent, "blog")
	for _, f := range []string{"accrue.toml", "notes.txt", "content/posts/hello.md", "content/posts/bundle/index.md",
		"content/posts/bundle/comments/1.md", "content/posts/bundle/mentions/1.md", "themes/blue/layouts/post.html",
		"static/favicon.ico", "layouts/post.html", ".git/HEAD", "docs/guide.md"} {
		write(t, filepath.Join(site, f), "the user's "+f)
	}
	write(t, filepath.Join(parent, "sibling", "keep.txt"), "a sibling of the site")
	return parent, site
}

func buildFiles(files map[string]string) func(w *DirWriter) error {
	return func(w *DirWriter) error {
		for p, data := range files {
			if err := w.WriteFile(p, []byte(data)); err != nil {
				return err
			}
		}
		return nil
	}
}

var page = map[string]string{"index.html": "home", "posts/hello/index.html": "hello"}

// Every destination that would replace the site, its sources, a file or
// a folder of the user's is refused, and nothing anywhere changes.
func TestDestinationsRefused(t *testing.T) {
	cases := []struct {
		dest  string // relative to the parent of the site
		force bool
		want  string
	}{
		{"blog", false, "would replace the site's own folder"},
		{"blog", true, "would replace the site's own folder"},
		{"blog/content/..", false, "would replace the site's own folder"},
		{".", false, "would replace the site's own folder"},
		{"..", false, "would replace the site's own folder"},
		{"blog/content", true, "would replace the site's content/ folder"},
		{"blog/content/posts", true, "would replace the site's content/ folder"},
		{"blog/content/posts/bundle", true, "would replace the site's content/ folder"},
		{"blog/content/posts/new", true, "would replace the site's content/ folder"},
		{"blog/themes", true, "would replace the site's themes/ folder"},
		{"blog/themes/blue/out", true, "would replace the site's themes/ folder"},
		{"blog/static", true, "would replace the site's static/ folder"},
		{"blog/layouts", true, "would replace the site's layouts/ folder"},
		{"blog/.git", true, "would replace the site's .git/ folder"},
		{"blog/notes.txt", false, "is a file, not a folder"},
		{"blog/notes.txt", true, "is a file, not a folder"},
		{"blog/docs", false, "not a folder accrue made"},
		{"sibling", false, "not a folder accrue made"},
		{"link-to-site", true, "would replace the site's own folder"},
		{"link-to-content", true, "would replace the site's content/ folder"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s force=%v", c.dest, c.force), func(t *testing.T) {
			parent, site := newSite(t)
			if err := os.Symlink(site, filepath.Join(parent, "link-to-site")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(site, "content"), filepath.Join(parent, "link-to-content")); err != nil {
				t.Fatal(err)
			}
			before := tree(t, parent)
			dest := filepath.Join(parent, c.dest)
			if c.dest == "." || c.dest == ".." {
				dest = filepath.Join(site, c.dest)
			}
			err := BuildDir(dest, Options{Site: site, Force: c.force}, buildFiles(page))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("BuildDir(%s) = %v; want an error saying %q", c.dest, err, c.want)
			}
			if after := tree(t, parent); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("a refused destination changed the files:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
		})
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestDestinationsAllowed(t *testing.T) {
	parent, site := newSite(t)
	o := Options{Site: site}

	// A new folder, then the folder accrue made, replaced whole.
	public := filepath.Join(site, "public")
	if err := BuildDir(public, o, buildFiles(map[string]string{"old.html": "stale"})); err != nil {
		t.Fatal(err)
	}
	if err := BuildDir(public, o, buildFiles(page)); err != nil {
		t.Fatalf("rebuilding accrue's own output: %v", err)
	}
	want := map[string]string{"index.html": "home", "posts/": "", "posts/hello/": "", "posts/hello/index.html": "hello", ".": "", Marker: markerText}
	want["./"] = ""
	delete(want, ".")
	if got := tree(t, public); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("output = %v; want %v", got, want)
	}

	// An empty folder is taken.
	empty := filepath.Join(parent, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := BuildDir(empty, o, buildFiles(page)); err != nil {
		t.Errorf("building into an empty folder: %v", err)
	}

	// A folder of the user's only with --force, and then it is accrue's.
	docs := filepath.Join(site, "docs")
	if err := BuildDir(docs, o, buildFiles(page)); !errors.Is(err, ErrNotOurs) {
		t.Errorf("without --force: %v; want ErrNotOurs", err)
	}
	if err := BuildDir(docs, Options{Site: site, Force: true}, buildFiles(page)); err != nil {
		t.Errorf("with --force: %v", err)
	}
	if err := BuildDir(docs, o, buildFiles(page)); err != nil {
		t.Errorf("after --force the folder is accrue's: %v", err)
	}
}

// A destination that is a symbolic link stays one: the folder it points
// to is what gets replaced, and keeps being updated.
func TestSymlinkedDestinationStaysALink(t *testing.T) {
	parent, site := newSite(t)
	elsewhere := filepath.Join(parent, "www", "blog")
	link := filepath.Join(site, "public")
	if err := os.MkdirAll(filepath.Dir(elsewhere), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, link); err != nil {
		t.Fatal(err)
	}
	for i, data := range []string{"first", "second"} {
		if err := BuildDir(link, Options{Site: site}, buildFiles(map[string]string{"index.html": data})); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		fi, err := os.Lstat(link)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("after build %d public is no longer a link: %v %v", i, fi.Mode(), err)
		}
		if got, err := os.ReadFile(filepath.Join(elsewhere, "index.html")); err != nil || string(got) != data {
			t.Errorf("the linked folder holds %q, %v; want %q", got, err, data)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(elsewhere))
	if len(entries) != 1 {
		t.Errorf("beside the linked folder: %v; want it alone", entries)
	}
}

// What killed builds left (their folders inside the output, previous
// outputs moved aside, the old staging folders beside it) goes; what a
// live build holds stays.
func TestCleanAfterKilledBuilds(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := BuildDir(out, Options{}, buildFiles(page)); err != nil {
		t.Fatal(err)
	}
	dead := []string{
		filepath.Join(out, buildingPrefix+"dead1", ".accrue-staging", "0"),
		filepath.Join(out, buildingPrefix+"dead2", "index.html"),
		filepath.Join(parent, ".public"+oldInfix+"dead3", "index.html"),
		filepath.Join(parent, ".public"+legacyInfix+"123", "index.html"),
		filepath.Join(parent, ".public"+legacyInfix+"123.old", "index.html"),
	}
	for _, f := range dead {
		write(t, f, "left by a killed build")
	}
	live := filepath.Join(out, buildingPrefix+"live")
	write(t, filepath.Join(live, "index.html"), "a build still running")
	l, err := flock.Hold(live)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	others := []string{filepath.Join(parent, ".public-mine"), filepath.Join(parent, "public.building-not-hidden")}
	for _, f := range others {
		write(t, f, "the user's")
	}

	err = BuildDir(out, Options{}, buildFiles(page))
	if err == nil || !strings.Contains(err.Error(), "another accrue is building into") {
		t.Errorf("a build beside a live one: %v; want it refused", err)
	}
	for _, f := range dead {
		if _, err := os.Stat(f); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s survived: %v", f, err)
		}
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the live build's folder was removed: %v", err)
	}
	l.Release()
	if err := BuildDir(out, Options{}, buildFiles(page)); err != nil {
		t.Fatal(err)
	}
	for _, f := range others {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("a file not accrue's was removed: %v", err)
		}
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := "[.public-mine public public.building-not-hidden]"; fmt.Sprint(names) != want {
		t.Errorf("after the live build ended: %v; want %s", names, want)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 3 { // index.html, posts, the marker
		t.Errorf("the output holds %v", entries)
	}
}

// A build killed between the swap's two renames leaves no output folder;
// the next build puts the previous output back before it starts, so a
// failing next build leaves the site as it was.
func TestKilledMidSwapRestoresPreviousOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := BuildDir(out, Options{}, buildFiles(page)); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	aside := filepath.Join(parent, ".public"+oldInfix+"killed")
	write(t, filepath.Join(out, buildingPrefix+"killed", "index.html"), "the killed build's")
	if err := os.Rename(out, aside); err != nil {
		t.Fatal(err)
	}
	err := BuildDir(out, Options{}, func(w *DirWriter) error { return errors.New("this build fails") })
	if err == nil {
		t.Fatal("a failing build succeeded")
	}
	if after := tree(t, out); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("output after recovery = %v; want %v", keys(after), keys(before))
	}
	if _, err := os.Stat(aside); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the previous output is still aside: %v", err)
	}
}

// A failed first build leaves no output folder behind.
func TestFailedFirstBuildLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	err := BuildDir(out, Options{}, func(w *DirWriter) error {
		w.WriteFile("index.html", []byte("half"))
		return errors.New("this build fails")
	})
	if err == nil {
		t.Fatal("a failing build succeeded")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("a failed first build left %v", entries)
	}
}

func TestWriteFileStaysInside(t *testing.T) {
	for _, p := range []string{"../escape.html", ".accrue-output", ".accrue-staging/0", ".accrue-building-x/y", "a/../../x"} {
		w := &DirWriter{Root: t.TempDir()}
		if err := w.WriteFile(p, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) was accepted", p)
		}
	}
}

// Folders made ahead of the files (while the build links its posts) and
// folders made at the end give the same tree, and a build that fails
// after making them leaves nothing behind.
func TestBuildDirMakesFoldersAhead(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	files := map[string]string{"index.html": "home", "posts/a/index.html": "a", "posts/b/index.html": "b", "tags/x/page/2/index.html": "x2", "css/site.css": "c"}
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	err := BuildDir(dest, Options{}, func(w *DirWriter) error {
		dw := w
		dw.MakeFolders(paths)
		// The folders appear before any file is written.
		deep := filepath.Join(dw.Root, "tags", "x", "page", "2")
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
			if _, err := os.Stat(deep); err == nil {
				break
			} else if time.Now().After(deadline) {
				t.Fatalf("MakeFolders did not make %s", deep)
			}
		}
		for p, data := range files {
			if err := w.WriteFile(p, []byte(data)); err != nil {
				return err
			}
		}
		return w.WriteFile("late/index.html", []byte("a file whose folder was not announced"))
	})
	if err != nil {
		t.Fatal(err)
	}
	files["late/index.html"] = "a file whose folder was not announced"
	for p, want := range files {
		if got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p))); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", p, got, err, want)
		}
	}

	err = BuildDir(dest, Options{}, func(w *DirWriter) error {
		w.MakeFolders([]string{"new/deep/index.html", "other/index.html"})
		return fmt.Errorf("the build failed")
	})
	if err == nil {
		t.Fatal("a failing build succeeded")
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "public" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after a failed build the parent holds %v; want public alone", names)
	}
	if _, err := os.Stat(filepath.Join(dest, "new")); !os.IsNotExist(err) {
		t.Errorf("a failed build's folders reached the output")
	}
}
