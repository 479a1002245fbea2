package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(go test -update rewrites it; review the diff)", file, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: %d lines, want %d", file, len(gl), len(wl))
	}
}

func TestGolden(t *testing.T) {
	r := Compute(fixture(), Options{AsOf: fixtureAsOf})
	st, ok := PostStatement(fixture(), Options{AsOf: fixtureAsOf}, "hello")
	if !ok {
		t.Fatal("no statement for hello")
	}
	for _, tt := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"report.txt", func(b *bytes.Buffer) error { return r.WriteText(b, TextOptions{}) }},
		{"report.md", func(b *bytes.Buffer) error { return r.WriteMarkdown(b) }},
		{"report.json", func(b *bytes.Buffer) error { return r.WriteJSON(b) }},
		{"posts.csv", func(b *bytes.Buffer) error { return r.WriteCSV(b, "posts") }},
		{"timeline.csv", func(b *bytes.Buffer) error { return r.WriteCSV(b, "timeline") }},
		{"statement.txt", func(b *bytes.Buffer) error { return st.WriteText(b, TextOptions{}) }},
		{"statement.md", func(b *bytes.Buffer) error { return st.WriteMarkdown(b) }},
		{"statement.json", func(b *bytes.Buffer) error { return st.WriteJSON(b) }},
		{"statement.csv", func(b *bytes.Buffer) error { return st.WriteCSV(b) }},
		{"report.html", func(b *bytes.Buffer) error { return r.WriteHTML(b) }},
		{"statement.html", func(b *bytes.Buffer) error { return st.WriteHTML(b) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

// TestAsOfReproducible: what happens after the report's date changes
// nothing in it, so a report as of a date can be made again later.
func TestAsOfReproducible(t *testing.T) {
	var before bytes.Buffer
	Compute(fixture(), Options{AsOf: fixtureAsOf}).WriteJSON(&before)

	in := fixture()
	events := append([]ledger.Event(nil), in.Ledger.Events...)
	for _, p := range in.Posts {
		events = append(events,
			ledger.Event{Date: fixtureAsOf.Add(time.Second), Post: p.File, Kind: ledger.KindComment, Actor: "Late", Source: "late"},
			ledger.Event{Date: fixtureAsOf.AddDate(1, 0, 0), Post: p.File, Kind: ledger.KindMention, Actor: "x", Source: "https://later.example/"})
	}
	in.Ledger = ledger.New(events)
	in.Comments = append(in.Comments, Comment{Post: in.Posts[0].File, Author: "Late", Date: fixtureAsOf.Add(time.Hour)})
	in.Comments[0].Answered = fixtureAsOf.Add(time.Minute) // answered, but after the date
	var after bytes.Buffer
	Compute(in, Options{AsOf: fixtureAsOf}).WriteJSON(&after)
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Error("events after the report's date changed the report")
	}
}

// TestSingleDepositClosedForm: in the savings model one post, one
// publish deposit of 10, read 30 mean months later is worth 10 × 1.01^30,
// and a year earlier 10 × 1.01^18.
func TestSingleDepositClosedForm(t *testing.T) {
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	const month = 365.2425 / 12 * 24 * float64(time.Hour)
	asOf := start.Add(time.Duration(30 * month))
	in := Input{
		Posts:  []Post{{File: "a.md", Title: "A", URL: "/a/", Published: start}},
		Ledger: ledger.New([]ledger.Event{{Date: start, Post: "a.md", Kind: ledger.KindPublish}}),
		Model:  ledger.SavingsModel(), Thresholds: ledger.DefaultThresholds(),
	}
	r := Compute(in, Options{AsOf: asOf})
	if want := 10 * math.Pow(1.01, 30); !near(float64(r.Summary.Value), want) {
		t.Errorf("value = %v; want %v", r.Summary.Value, want)
	}
	if r.Summary.Principal != 10 || !near(float64(r.Summary.Interest), 10*math.Pow(1.01, 30)-10) {
		t.Errorf("principal %v, interest %v", r.Summary.Principal, r.Summary.Interest)
	}
	yearAgo := asOf.AddDate(-1, 0, 0)
	if want := 10 * math.Pow(1.01, 30-12*float64(asOf.Sub(yearAgo))/float64(12*time.Duration(month))); !near(float64(r.Summary.ValueYearAgo), want) {
		t.Errorf("value a year ago = %v; want %v", r.Summary.ValueYearAgo, want)
	}
	if got := r.Posts[0].Class; got != "dormant" {
		t.Errorf("class = %s; want dormant (nothing for 30 months)", got)
	}
}

// TestSingleDepositActivity: in the activity model the same deposit
// earns 1% a month for the 6 months of its window, then halves every 12
// months: 10 × 1.01^6 × 2^(-24/12) at 30 months. The timeline's books
// balance month by month: closing = opening + points + interest -
// depreciation.
func TestSingleDepositActivity(t *testing.T) {
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	const month = 365.2425 / 12 * 24 * float64(time.Hour)
	asOf := start.Add(time.Duration(30 * month))
	in := Input{
		Posts:  []Post{{File: "a.md", Title: "A", URL: "/a/", Published: start}},
		Ledger: ledger.New([]ledger.Event{{Date: start, Post: "a.md", Kind: ledger.KindPublish}}),
		Model:  ledger.DefaultModel(), Thresholds: ledger.DefaultThresholds(),
	}
	r := Compute(in, Options{AsOf: asOf})
	want := 10 * math.Pow(1.01, 6) / 4
	s := r.Summary
	if !near(float64(s.Value), want) || s.Principal != 10 || !near(float64(s.Interest), 10*math.Pow(1.01, 6)-10) ||
		!near(float64(s.Principal+s.Interest-s.Depreciation), want) {
		t.Errorf("summary %+v; want value %v", s, want)
	}
	if r.Model.Name != "activity" || r.Model.HalfLifeMonths != 12 {
		t.Errorf("model = %+v", r.Model)
	}
	var closing Points
	for _, mo := range r.Timeline {
		if !near(float64(mo.Opening+mo.Principal+mo.Interest-mo.Depreciation), float64(mo.Closing)) || mo.Opening != closing {
			t.Errorf("month %s does not balance: %+v", mo.Month, mo)
		}
		closing = mo.Closing
	}
	if !near(float64(closing), want) {
		t.Errorf("last closing %v; want %v", closing, want)
	}
	st, _ := PostStatement(in, Options{AsOf: asOf}, "a.md")
	if len(st.Entries) != 1 || st.Entries[0].Balance != 10 || !near(float64(st.Post.Value), want) {
		t.Errorf("statement %+v", st)
	}
}

// TestTimelineAnnuity: a comment on the first of every month for two
// years. The timeline's closings must follow the recurrence of a bank
// account, V_end = V_start × (1+r)^months + deposits grown to the end,
// and the last closing must be the summary's value.
func TestTimelineAnnuity(t *testing.T) {
	m := ledger.Model{MonthlyRate: 0.02}
	m.Weights[ledger.KindComment] = 4
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	events := []ledger.Event{}
	for i := range 24 {
		events = append(events, ledger.Event{Date: start.AddDate(0, i, 0), Post: "a.md", Kind: ledger.KindComment, Source: "c"})
	}
	asOf := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) // the first instant of month 25
	in := Input{Posts: []Post{{File: "a.md", Published: start}}, Ledger: ledger.New(events), Model: m, Thresholds: ledger.DefaultThresholds()}
	r := Compute(in, Options{AsOf: asOf})
	if len(r.Timeline) != 24 {
		t.Fatalf("%d months; want 24", len(r.Timeline))
	}
	var v, principal float64
	for i, mo := range r.Timeline {
		ms, me := start.AddDate(0, i, 0), start.AddDate(0, i+1, 0)
		v = v*math.Pow(1.02, ledger.Months(ms, me)) + 4*math.Pow(1.02, ledger.Months(ms, me))
		principal += float64(mo.Principal)
		if !near(float64(mo.Closing), v) || mo.Principal != 4 || mo.Count != 1 {
			t.Fatalf("month %s: %+v; want closing %v", mo.Month, mo, v)
		}
		if !near(float64(mo.Closing-mo.Opening-mo.Principal), float64(mo.Interest)) {
			t.Fatalf("month %s: interest %v does not reconcile", mo.Month, mo.Interest)
		}
	}
	if !near(float64(r.Summary.Value), v) || principal != 96 {
		t.Errorf("summary value %v, principal %v; want %v, 96", r.Summary.Value, principal, v)
	}
	// The closed form of that annuity: 24 deposits of 4, a month apart,
	// each growing to asOf. Months vary in length, so compare loosely.
	closed := 4 * (math.Pow(1.02, 25) - 1.02) / 0.02
	if math.Abs(float64(r.Summary.Value)-closed)/closed > 0.001 {
		t.Errorf("value %v is far from the closed form %v", r.Summary.Value, closed)
	}
}

