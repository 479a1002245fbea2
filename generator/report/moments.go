package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// A moment is a week in which a post drew far more deposits from others
// than it usually does: someone shared it, a forum found it, a thread
// started. It is the time to answer, update the post and link to it from
// a new one, while readers are looking (seize the moment).
const (
	// MomentWeek is the window a burst of deposits is counted in.
	MomentWeek = 7 * 24 * time.Hour
	// MomentMin is the fewest deposits a week needs to be a moment: two
	// comments in a week are a conversation, not an event.
	MomentMin = 3
	// MomentFactor is how many times its usual weekly rate a post must
	// receive in the week.
	MomentFactor = 4
	// MomentBaselineWeeks is how far back the usual rate is measured:
	// half a year, or the post's life when it is younger.
	MomentBaselineWeeks = 26
	// RecentDays is how far back the report lists moments and counts the
	// friends gained and lapsed, when its own period is shorter: a month
	// is too short to see either.
	RecentDays = 90
)

// Moment is a week when a post drew far more deposits from others than
// usual, and what caused them.
type Moment struct {
	Post  string `json:"post"`
	Title string `json:"title"`
	// Start and End are the dates of the burst's first and last deposit.
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Deposits int       `json:"deposits"`
	// Usual is the post's usual number of deposits from others a week
	// before the burst; for a burst in its first week, the blog's usual
	// launch.
	Usual Points `json:"usual_per_week"`
	// Launch says the burst came in the post's first week: its launch
	// went far beyond the blog's usual, as a shared post's does.
	Launch  bool           `json:"launch"`
	Sources []MomentSource `json:"sources"`
}

// MomentSource is a part of a moment's deposits: those of one kind from
// one site (mentions, likes, pingbacks…), or a post's comments.
type MomentSource struct {
	Kind  string `json:"kind"`
	Site  string `json:"site"` // the host the deposits came from; "" for comments
	Count int    `json:"count"`
	// Who names the first few people behind them, in order of arrival.
	Who []string `json:"who"`
}

// momentWho is how many names a source lists.
const momentWho = 3

// momentDeposit reports whether e counts toward a moment, a champion or
// a friend: a deposit by someone else. Links from the blog's own posts
// are the author's doing, so a git-only blog has no moments.
func momentDeposit(e ledger.Event) bool {
	return e.Kind.FromOthers() && e.Kind != ledger.KindInternalLink
}

// findMoments finds the moments of a post published on published, from
// its counted events in date order. Each window starts at a deposit and
// spans MomentWeek; it is a moment when it holds at least MomentMin
// deposits and MomentFactor times the usual weekly rate, measured over
// the MomentBaselineWeeks before it (or since publication, at least a
// week). A post has no past in its first week, so there the usual rate
// is launch, what the blog's earlier posts drew in theirs when they drew
// anything: most posts get what attention they get at launch, and only a
// launch far beyond the blog's usual is a moment. Windows that follow
// one another within a week are one moment, with every deposit between.
func findMoments(events []ledger.Event, published time.Time, launch float64) []Moment {
	var ev []ledger.Event
	for _, e := range events {
		if momentDeposit(e) {
			ev = append(ev, e)
		}
	}
	var out []Moment
	// lo is the first deposit of the baseline before ev[i], j the first
	// after the window that ev[i] starts; neither goes back.
	lo, j := 0, 0
	for i := 0; i < len(ev); {
		start := ev[i].Date
		from := start.Add(-MomentBaselineWeeks * MomentWeek)
		if published.After(from) {
			from = published
		}
		for lo < i && ev[lo].Date.Before(from) {
			lo++
		}
		weeks := max(1, float64(start.Sub(from))/float64(MomentWeek))
		usual := float64(i-lo) / weeks
		isLaunch := start.Before(published.Add(MomentWeek))
		if isLaunch {
			usual = max(usual, launch)
		}
		j = max(j, i)
		for j < len(ev) && ev[j].Date.Before(start.Add(MomentWeek)) {
			j++
		}
		if n := j - i; n < MomentMin || float64(n) < MomentFactor*usual {
			i++
			continue
		}
		if k := len(out) - 1; k >= 0 && start.Before(out[k].End.Add(MomentWeek)) {
			out[k].End = ev[j-1].Date // the burst goes on
		} else {
			out = append(out, Moment{Post: ev[i].Post, Title: ev[i].Title, Start: start, End: ev[j-1].Date,
				Usual: Points(usual), Launch: isLaunch})
		}
		i = j
	}
	for k := range out {
		out[k].Sources = momentSources(ev, out[k].Start, out[k].End)
		for _, s := range out[k].Sources {
			out[k].Deposits += s.Count
		}
	}
	return out
}

// momentSources groups the deposits made from start to end by kind and,
// for those from other sites, by host: "9 mentions from
// news.ycombinator.com, 3 comments".
func momentSources(ev []ledger.Event, start, end time.Time) []MomentSource {
	var out []MomentSource
	index := map[[2]string]int{}
	for _, e := range ev {
		if e.Date.Before(start) || e.Date.After(end) {
			continue
		}
		site := ""
		if isWebmention(e.Kind) {
			site = SiteOf(e.Source)
		}
		key := [2]string{e.Kind.String(), site}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, MomentSource{Kind: key[0], Site: site, Who: []string{}})
		}
		s := &out[i]
		s.Count++
		if name := strings.TrimSpace(e.Actor); name != "" && name != site && len(s.Who) < momentWho && !slices.Contains(s.Who, name) {
			s.Who = append(s.Who, name)
		}
	}
	slices.SortStableFunc(out, func(a, b MomentSource) int { return cmp.Compare(b.Count, a.Count) })
	return out
}

