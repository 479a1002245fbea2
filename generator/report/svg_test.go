package report

import (
	"encoding/xml"
	"html/template"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestNiceTicks(t *testing.T) {
	for _, tt := range []struct {
		name string
		max  float64
		n    int
		want []float64
	}{
		{"fifties", 156.3, 5, []float64{0, 50, 100, 150, 200}},
		{"exact top", 100, 5, []float64{0, 20, 40, 60, 80, 100}},
		{"twos", 9, 5, []float64{0, 2, 4, 6, 8, 10}},
		{"fractions", 1, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"two and a half", 12345, 5, []float64{0, 2500, 5000, 7500, 10000, 12500}},
		{"zero", 0, 5, []float64{0, 1}},
		{"negative", -3, 5, []float64{0, 1}},
		{"not a number", math.NaN(), 5, []float64{0, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := niceTicks(tt.max, tt.n)
			if len(got) != len(tt.want) {
				t.Fatalf("niceTicks(%v, %d) = %v; want %v", tt.max, tt.n, got, tt.want)
			}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 1e-9 {
					t.Fatalf("niceTicks(%v, %d) = %v; want %v", tt.max, tt.n, got, tt.want)
				}
			}
		})
	}
}

func TestTickLabel(t *testing.T) {
	for _, tt := range []struct {
		name         string
		v, step, top float64
		want         string
	}{
		{"whole", 150, 50, 200, "150"},
		{"tenths", 0.4, 0.2, 1, "0.4"},
		{"thousands", 5000, 1000, 8000, "5,000"},
		{"k", 7500, 2500, 12500, "7.5k"},
		{"zero", 0, 2500, 12500, "0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tickLabel(tt.v, tt.step, tt.top); got != tt.want {
				t.Errorf("tickLabel(%v, %v, %v) = %q; want %q", tt.v, tt.step, tt.top, got, tt.want)
			}
		})
	}
}

func TestMonthTicks(t *testing.T) {
	months := func(from string, n int) []time.Time {
		start, _ := time.Parse("2006-01", from)
		out := make([]time.Time, n)
		for i := range out {
			out[i] = start.AddDate(0, i, 0)
		}
		return out
	}
	for _, tt := range []struct {
		name   string
		months []time.Time
		labels int
		want   string
	}{
		{"years", months("2023-01", 30), 8, "0:2023 12:2024 24:2025"},
		{"years thinned, the latest kept", months("2010-01", 16*12), 4, "36:2013 84:2017 132:2021 180:2025"},
		{"quarters", months("2024-11", 14), 8, "2:Jan 2025 5:Apr 8:Jul 11:Oct"},
		{"every month", months("2025-02", 5), 8, "0:Feb 2025 1:Mar 2:Apr 3:May 4:Jun"},
		{"one month twice", []time.Time{months("2025-06", 1)[0], months("2025-06", 1)[0]}, 8, "0:Jun 2025"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tick := range monthTicks(tt.months, tt.labels) {
				if tick.Label != "" {
					got = append(got, strconv.Itoa(tick.I)+":"+tick.Label)
				}
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("labels = %q; want %q", s, tt.want)
			}
		})
	}
}

// TestValueLayersSumToClosing checks the value chart against the
// statement: the deposits by kind and the interest stack up to the
// closing value at every month, and the chart's top line is drawn there.
func TestValueLayersSumToClosing(t *testing.T) {
	r := Compute(fixture(), Options{AsOf: fixtureAsOf})
	st, _ := PostStatement(fixture(), Options{AsOf: fixtureAsOf}, "hello")
	for name, months := range map[string][]Month{"report": r.Timeline, "statement": st.Months} {
		t.Run(name, func(t *testing.T) {
			kinds := kindsIn(months)
			layers := valueLayers(months, kinds)
			tops := stack(layers, len(months))
			total := tops[len(tops)-1]
			for i, m := range months {
				if math.Abs(total[i]-float64(m.Closing)) > 1e-9 {
					t.Errorf("%s: layers add up to %v; want the closing value %v", m.Month, total[i], m.Closing)
				}
			}

			svg := string(areaChart(valueWide, chartText{ID: "v", Title: "t", Desc: "d"}, monthTimes(months), layers, "none"))
			ticks := niceTicks(maxOf(tops), 5)
			top := ticks[len(ticks)-1]
			line := pathPoints(t, svg, "total")
			if len(line) != len(months) {
				t.Fatalf("the total line has %d points; want one a month, %d", len(line), len(months))
			}
			for i, m := range months {
				if want := coord(valueWide.y(float64(m.Closing), top)); line[i][1] != want {
					t.Errorf("%s: total line at y=%s; want %s, the closing value %v", m.Month, line[i][1], want, m.Closing)
				}
			}
			if top < maxOf(tops) {
				t.Errorf("axis top %v is below the highest value %v", top, maxOf(tops))
			}
		})
	}
}

// pathPoints reads the points of the path with the class from svg.
func pathPoints(t *testing.T, svg, class string) [][2]string {
	t.Helper()
	m := regexp.MustCompile(`<path class="` + class + `" d="([^"]*)"`).FindStringSubmatch(svg)
	if m == nil {
		t.Fatalf("no path %q in %s", class, svg)
	}
	var out [][2]string
	for _, p := range regexp.MustCompile(`[ML]([-\d.]+),([-\d.]+)`).FindAllStringSubmatch(m[1], -1) {
		out = append(out, [2]string{p[1], p[2]})
	}
	return out
}

