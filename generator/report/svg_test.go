package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
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
	comment := regexp.MustCompile(`<path class="k-comment" d="M[\d.]+,([\d.]+)h[\d.]+v([\d.]+)`).FindStringSubmatch(svg)
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
	charts := map[string]template.HTML{
		"value": v.ValueChart.Wide, "value narrow": v.ValueChart.Narrow,
		"deposits": v.BarChart.Wide, "deposits narrow": v.BarChart.Narrow,
		"classes": v.Classes.Chart, "spark": v.Posts[0].Spark,
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
	if got := sparkline(nil, "x"); got != "" {
		t.Errorf("sparkline(nil) = %q; want nothing", got)
	}
	flat := string(sparkline([]Points{0, 0, 0}, "nothing yet"))
	checkSVG(t, flat)
	if strings.Contains(flat, "NaN") {
		t.Errorf("a flat sparkline has NaN: %s", flat)
	}
}

// TestEmptyReportHTML renders a blog with no posts: every section says
// there is nothing yet instead of breaking.
func TestEmptyReportHTML(t *testing.T) {
	in := Input{Site: Site{Title: "New blog"}, Ledger: ledger.New(nil), Model: ledger.DefaultModel(), Thresholds: ledger.DefaultThresholds()}
	var b bytes.Buffer
	if err := Compute(in, Options{AsOf: fixtureAsOf}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"No deposits yet", "No posts yet", "No published posts yet.", "nothing was deposited a year ago"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the empty report does not say %q", want)
		}
	}
}

// TestHTMLHostileContent puts markup and script URLs where content goes:
// titles, names, URLs. The page shows them as text and links only to
// http(s).
func TestHTMLHostileContent(t *testing.T) {
	const title = `</title><script>alert(1)</script><b>"x'</b>`
	in := fixture()
	in.Site = Site{Title: title, URL: "javascript:alert(1)"}
	in.Posts[0].Title = title
	in.Posts[0].URL = "javascript:alert(2)"
	var events []ledger.Event
	for _, e := range in.Ledger.Events {
		if e.Kind == ledger.KindComment && e.Actor == "Grace" {
			e.Actor, e.ActorURL, e.Source = title, "javascript:alert(3)", "javascript:alert(4)"
		}
		events = append(events, e)
	}
	in.Ledger = ledger.New(events)
	in.Comments[0].URL = " JavaScript:alert(5)"

	var page bytes.Buffer
	if err := Compute(in, Options{AsOf: fixtureAsOf}).WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	st, ok := PostStatement(in, Options{AsOf: fixtureAsOf}, "content/posts/hello.md")
	if !ok {
		t.Fatal("no statement for hello")
	}
	var statement bytes.Buffer
	if err := st.WriteHTML(&statement); err != nil {
		t.Fatal(err)
	}
	for name, html := range map[string]string{"report": page.String(), "statement": statement.String()} {
		t.Run(name, func(t *testing.T) {
			for _, bad := range []string{"<script>alert", `<b>"x`, "ZgotmplZ"} {
				if strings.Contains(html, bad) {
					t.Errorf("the page contains %q", bad)
				}
			}
			for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(html, -1) {
				h := m[1]
				sitePath := strings.HasPrefix(h, "/") && !strings.HasPrefix(h, "//")
				if !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") && !sitePath && !strings.HasPrefix(h, "#") && h != "data:," {
					t.Errorf("a link to %q", h)
				}
			}
			if !strings.Contains(html, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Error("the hostile title is not shown as text")
			}
			if n := strings.Count(html, "<script>"); n > 1 {
				t.Errorf("%d scripts; want at most the page's own", n)
			}
		})
	}
}

