package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/ledger"
)

// TestKindsLookApart checks that every kind of deposit has a family and
// that no two kinds share both hue and pattern.
func TestKindsLookApart(t *testing.T) {
	seen := map[string]string{}
	for _, k := range ledger.Kinds() {
		v := kindOf(k.String())
		fam := ""
		for _, c := range strings.Fields(v.Class) {
			if strings.HasPrefix(c, "f-") {
				fam = c
			}
		}
		if fam == "" {
			t.Errorf("kind %s has no family: class %q", k, v.Class)
			continue
		}
		look := fam + "/" + v.Pattern
		if other, ok := seen[look]; ok {
			t.Errorf("kinds %s and %s both look %s", other, k, look)
		}
		seen[look] = k.String()
	}
}

// TestLegendByFamily checks the legend's order and grouping: the
// author's kinds first, then the readers', and no empty family.
func TestLegendByFamily(t *testing.T) {
	months := []Month{
		{Month: "2025-01", Deposits: map[string]Points{"like": 1, "publish": 10, "comment": 2}},
		{Month: "2025-02", Deposits: map[string]Points{"internal-link": 2}},
	}
	var got []string
	for _, f := range legendOf(kindsIn(months)) {
		var names []string
		for _, k := range f.Kinds {
			names = append(names, k.Name)
		}
		got = append(got, f.Name+": "+strings.Join(names, ", "))
	}
	want := []string{"Author: publish", "Readers: comment, like", "Links: internal-link"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("legend = %q; want %q", got, want)
	}
}

// TestPatternedLayers checks that a patterned layer is filled by a
// pattern the chart defines, in the layer's colour.
func TestPatternedLayers(t *testing.T) {
	months := []Month{
		{Month: "2025-01", Deposits: map[string]Points{"comment": 2, "like": 1}},
		{Month: "2025-02", Deposits: map[string]Points{"like": 1}},
	}
	svg := string(areaChart(valueWide, chartText{ID: "v"}, monthTimes(months), valueLayers(months, kindsIn(months)), "none"))
	fills := regexp.MustCompile(`<path class="([^"]*)"(?: style="fill:url\(#([^)]*)\)")?`).FindAllStringSubmatch(svg, -1)
	want := map[string]bool{"k-comment f-readers": false, "k-like f-readers p-dots": true, "k-interest": true}
	for _, f := range fills {
		patterned, ok := want[f[1]]
		if !ok {
			continue
		}
		delete(want, f[1])
		if patterned != (f[2] != "") {
			t.Errorf("layer %q filled by pattern %q; want patterned %v", f[1], f[2], patterned)
		}
		if f[2] != "" && !strings.Contains(svg, `<pattern id="`+f[2]+`" class="`+f[1]+`"`) {
			t.Errorf("layer %q is filled by #%s, which the chart does not define in its colour", f[1], f[2])
		}
	}
	for class := range want {
		t.Errorf("no layer %q in %s", class, svg)
	}
}