// recentStart is when the report's recent past begins: its period's
// start, or RecentDays before its date when that is earlier.
func (c *computer) recentStart() time.Time {
	if r := c.asOf.AddDate(0, 0, -RecentDays); r.Before(c.since) {
		return r
	}
	return c.since
}

// launches are what the blog's posts drew from others in their first
// week, ordered by the week's end, for the usual launch of a later post.
// Only launches that drew something count: on most blogs most posts
// draw nothing, and a mean over them would make every noticed launch a
// moment.
type launches struct {
	ends []time.Time
	sums []int // sums[i]: deposits in the first weeks of posts ends[:i]
}

// newLaunches counts the posts' first weeks from their events (eventsOf
// a post's file) that count as of asOf. The report passes the events it
// already picked, so no post's are copied again.
func newLaunches(posts []Post, eventsOf func(file string) []ledger.Event, asOf time.Time) launches {
	type launch struct {
		end time.Time
		n   int
	}
	var all []launch
	for _, p := range posts {
		if p.Published.After(asOf) {
			continue
		}
		end := p.Published.Add(MomentWeek)
		n := 0
		for _, e := range eventsOf(p.File) {
			if !e.Withdrawn && !e.Date.After(asOf) && e.Date.Before(end) && momentDeposit(e) {
				n++
			}
		}
		all = append(all, launch{end, n})
	}
	slices.SortFunc(all, func(a, b launch) int { return a.end.Compare(b.end) })
	ls := launches{sums: make([]int, 1, len(all)+1)}
	for _, x := range all {
		if x.n == 0 {
			continue // a launch nobody noticed says nothing of a noticed one's size
		}
		ls.ends = append(ls.ends, x.end)
		ls.sums = append(ls.sums, ls.sums[len(ls.sums)-1]+x.n)
	}
	return ls
}

// usual is the mean of the noticed first weeks that ended by t: the
// blog's usual launch for a post published at t; 0 before any.
func (ls launches) usual(t time.Time) float64 {
	n, _ := slices.BinarySearchFunc(ls.ends, t, func(e, t time.Time) int {
		if e.After(t) {
			return 1
		}
		return -1
	})
	if n == 0 {
		return 0
	}
	return float64(ls.sums[n]) / float64(n)
}

// moments lists the moments that reached into the recent past, newest
// first, then by post.
func (c *computer) moments() []Moment {
	start := c.recentStart()
	ls := newLaunches(c.in.Posts, func(file string) []ledger.Event { return c.events[file] }, c.asOf)
	var out []Moment
	for _, r := range c.rows {
		for _, m := range findMoments(c.events[r.File], r.Published, ls.usual(r.Published)) {
			if !m.End.Before(start) {
				out = append(out, c.localMoment(m, r.Title))
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Moment) int {
		if c := b.Start.Compare(a.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Post, b.Post)
	})
	if len(out) > listSize {
		out = out[:listSize]
	}
	return out
}

// postMoments are every moment of the post p of the blog in as of asOf,
// from its counted events, oldest first, dated in asOf's time zone.
func postMoments(in Input, p PostRow, counted []ledger.Event, asOf time.Time) []Moment {
	out := findMoments(counted, p.Published, newLaunches(in.Posts, in.Ledger.ForPost, asOf).usual(p.Published))
	for i := range out {
		out[i].Start, out[i].End, out[i].Title = out[i].Start.In(asOf.Location()), out[i].End.In(asOf.Location()), p.Title
	}
	return out
}

// localMoment shows m's dates in the blog's time zone and the post's
// title as the report knows it.
func (c *computer) localMoment(m Moment, title string) Moment {
	m.Start, m.End, m.Title = m.Start.In(c.loc), m.End.In(c.loc), title
	return m
}

// momentWhen dates a moment: its first day, or its first and last when
// it lasted more than a week, and whether it was the post's launch.
func momentWhen(m Moment) string {
	s := showDate(m.Start)
	if m.End.Sub(m.Start) >= MomentWeek {
		s += " to " + showDate(m.End)
	}
	if m.Launch {
		s += " (launch)"
	}
	return s
}

// showSources lists a moment's sources: "9 mentions from
// news.ycombinator.com, 3 comments (Grace, Ken)".
func showSources(sources []MomentSource) string {
	var parts []string
	for _, s := range sources {
		p := showCount(s.Count, strings.ReplaceAll(s.Kind, "-", " "))
		if s.Site != "" {
			p += " from " + s.Site
		}
		if len(s.Who) > 0 {
			p += " (" + strings.Join(s.Who, ", ")
			if s.Count > len(s.Who) && len(s.Who) == momentWho {
				p += "…"
			}
			p += ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// usualRate writes a moment's usual rate: "0.2 a week".
func usualRate(m Moment) string {
	return points(float64(m.Usual)) + " a week"
}
