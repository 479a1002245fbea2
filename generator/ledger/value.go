package ledger

import (
	"math"
	"slices"
	"strconv"
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

// Interest names how a balance earns. The zero value is the savings
// account, so a Model literal keeps the arithmetic it always had.
type Interest int

const (
	// Savings is the pure savings account: every deposit earns
	// MonthlyRate, compounded, for ever. Value grows with age alone.
	Savings Interest = iota
	// Activity earns MonthlyRate scaled by the post's recent deposits and
	// depreciates the balance while the post receives nothing: value
	// follows what is alive, not how old it is.
	Activity
	interestCount
)

var interestNames = [interestCount]string{"savings", "activity"}

// String is the model's name in accrue.toml: "savings" or "activity".
func (i Interest) String() string {
	if i < 0 || i >= interestCount {
		return "interest(" + strconv.Itoa(int(i)) + ")"
	}
	return interestNames[i]
}

// ParseInterest reads a model's name.
func ParseInterest(s string) (Interest, bool) {
	for i, n := range interestNames {
		if n == s {
			return Interest(i), true
		}
	}
	return 0, false
}

// Model is the value model: every event deposits its kind's weight, and
// the balance earns interest as Interest says.
type Model struct {
	Weights     Weights
	MonthlyRate float64
	Interest    Interest

	// The activity model's parameters. ActivityMonths is the trailing
	// window over which a post's activity is the points it received;
	// ActivityPoints is the activity that earns exactly MonthlyRate (twice
	// as much earns twice the rate, up to MaxBoost times). With nothing
	// received in the window the balance loses half its value every
	// HalfLifeMonths.
	ActivityMonths float64
	ActivityPoints float64
	HalfLifeMonths float64
}

// MaxBoost caps the activity model's rate at this multiple of
// MonthlyRate, so one viral month cannot make a post's value explode.
const MaxBoost = 4

// DefaultModel is the activity model with the default weights: 1% a
// month for 10 points received over the last 6 months, a half-life of 12
// months once a post has received nothing for 6 months.
func DefaultModel() Model {
	return Model{Weights: DefaultWeights(), MonthlyRate: 0.01, Interest: Activity,
		ActivityMonths: 6, ActivityPoints: 10, HalfLifeMonths: 12}
}

// SavingsModel is the pure savings account with the default weights at
// 1% a month.
func SavingsModel() Model { return Model{Weights: DefaultWeights(), MonthlyRate: 0.01} }

// monthDays is the mean Gregorian month, so twelve months are one year.
const monthDays = 365.2425 / 12

// Months is the time from from to to in months, fractional.
func Months(from, to time.Time) float64 {
	return to.Sub(from).Hours() / 24 / monthDays
}

// Value is what a deposit of w made at t0 is worth at asOf if it were
// the post's only one. In the savings model that is w * (1+r)^m, m the
// months between them, and deposits add up. In the activity model a lone
// deposit earns at its own activity for ActivityMonths, then halves every
// HalfLifeMonths; deposits interact there, so a post's value is Account's.
// A deposit after asOf is not made yet: 0.
func (m Model) Value(w float64, t0, asOf time.Time) float64 {
	if t0.After(asOf) {
		return 0
	}
	mon := Months(t0, asOf)
	if m.Interest != Activity {
		return w * math.Pow(1+m.MonthlyRate, mon)
	}
	grow := min(mon, m.ActivityMonths)
	return w * math.Exp(m.growth(w)*grow-m.decay()*(mon-grow))
}

// growth is the activity model's continuous monthly rate for activity a.
func (m Model) growth(a float64) float64 {
	if a <= 0 || m.ActivityPoints <= 0 {
		return 0
	}
	return math.Log1p(m.MonthlyRate) * min(a/m.ActivityPoints, MaxBoost)
}

// decay is the activity model's continuous monthly rate of depreciation.
func (m Model) decay() float64 {
	if m.HalfLifeMonths <= 0 {
		return 0
	}
	return math.Ln2 / m.HalfLifeMonths
}

// Account is a post's (or a blog's) balance as of a date.
type Account struct {
	Principal float64 // the sum of the weights deposited
	Value     float64 // what the balance is worth
	// Earned is the interest earned and Depreciated what the balance lost
	// while dormant: Value = Principal + Earned - Depreciated.
	Earned      float64
	Depreciated float64
}

// Interest is what the deposits earned.
func (a Account) Interest() float64 { return a.Earned }

// Add adds b to a: a blog's account is the sum of its posts'.
func (a Account) Add(b Account) Account {
	return Account{Principal: a.Principal + b.Principal, Value: a.Value + b.Value,
		Earned: a.Earned + b.Earned, Depreciated: a.Depreciated + b.Depreciated}
}

// Account totals events as of asOf. Withdrawn events (a deleted mention)
// deposit nothing, and events after asOf are not counted yet, so an
// account as of a date is the same whenever it is computed.
func (m Model) Account(events []Event, asOf time.Time) Account {
	return m.Balances(events, []time.Time{asOf})[0]
}

// Balances is Account at each of dates, which must be sorted; one pass
// over the events serves them all.
func (m Model) Balances(events []Event, dates []time.Time) []Account {
	out := make([]Account, len(dates))
	if m.Interest != Activity {
		for i, d := range dates {
			out[i] = m.savings(events, d)
		}
		return out
	}
	type change struct {
		at time.Time
		w  float64
		in bool // a deposit; else the deposit leaving the window
	}
	var changes []change
	for _, e := range events {
		if e.Withdrawn {
			continue
		}
		w := m.Weights[e.Kind]
		changes = append(changes, change{e.Date, w, true}, change{addMonths(e.Date, m.ActivityMonths), w, false})
	}
	slices.SortStableFunc(changes, func(a, b change) int { return a.at.Compare(b.at) })
	var (
		acc    Account
		active int     // deposits in the window
		a      float64 // their points
		cur    time.Time
		next   int
	)
	advance := func(to time.Time) {
		if acc.Value == 0 || !to.After(cur) {
			cur = to
			return
		}
		g, d := m.growth(a), 0.0
		if active == 0 {
			d = m.decay()
		}
		k, tau := g-d, Months(cur, to)
		// The balance is V·e^{kt}; interest and depreciation are g and d
		// times its integral over the interval.
		integral := acc.Value * tau
		if k != 0 {
			integral = acc.Value * math.Expm1(k*tau) / k
		}
		acc.Earned += g * integral
		acc.Depreciated += d * integral
		acc.Value *= math.Exp(k * tau)
		cur = to
	}
	for i, d := range dates {
		for ; next < len(changes) && !changes[next].at.After(d); next++ {
			c := changes[next]
			advance(c.at)
			if c.in {
				active++
				a += c.w
				acc.Principal += c.w
				acc.Value += c.w
			} else {
				active--
				a -= c.w
				if active == 0 {
					a = 0 // no rounding residue keeps a dormant post earning
				}
			}
		}
		advance(d)
		out[i] = acc
	}
	return out
}

// savings is the savings account's closed form: each deposit's value
// summed.
func (m Model) savings(events []Event, asOf time.Time) Account {
	var a Account
	for _, e := range events {
		if e.Withdrawn || e.Date.After(asOf) {
			continue
		}
		w := m.Weights[e.Kind]
		a.Principal += w
		a.Value += m.Value(w, e.Date, asOf)
	}
	a.Earned = a.Value - a.Principal
	return a
}

// Accounts returns every post's account as of asOf, by post; site-wide
// events are under "".
func (m Model) Accounts(l *Ledger, asOf time.Time) map[string]Account {
	out := make(map[string]Account, len(l.byPost))
	for post := range l.byPost {
		out[post] = m.Account(l.ForPost(post), asOf)
	}
	return out
}
