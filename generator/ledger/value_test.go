package ledger

import (
	"math"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

var t0 = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// after returns t0 plus m mean months.
func after(m float64) time.Time {
	return t0.Add(time.Duration(m * monthDays * 24 * float64(time.Hour)))
}

func TestSingleDeposit(t *testing.T) {
	m := SavingsModel()
	for _, tt := range []struct {
		name   string
		w, mon float64
		want   float64
	}{
		{"same day", 10, 0, 10},
		{"one month", 10, 1, 10 * 1.01},
		{"a year: 10 * 1.01^12", 10, 12, 11.268250301319697},
		{"half a month", 10, 0.5, 10 * math.Sqrt(1.01)},
		{"ten years", 3, 120, 3 * math.Pow(1.01, 120)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Value(tt.w, t0, after(tt.mon)); !near(got, tt.want) {
				t.Errorf("Value(%v, %v months) = %v; want %v", tt.w, tt.mon, got, tt.want)
			}
		})
	}
	if got := m.Value(10, after(1), t0); got != 0 {
		t.Errorf("a deposit after the date is worth %v; want 0", got)
	}
	if got := Months(t0, t0.AddDate(1, 0, 0)); !near(got, 12*366/365.2425) { // 2024 is a leap year
		t.Errorf("Months over 2024 = %v", got)
	}
}

// TestMonthlySeries checks an annuity: n monthly deposits of w, the first
// at t0, valued one month after the last, is w*((1+r)^(n+1) - (1+r))/r.
func TestMonthlySeries(t *testing.T) {
	m := Model{MonthlyRate: 0.02}
	m.Weights[KindComment] = 4
	const n = 24
	var events []Event
	for i := range n {
		events = append(events, Event{Date: after(float64(i)), Kind: KindComment})
	}
	r, w := 0.02, 4.0
	want := w * (math.Pow(1+r, n+1) - (1 + r)) / r
	a := m.Account(events, after(n))
	if !near(a.Value, want) || a.Principal != n*w || !near(a.Interest(), want-n*w) {
		t.Errorf("Account = %+v, interest %v; want value %v, principal %v", a, a.Interest(), want, n*w)
	}
}

func TestAccountRules(t *testing.T) {
	m := SavingsModel()
	events := []Event{
		{Date: t0, Kind: KindPublish},
		{Date: after(1), Kind: KindMention, Withdrawn: true}, // deleted: deposits nothing
		{Date: after(2), Kind: KindLike},
		{Date: after(30), Kind: KindComment}, // after the date: not yet
	}
	asOf := after(6)
	a := m.Account(events, asOf)
	want := 10*math.Pow(1.01, 6) + 1*math.Pow(1.01, 4)
	if a.Principal != 11 || !near(a.Value, want) {
		t.Errorf("Account = %+v; want principal 11, value %v", a, want)
	}
	// Reproducible: the same date gives the same figures.
	if b := m.Account(events, asOf); b != a {
		t.Errorf("second computation = %+v; want %+v", b, a)
	}
	sum := a.Add(Account{Principal: 1, Value: 2})
	if sum.Principal != 12 || !near(sum.Value, want+2) {
		t.Errorf("Add = %+v", sum)
	}
}

func TestAccounts(t *testing.T) {
	l := fixture()
	m := SavingsModel()
	asOf := day("2024-04-01")
	got := m.Accounts(l, asOf)
	a := got["content/posts/a.md"]
	// publish 10, update 3, internal link 2, comment 2, like 1; the mention is withdrawn.
	if a.Principal != 18 {
		t.Errorf("a's principal = %v; want 18", a.Principal)
	}
	if site := got[""]; site.Principal != 0 { // maintenance weighs nothing
		t.Errorf("site-wide principal = %v; want 0", site.Principal)
	}
	if w := DefaultWeights(); w[KindReply] != 5 || w[KindOutboundLink] != 0.5 || w[KindAuthorReply] != 1 {
		t.Errorf("default weights = %v", w)
	}
}
