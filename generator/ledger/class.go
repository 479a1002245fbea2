package ledger

import "time"

// Class is what a post's recent deposits say about it.
type Class int

const (
	ClassNew         Class = iota // too young to judge
	ClassCompounding              // others keep depositing, at least as much as at launch
	ClassDecaying                 // deposits from others slowed below their launch rate
	ClassDormant                  // nothing at all for a long time
)

var classNames = [...]string{"new", "compounding", "decaying", "dormant"}

func (c Class) String() string { return classNames[c] }

// Thresholds define the classes. HubSpot's study of "compounding posts"
// (about 1 in 10 posts, bringing about 38% of a blog's traffic) calls a
// post compounding when its later engagement surpasses its launch; accrue
// measures deposits, which a static host can see, rather than traffic.
type Thresholds struct {
	NewDays       int // younger than this: new
	DormantMonths int // no deposit of any kind for this long: dormant
	WindowMonths  int // recent rate: deposits from others per month over this window
	LaunchMonths  int // launch rate: deposits from others per month over the first months
}

// DefaultThresholds are 60 days, 12 months, 6 months and 1 month.
func DefaultThresholds() Thresholds {
	return Thresholds{NewDays: 60, DormantMonths: 12, WindowMonths: 6, LaunchMonths: 1}
}

// Classify classes a post published at published from its events, as of
// asOf:
//   - new: younger than NewDays;
//   - dormant: no deposit of any kind (withdrawn ones aside) in the last
//     DormantMonths;
//   - compounding: deposits from others (not the author's own publish,
//     updates and replies) per month over the last WindowMonths are above
//     zero and at least their rate in the post's first LaunchMonths;
//   - decaying: the rest.
//
// Rates are in points per month, with the model's weights.
func (m Model) Classify(events []Event, published, asOf time.Time, t Thresholds) Class {
	if asOf.Sub(published) < time.Duration(t.NewDays)*24*time.Hour {
		return ClassNew
	}
	r := m.Rates(events, published, asOf, t)
	if !r.Active {
		return ClassDormant
	}
	if r.Recent > 0 && r.Recent >= r.Launch {
		return ClassCompounding
	}
	return ClassDecaying
}

// Rates are what Classify compares: points per month deposited by
// others at launch and lately.
type Rates struct {
	Launch float64 // over the first LaunchMonths after publication
	Recent float64 // over the last WindowMonths before the date
	// Active is false when nothing at all was deposited in the last
	// DormantMonths.
	Active bool
}

// Rates measures a post's deposits from others at launch and lately, as
// of asOf.
func (m Model) Rates(events []Event, published, asOf time.Time, t Thresholds) Rates {
	dormantSince := addMonths(asOf, -float64(t.DormantMonths))
	windowStart := addMonths(asOf, -float64(t.WindowMonths))
	launchEnd := addMonths(published, float64(t.LaunchMonths))
	var r Rates
	var recent, launch float64
	for _, e := range events {
		if e.Withdrawn || e.Date.After(asOf) {
			continue
		}
		if e.Date.After(dormantSince) {
			r.Active = true
		}
		if !e.Kind.FromOthers() {
			continue
		}
		w := m.Weights[e.Kind]
		if e.Date.After(windowStart) {
			recent += w
		}
		if !e.Date.Before(published) && e.Date.Before(launchEnd) {
			launch += w
		}
	}
	r.Recent = recent / float64(t.WindowMonths)
	r.Launch = launch / float64(t.LaunchMonths)
	return r
}

// addMonths moves t by m mean months.
func addMonths(t time.Time, m float64) time.Time {
	return t.Add(time.Duration(m * monthDays * 24 * float64(time.Hour)))
}
