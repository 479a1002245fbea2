package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// quietMonths makes n months from 2019-01 whose pattern says which had
// deposits: 'x' a month with some, '.' a quiet one.
func quietMonths(pattern string) []axisMonth {
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]axisMonth, len(pattern))
	for i, c := range pattern {
		out[i] = axisMonth{Start: start.AddDate(0, i, 0), Quiet: c == '.'}
	}
	return out
}

func TestFolds(t *testing.T) {
	for _, tt := range []struct{ name, months, want string }{
		{"none", "x" + strings.Repeat(".", 11) + "x", ""},
		{"a year folds", "x" + strings.Repeat(".", 12) + "x", "1-12"},
		{"two runs", "x" + strings.Repeat(".", 20) + "xx" + strings.Repeat(".", 13) + "x", "1-20 23-35"},
		{"the last month stays", "x" + strings.Repeat(".", 15), "1-14"},
		{"the first month stays", strings.Repeat(".", 15) + "x", "1-14"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range foldsOf(quietMonths(tt.months)) {
				got = append(got, fmt.Sprintf("%d-%d", f.From, f.To))
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("folds = %q; want %q", s, tt.want)
			}
		})
	}
}

// TestScaleFoldsNarrow checks that a fold takes foldSlots months of
// width, the other months one each, and that together they fill the
// plot without gaps.
func TestScaleFoldsNarrow(t *testing.T) {
	ms := quietMonths("x" + strings.Repeat(".", 40) + "xxx")
	s := scaleOf(ms)
	total := 4 + foldSlots
	if got, want := s.Hi[0]-s.Lo[0], 1/total; !near(got, want) {
		t.Errorf("a month with deposits is %v wide; want %v", got, want)
	}
	if got, want := s.Hi[40]-s.Lo[1], foldSlots/total; !near(got, want) {
		t.Errorf("the fold is %v wide; want %v", got, want)
	}
	for i := 1; i < len(ms); i++ {
		if !near(s.Lo[i], s.Hi[i-1]) {
			t.Errorf("month %d starts at %v, not where month %d ends (%v)", i, s.Lo[i], i-1, s.Hi[i-1])
		}
	}
	if !near(s.Hi[len(ms)-1], 1) {
		t.Errorf("the last month ends at %v; want 1", s.Hi[len(ms)-1])
	}
}

// TestChartsMarkFolds checks that both charts draw a fold with its
// years, label no month inside it, and say so in their description.
func TestChartsMarkFolds(t *testing.T) {
	months := []Month{{Month: "2019-05", Count: 1, Deposits: map[string]Points{"publish": 10}, Closing: 10}}
	for m := time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC); m.Year() < 2022; m = m.AddDate(0, 1, 0) {
		months = append(months, Month{Month: m.Format("2006-01"), Closing: 10})
	}
	months = append(months, Month{Month: "2022-01", Count: 1, Deposits: map[string]Points{"comment": 2}, Closing: 12})
	kinds := kindsIn(months)
	for name, c := range map[string]sized{"value": valueChart(months, kinds, "v", "t"), "deposits": depositChart(months, kinds)} {
		svg := string(c.Wide)
		if !strings.Contains(svg, `<g class="fold"><rect`) || !strings.Contains(svg, `>2019–2021</text></g>`) {
			t.Errorf("%s: no fold marked 2019–2021 in %s", name, svg)
		}
		for _, y := range []string{">2020<", ">2021<"} {
			if strings.Contains(svg, y) {
				t.Errorf("%s: a year inside the fold is labelled %s", name, y)
			}
		}
		for _, x := range regexp.MustCompile(`[ML]([-\d.]+),[-\d.]+[LMhZ"]`).FindAllStringSubmatch(svg, -1) {
			if v, _ := strconv.ParseFloat(x[1], 64); v < valueWide.Left-1 || v > valueWide.W-valueWide.Right+0.05 {
				t.Errorf("%s: a point at x=%v, outside the plot", name, v)
				break
			}
		}
		if !strings.Contains(svg, "drawn narrow: Jun 2019 to Dec 2021.") {
			t.Errorf("%s: the description does not name the fold: %s", name, svg)
		}
		if !strings.Contains(string(c.Narrow), `>’19–’21</text></g>`) {
			t.Errorf("%s: the phone's chart does not mark the fold with short years", name)
		}
	}
}
