package report

import (
	"slices"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// A blog sheds and gains friends: the people and sites that comment,
// mention and link. A friend is regular after deposits in at least
// RegularMonths different months, and lapses after a silence far longer
// than their usual gap between deposits: LapseFactor times it, at least
// LapseMinDays and at most LapseMaxDays.
const (
	RegularMonths = 2
	LapseFactor   = 3
	LapseMinDays  = 90
	LapseMaxDays  = 365
)

// Friends are the people and sites that deposited on the blog, counted
// over the recent past (RecentDays, or the report's period when longer).
type Friends struct {
	// Gained counts those whose first deposit came in the recent past; the
	// first-time commenters and linking domains of the period name them.
	Gained int `json:"gained"`
	// Regulars counts the regular friends who have not lapsed.
	Regulars int `json:"regulars"`
	// Lapsed are the regulars who went quiet in the recent past, the most
	// recent first; LapsedTotal counts every regular lapsed by the
	// report's date.
	Lapsed      []Lapsed `json:"lapsed"`
	LapsedTotal int      `json:"lapsed_total"`
}

// Lapsed is a regular friend who stopped depositing.
type Lapsed struct {
	Name     string    `json:"name"`
	URL      string    `json:"url"`
	Site     string    `json:"site"`
	Deposits int       `json:"deposits"`
	Months   int       `json:"months"` // distinct months with a deposit
	First    time.Time `json:"first_seen"`
	Last     time.Time `json:"last_seen"`
	// UsualGapDays is the mean time between their deposits.
	UsualGapDays int `json:"usual_gap_days"`
	// LapsedOn is when their silence grew past what was usual for them.
	LapsedOn time.Time `json:"lapsed_on"`
}

// depositor names who made a deposit from others, as the champions and
// friends lists key them: a person by name (or URL), a site by its host
// when another site's deposit carries no name of its own. ok is false
// for what is no friend's doing: the author's own deposits and links
// from the blog's posts.
func depositor(e ledger.Event) (key, name, url, site string, ok bool) {
	if !momentDeposit(e) {
		return "", "", "", "", false
	}
	key, name, url, site = personKey(e), e.Actor, e.ActorURL, SiteOf(e.ActorURL)
	if isWebmention(e.Kind) {
		site = SiteOf(e.Source)
		if name == "" || name == site {
			key, name, url = "site:"+site, site, "https://"+site+"/"
		}
	}
	return key, name, url, site, true
}

// lapseAfter is how long a silence must last before a friend with the
// given mean gap between deposits has lapsed.
func lapseAfter(gap time.Duration) time.Duration {
	const day = 24 * time.Hour
	return min(max(LapseFactor*gap, LapseMinDays*day), LapseMaxDays*day)
}

// friends counts the friends gained and lists those lapsed since the
// recent past began.
func (c *computer) friends() Friends {
	type friend struct {
		Lapsed
		months map[string]bool
	}
	since := c.recentStart()
	var f Friends
	byKey := map[string]*friend{}
	var order []string
	for _, e := range c.all { // in date order
		key, name, url, site, ok := depositor(e)
		if !ok {
			continue
		}
		fr := byKey[key]
		if fr == nil {
			fr = &friend{Lapsed: Lapsed{Name: name, URL: url, Site: site, First: e.Date.In(c.loc)}, months: map[string]bool{}}
			byKey[key] = fr
			order = append(order, key)
		}
		if fr.Site == "" {
			fr.Site, fr.URL = site, url
		}
		fr.Deposits++
		fr.Last = e.Date.In(c.loc)
		fr.months[e.Date.In(c.loc).Format("2006-01")] = true
	}
	for _, key := range order {
		fr := byKey[key]
		if !fr.First.Before(since) {
			f.Gained++
		}
		fr.Months = len(fr.months)
		if fr.Months < RegularMonths {
			continue // one visit, or one busy month, is no habit to lose
		}
		gap := fr.Last.Sub(fr.First) / time.Duration(fr.Deposits-1)
		fr.UsualGapDays = int(gap / (24 * time.Hour))
		fr.LapsedOn = fr.Last.Add(lapseAfter(gap))
		switch {
		case fr.LapsedOn.After(c.asOf):
			f.Regulars++
		case fr.LapsedOn.Before(since):
			f.LapsedTotal++
		default:
			f.LapsedTotal++
			f.Lapsed = append(f.Lapsed, fr.Lapsed)
		}
	}
	slices.SortStableFunc(f.Lapsed, func(a, b Lapsed) int {
		if c := b.LapsedOn.Compare(a.LapsedOn); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	if len(f.Lapsed) > listSize {
		f.Lapsed = f.Lapsed[:listSize]
	}
	return f
}
