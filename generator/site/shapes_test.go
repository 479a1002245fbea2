package site_test

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/report"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/blogshape"
	"github.com/accruehq/accrue/testkit/gittest"
	"github.com/accruehq/accrue/themes"
)

// shaped is a blog written by blogshape and what accrue made of it.
type shaped struct {
	blog   *blogshape.Blog
	ledger *ledger.Ledger
	report *report.Report
	byFile map[string]report.PostRow
}

// buildShape writes a blog of shape s and computes its ledger and its
// report as of the end of its history.
func buildShape(t *testing.T, s blogshape.Shape) *shaped {
	t.Helper()
	gittest.Require(t)
	dir := t.TempDir()
	blog, err := blogshape.Write(dir, blogshape.Options{Shape: s})
	if err != nil {
		t.Fatal(err)
	}
	in, diags, err := site.ReportInput(context.Background(), os.DirFS(dir), site.Options{Now: blog.End, Theme: themes.Default(), Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatalf("diagnostics:\n%s", diags.Error())
	}
	rep := report.Compute(in, report.Options{AsOf: blog.End})
	sh := &shaped{blog: blog, ledger: in.Ledger, report: rep, byFile: map[string]report.PostRow{}}
	for _, r := range rep.Posts {
		sh.byFile[r.File] = r
	}
	return sh
}

// TestBlogShapes builds blogs shaped like real ones (see package
// blogshape) and checks that the ledger records what their histories
// hold: every revision and no more, mechanical and sweeping commits as
// maintenance, publication dates that a deletion does not move, links
// written with the blog's own address, every comment and mention; and,
// where others deposit, that compounding posts are a minority but not
// none. It logs the shape of each report (go test -v -run TestBlogShapes
// ./generator/site).
func TestBlogShapes(t *testing.T) {
	t.Parallel()
	for _, s := range blogshape.Shapes() {
		t.Run(s.String(), func(t *testing.T) {
			t.Parallel()
			sh := buildShape(t, s)
			t.Logf("%s\n%s", s, sh.table())
			sh.checkLedger(t)
			reportShapeAssertions(t, sh)
			if s == blogshape.Social {
				checkCompoundingShare(t, sh, 0.03, 0.25)
			}
		})
	}
}

// checkLedger compares the ledger with the truth blogshape recorded.
func (sh *shaped) checkLedger(t *testing.T) {
	t.Helper()
	b := sh.blog
	if len(sh.report.Posts) != len(b.Posts) {
		t.Fatalf("the report has %d posts; the blog %d", len(sh.report.Posts), len(b.Posts))
	}
	never := 0
	for _, p := range b.Posts {
		var published []time.Time
		var updates []time.Time
		inbound, others := 0, 0
		for _, e := range sh.ledger.ForPost(p.File) {
			switch {
			case e.Kind == ledger.KindPublish:
				published = append(published, e.Date)
			case e.Kind == ledger.KindUpdate:
				updates = append(updates, e.Date)
			case e.Kind == ledger.KindInternalLink:
				inbound++
			case e.Kind.FromOthers():
				others++
			}
		}
		if len(published) != 1 || !published[0].Equal(p.Published) {
			t.Errorf("%s: published %v; want %v", p.File, published, p.Published)
		}
		if !slices.EqualFunc(updates, p.Revisions, time.Time.Equal) {
			t.Errorf("%s: updates %v; want the revisions %v (maintenance is no update)", p.File, updates, p.Revisions)
		}
		if len(updates) == 0 {
			never++
		}
		if inbound != p.LinkedFrom {
			t.Errorf("%s: %d internal links in; the blog has %d", p.File, inbound, p.LinkedFrom)
		}
		if want := len(p.Comments) + len(p.Mentions); others != want {
			t.Errorf("%s: %d comments and mentions; the blog has %d", p.File, others, want)
		}
	}
	var maintenance []string
	for _, e := range sh.ledger.Events {
		if e.Kind == ledger.KindMaintenance {
			maintenance = append(maintenance, e.Note)
		}
	}
	var want []string
	for _, c := range slices.Concat(b.Sweeps, b.Mechanical) {
		want = append(want, fmt.Sprintf("%s (%d files)", c.Subject, c.Posts))
	}
	slices.Sort(maintenance)
	slices.Sort(want)
	if !slices.Equal(maintenance, want) {
		t.Errorf("maintenance events:\n%s\nwant:\n%s", strings.Join(maintenance, "\n"), strings.Join(want, "\n"))
	}
	if b.Shape == blogshape.TIL && never*10 < len(b.Posts)*4 {
		t.Errorf("%d of %d notes never updated; want 40%% or more", never, len(b.Posts))
	}
}

// table describes the report's shape in a few lines for the test log.
func (sh *shaped) table() string {
	var b strings.Builder
	sum := sh.report.Summary
	classes := make([]string, 0, len(sum.Classes))
	for c, n := range sum.Classes {
		classes = append(classes, fmt.Sprintf("%s %d (%.0f%%)", c, n, 100*float64(n)/float64(len(sh.report.Posts))))
	}
	slices.Sort(classes)
	fmt.Fprintf(&b, "  posts %d, commits %d, maintenance commits %d\n", len(sh.report.Posts), sh.blog.Commits, len(sh.blog.Sweeps)+len(sh.blog.Mechanical))
	fmt.Fprintf(&b, "  classes: %s\n", strings.Join(classes, ", "))
	never := 0
	for _, r := range sh.report.Posts {
		if r.Deposits[ledger.KindUpdate.String()] == 0 {
			never++
		}
	}
	fmt.Fprintf(&b, "  never updated: %d (%.0f%%)\n", never, 100*float64(never)/float64(len(sh.report.Posts)))
	if sum.Value > 0 {
		fmt.Fprintf(&b, "  value %.0f, from interest %.1f%%, top tenth holds %.1f%%\n", float64(sum.Value), 100*float64(sum.Interest)/float64(sum.Value), 100*float64(sum.TopTenthShare))
	}
	top := sh.topDecile()
	fmt.Fprintf(&b, "  mean age: top tenth by value %.1f years, all posts %.1f years\n", meanAge(top), meanAge(sh.report.Posts))
	return b.String()
}

// topDecile returns the most valuable tenth of the posts (at least one).
func (sh *shaped) topDecile() []report.PostRow {
	rows := slices.Clone(sh.report.Posts)
	slices.SortStableFunc(rows, func(a, b report.PostRow) int { return cmp.Compare(b.Value, a.Value) })
	return rows[:max(1, len(rows)/10)]
}

func meanAge(rows []report.PostRow) float64 {
	if len(rows) == 0 {
		return 0
	}
	days := 0
	for _, r := range rows {
		days += r.AgeDays
	}
	return float64(days) / float64(len(rows)) / 365.25
}

// reportShapeAssertions are what the report must also show of a real
// blog's shape, which value following activity gives. Both fail with the
// pure savings account, where interest grows with age alone (an old post
// outranks a younger one with more deposits, and a dormant post's
// sparkline rises like a thriving one's).
func reportShapeAssertions(t *testing.T, sh *shaped) {
	t.Helper()
	checkAgeNotEnough(t, sh)
	checkSparklinesDiffer(t, sh)
}

// checkCompoundingShare checks that the share of posts classed
// compounding is between lo and hi, as on real blogs where others
// deposit (HubSpot: about one post in ten).
func checkCompoundingShare(t *testing.T, sh *shaped, lo, hi float64) {
	t.Helper()
	share := float64(sh.report.Summary.Classes["compounding"]) / float64(len(sh.report.Posts))
	if share < lo || share > hi {
		t.Errorf("%.1f%% of posts compound; want %.0f%% to %.0f%%", 100*share, 100*lo, 100*hi)
	}
}

// checkAgeNotEnough checks that no post is in the top tenth by value
// while a younger one outside it had at least as many deposits of every
// kind, more in all, and as recent a last deposit: age alone must never
// buy a place at the top.
func checkAgeNotEnough(t *testing.T, sh *shaped) {
	t.Helper()
	top := sh.topDecile()
	inTop := map[string]bool{}
	for _, r := range top {
		inTop[r.File] = true
	}
	for _, a := range top {
		for _, b := range sh.report.Posts {
			if inTop[b.File] || !b.Published.After(a.Published) || b.LastDeposit.Before(a.LastDeposit) {
				continue
			}
			if dominates(b.Deposits, a.Deposits) {
				t.Errorf("%s (%s, %v) is in the top tenth by value; %s (%s, %v), younger with more deposits, is not",
					a.File, a.Published.Format("2006-01-02"), a.Deposits, b.File, b.Published.Format("2006-01-02"), b.Deposits)
				break
			}
		}
	}
}

// dominates reports whether deposits b are at least a's in every kind
// and more in all.
func dominates(b, a map[string]int) bool {
	more := false
	for k, n := range a {
		if k == ledger.KindMaintenance.String() {
			continue
		}
		if b[k] < n {
			return false
		}
	}
	for k, n := range b {
		if k != ledger.KindMaintenance.String() && n > a[k] {
			more = true
		}
	}
	return more
}

// checkSparklinesDiffer checks that the sparkline of a post without a
// deposit in its last year does not rise while that of the post with the
// most deposits by others in that year does: a glance tells them apart.
func checkSparklinesDiffer(t *testing.T, sh *shaped) {
	t.Helper()
	yearAgo := sh.blog.End.AddDate(-1, 0, 0)
	var dormant, thriving *report.PostRow
	best := 0
	for i, r := range sh.report.Posts {
		if len(r.Spark) < 2 {
			continue
		}
		if r.LastDeposit.Before(yearAgo) && r.Published.Before(yearAgo) && dormant == nil {
			dormant = &sh.report.Posts[i]
		}
		n := 0
		for _, e := range sh.ledger.ForPost(r.File) {
			if e.Kind.FromOthers() && e.Date.After(yearAgo) {
				n++
			}
		}
		if n > best && r.Published.Before(yearAgo) {
			best, thriving = n, &sh.report.Posts[i]
		}
	}
	if dormant == nil || thriving == nil {
		t.Logf("no dormant and thriving pair to compare")
		return
	}
	rises := func(s []report.Points) bool { return s[len(s)-1] > s[0]*1.0001 }
	if rises(dormant.Spark) {
		t.Errorf("dormant %s: sparkline %v rises", dormant.File, dormant.Spark)
	}
	if !rises(thriving.Spark) {
		t.Errorf("thriving %s (%d deposits by others in its last year): sparkline %v does not rise", thriving.File, best, thriving.Spark)
	}
}
