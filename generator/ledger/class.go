package ledger

import "time"

// Class is what a post's recent deposits say about it.
type Class int

const (
	ClassNew         Class = iota // too young to judge
	ClassCompounding              // others keep depositing: the last months brought more than the launch
	ClassDecaying                 // deposits slowed after launch
	ClassDormant                  // nothing at all for a long time
	ClassEvergreen                // keeps receiving a little, steadily, for a long time
	classCount
)

var classNames = [classCount]string{"new", "compounding", "decaying", "dormant", "evergreen"}

func (c Class) String() string { return classNames[c] }

// Classes lists the classes in the order a report shows them: the living
// first.
func Classes() []Class {
	return []Class{ClassCompounding, ClassEvergreen, ClassNew, ClassDecaying, ClassDormant}
}

// Thresholds define the classes. HubSpot's study of "compounding posts"
// (about 1 in 10 posts, bringing about 38% of a blog's traffic) calls a
// post compounding when its later engagement surpasses its launch; accrue
// measures deposits, which a static host can see, rather than traffic.
type Thresholds struct {
	NewDays       int // younger than this: new
	DormantMonths int // no deposit of any kind for this long: dormant
	WindowMonths  int // recent rate: deposits from others per month over this window
	LaunchMonths  int // launch rate: deposits from others per month over the first months
	// MinDeposits is how many deposits from others the window must hold
	// for a post to compound, so one stray link does not make it.
	MinDeposits int
	// A post is evergreen when, after its launch, deposits (from others or
	// the author's updates) arrived in at least EvergreenQuarters of the
	// quarters of the last EvergreenMonths.
	EvergreenMonths   int
	EvergreenQuarters int
}

// DefaultThresholds are 60 days to be judged, 24 months of nothing for
// dormant, the last 12 months against the first 3 with at least 2
// deposits from others for compounding (one stray link is not a trend), and deposits in 3 of the last 8
// quarters for evergreen.
func DefaultThresholds() Thresholds {
	return Thresholds{NewDays: 60, DormantMonths: 24, WindowMonths: 12, LaunchMonths: 3,
		MinDeposits: 2, EvergreenMonths: 24, EvergreenQuarters: 3}
}

// Classify classes a post published at published from its events, as of
// asOf, in this order:
//   - new: younger than NewDays;
//   - dormant: no deposit of any kind (withdrawn ones aside) in the last
//     DormantMonths;
//   - compounding: at least MinDeposits deposits from others (comments,
//     mentions, links from other sites and from the blog's posts; not the
//     author's own publish, updates and replies) in the last WindowMonths
//     after launch, worth at least as many points as those of the first
//     LaunchMonths: its later months outperform its launch;
//   - evergreen: after launch, deposits from others or the author's
//     updates in at least EvergreenQuarters of the last EvergreenMonths'
//     quarters;
//   - decaying: the rest.
//
// The author's updates count for evergreen so that a blog without
// comments (a git-only blog, whose only deposits from others are links
// from its later posts) can still tell its tended posts from its
// forgotten ones.
func (m Model) Classify(events []Event, published, asOf time.Time, t Thresholds) Class {
	if asOf.Sub(published) < time.Duration(t.NewDays)*24*time.Hour {
		return ClassNew
	}
	r := m.Rates(events, published, asOf, t)
	switch {
	case !r.Active:
		return ClassDormant
	case r.RecentCount >= max(t.MinDeposits, 1) && r.RecentPoints > 0 && r.RecentPoints >= r.LaunchPoints:
		return ClassCompounding
	case t.EvergreenQuarters > 0 && r.Quarters >= t.EvergreenQuarters:
		return ClassEvergreen
	}
	return ClassDecaying
}

// Rates are what Classify compares: points deposited by others at launch
// and lately, in all and per month.
type Rates struct {
	LaunchPoints, RecentPoints float64
	Launch                     float64 // a month, over the first LaunchMonths after publication
	// Recent is over the last WindowMonths before the date, launch left
	// out; RecentCount counts those deposits.
	Recent      float64
	RecentCount int
	// Quarters counts the quarters of the last EvergreenMonths that hold
	// a deposit made after launch, from others or an update.
	Quarters int
	// Active is false when nothing at all was deposited in the last
	// DormantMonths.
	Active bool
}

// Rates measures a post's deposits from others at launch and lately, as
// of asOf.
func (m Model) Rates(events []Event, published, asOf time.Time, t Thresholds) Rates {
	dormantSince := addMonths(asOf, -float64(t.DormantMonths))
	launchEnd := addMonths(published, float64(t.LaunchMonths))
	windowStart := addMonths(asOf, -float64(t.WindowMonths))
	if windowStart.Before(launchEnd) {
		windowStart = launchEnd
	}
	evergreenStart := addMonths(asOf, -float64(t.EvergreenMonths))
	quarters := map[int]bool{}
	var r Rates
	var recent, launch float64
	for _, e := range events {
		if e.Withdrawn || e.Date.After(asOf) || e.Kind == KindMaintenance {
			continue
		}
		if e.Date.After(dormantSince) {
			r.Active = true
		}
		others := e.Kind.FromOthers()
		if (others || e.Kind == KindUpdate) && !e.Date.Before(launchEnd) && e.Date.After(evergreenStart) {
			quarters[int(Months(e.Date, asOf)/3)] = true
		}
		if !others {
			continue
		}
		w := m.Weights[e.Kind]
		if !e.Date.Before(windowStart) {
			recent += w
			r.RecentCount++
		}
		if !e.Date.Before(published) && e.Date.Before(launchEnd) {
			launch += w
		}
	}
	r.LaunchPoints = launch
	if span := Months(windowStart, asOf); span >= 1 {
		r.Recent = recent / span
		r.RecentPoints = recent
	} else {
		r.RecentCount = 0 // too soon after launch to tell a trend
	}
	r.Launch = launch / float64(max(t.LaunchMonths, 1))
	r.Quarters = len(quarters)
	return r
}

// addMonths moves t by m mean months.
func addMonths(t time.Time, m float64) time.Time {
	return t.Add(time.Duration(m * monthDays * 24 * float64(time.Hour)))
}
