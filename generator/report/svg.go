package report

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
)

// The charts are inline SVG drawn here, so the page needs no script or
// library to show them. Colours come from the page's stylesheet through
// class names (k-comment, c-dormant…), so a kind has one colour in every
// chart and legend, in both themes and on paper.

// chartText is the text alternative of a chart: its accessible name and
// description, also shown on hover. ID prefixes the ids aria-labelledby
// points at: a plain word, unique in the page.
type chartText struct {
	ID, Title, Desc string
}

// series is one layer of a stacked chart: a kind's values by month.
type series struct {
	Class  string // the CSS class that colours it
	Name   string
	Values []float64
	// Pattern fills the layer with stripes, dots or a grid in its colour
	// ("" is solid), so layers of one hue, and the interest, are told
	// apart without relying on colour.
	Pattern string
}

// patternDefs defines the fills of the patterned layers, each named
// id-k by its layer's index; it writes nothing when all are solid.
func patternDefs(b *strings.Builder, id string, layers []series) {
	started := false
	for k, s := range layers {
		if s.Pattern == "" {
			continue
		}
		if !started {
			b.WriteString(`<defs>`)
			started = true
		}
		rotate := "45"
		if s.Pattern == "back" {
			rotate = "-45"
		}
		b.WriteString(`<pattern id="` + id + `-` + strconv.Itoa(k) + `" class="` + s.Class + `" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(` + rotate + `)">`)
		b.WriteString(`<rect class="pat-bg" width="5" height="5"/>`)
		switch s.Pattern {
		case "dots":
			b.WriteString(`<circle class="pat-dot" cx="2.5" cy="2.5" r="1.3"/>`)
		case "grid":
			b.WriteString(`<path class="pat-line" d="M1,0V5M0,1H5"/>`)
		default:
			b.WriteString(`<path class="pat-line" d="M1,0V5"/>`)
		}
		b.WriteString(`</pattern>`)
	}
	if started {
		b.WriteString(`</defs>`)
	}
}

// layerOpen starts a layer's path, filled by its pattern if it has one.
func layerOpen(b *strings.Builder, id string, k int, s series) {
	b.WriteString(`<path class="` + s.Class + `"`)
	if s.Pattern != "" {
		b.WriteString(` style="fill:url(#` + id + `-` + strconv.Itoa(k) + `)"`)
	}
	b.WriteString(` d="`)
}

// frame is a chart's drawing area inside its viewBox.
type frame struct {
	W, H                     float64 // the viewBox
	Left, Right, Top, Bottom float64 // margins for the axes
	Labels                   int     // at most this many years labelled
	// Size is "wide" or "narrow": a page draws a time chart twice, and
	// its stylesheet shows the one that fits the screen, so a phone gets
	// a chart shaped for it with text it can read.
	Size string
}

func (f frame) plotW() float64 { return f.W - f.Left - f.Right }
func (f frame) plotH() float64 { return f.H - f.Top - f.Bottom }

// y maps a value on an axis from 0 to top to its height in the frame.
func (f frame) y(v, top float64) float64 {
	return f.Top + f.plotH()*(1-v/top)
}

var (
	valueWide     = frame{W: 960, H: 320, Left: 60, Right: 12, Top: 14, Bottom: 34, Labels: 8, Size: "wide"}
	valueNarrow   = frame{W: 480, H: 320, Left: 44, Right: 10, Top: 12, Bottom: 32, Labels: 4, Size: "narrow"}
	depositWide   = frame{W: 960, H: 200, Left: 60, Right: 12, Top: 12, Bottom: 34, Labels: 8, Size: "wide"}
	depositNarrow = frame{W: 480, H: 220, Left: 44, Right: 10, Top: 12, Bottom: 32, Labels: 4, Size: "narrow"}
)

// svgOpen writes the start of an accessible chart: role, title and desc,
// and a width and height the stylesheet scales to the container's width.
func svgOpen(b *strings.Builder, class string, f frame, l chartText) {
	b.WriteString(`<svg class="`)
	b.WriteString(class)
	if f.Size != "" {
		b.WriteString(" " + f.Size)
	}
	b.WriteString(`" viewBox="0 0 `)
	b.WriteString(coord(f.W) + " " + coord(f.H))
	b.WriteString(`" width="` + coord(f.W) + `" height="` + coord(f.H))
	b.WriteString(`" role="img" aria-labelledby="` + l.ID + `-t ` + l.ID + `-d">`)
	b.WriteString(`<title id="` + l.ID + `-t">`)
	b.WriteString(template.HTMLEscapeString(l.Title))
	b.WriteString(`</title><desc id="` + l.ID + `-d">`)
	b.WriteString(template.HTMLEscapeString(l.Desc))
	b.WriteString(`</desc>`)
}

