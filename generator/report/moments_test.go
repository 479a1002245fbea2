package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// blog is a one-post blog for the moment and friend tests: the post
// a.md, published on published, with the given events besides its
// publish.
func onePostBlog(published time.Time, events ...ledger.Event) Input {
	all := []ledger.Event{{Date: published, Post: "a.md", Kind: ledger.KindPublish, Actor: "Ada", Source: "a.md"}}
	for _, e := range events {
		if e.Post == "" {
			e.Post = "a.md"
		}
		all = append(all, e)
	}
	in := blogInput("t", []Post{{File: "a.md", Title: "A", URL: "/a/", Published: published}}, all)
	in.Site.Author = "Ada"
	return in
}

func comment(date time.Time, who string) ledger.Event {
	return ledger.Event{Date: date, Kind: ledger.KindComment, Actor: who, Source: "c-" + who + date.Format("20060102150405")}
}

func mention(date time.Time, source string) ledger.Event {
	return ledger.Event{Date: date, Kind: ledger.KindMention, Actor: SiteOf(source), Source: source}
}

// monthly is a comment from Grace on the 1st of each month from start,
// n times: a post's quiet, steady interest.
func monthly(start time.Time, n int) []ledger.Event {
	var out []ledger.Event
	for i := range n {
		out = append(out, comment(start.AddDate(0, i, 0), "Grace"))
	}
	return out
}

var (
	momentPublished = time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	momentAsOf      = time.Date(2025, 3, 31, 12, 0, 0, 0, time.UTC)
)

// TestMomentFound: a post with a comment a month for a year, then
// twelve deposits in one week. The week is a moment, and it says what
// caused it, by site and kind, the most first.
func TestMomentFound(t *testing.T) {
	events := monthly(momentPublished, 14) // up to 1 Feb 2025
	week := time.Date(2025, 3, 10, 8, 0, 0, 0, time.UTC)
	for i := range 9 {
		events = append(events, mention(week.Add(time.Duration(i)*7*time.Hour), fmt.Sprintf("https://news.ycombinator.com/item?id=%d", i)))
	}
	for i, who := range []string{"Ken", "Barbara", "Ken"} {
		events = append(events, comment(week.AddDate(0, 0, 2+i), who))
	}
	r := Compute(onePostBlog(momentPublished, events...), Options{AsOf: momentAsOf})
	if len(r.Changes.Moments) != 1 {
		t.Fatalf("%d moments; want 1: %+v", len(r.Changes.Moments), r.Changes.Moments)
	}
	m := r.Changes.Moments[0]
	if m.Post != "a.md" || m.Deposits != 12 || !m.Start.Equal(week) || m.Launch {
		t.Errorf("moment = %+v; want 12 deposits from %s, not at launch", m, week)
	}
	// The usual rate: the 5 comments of the 26 weeks before the week.
	if want := 5.0 / 26; !near(float64(m.Usual), want) {
		t.Errorf("usual rate = %v a week; want %v", m.Usual, want)
	}
	want := "12 deposits in the week of 10 Mar 2025: 9 mentions from news.ycombinator.com, 3 comments (Ken, Barbara)"
	if got := "12 deposits in the week of " + momentWhen(m) + ": " + showSources(m.Sources); got != want {
		t.Errorf("moment reads %q; want %q", got, want)
	}
	var text bytes.Buffer
	r.WriteText(&text, TextOptions{})
	if !strings.Contains(text.String(), "9 mentions from news.ycombinator.com, 3 comments (Ken, Barbara)") {
		t.Errorf("the text report does not list the moment:\n%s", text.String())
	}
}