func TestSafeHref(t *testing.T) {
	for _, tt := range []struct {
		name, site, url, want string
	}{
		{"https", "", "https://grace.example/", "https://grace.example/"},
		{"http", "", "http://grace.example/a?b=c", "http://grace.example/a?b=c"},
		{"javascript", "", "javascript:alert(1)", ""},
		{"javascript, spaced and cased", "", " JavaScript:alert(1)", ""},
		{"data", "", "data:text/html,<script>", ""},
		{"mailto", "", "mailto:a@example.com", ""},
		{"no host", "", "https:///x", ""},
		{"post on the site", "https://ada.example/blog/", "/posts/hello/", "https://ada.example/blog/posts/hello/"},
		{"post, no site URL", "", "/posts/hello/", "/posts/hello/"},
		{"post, script site URL", "javascript:x", "/posts/hello/", "/posts/hello/"},
		{"protocol-relative", "https://ada.example/", "//evil.example/", ""},
		{"script post URL", "https://ada.example/", "javascript:alert(1)", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := siteHref(tt.site, tt.url); got != tt.want {
				t.Errorf("siteHref(%q, %q) = %q; want %q", tt.site, tt.url, got, tt.want)
			}
		})
	}
}

func TestShowNumbers(t *testing.T) {
	for _, tt := range []struct{ name, got, want string }{
		{"points", showPoints(1234567.26), "1,234,567.3"},
		{"small points", showPoints(0.04), "0.0"},
		{"negative points", showPoints(-1234.5), "-1,234.5"},
		{"gain", showSigned(3.21), "+3.2"},
		{"loss", showSigned(-1.5), "−1.5"},
		{"no change", showSigned(0.01), "0.0"},
		{"share", showPercent(0.2876), "28.8%"},
		{"growth", showSignedPercent(0.995), "+99.5%"},
		{"date", showDate(time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC)), "2 Jan 2006"},
		{"month", showMonth("2025-06"), "Jun 2025"},
		{"age in days", showAge(41), "41 days"},
		{"age in months", showAge(500), "16 months"},
		{"age in years", showAge(912), "2.5 years"},
		{"plural", showCount(2, "reply"), "2 replies"},
		{"singular", showCount(1, "day"), "1 day"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q; want %q", tt.name, tt.got, tt.want)
		}
	}
}

// bigInput is a blog of n posts over ten years, each with a few
// deposits, for the page's size and speed.
func bigInput(n int) Input {
	in := fixture()
	in.Posts = nil
	in.Comments = nil
	var events []ledger.Event
	start := fixtureAsOf.AddDate(-10, 0, 0)
	kinds := []ledger.Kind{ledger.KindComment, ledger.KindMention, ledger.KindLike, ledger.KindInternalLink, ledger.KindUpdate}
	for i := range n {
		file := fmt.Sprintf("content/posts/p%05d.md", i)
		published := start.Add(time.Duration(i) * (10 * 365 * 24 * time.Hour) / time.Duration(n))
		in.Posts = append(in.Posts, Post{File: file, Title: fmt.Sprintf("Post number %d about compounding", i),
			URL: fmt.Sprintf("/posts/p%05d/", i), Published: published})
		events = append(events, ledger.Event{Date: published, Post: file, Kind: ledger.KindPublish, Actor: "Ada"})
		for j := range i % 7 {
			events = append(events, ledger.Event{Date: published.AddDate(0, j+1, 0), Post: file, Kind: kinds[(i+j)%len(kinds)],
				Actor: fmt.Sprintf("reader%d", (i*7+j)%300), ActorURL: fmt.Sprintf("https://r%d.example/", (i*7+j)%300),
				Source: fmt.Sprintf("https://r%d.example/%d", (i*7+j)%300, i)})
		}
	}
	in.Ledger = ledger.New(events)
	return in
}

// TestLargeReportLean keeps a 10,000-post report to a size a browser
// opens without trouble: each row of the posts table stays short.
func TestLargeReportLean(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-post report")
	}
	r := Compute(bigInput(10000), Options{AsOf: fixtureAsOf})
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if perPost := b.Len() / len(r.Posts); perPost > 700 {
		t.Errorf("%d bytes a post (%d in all); want at most 700", perPost, b.Len())
	}
}

func BenchmarkWriteHTML(b *testing.B) {
	r := Compute(bigInput(10000), Options{AsOf: fixtureAsOf})
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := r.WriteHTML(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/page")
}