// emptyChart is a chart with nothing to draw: a frame that says so, so
// the page keeps its shape and a reader knows the chart is not broken.
func emptyChart(f frame, l chartText, message string) template.HTML {
	var b strings.Builder
	svgOpen(&b, "chart empty", f, l)
	b.WriteString(`<rect class="plot" x="0.5" y="0.5" width="` + coord(f.W-1) + `" height="` + coord(f.H-1) + `" rx="8"/>`)
	b.WriteString(`<text x="` + coord(f.W/2) + `" y="` + coord(f.H/2) + `" text-anchor="middle" dominant-baseline="middle">`)
	b.WriteString(template.HTMLEscapeString(message))
	b.WriteString(`</text></svg>`)
	return template.HTML(b.String())
}

// niceTicks divides an axis from 0 to at least high into about n steps
// of a round size (1, 2, 2.5 or 5 times a power of ten) and returns the
// ticks from 0 to the top of the axis. An axis with nothing on it goes
// from 0 to 1.
func niceTicks(high float64, n int) []float64 {
	if !(high > 0) || math.IsInf(high, 1) || n < 1 {
		return []float64{0, 1}
	}
	step := niceStep(high / float64(n))
	count := int(math.Ceil(high/step - 1e-9)) // 100 in steps of 20 is 5 steps, not 6
	ticks := make([]float64, count+1)
	for i := range ticks {
		ticks[i] = float64(i) * step
	}
	return ticks
}