// TestNoMoment covers what is not a moment.
func TestNoMoment(t *testing.T) {
	weekly := func(perWeek int, weeks int) []ledger.Event {
		var out []ledger.Event
		for w := range weeks {
			for k := range perWeek {
				out = append(out, comment(momentPublished.AddDate(0, 0, 7*w+1+k), fmt.Sprintf("reader%d", k)))
			}
		}
		return out
	}
	// Links from five of the blog's own posts in a week: the author's
	// doing, which a git-only blog is full of.
	var links []ledger.Event
	for i := range 5 {
		links = append(links, ledger.Event{Date: momentPublished.AddDate(0, 6, i), Kind: ledger.KindInternalLink,
			Actor: fmt.Sprintf("b%d.md", i), Source: fmt.Sprintf("b%d.md", i)})
	}
	// Two deposits in a week after a year of silence: below MomentMin.
	two := []ledger.Event{comment(momentPublished.AddDate(1, 0, 0), "Ken"), comment(momentPublished.AddDate(1, 0, 1), "Ken")}
	// A post with 1 deposit a week for half a year, then 3 in a week:
	// under MomentFactor times its usual rate.
	usual := append(weekly(1, 30), mention(momentPublished.AddDate(0, 0, 7*30+1), "https://a.example/1"),
		mention(momentPublished.AddDate(0, 0, 7*30+2), "https://a.example/2"), mention(momentPublished.AddDate(0, 0, 7*30+3), "https://a.example/3"))
	// The author's replies and updates, however many.
	var own []ledger.Event
	for i := range 6 {
		own = append(own, ledger.Event{Date: momentPublished.AddDate(0, 3, i), Kind: ledger.KindAuthorReply, Actor: "Ada", Source: fmt.Sprint("r", i)},
			ledger.Event{Date: momentPublished.AddDate(0, 3, i), Kind: ledger.KindUpdate, Actor: "Ada", Source: fmt.Sprint("u", i)})
	}
	// Withdrawn mentions (deleted spam) do not count.
	var withdrawn []ledger.Event
	for i := range 5 {
		e := mention(momentPublished.AddDate(0, 2, i), fmt.Sprint("https://spam.example/", i))
		e.Withdrawn = true
		withdrawn = append(withdrawn, e)
	}
	for _, tt := range []struct {
		name   string
		events []ledger.Event
	}{
		{"steady, two a week", weekly(2, 60)},
		{"internal links", links},
		{"two in a week", two},
		{"under the factor", usual},
		{"the author's own", own},
		{"withdrawn", withdrawn},
		{"nothing", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := onePostBlog(momentPublished, tt.events...)
			if ms := Compute(in, Options{AsOf: momentAsOf, Since: momentPublished}).Changes.Moments; len(ms) != 0 {
				t.Errorf("moments %+v; want none", ms)
			}
			st, ok := PostStatement(in, Options{AsOf: momentAsOf}, "a.md")
			if !ok {
				t.Fatal("no statement")
			}
			if len(st.Moments) != 0 {
				t.Errorf("statement moments %+v; want none", st.Moments)
			}
		})
	}
}

// TestMomentThreshold: with nothing usual, MomentMin deposits in a week
// are a moment; with a usual rate of one a week, it takes MomentFactor.
func TestMomentThreshold(t *testing.T) {
	quiet := momentPublished.AddDate(1, 0, 0)
	burst := func(start time.Time, n int) []ledger.Event {
		var out []ledger.Event
		for i := range n {
			out = append(out, mention(start.Add(time.Duration(i)*time.Hour), fmt.Sprint("https://b.example/", start.Unix(), "/", i)))
		}
		return out
	}
	var weekly []ledger.Event // one a week for the 26 weeks before quiet
	for w := range 26 {
		weekly = append(weekly, comment(quiet.AddDate(0, 0, -7*(w+1)), "Grace"))
	}
	for _, tt := range []struct {
		name   string
		events []ledger.Event
		want   int
	}{
		{"MomentMin after silence", burst(quiet, MomentMin), 1},
		{"one fewer", burst(quiet, MomentMin-1), 0},
		{"MomentFactor times one a week", append(slices.Clone(weekly), burst(quiet, MomentFactor)...), 1},
		{"one fewer than the factor", append(slices.Clone(weekly), burst(quiet, MomentFactor-1)...), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ms := findMoments(onePostBlog(momentPublished, tt.events...).Ledger.ForPost("a.md"), momentPublished, 0)
			if len(ms) != tt.want {
				t.Errorf("%d moments %+v; want %d", len(ms), ms, tt.want)
			}
		})
	}
}

// TestMomentSpansWeeks: a burst that lasts two weeks is one moment, not
// two, and its dates say so.
func TestMomentSpansWeeks(t *testing.T) {
	start := momentPublished.AddDate(1, 0, 0)
	var events []ledger.Event
	for d := range 12 {
		events = append(events, mention(start.AddDate(0, 0, d), fmt.Sprint("https://c.example/", d)))
	}
	ms := findMoments(onePostBlog(momentPublished, events...).Ledger.ForPost("a.md"), momentPublished, 0)
	if len(ms) != 1 || ms[0].Deposits != 12 || !ms[0].End.Equal(start.AddDate(0, 0, 11)) {
		t.Fatalf("moments %+v; want one of 12 deposits over 12 days", ms)
	}
	if got, want := momentWhen(ms[0]), "1 Jan 2025 to 12 Jan 2025"; got != want {
		t.Errorf("when = %q; want %q", got, want)
	}
}

