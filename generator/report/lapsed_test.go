package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// every is n comments by who, gap apart, the last on last.
func every(who string, n int, gap time.Duration, last time.Time) []ledger.Event {
	var out []ledger.Event
	for i := range n {
		out = append(out, comment(last.Add(-time.Duration(n-1-i)*gap), who))
	}
	return out
}

func TestFriends(t *testing.T) {
	const day = 24 * time.Hour
	asOf := momentAsOf
	for _, tt := range []struct {
		name     string
		events   []ledger.Event
		regulars int
		lapsed   []string // listed, as of asOf
		total    int      // lapsed in all
		gained   int
	}{
		// A monthly commenter silent for 100 days: past LapseMinDays.
		{"monthly, silent 100 days", every("Dennis", 6, 30*day, asOf.Add(-100*day)), 0, []string{"Dennis"}, 1, 0},
		// The same, silent 60 days: still a regular.
		{"monthly, silent 60 days", every("Dennis", 6, 30*day, asOf.Add(-60*day)), 1, nil, 0, 0},
		// A weekly commenter is missed sooner than a yearly one: 3 gaps
		// of a week are under the floor, so the floor decides.
		{"weekly, silent 80 days", every("Wendy", 20, 7*day, asOf.Add(-80*day)), 1, nil, 0, 0},
		// Two years apart: LapseMaxDays caps the wait at a year.
		{"yearly, silent 300 days", every("Yves", 3, 730*day, asOf.Add(-300*day)), 1, nil, 0, 0},
		{"yearly, silent 400 days", every("Yves", 3, 730*day, asOf.Add(-400*day)), 0, []string{"Yves"}, 1, 0},
		// One deposit is no habit, however long ago.
		{"once", every("Olga", 1, 0, asOf.Add(-500*day)), 0, nil, 0, 0},
		// Nor is one busy month.
		{"one month", every("Mona", 5, day, time.Date(2023, 5, 20, 9, 0, 0, 0, time.UTC)), 0, nil, 0, 0},
		// Lapsed long before the recent past: counted, not listed.
		{"lapsed long ago", every("Lars", 5, 30*day, asOf.Add(-700*day)), 0, nil, 1, 0},
		// Newcomers are gained, not regular yet.
		{"new", every("Nina", 2, day, asOf.Add(-3*day)), 0, nil, 0, 1},
		// A site that mentions without a name is a friend by its host.
		{"site", []ledger.Event{mention(asOf.Add(-200*day), "https://example.org/a"), mention(asOf.Add(-170*day), "https://example.org/b")},
			0, []string{"example.org"}, 1, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Compute(onePostBlog(momentPublished.AddDate(-6, 0, 0), tt.events...), Options{AsOf: asOf})
			f := r.Changes.Friends
			var names []string
			for _, l := range f.Lapsed {
				names = append(names, l.Name)
			}
			if f.Regulars != tt.regulars || fmt.Sprint(names) != fmt.Sprint(tt.lapsed) || f.LapsedTotal != tt.total || f.Gained != tt.gained {
				t.Errorf("friends = %d regulars, lapsed %v (%d in all), %d gained; want %d, %v (%d), %d",
					f.Regulars, names, f.LapsedTotal, f.Gained, tt.regulars, tt.lapsed, tt.total, tt.gained)
			}
		})
	}
}

// TestLapsedDetail: a lapsed friend's line says how regular they were
// and when their silence became unusual.
func TestLapsedDetail(t *testing.T) {
	last := momentAsOf.AddDate(0, 0, -100)
	events := every("Dennis", 3, 30*24*time.Hour, last)
	events[0].ActorURL = "https://dennis.example/"
	events = append(events, ledger.Event{Date: last.AddDate(0, 0, 1), Kind: ledger.KindAuthorReply, Actor: "Ada", Source: "r"})
	r := Compute(onePostBlog(momentPublished, events...), Options{AsOf: momentAsOf})
	if len(r.Changes.Friends.Lapsed) != 1 {
		t.Fatalf("lapsed %+v; want Dennis alone (the author is no friend)", r.Changes.Friends.Lapsed)
	}
	l := r.Changes.Friends.Lapsed[0]
	want := Lapsed{Name: "Dennis", URL: "https://dennis.example/", Site: "dennis.example", Deposits: 3, Months: 3,
		First: events[0].Date, Last: last, UsualGapDays: 30, LapsedOn: last.AddDate(0, 0, LapseMinDays)}
	if fmt.Sprint(l) != fmt.Sprint(want) {
		t.Errorf("lapsed = %+v;\nwant %+v", l, want)
	}
	var text bytes.Buffer
	r.WriteText(&text, TextOptions{})
	if !strings.Contains(text.String(), "0 gained, 0 still regular, 1 lapsed in all") {
		t.Errorf("the text report does not count the friends:\n%s", text.String())
	}
}

// TestGitOnlyBlog: a blog whose only deposits are its author's publishes
// and updates and its posts' links to each other has no moments and no
// friends, and says so plainly.
func TestGitOnlyBlog(t *testing.T) {
	var events []ledger.Event
	var posts []Post
	for i := range 12 {
		file := fmt.Sprintf("p%d.md", i)
		date := momentPublished.AddDate(0, 0, 3*i)
		posts = append(posts, Post{File: file, Title: file, URL: "/" + file + "/", Published: date})
		events = append(events, ledger.Event{Date: date, Post: file, Kind: ledger.KindPublish, Actor: "Ada", Source: file},
			ledger.Event{Date: date.AddDate(0, 1, 0), Post: file, Kind: ledger.KindUpdate, Actor: "Ada", Source: "abc"})
		for j := range i { // each post links to every earlier one
			events = append(events, ledger.Event{Date: date, Post: posts[j].File, Kind: ledger.KindInternalLink, Actor: file, Source: file})
		}
	}
	in := blogInput("til", posts, events)
	r := Compute(in, Options{AsOf: momentAsOf, Since: momentPublished})
	if len(r.Changes.Moments) != 0 {
		t.Errorf("moments %+v; want none", r.Changes.Moments)
	}
	if f := r.Changes.Friends; f.Gained+f.Regulars+f.LapsedTotal != 0 || len(f.Lapsed) != 0 {
		t.Errorf("friends %+v; want none", f)
	}
	var text, html bytes.Buffer
	r.WriteText(&text, TextOptions{})
	if err := r.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "None: no post drew far more than usual.") || !strings.Contains(text.String(), "No one else has deposited yet") {
		t.Errorf("the text report does not say there are no moments and no friends:\n%s", text.String())
	}
	if !strings.Contains(html.String(), "No one else has deposited yet.") {
		t.Error("the HTML report does not say there are no friends")
	}
}
