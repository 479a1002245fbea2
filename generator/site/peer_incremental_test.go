package site_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// TestPeerIncremental: the dev server's builder sees a Jekyll blog's
// edits, new posts and pages by their paths on disk.
func TestPeerIncremental(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("_config.yml", "title: T\nurl: https://t.example.org\npermalink: pretty\n")
	write("_posts/2020-01-02-a.md", "---\ntitle: A\n---\nFirst.\n")
	write("about.md", "---\ntitle: About\n---\nMe.\n")
	o := site.Options{Now: sitetest.Now, Theme: themes.Default()}
	inc := site.NewIncremental(os.DirFS(dir), o)
	ctx := context.Background()
	check := func(changed []string, file, want string) {
		t.Helper()
		files, diags, err := inc.Build(ctx, o, changed)
		if err != nil {
			t.Fatalf("build after %v: %v\n%s", changed, err, diags.Error())
		}
		if got := string(files[file]); !strings.Contains(got, want) {
			t.Errorf("after %v, %s lacks %q:\n%s", changed, file, want, got)
		}
	}
	check(nil, "2020/01/02/a/index.html", "First.")
	write("_posts/2020-01-02-a.md", "---\ntitle: A\n---\nSecond.\n")
	check([]string{"_posts/2020-01-02-a.md"}, "2020/01/02/a/index.html", "Second.")
	write("_posts/2020-02-03-b.md", "---\ntitle: B\n---\nNew.\n")
	check([]string{"_posts/2020-02-03-b.md"}, "2020/02/03/b/index.html", "New.")
	write("about.md", "---\ntitle: About\n---\nEdited.\n")
	check([]string{"about.md"}, "about/index.html", "Edited.")
}

// TestWatched: the dev server watches what a build of the folder reads.
func TestWatched(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, archive string
		want          []string
	}{
		{"accrue", "-- accrue.toml --\n-- content/posts/a.md --\n", []string{"content", "static", "layouts", "themes"}},
		{"jekyll", readPeer(t, "jekyll"), []string{"_config.yml", "_drafts", "_posts", "about.md", "assets", "index.md"}},
		{"hugo", readPeer(t, "hugo"), []string{"hugo.toml", "content", "static"}},
		{"zola", readPeer(t, "zola"), []string{"config.toml", "content", "static"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := site.Watched(sitetest.FS(tt.archive)); !slices.Equal(got, tt.want) {
				t.Errorf("Watched = %q; want %q", got, tt.want)
			}
		})
	}
}
