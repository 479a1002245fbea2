package ledger

import (
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	m := DefaultModel()
	th := DefaultThresholds()
	pub := t0
	publish := Event{Date: pub, Kind: KindPublish}
	at := func(months float64, k Kind) Event { return Event{Date: after(months), Kind: k} }
	// every returns a deposit of kind k every step months from from to to.
	every := func(from, to, step float64, k Kind) []Event {
		var out []Event
		for mo := from; mo <= to; mo += step {
			out = append(out, at(mo, k))
		}
		return out
	}
	with := func(groups ...[]Event) []Event {
		out := []Event{publish}
		for _, g := range groups {
			out = append(out, g...)
		}
		return out
	}
	for _, tt := range []struct {
		name   string
		asOf   time.Time
		events []Event
		want   Class
	}{
		{"59 days old", pub.Add(59 * 24 * time.Hour), []Event{publish}, ClassNew},
		{"60 days old, launch comments, nothing since", pub.Add(60 * 24 * time.Hour), with([]Event{at(0.5, KindComment)}), ClassDecaying},
		{"60 days old, links in the launch: too soon to tell", pub.Add(60 * 24 * time.Hour), with([]Event{at(1, KindInternalLink), at(1.5, KindInternalLink), at(1.9, KindInternalLink)}), ClassDecaying},

		{"nothing for 24 months", after(48), with([]Event{at(23.9, KindUpdate)}), ClassDormant},
		{"an update 23 months ago keeps it from dormant", after(48), with([]Event{at(25, KindUpdate)}), ClassDecaying},
		{"a deleted mention is no deposit", after(48), with([]Event{{Date: after(40), Kind: KindMention, Withdrawn: true}}), ClassDormant},
		{"deposits after the date do not count", after(48), with([]Event{at(50, KindMention)}), ClassDormant},
		{"never anything but the publication", after(30), []Event{publish}, ClassDormant},

		{"two links from later posts, quiet launch", after(24), with([]Event{at(18, KindInternalLink), at(23, KindInternalLink)}), ClassCompounding},
		{"one stray link is not enough", after(24), with([]Event{at(23, KindInternalLink)}), ClassDecaying},
		{"a link just outside the window does not count", after(24), with([]Event{at(11.9, KindInternalLink), at(23, KindInternalLink)}), ClassDecaying},
		{"the last year equals the launch", after(24), with([]Event{at(0.5, KindMention), at(1, KindMention), at(2.5, KindComment)}, every(13, 23, 1, KindLike)[:10], []Event{at(23.5, KindLike), at(23.6, KindLike)}), ClassCompounding},
		{"the last year just below the launch, steady: evergreen", after(24), with([]Event{at(0.5, KindMention), at(1, KindMention), at(2.5, KindComment)}, every(13, 23, 1, KindLike)[:10], []Event{at(23.5, KindLike)}), ClassEvergreen},
		{"the last year below the launch, in one quarter", after(24), with([]Event{at(0.5, KindMention), at(1, KindMention)}, every(21, 23, 0.5, KindLike)), ClassDecaying},
		{"the launch ends after 3 months", after(14), with([]Event{at(3, KindComment), at(3.1, KindComment), at(3.2, KindComment)}), ClassCompounding},
		{"a deposit before 3 months is the launch's", after(14), with([]Event{at(2.99, KindComment), at(3.1, KindComment), at(3.2, KindComment), at(3.3, KindComment)}), ClassCompounding},
		{"launch outweighs the rest", after(14), with([]Event{at(2.99, KindMention), at(3.1, KindComment), at(3.2, KindLike), at(3.3, KindLike)}), ClassDecaying},
		{"a launch burst then a trickle", after(24), with(every(0, 2, 0.1, KindComment), every(13, 23, 2, KindComment)), ClassEvergreen},
		{"updates alone do not compound", after(24), with(every(12.5, 23.5, 1, KindUpdate)), ClassEvergreen},
		{"author replies are not from others", after(24), with(every(12.5, 23.5, 1, KindAuthorReply)), ClassDecaying},

		{"updated every year for years", after(60), with(every(10, 58, 9, KindUpdate)), ClassEvergreen},
		{"deposits in 3 of the last 8 quarters", after(60), with([]Event{at(37, KindUpdate), at(44, KindInternalLink), at(59, KindLike)}), ClassEvergreen},
		{"deposits in 2 of the last 8 quarters", after(60), with([]Event{at(37, KindUpdate), at(38, KindInternalLink), at(59, KindLike)}), ClassDecaying},
		{"launch deposits do not make it evergreen", pub.Add(100 * 24 * time.Hour), with(every(0, 2.5, 0.5, KindComment)), ClassDecaying},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Classify(tt.events, pub, tt.asOf, th); got != tt.want {
				t.Errorf("Classify = %v; want %v (rates %+v)", got, tt.want, m.Rates(tt.events, pub, tt.asOf, th))
			}
		})
	}
	for _, c := range Classes() {
		if c.String() == "" {
			t.Errorf("class %d has no name", c)
		}
	}
	if ClassCompounding.String() != "compounding" || ClassEvergreen.String() != "evergreen" {
		t.Error("class names")
	}
}
