package site_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/gittest"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// TestReaddedPostKeepsItsDate deletes a note without front matter and
// adds it back a year later, rewritten: its publication date stays the
// first commit's, and the rewrite is an update in the ledger.
func TestReaddedPostKeepsItsDate(t *testing.T) {
	t.Parallel()
	g := gittest.New(t)
	g.Write("content/posts/kept.md", "# Kept\n\nStill here.\n")
	g.Write("content/posts/back.md", "# Back\n\nThe first version.\n")
	g.Commit("2021-03-01T10:00:00Z", "add kept and back")
	g.Git("", "rm", "-q", "content/posts/back.md")
	g.Commit("2021-09-01T10:00:00Z", "remove back for now")
	g.Write("content/posts/back.md", "# Back\n\nThe second version, longer.\n\nWith more.\n")
	g.Commit("2022-05-01T10:00:00Z", "bring back back")

	l, _, err := site.Ledger(context.Background(), os.DirFS(g.Dir), site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: g.Dir})
	if err != nil {
		t.Fatal(err)
	}
	var published, updated []time.Time
	for _, e := range l.ForPost("content/posts/back.md") {
		switch e.Kind {
		case ledger.KindPublish:
			published = append(published, e.Date.UTC())
		case ledger.KindUpdate:
			updated = append(updated, e.Date.UTC())
		}
	}
	first := time.Date(2021, 3, 1, 10, 0, 0, 0, time.UTC)
	back := time.Date(2022, 5, 1, 10, 0, 0, 0, time.UTC)
	if len(published) != 1 || !published[0].Equal(first) {
		t.Errorf("back.md published %v; want once, %v", published, first)
	}
	if len(updated) != 1 || !updated[0].Equal(back) {
		t.Errorf("back.md updated %v; want once, %v", updated, back)
	}
}