// niceStep is the smallest round number at least rough.
func niceStep(rough float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(rough)))
	for _, m := range []float64{1, 2, 2.5, 5} {
		if rough <= m*mag*(1+1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// tickLabel writes an axis value with as few places as the step needs,
// and thousands as k once the axis reaches ten thousand.
func tickLabel(v, step, top float64) string {
	if v == 0 {
		return "0"
	}
	suffix := ""
	if top >= 10000 {
		v, step, suffix = v/1000, step/1000, "k"
	}
	places := 0
	for places < 3 && math.Abs(step*math.Pow(10, float64(places))-math.Round(step*math.Pow(10, float64(places)))) > 1e-6 {
		places++
	}
	return thousands(strconv.FormatFloat(v, 'f', places, 64)) + suffix
}

// yAxis draws the horizontal gridlines and their labels.
func yAxis(b *strings.Builder, f frame, ticks []float64) {
	top := ticks[len(ticks)-1]
	step := ticks[1] - ticks[0]
	b.WriteString(`<g class="grid">`)
	for _, t := range ticks {
		y := coord(f.y(t, top))
		b.WriteString(`<line x1="` + coord(f.Left) + `" x2="` + coord(f.W-f.Right) + `" y1="` + y + `" y2="` + y + `"/>`)
	}
	b.WriteString(`</g><g class="axis y">`)
	for _, t := range ticks {
		b.WriteString(`<text x="` + coord(f.Left-8) + `" y="` + coord(f.y(t, top)) + `">` + tickLabel(t, step, top) + `</text>`)
	}
	b.WriteString(`</g>`)
}

// xTick is a labelled month on the x axis.
type xTick struct {
	I     int // index of the month
	Label string
	Major bool // a year boundary: drawn as a gridline
}

// monthTicks chooses the months to label: each January, thinned to at
// most labels; quarters when the months span fewer than two Januaries;
// every month when there are only a few.
func monthTicks(months []time.Time, labels int) []xTick {
	var years []xTick
	for i, m := range months {
		if m.Month() == time.January {
			years = append(years, xTick{I: i, Label: strconv.Itoa(m.Year()), Major: true})
		}
	}
	if len(years) >= 2 {
		every := (len(years) + labels - 1) / max(labels, 1)
		for i := range years {
			if (len(years)-1-i)%every != 0 { // the latest year keeps its label
				years[i].Label = ""
			}
		}
		return years
	}
	every := 12
	for _, e := range []int{1, 3, 6} {
		if len(months)/e <= labels {
			every = e
			break
		}
	}
	var out []xTick
	for i, m := range months {
		if int(m.Month()-1)%every != 0 || i > 0 && m.Equal(months[i-1]) {
			continue
		}
		l := m.Format("Jan")
		if len(out) == 0 || m.Month() == time.January {
			l = m.Format("Jan 2006")
		}
		out = append(out, xTick{I: i, Label: l, Major: m.Month() == time.January})
	}
	return out
}

// xAxis draws the month labels below the plot, x placing month i.
func xAxis(b *strings.Builder, f frame, ticks []xTick, x func(int) float64) {
	b.WriteString(`<g class="grid major">`)
	for _, t := range ticks {
		if t.Major && t.I > 0 {
			xs := coord(x(t.I))
			b.WriteString(`<line x1="` + xs + `" x2="` + xs + `" y1="` + coord(f.Top) + `" y2="` + coord(f.H-f.Bottom) + `"/>`)
		}
	}
	b.WriteString(`</g><g class="axis x">`)
	for _, t := range ticks {
		if t.Label != "" {
			b.WriteString(`<text x="` + coord(x(t.I)) + `" y="` + coord(f.H-f.Bottom+22) + `">` + template.HTMLEscapeString(t.Label) + `</text>`)
		}
	}
	b.WriteString(`</g>`)
	b.WriteString(`<line class="baseline" x1="` + coord(f.Left) + `" x2="` + coord(f.W-f.Right) + `" y1="` + coord(f.H-f.Bottom) + `" y2="` + coord(f.H-f.Bottom) + `"/>`)
}

// stack returns the running sums of the layers: tops[k][i] is the top
// of layer k at month i. Negative values count as nothing.
func stack(layers []series, n int) [][]float64 {
	tops := make([][]float64, len(layers))
	below := make([]float64, n)
	for k, s := range layers {
		tops[k] = make([]float64, n)
		for i := range n {
			below[i] += math.Max(0, s.Values[i])
			tops[k][i] = below[i]
		}
	}
	return tops
}

// maxOf is the largest value of the top layer, the total.
func maxOf(tops [][]float64) float64 {
	var m float64
	if len(tops) == 0 {
		return 0
	}
	for _, v := range tops[len(tops)-1] {
		m = math.Max(m, v)
	}
	return m
}

// areaChart draws layers stacked as areas over months, the last layer
// on top, with a line along the total.
func areaChart(f frame, l chartText, months []axisMonth, layers []series, empty string) template.HTML {
	n := len(months)
	if n == 0 || len(layers) == 0 {
		return emptyChart(f, l, empty)
	}
	tops := stack(layers, n)
	if n == 1 { // one month: a flat band across the plot
		months = []axisMonth{months[0], months[0]}
		for k := range tops {
			tops[k] = append(tops[k], tops[k][0])
		}
		n = 2
	}
	ticks := niceTicks(maxOf(tops), 5)
	top := ticks[len(ticks)-1]
	// The area runs from the first month's start to the last one's, and
	// folded months are narrow.
	sc := scaleOf(months)
	first, last := sc.Lo[0], sc.Lo[n-1]
	for k := range sc.Lo {
		sc.Lo[k], sc.Hi[k] = (sc.Lo[k]-first)/(last-first), (sc.Hi[k]-first)/(last-first)
	}
	x := func(i int) float64 { return f.Left + f.plotW()*sc.Lo[i] }
	for _, fd := range sc.Folds { // a fold ends where the next month starts
		sc.Hi[fd.To] = sc.Lo[fd.To+1]
	}
	var b strings.Builder
	svgOpen(&b, "chart area", f, l)
	yAxis(&b, f, ticks)
	drawFolds(&b, f, months, sc)
	patternDefs(&b, l.ID, layers)
	var below []float64
	for k, s := range layers {
		layerOpen(&b, l.ID, k, s)
		for i := range n {
			b.WriteString(cmd(i == 0, x(i), f.y(tops[k][i], top)))
		}
		for i := n - 1; i >= 0; i-- {
			v := 0.0
			if below != nil {
				v = below[i]
			}
			b.WriteString(cmd(false, x(i), f.y(v, top)))
		}
		b.WriteString(`Z"/>`)
		below = tops[k]
	}
	b.WriteString(`<path class="total" d="`)
	for i := range n {
		b.WriteString(cmd(i == 0, x(i), f.y(below[i], top)))
	}
	b.WriteString(`"/>`)
	xAxis(&b, f, axisTicks(months, sc, f.Labels), x)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// barChart draws one bar a month, its layers stacked.
func barChart(f frame, l chartText, months []axisMonth, layers []series, empty string) template.HTML {
	n := len(months)
	if n == 0 || len(layers) == 0 {
		return emptyChart(f, l, empty)
	}
	tops := stack(layers, n)
	ticks := niceTicks(maxOf(tops), 4)
	top := ticks[len(ticks)-1]
	sc := scaleOf(months)
	width := f.plotW() * sc.unit() * 0.72
	center := func(i int) float64 { return f.Left + f.plotW()*(sc.Lo[i]+sc.Hi[i])/2 }
	var b strings.Builder
	svgOpen(&b, "chart bars", f, l)
	yAxis(&b, f, ticks)
	drawFolds(&b, f, months, sc)
	patternDefs(&b, l.ID, layers)
	for k, s := range layers {
		layerOpen(&b, l.ID, k, s)
		for i := range n {
			lo := 0.0
			if k > 0 {
				lo = tops[k-1][i]
			}
			if tops[k][i] <= lo {
				continue
			}
			y0, y1 := f.y(tops[k][i], top), f.y(lo, top)
			b.WriteString("M" + coord(center(i)-width/2) + "," + coord(y0) + "h" + coord(width) + "v" + coord(y1-y0) + "h" + coord(-width) + "z")
		}
		b.WriteString(`"/>`)
	}
	xAxis(&b, f, axisTicks(months, sc, f.Labels), center)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// cmd is one point of a path: a move to it when first, else a line.
func cmd(first bool, x, y float64) string {
	if first {
		return "M" + coord(x) + "," + coord(y)
	}
	return "L" + coord(x) + "," + coord(y)
}

// Sparklines are as small as a chart can be, for a posts table of ten
// thousand rows: one polyline on whole-unit steps, named by a <title> a
// screen reader reads and a mouse shows.
const (
	sparkStep = 5 // units between months
	sparkH    = 18
)

// sparkline draws values as a line from 0 at the bottom to top at the
// top. The posts table passes every post the same top, so lines compare
// at a glance: a post that received nothing is flat at the bottom.
func sparkline(values []Points, top Points, title string) template.HTML {
	if len(values) == 0 {
		return ""
	}
	w := strconv.Itoa(2 + sparkStep*(len(values)-1))
	var b strings.Builder
	b.Grow(200)
	b.WriteString(`<svg class="spark" viewBox="0 0 ` + w + ` 18" width="` + w + `" height="18" role="img"><title>`)
	b.WriteString(template.HTMLEscapeString(title))
	b.WriteString(`</title><polyline points="`)
	for i, v := range values {
		y := float64(sparkH - 1)
		if top > 0 {
			y = 1 + float64(sparkH-2)*(1-float64(v/top))
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(1+sparkStep*i) + "," + coord(y))
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String())
}

// share is one part of a whole, for the class bar.
type share struct {
	Class string
	Name  string
	Count int
}

var classFrame = frame{W: 960, H: 28}

// shareBar draws parts of a whole as one horizontal bar.
func shareBar(l chartText, parts []share, empty string) template.HTML {
	total := 0
	for _, p := range parts {
		total += p.Count
	}
	if total == 0 {
		return emptyChart(classFrame, l, empty)
	}
	var b strings.Builder
	svgOpen(&b, "chart share", classFrame, l)
	b.WriteString(`<clipPath id="` + l.ID + `-clip"><rect width="960" height="28" rx="6"/></clipPath><g clip-path="url(#` + l.ID + `-clip)">`)
	x := 0.0
	for _, p := range parts {
		if p.Count == 0 {
			continue
		}
		w := classFrame.W * float64(p.Count) / float64(total)
		b.WriteString(`<rect class="` + p.Class + `" x="` + coord(x) + `" width="` + coord(w) + `" height="28"/>`)
		x += w
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

// coord writes a coordinate with at most one place: enough for a viewBox
// hundreds of units wide, and short.
func coord(f float64) string {
	r := math.Round(f*10) / 10
	if r == 0 {
		return "0" // not "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
