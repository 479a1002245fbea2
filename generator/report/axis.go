package report

import (
	"strconv"
	"strings"
	"time"
)

// A blog often starts with a post or two, goes quiet for years and only
// then grows: drawn month by month, its charts would spend most of their
// width on the quiet years. So a long run of months without deposits is
// folded into a narrow band, marked as such, and the months with
// something in them share the width.

// axisMonth is a month on a chart's time axis.
type axisMonth struct {
	Start time.Time
	Quiet bool // nothing was deposited in it
}

const (
	// foldAfter is how many months without deposits in a row are folded.
	foldAfter = 12
	// foldSlots is how wide a fold is drawn, in months.
	foldSlots = 6.0
)

// fold is a run of quiet months, From to To inclusive, drawn narrow.
type fold struct{ From, To int }

// timeScale places the months of an axis: month i spans from Lo[i] to
// Hi[i] in a plot 0 to 1 wide; folded months share foldSlots.
type timeScale struct {
	Lo, Hi []float64
	Folds  []fold
}

// folds finds the runs of foldAfter or more quiet months; the first and
// last months are never folded, so the axis starts and ends on a month
// of its own.
func foldsOf(ms []axisMonth) []fold {
	var out []fold
	for i := 1; i < len(ms)-1; {
		j := i
		for j < len(ms)-1 && ms[j].Quiet {
			j++
		}
		if j-i >= foldAfter {
			out = append(out, fold{i, j - 1})
		}
		i = max(j, i+1)
	}
	return out
}

func scaleOf(ms []axisMonth) timeScale {
	s := timeScale{Lo: make([]float64, len(ms)), Hi: make([]float64, len(ms)), Folds: foldsOf(ms)}
	width := make([]float64, len(ms))
	for i := range width {
		width[i] = 1
	}
	for _, f := range s.Folds {
		n := float64(f.To - f.From + 1)
		for i := f.From; i <= f.To; i++ {
			width[i] = foldSlots / n
		}
	}
	var total float64
	for _, w := range width {
		total += w
	}
	var at float64
	for i, w := range width {
		s.Lo[i], s.Hi[i] = at/total, (at+w)/total
		at += w
	}
	return s
}

// folded reports whether month i lies in a fold.
func (s timeScale) folded(i int) bool {
	for _, f := range s.Folds {
		if f.From <= i && i <= f.To {
			return true
		}
	}
	return false
}

// unit is the width of an unfolded month, as a share of the plot.
func (s timeScale) unit() float64 {
	for i := range s.Lo {
		if !s.folded(i) {
			return s.Hi[i] - s.Lo[i]
		}
	}
	return 1
}

// axisTicks labels the months outside the folds, as monthTicks does.
func axisTicks(ms []axisMonth, s timeScale, labels int) []xTick {
	var shown []time.Time
	var index []int
	for i, m := range ms {
		if !s.folded(i) {
			shown = append(shown, m.Start)
			index = append(index, i)
		}
	}
	ticks := monthTicks(shown, labels)
	for k := range ticks {
		ticks[k].I = index[ticks[k].I]
	}
	return ticks
}

// drawFolds marks each fold across the plot, with the years it hides
// written inside it, at the top: a phone's chart has room for two
// digits a year.
func drawFolds(b *strings.Builder, f frame, ms []axisMonth, s timeScale) {
	year := func(t time.Time) string { return strconv.Itoa(t.Year()) }
	if f.Size == "narrow" {
		year = func(t time.Time) string { return "’" + t.Format("06") }
	}
	for _, fd := range s.Folds {
		x0, x1 := f.Left+f.plotW()*s.Lo[fd.From], f.Left+f.plotW()*s.Hi[fd.To]
		from, to := ms[fd.From].Start, ms[fd.To].Start
		label := year(from) + "–" + year(to)
		if from.Year() == to.Year() {
			label = year(from)
		}
		b.WriteString(`<g class="fold"><rect x="` + coord(x0) + `" y="` + coord(f.Top) + `" width="` + coord(x1-x0) + `" height="` + coord(f.plotH()) + `"/>`)
		b.WriteString(`<text x="` + coord((x0+x1)/2) + `" y="` + coord(f.Top+16) + `">` + label + `</text></g>`)
	}
}

// foldNote says in words which months a chart folds, for its description.
func foldNote(ms []axisMonth) string {
	var parts []string
	for _, fd := range foldsOf(ms) {
		parts = append(parts, ms[fd.From].Start.Format("Jan 2006")+" to "+ms[fd.To].Start.Format("Jan 2006"))
	}
	if len(parts) == 0 {
		return ""
	}
	return " Months without deposits are drawn narrow: " + strings.Join(parts, ", ") + "."
}
