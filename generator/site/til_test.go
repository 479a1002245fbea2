package site_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/gittest"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// TestTIL builds a "today I learned" blog: notes in a folder per topic,
// no front matter at all, dates only in git. Two topics have a note of the
// same name, which must not collide.
func TestTIL(t *testing.T) {
	t.Parallel()
	g := gittest.New(t)
	notes := []struct{ file, title, date string }{
		{"content/posts/git/rebase.md", "Rebase onto a branch", "2021-03-01T10:00:00Z"},
		{"content/posts/svn/rebase.md", "There is no rebase in svn", "2021-03-01T10:00:00Z"},
		{"content/posts/git/bisect.md", "Bisect a regression", "2021-04-12T09:30:00Z"},
		{"content/posts/go/generics.md", "Generic constraints", "2021-06-20T18:00:00Z"},
		{"content/posts/go/embed.md", "Embedding files", "2022-01-05T08:00:00Z"},
		{"content/posts/sql/window-functions.md", "Window functions", "2022-02-14T12:00:00Z"},
	}
	for _, n := range notes {
		g.Write(n.file, "# "+n.title+"\n\nWhat I learned.\n")
		g.Git(n.date, "add", n.file)
		g.Git(n.date, "commit", "-q", "-m", "til: "+n.title)
	}
	w := &site.MemWriter{}
	stats, diags, err := site.Build(context.Background(), os.DirFS(g.Dir), w, site.Options{Now: sitetest.Now, BaseURL: "https://til.example/", Theme: themes.Default(), Dir: g.Dir})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Posts != len(notes) {
		t.Errorf("built %d posts; want %d", stats.Posts, len(notes))
	}
	for _, n := range notes {
		page := strings.TrimSuffix(strings.TrimPrefix(n.file, "content/"), ".md") + "/index.html"
		got := string(w.Files[page])
		if got == "" {
			t.Errorf("%s: no page %s", n.file, page)
			continue
		}
		if !strings.Contains(got, "<h1") || !strings.Contains(got, n.title) {
			t.Errorf("%s: page %s does not carry the title %q from the first heading", n.file, page, n.title)
		}
		if !strings.Contains(got, `datetime="`+n.date+`"`) {
			t.Errorf("%s: page %s is not dated %s by its first commit", n.file, page, n.date)
		}
	}
	// One line for all six dates, at the first note by path; nothing else.
	want := `content/posts/git/bisect.md:1: warning: no date in front matter: 6 posts take their date from git history, this one 2021-04-12 (to keep it, start the file with the lines "---", "date: 2021-04-12" and "---")`
	if got := diags.Error(); got != want {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
}
