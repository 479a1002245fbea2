package ledger

import (
	"math"
	"testing"
	"time"
)

// activity is the default activity model with round parameters: 1% a
// month for 10 points over 6 months, a half-life of 12 months.
func activity() Model { return DefaultModel() }

// TestLoneDeposit checks the activity model's closed form for one deposit
// and nothing after: it earns at its own activity while it is in the
// window, then halves every half-life.
func TestLoneDeposit(t *testing.T) {
	m := activity()
	for _, tt := range []struct {
		name   string
		w, mon float64
		want   float64
	}{
		{"same day", 10, 0, 10},
		{"one month at the full rate", 10, 1, 10 * 1.01},
		{"the whole window", 10, 6, 10 * math.Pow(1.01, 6)},
		{"half the reference earns half the rate", 5, 6, 5 * math.Pow(1.01, 3)},
		{"the boost is capped", 100, 6, 100 * math.Pow(1.01, 6*MaxBoost)},
		{"one half-life after the window", 10, 18, 10 * math.Pow(1.01, 6) / 2},
		{"three half-lives after the window", 10, 42, 10 * math.Pow(1.01, 6) / 8},
		{"twenty-four years", 2, 288, 2 * math.Pow(1.01, 1.2) * math.Pow(2, -282.0/12)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			events := []Event{{Date: t0, Kind: KindComment}}
			mm := m
			mm.Weights[KindComment] = tt.w
			if got := mm.Value(tt.w, t0, after(tt.mon)); !near(got, tt.want) {
				t.Errorf("Value(%v, %v months) = %v; want %v", tt.w, tt.mon, got, tt.want)
			}
			a := mm.Account(events, after(tt.mon))
			if !near(a.Value, tt.want) || a.Principal != tt.w {
				t.Errorf("Account = %+v; want value %v, principal %v", a, tt.want, tt.w)
			}
			// Value = principal + interest - depreciation, and interest is
			// what the window earned.
			earned := tt.w * (math.Exp(mm.growth(tt.w)*min(tt.mon, 6)) - 1)
			if !near(a.Principal+a.Earned-a.Depreciated, a.Value) || !near(a.Earned, earned) {
				t.Errorf("Account = %+v; want earned %v and the books to balance", a, earned)
			}
		})
	}
	if got := m.Value(10, after(1), t0); got != 0 {
		t.Errorf("a deposit after the date is worth %v; want 0", got)
	}
}

// TestSteadyDeposits checks the activity model under a deposit of w every
// month: once the window holds six of them the activity is steady at 6w,
// so the balance is an annuity at the rate q = (1+r)^(6w/10) - 1.
func TestSteadyDeposits(t *testing.T) {
	m := activity()
	m.Weights[KindLike] = 1
	const n, w = 30, 1.0
	var events []Event
	for i := range n {
		events = append(events, Event{Date: after(float64(i)), Kind: KindLike})
	}
	// The first five months the window holds 1, 2, ... 5 deposits.
	v := 0.0
	for j := range 5 {
		v = (v + w) * math.Pow(1.01, float64(j+1)*w/10)
	}
	q := math.Pow(1.01, 6*w/10)
	k := float64(n - 5)
	want := v*math.Pow(q, k) + w*q*(math.Pow(q, k)-1)/(q-1)
	a := m.Account(events, after(n))
	if !near(a.Value, want) || a.Principal != n*w || a.Depreciated != 0 {
		t.Errorf("Account = %+v; want value %v, principal %v, nothing depreciated", a, want, n*w)
	}
	// Then silence: six months still earning on the last deposits as they
	// leave the window, then a half-life halves it.
	tail := m.Account(events, after(n-1+6))
	if got := m.Account(events, after(n-1+6+12)); !near(got.Value, tail.Value/2) {
		t.Errorf("a year after the window closed: %v; want half of %v", got.Value, tail.Value)
	}
}

// TestBalances checks that one pass gives what one date at a time does,
// and that withdrawn and future deposits count for nothing.
func TestBalances(t *testing.T) {
	m := activity()
	events := []Event{
		{Date: t0, Kind: KindPublish},
		{Date: after(1), Kind: KindMention, Withdrawn: true},
		{Date: after(2), Kind: KindComment},
		{Date: after(9), Kind: KindUpdate},
		{Date: after(40), Kind: KindInternalLink},
	}
	dates := []time.Time{t0, after(1), after(5), after(9), after(20), after(39), after(45)}
	got := m.Balances(events, dates)
	for i, d := range dates {
		if one := m.Account(events, d); !near(one.Value, got[i].Value) || !near(one.Earned, got[i].Earned) {
			t.Errorf("as of %v: Balances %+v, Account %+v", d, got[i], one)
		}
	}
	if got[1].Principal != 10 || got[len(got)-1].Principal != 17 {
		t.Errorf("principal = %v, then %v; want 10, then 17", got[1].Principal, got[len(got)-1].Principal)
	}
	// Dormant from month 15 (the update left the window) to month 39: the
	// balance halved twice.
	if r := got[5].Value / m.Account(events, after(15)).Value; !near(r, math.Pow(2, -24.0/12)) {
		t.Errorf("month 39 / month 15 = %v; want %v", r, math.Pow(2, -24.0/12))
	}
}

// TestActivityRanksLifeOverAge is the point of the model: an old post
// that received one link long ago is worth less than a young one that
// keeps receiving, which the savings account gets backwards.
func TestActivityRanksLifeOverAge(t *testing.T) {
	old := []Event{{Date: t0, Kind: KindPublish}, {Date: after(1), Kind: KindInternalLink}}
	var young []Event
	for i := range 4 {
		young = append(young, Event{Date: after(float64(276 + 3*i)), Kind: KindComment})
	}
	young = append(young, Event{Date: after(276), Kind: KindPublish})
	asOf := after(288)
	for _, tt := range []struct {
		m        Model
		oldFirst bool
	}{{SavingsModel(), true}, {activity(), false}} {
		o, y := tt.m.Account(old, asOf).Value, tt.m.Account(young, asOf).Value
		if (o > y) != tt.oldFirst {
			t.Errorf("%v: old post %v, young post %v", tt.m.Interest, o, y)
		}
	}
}

func TestParseInterest(t *testing.T) {
	for _, i := range []Interest{Savings, Activity} {
		if got, ok := ParseInterest(i.String()); !ok || got != i {
			t.Errorf("ParseInterest(%q) = %v, %v", i, got, ok)
		}
	}
	if _, ok := ParseInterest("compound"); ok {
		t.Error(`ParseInterest("compound") succeeded`)
	}
}
