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
	for _, tt := range []struct {
		name   string
		asOf   time.Time
		events []Event
		want   Class
	}{
		{"59 days old", pub.Add(59 * 24 * time.Hour), []Event{publish}, ClassNew},
		{"60 days old, launch comments, nothing since", pub.Add(60 * 24 * time.Hour), []Event{publish, at(0.5, KindComment)}, ClassDecaying},
		{"nothing for 12 months", after(24), []Event{publish, at(11.9, KindUpdate)}, ClassDormant},
		{"an update keeps it from dormant, but only others compound", after(24), []Event{publish, at(20, KindUpdate)}, ClassDecaying},
		{"a deleted mention is no deposit", after(24), []Event{publish, {Date: after(20), Kind: KindMention, Withdrawn: true}}, ClassDormant},
		{"recent rate equals launch rate", after(24), []Event{publish, at(0.5, KindLike), at(20, KindLike), at(21, KindLike), at(22, KindLike), at(22.5, KindLike), at(23, KindLike), at(23.5, KindLike)}, ClassCompounding},
		{"recent rate below launch rate", after(24), []Event{publish, at(0.5, KindMention), at(0.6, KindMention), at(20, KindLike)}, ClassDecaying},
		{"no launch deposits, one recent link", after(24), []Event{publish, at(23, KindInternalLink)}, ClassCompounding},
		{"deposits after the date do not count", after(24), []Event{publish, at(30, KindMention)}, ClassDormant},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Classify(tt.events, pub, tt.asOf, th); got != tt.want {
				t.Errorf("Classify = %v; want %v", got, tt.want)
			}
		})
	}
	if ClassCompounding.String() != "compounding" || ClassDormant.String() != "dormant" {
		t.Error("class names")
	}
}