func TestStatementBalance(t *testing.T) {
	in := fixture()
	in.Model = ledger.SavingsModel()
	st, ok := PostStatement(in, Options{AsOf: fixtureAsOf}, "/posts/hello/")
	if !ok {
		t.Fatal("no statement")
	}
	last := st.Entries[len(st.Entries)-1]
	grown := float64(last.Balance) * math.Pow(1.01, ledger.Months(last.Date, fixtureAsOf))
	if !near(grown, float64(st.Post.Value)) {
		t.Errorf("last balance grown to the date = %v; post value %v", grown, st.Post.Value)
	}
	for _, e := range st.Entries {
		if e.Kind == "mention" && e.Actor == "Gone" {
			t.Error("a withdrawn mention is on the statement")
		}
	}
	for _, key := range []string{"content/posts/hello.md", "hello", "posts/hello"} {
		if _, ok := PostStatement(in, Options{AsOf: fixtureAsOf}, key); !ok {
			t.Errorf("%q does not name the post", key)
		}
	}
	if _, ok := PostStatement(in, Options{AsOf: fixtureAsOf}, "later"); ok {
		t.Error("a post published after the date has a statement")
	}
	if _, ok := PostStatement(in, Options{AsOf: fixtureAsOf}, "nope"); ok {
		t.Error("an unknown post has a statement")
	}
}