// TestMomentLaunch: a launch that draws a crowd is a moment, marked as
// the launch; the steady weeks after it are not.
func TestMomentLaunch(t *testing.T) {
	var events []ledger.Event
	for w := range 20 {
		for k := range 3 {
			events = append(events, comment(momentPublished.AddDate(0, 0, 7*w+k), fmt.Sprint("r", k)))
		}
	}
	ms := findMoments(onePostBlog(momentPublished, events...).Ledger.ForPost("a.md"), momentPublished, 0)
	if len(ms) != 1 || !ms[0].Launch || ms[0].Deposits != 3 {
		t.Fatalf("moments %+v; want the launch week alone", ms)
	}
	if got := momentWhen(ms[0]); !strings.HasSuffix(got, "(launch)") {
		t.Errorf("when = %q; want it marked as the launch", got)
	}
}

// TestMomentsRecent: the report lists the moments of the recent past;
// the post's statement lists them all.
func TestMomentsRecent(t *testing.T) {
	var events []ledger.Event
	for _, start := range []time.Time{momentPublished.AddDate(0, 3, 0), momentAsOf.AddDate(0, 0, -20)} {
		for i := range 5 {
			events = append(events, mention(start.Add(time.Duration(i)*time.Hour), fmt.Sprint("https://d.example/", start.Unix(), i)))
		}
	}
	in := onePostBlog(momentPublished, events...)
	r := Compute(in, Options{AsOf: momentAsOf})
	if len(r.Changes.Moments) != 1 || !r.Changes.Moments[0].Start.Equal(momentAsOf.AddDate(0, 0, -20)) {
		t.Errorf("report moments %+v; want the recent one", r.Changes.Moments)
	}
	if want := momentAsOf.AddDate(0, 0, -RecentDays); !r.Changes.RecentSince.Equal(want) {
		t.Errorf("recent since %v; want %v", r.Changes.RecentSince, want)
	}
	st, _ := PostStatement(in, Options{AsOf: momentAsOf}, "a.md")
	if len(st.Moments) != 2 {
		t.Errorf("statement moments %+v; want both", st.Moments)
	}
	// A period longer than RecentDays reaches further back.
	r = Compute(in, Options{AsOf: momentAsOf, Since: momentPublished})
	if len(r.Changes.Moments) != 2 || !r.Changes.Moments[0].Start.After(r.Changes.Moments[1].Start) {
		t.Errorf("moments since publication %+v; want both, newest first", r.Changes.Moments)
	}
}

// TestMomentLaunchAgainstBlog: a post's first week is measured against
// the blog's usual launch. Where every post draws three comments at
// launch, three more are no moment, and fifteen are.
func TestMomentLaunchAgainstBlog(t *testing.T) {
	var posts []Post
	var events []ledger.Event
	launch := func(i, comments int) {
		file := fmt.Sprintf("p%02d.md", i)
		date := momentPublished.AddDate(0, 0, 14*i)
		posts = append(posts, Post{File: file, Title: file, URL: "/" + file + "/", Published: date})
		events = append(events, ledger.Event{Date: date, Post: file, Kind: ledger.KindPublish, Actor: "Ada", Source: file})
		for k := range comments {
			events = append(events, ledger.Event{Date: date.Add(time.Duration(k+1) * time.Hour), Post: file, Kind: ledger.KindComment,
				Actor: fmt.Sprint("r", k), Source: fmt.Sprint(file, k)})
		}
	}
	for i := range 10 {
		launch(i, 3)
	}
	launch(10, 3)
	launch(11, 15)
	in := blogInput("", posts, events)
	r := Compute(in, Options{AsOf: momentAsOf, Since: momentPublished})
	var got []string
	for _, m := range r.Changes.Moments {
		got = append(got, fmt.Sprintf("%s %d usual %.1f launch %v", m.Post, m.Deposits, m.Usual, m.Launch))
	}
	// The blog's first post had no launches to compare with.
	want := []string{"p11.md 15 usual 3.0 launch true", "p00.md 3 usual 0.0 launch true"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("moments %q; want %q", got, want)
	}
	st, _ := PostStatement(in, Options{AsOf: momentAsOf}, "p11.md")
	if len(st.Moments) != 1 || st.Moments[0].Usual != 3 {
		t.Errorf("statement moments %+v; want the launch, against the blog's usual 3", st.Moments)
	}
}
