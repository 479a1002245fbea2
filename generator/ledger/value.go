package ledger

import (
	"math"
	"time"
)

// Weights are the points each kind of event deposits.
type Weights [kindCount]float64

// DefaultWeights are the weights of the value model when accrue.toml
// sets none: a post is worth 10 when published, a mention from another
// site 5, an update 3, and so on down to an outbound link's half point.
func DefaultWeights() Weights {
	var w Weights
	w[KindPublish] = 10
	w[KindUpdate] = 3
	w[KindComment] = 2
	w[KindAuthorReply] = 1
	w[KindReply] = 5
	w[KindMention] = 5
	w[KindPingback] = 5
	w[KindTrackback] = 5
	w[KindRepost] = 2
	w[KindBookmark] = 2
	w[KindLike] = 1
	w[KindInternalLink] = 2
	w[KindOutboundLink] = 0.5
	w[KindMaintenance] = 0
	return w
}

// Model is the compound interest model: every event deposits its kind's
// weight, and every deposit earns interest at MonthlyRate, compounded.
type Model struct {
	Weights     Weights
	MonthlyRate float64
}

// DefaultModel is the default weights at 1% a month.
func DefaultModel() Model { return Model{Weights: DefaultWeights(), MonthlyRate: 0.01} }

// monthDays is the mean Gregorian month, so twelve months are one year.
const monthDays = 365.2425 / 12

// Months is the time from from to to in months, fractional.
func Months(from, to time.Time) float64 {
	return to.Sub(from).Hours() / 24 / monthDays
}

// Value is what a deposit of w made at t0 is worth at asOf: w * (1+r)^m,
// m the months between them. A deposit after asOf is not made yet: 0.
func (m Model) Value(w float64, t0, asOf time.Time) float64 {
	if t0.After(asOf) {
		return 0
	}
	return w * math.Pow(1+m.MonthlyRate, Months(t0, asOf))
}

// Account is a post's (or a blog's) balance as of a date.
type Account struct {
	Principal float64 // the sum of the weights deposited
	Value     float64 // principal and compound interest
}

// Interest is what the deposits earned.
func (a Account) Interest() float64 { return a.Value - a.Principal }

// Add adds b to a: a blog's account is the sum of its posts'.
func (a Account) Add(b Account) Account {
	return Account{Principal: a.Principal + b.Principal, Value: a.Value + b.Value}
}

// Account totals events as of asOf. Withdrawn events (a deleted mention)
// deposit nothing, and events after asOf are not counted yet, so an
// account as of a date is the same whenever it is computed.
func (m Model) Account(events []Event, asOf time.Time) Account {
	var a Account
	for _, e := range events {
		if e.Withdrawn || e.Date.After(asOf) {
			continue
		}
		w := m.Weights[e.Kind]
		a.Principal += w
		a.Value += m.Value(w, e.Date, asOf)
	}
	return a
}

// Accounts returns every post's account as of asOf, by post; site-wide
// events are under "".
func (m Model) Accounts(l *Ledger, asOf time.Time) map[string]Account {
	out := make(map[string]Account, len(l.byPost))
	for post, idx := range l.byPost {
		events := make([]Event, len(idx))
		for i, j := range idx {
			events[i] = l.Events[j]
		}
		out[post] = m.Account(events, asOf)
	}
	return out
}