func TestSummaryShares(t *testing.T) {
	r := Compute(fixture(), Options{AsOf: fixtureAsOf})
	var total, compounding float64
	for _, p := range r.Posts {
		total += float64(p.Value)
		if p.Class == "compounding" {
			compounding += float64(p.Value)
		}
	}
	// Six posts: the top tenth is one post, the most valuable.
	if want := float64(r.Posts[0].Value) / total; !near(float64(r.Summary.TopTenthShare), want) {
		t.Errorf("top tenth share = %v; want %v", r.Summary.TopTenthShare, want)
	}
	if !near(float64(r.Summary.CompoundingShare), compounding/total) {
		t.Errorf("compounding share = %v; want %v", r.Summary.CompoundingShare, compounding/total)
	}
	if len(r.Posts) != 6 {
		t.Errorf("%d posts; the one published after the date must not count", len(r.Posts))
	}
	// Events of a file that is no published post (a draft's, say) are in
	// no figure, then or now.
	in := fixture()
	in.Ledger = ledger.New(append(in.Ledger.Events, ledger.Event{Date: day("2023-02-01"), Post: "content/posts/draft.md", Kind: ledger.KindPublish}))
	if o := Compute(in, Options{AsOf: fixtureAsOf}).Summary; o.Value != r.Summary.Value || o.ValueYearAgo != r.Summary.ValueYearAgo {
		t.Errorf("a draft's events changed the summary: %+v; want %+v", o, r.Summary)
	}
}