func TestDepositBarsStack(t *testing.T) {
	months := []Month{
		{Month: "2025-01", Deposits: map[string]Points{"publish": 10, "comment": 4}},
		{Month: "2025-02", Deposits: map[string]Points{"comment": 2}},
	}
	kinds := kindsIn(months)
	svg := string(barChart(depositWide, chartText{ID: "d"}, monthTimes(months), depositLayers(months, kinds), "none"))
	// The axis goes to 15 (0, 5, 10, 15): the comment bar of January
	// sits on its publish bar, from 10 to 14.
	top := 15.0
	comment := regexp.MustCompile(`<path class="k-comment f-readers" d="M[\d.]+,([\d.]+)h[\d.]+v([\d.]+)`).FindStringSubmatch(svg)
	if comment == nil {
		t.Fatalf("no comment bars in %s", svg)
	}
	if comment[1] != coord(depositWide.y(14, top)) || comment[2] != coord(depositWide.y(10, top)-depositWide.y(14, top)) {
		t.Errorf("January's comment bar starts at y=%s, %s tall; want %s, %s", comment[1], comment[2],
			coord(depositWide.y(14, top)), coord(depositWide.y(10, top)-depositWide.y(14, top)))
	}
}

// TestChartsWellFormed parses every chart the fixture draws as XML: an
// SVG the browser would draw, with its text alternative.
func TestChartsWellFormed(t *testing.T) {
	r := Compute(fixture(), Options{AsOf: fixtureAsOf})
	v := newReportView(r)
	charts := map[string]template.HTML{"classes": v.Classes.Chart, "spark": v.Posts[0].Spark}
	for _, p := range v.Periods {
		charts[p.ID+" value"], charts[p.ID+" value narrow"] = p.Value.Wide, p.Value.Narrow
		charts[p.ID+" deposits"], charts[p.ID+" deposits narrow"] = p.Deposits.Wide, p.Deposits.Narrow
	}
	if len(v.Periods) != 2 {
		t.Errorf("%d periods; want all and the last 12 months of the fixture's 30", len(v.Periods))
	}
	for name, svg := range charts {
		t.Run(name, func(t *testing.T) { checkSVG(t, string(svg)) })
	}
}

// checkSVG fails unless svg is well-formed XML, an accessible image.
func checkSVG(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
	}
	for _, want := range []string{`role="img"`, "<title", "</title>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %s in %s", want, svg)
		}
	}
}

func TestEmptyCharts(t *testing.T) {
	l := chartText{ID: "e", Title: "Value", Desc: "No deposits yet."}
	for name, svg := range map[string]template.HTML{
		"area":            areaChart(valueWide, l, nil, nil, "No deposits yet"),
		"area, no layers": areaChart(valueWide, l, monthTimes([]Month{{Month: "2025-01"}}), nil, "No deposits yet"),
		"bars":            barChart(depositWide, l, nil, nil, "No deposits yet"),
		"share":           shareBar(l, []share{{Class: "c-new", Name: "new"}}, "No deposits yet"),
	} {
		t.Run(name, func(t *testing.T) {
			checkSVG(t, string(svg))
			if !strings.Contains(string(svg), ">No deposits yet</text>") || !strings.Contains(string(svg), `class="chart empty`) {
				t.Errorf("no empty state in %s", svg)
			}
			if strings.Contains(string(svg), "NaN") || strings.Contains(string(svg), "Inf") {
				t.Errorf("a coordinate is not a number: %s", svg)
			}
		})
	}
	if got := sparkline(nil, 1, "x"); got != "" {
		t.Errorf("sparkline(nil) = %q; want nothing", got)
	}
	flat := string(sparkline([]Points{0, 0, 0}, 0, "nothing yet"))
	checkSVG(t, flat)
	if strings.Contains(flat, "NaN") {
		t.Errorf("a flat sparkline has NaN: %s", flat)
	}
	// On a shared scale a quiet post is flat at the bottom and a busy one
	// reaches the top.
	quiet := string(sparkline([]Points{0, 0, 0}, 8, "quiet"))
	busy := string(sparkline([]Points{0, 8, 4}, 8, "busy"))
	if !strings.Contains(quiet, `points="1,17 6,17 11,17"`) || !strings.Contains(busy, `points="1,17 6,1 11,9"`) {
		t.Errorf("shared scale: quiet %s, busy %s", quiet, busy)
	}
}

func TestSparklineScaled(t *testing.T) {
	for _, tt := range []struct {
		name string
		v    []float64
		top  float64
		want string
	}{
		{"nothing", []float64{0, 0, 0}, 10, "▁▁▁"},
		{"nothing anywhere", []float64{0, 0}, 0, "▁▁"},
		{"the top", []float64{0, 10, 5}, 10, "▁█▅"},
		{"a small deposit still shows", []float64{0.1, 0}, 10, "▂▁"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := SparklineScaled(tt.v, tt.top); got != tt.want {
				t.Errorf("SparklineScaled(%v, %v) = %q; want %q", tt.v, tt.top, got, tt.want)
			}
		})
	}
}
