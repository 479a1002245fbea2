package report

import (
	"strings"

	"github.com/accruehq/accrue/generator/ledger"
)

// A page tells fourteen kinds of deposit apart in charts a few hundred
// pixels tall. Fourteen colours cannot be told apart, so the kinds fall
// into four families, each with a hue of its own, and the kinds of a
// family differ by pattern: solid, striped, dotted, crossed and striped
// the other way. A reader sees who deposited at a glance and which kind
// on a closer look, in colour or not.

// family is a group of kinds that share a hue.
type family struct {
	Name  string // "Readers"
	Class string // colours it: "f-readers"
	Kinds []ledger.Kind
}

// families are the kinds by who makes them, in the order charts stack
// them and legends list them: the author's own work at the bottom.
var families = []family{
	{"Author", "f-author", []ledger.Kind{ledger.KindPublish, ledger.KindUpdate, ledger.KindAuthorReply, ledger.KindMaintenance}},
	{"Readers", "f-readers", []ledger.Kind{ledger.KindComment, ledger.KindReply, ledger.KindLike, ledger.KindRepost, ledger.KindBookmark}},
	{"Other sites", "f-sites", []ledger.Kind{ledger.KindMention, ledger.KindPingback, ledger.KindTrackback}},
	{"Links", "f-links", []ledger.Kind{ledger.KindInternalLink, ledger.KindOutboundLink}},
}

// patterns tell the kinds of a family apart, by their place in it.
var patterns = []string{"", "stripes", "dots", "grid", "back"}

// kindView is a deposit kind as legends and tables show it.
type kindView struct {
	Name  string // ledger name: "internal-link"
	Label string // "Internal link"
	// Class colours it by its family and patterns it within: "k-like
	// f-readers p-dots".
	Class string
	// Pattern is "" for a solid fill, else the name of its pattern.
	Pattern string
}

// familyView is a family in a legend: its name and the kinds shown.
type familyView struct {
	Name  string
	Kinds []kindView
}

func kindOf(name string) kindView {
	l := strings.ReplaceAll(name, "-", " ")
	if l != "" {
		l = strings.ToUpper(l[:1]) + l[1:]
	}
	v := kindView{Name: name, Label: l, Class: "k-" + name}
	for _, f := range families {
		for i, k := range f.Kinds {
			if k.String() == name {
				v.Pattern = patterns[i%len(patterns)]
				v.Class += " " + f.Class
				if v.Pattern != "" {
					v.Class += " p-" + v.Pattern
				}
			}
		}
	}
	return v
}

// kindsIn lists the kinds deposited in the months, family by family.
func kindsIn(months []Month) []kindView {
	var out []kindView
	for _, f := range families {
		for _, k := range f.Kinds {
			for _, m := range months {
				if _, ok := m.Deposits[k.String()]; ok {
					out = append(out, kindOf(k.String()))
					break
				}
			}
		}
	}
	return out
}

// legendOf groups kinds, as kindsIn lists them, by family.
func legendOf(kinds []kindView) []familyView {
	var out []familyView
	for _, f := range families {
		fv := familyView{Name: f.Name}
		for _, k := range kinds {
			for _, fk := range f.Kinds {
				if fk.String() == k.Name {
					fv.Kinds = append(fv.Kinds, k)
				}
			}
		}
		if len(fv.Kinds) > 0 {
			out = append(out, fv)
		}
	}
	return out
}