func TestHostileTextEscaped(t *testing.T) {
	in := fixture()
	in.Posts[0].Title = "<script>alert(1)</script> | *bold* [x](javascript:alert(1))"
	r := Compute(in, Options{AsOf: fixtureAsOf})
	var md, html bytes.Buffer
	r.WriteMarkdown(&md)
	// Whoever renders the Markdown must see text, not markup.
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md.Bytes(), &html); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", `href="javascript:`, "<em>bold"} {
		if strings.Contains(html.String(), bad) {
			t.Errorf("the Markdown renders %q", bad)
		}
	}
	if !strings.Contains(html.String(), "&lt;script&gt;alert(1)&lt;/script&gt; | *bold*") {
		t.Errorf("the title is not shown as written:\n%s", html.String())
	}
	var js bytes.Buffer
	r.WriteJSON(&js)
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Posts[0].Title == "" {
		t.Errorf("JSON does not read back: %v", err)
	}
}

func TestTextColor(t *testing.T) {
	r := Compute(fixture(), Options{AsOf: fixtureAsOf})
	var plain, color bytes.Buffer
	r.WriteText(&plain, TextOptions{})
	r.WriteText(&color, TextOptions{Color: true})
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("colour without TextOptions.Color")
	}
	for _, want := range []string{"\x1b[1mAda's notes", "\x1b[32mcompounding\x1b[0m", "\x1b[90mdormant\x1b[0m", "\x1b[32m+9.0\x1b[0m"} {
		if !strings.Contains(color.String(), want) {
			t.Errorf("coloured text lacks %q", want)
		}
	}
	// Colour must not move the columns: without the escapes, the text is
	// the plain text.
	stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(color.String(), "")
	if stripped != plain.String() {
		t.Error("colour changed the layout")
	}
}

func TestNoLedger(t *testing.T) {
	in := Input{Posts: []Post{{File: "a.md", Title: "A", Published: fixtureAsOf.AddDate(0, -1, 0)}}}
	r := Compute(in, Options{AsOf: fixtureAsOf})
	if len(r.Posts) != 1 || r.Summary.Value != 0 {
		t.Errorf("a report without a ledger: %+v", r.Summary)
	}
	if _, ok := PostStatement(in, Options{AsOf: fixtureAsOf}, "a.md"); !ok {
		t.Error("no statement without a ledger")
	}
}

func TestSparkline(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want string
	}{
		{nil, ""},
		{[]float64{1, 1, 1}, "▁▁▁"},
		{[]float64{0, 7}, "▁█"},
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7}, "▁▂▃▄▅▆▇█"},
	} {
		if got := Sparkline(tt.in); got != tt.want {
			t.Errorf("Sparkline(%v) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestStatementBalanceActivity: in the activity model each running
// balance is the post's account right after that deposit.
func TestStatementBalanceActivity(t *testing.T) {
	in := fixture()
	st, ok := PostStatement(in, Options{AsOf: fixtureAsOf}, "hello")
	if !ok {
		t.Fatal("no statement")
	}
	var events []ledger.Event
	for _, e := range in.Ledger.ForPost("content/posts/hello.md") {
		if !e.Withdrawn && !e.Date.After(fixtureAsOf) {
			events = append(events, e)
		}
	}
	if len(events) != len(st.Entries) {
		t.Fatalf("%d entries; want %d", len(st.Entries), len(events))
	}
	for i, e := range st.Entries {
		want := in.Model.Account(events[:i+1], e.Date).Value
		if !near(float64(e.Balance), want) {
			t.Errorf("entry %d (%s %s): balance %v; want %v", i, e.Date.Format("2006-01-02"), e.Kind, e.Balance, want)
		}
	}
	if last := st.Entries[len(st.Entries)-1]; float64(last.Balance) <= 0 || st.Post.Value <= 0 {
		t.Errorf("last balance %v, value %v", last.Balance, st.Post.Value)
	}
}

// TestStatementSameMoment: deposits of the same moment each show the
// balance right after them, not the moment's total.
func TestStatementSameMoment(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	in := Input{
		Posts: []Post{{File: "a.md", Title: "A", URL: "/a/", Published: start}},
		Ledger: ledger.New([]ledger.Event{{Date: start, Post: "a.md", Kind: ledger.KindPublish},
			{Date: start, Post: "a.md", Kind: ledger.KindInternalLink, Source: "b.md"},
			{Date: start.AddDate(0, 1, 0), Post: "a.md", Kind: ledger.KindComment}}),
		Model: ledger.DefaultModel(), Thresholds: ledger.DefaultThresholds(),
	}
	st, _ := PostStatement(in, Options{AsOf: start.AddDate(0, 2, 0)}, "a.md")
	var got []Points
	for _, e := range st.Entries {
		got = append(got, e.Balance)
	}
	// 12 points earn 1.2% a month for the month before the comment.
	want := []float64{10, 12, 12*math.Pow(1.01, 1.2*ledger.Months(start, start.AddDate(0, 1, 0))) + 2}
	if len(got) != 3 || got[0] != 10 || got[1] != 12 || !near(float64(got[2]), want[2]) {
		t.Errorf("balances %v; want %v", got, want)
	}
}
