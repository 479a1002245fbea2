package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

//go:embed html/*.html
var htmlFiles embed.FS

// pages are the HTML report's templates, parsed once; they are only read
// afterwards, so concurrent builds share them.
var pages = template.Must(template.New("").ParseFS(htmlFiles, "html/*.html"))

// WriteHTML writes the report as one self-contained page: its styles,
// charts and the small script that sorts the posts table are inline, so
// the file can be opened or mailed alone and makes no request.
func (r *Report) WriteHTML(w io.Writer) error { return r.WriteHTMLWith(w, HTMLOptions{}) }

// HTMLOptions adapt the page to where it is shown.
type HTMLOptions struct {
	// Served links each post's number of deposits to its statement at
	// ?post=FILE, and each statement back to the report: for a server
	// that answers those requests, as accrue serve does.
	Served bool
}

// WriteHTMLWith writes the report as WriteHTML does, adapted by o.
func (r *Report) WriteHTMLWith(w io.Writer, o HTMLOptions) error {
	v := newReportView(r)
	if o.Served {
		for i, p := range r.Posts {
			v.Posts[i].Statement = "?post=" + url.QueryEscape(p.File)
		}
	}
	return pages.ExecuteTemplate(w, "report.html", v)
}

// WriteHTML writes a post's statement as one self-contained page.
func (s *Statement) WriteHTML(w io.Writer) error { return s.WriteHTMLWith(w, HTMLOptions{}) }

// WriteHTMLWith writes the statement as WriteHTML does, adapted by o.
func (s *Statement) WriteHTMLWith(w io.Writer, o HTMLOptions) error {
	v := newStatementView(s)
	if o.Served {
		v.Report = "./"
	}
	return pages.ExecuteTemplate(w, "statement.html", v)
}

// The views hold the report as the templates show it: text formatted,
// links checked and charts drawn in Go. The posts table can have ten
// thousand rows, and a template that only prints strings stays fast.

// anchor is text that links to Href, or plain text when Href is "": a
// URL that is not http(s) never becomes a link.
type anchor struct {
	Text string
	Href string
}

// card is a headline figure, like a balance on a bank's front page.
type card struct {
	Label, Value, Note string
	Tone               string // "up", "down" or ""
}

type reportView struct {
	PageTitle   string
	Site        anchor
	AsOf, Since string
	Cards       []card
	Shares      []card
	Classes     classesView
	Kinds       []kindView // the kinds with deposits, family by family
	Legend      []familyView
	Periods     []periodView // the timeline's charts, all of it first
	Months      []monthRow   // newest first
	MonthCount  int
	Posts       []postRow
	Changes     changesView
	Champions   []championRow
	Actions     actionsView
	Model       modelView
}

type classesView struct {
	Chart template.HTML
	Items []classItem
}

type classItem struct {
	Name, Class, Count, Share string
}

type monthRow struct {
	Month string
	// Quiet counts the months of a run without deposits shown as one row.
	Quiet                        int
	Deposits                     []amount // by kind, in the ledger's order
	Count                        int
	Principal, Interest, Closing string
	Depreciation                 string
}

// amount is points of a kind.
type amount struct {
	Kind   kindView
	Points string
}

// postRow is a row of the posts table. The *Key fields are the sort
// keys the table's script reads from data-value.
type postRow struct {
	Title                   anchor
	Value, ValueKey         string
	Principal, PrincipalKey string
	Deposits                int
	Breakdown               string
	Class                   string
	ClassKey                int
	Age                     string
	AgeKey                  int
	Last, LastKey           string
	Growth, GrowthKey       string
	Spark                   template.HTML
	// Statement links the deposits to the post's statement, when served.
	Statement string
}

type changesView struct {
	Since         string
	NewCommenters []firstRow
	NewDomains    []firstRow
	ClassChanges  []classChangeRow
	Gainers       []gainerRow
	NewLinks      []linkRow
	Moments       []momentRow
	Friends       friendsView
}

// momentRow is a moment: the post, when, and what caused it.
type momentRow struct {
	Post                anchor
	When, Deposits, Why string
}

type friendsView struct {
	Since                    string
	Gained, Regulars, Lapsed int
	None                     bool // nobody but the author ever deposited
	Rows                     []lapsedRow
}

type lapsedRow struct {
	Who              anchor
	Site, Last, Note string
}

type firstRow struct {
	Who, Post anchor
	Kind      string
	Date      string
}

type classChangeRow struct {
	Post     anchor
	From, To string
}

type gainerRow struct {
	Post        anchor
	Gain, Value string
}

type linkRow struct {
	From, To anchor
	Date     string
}

type championRow struct {
	Name            anchor
	Site            string
	Points, Value   string
	Deposits, Posts int
	First, Last     string
}

type actionsView struct {
	Update      []candidateRow
	Orphans     []refRow // the most valuable first
	MoreOrphans []refRow // the next ones, folded
	// UnlistedOrphans are past maxOrphans: a big blog's long tail, which
	// the page counts but does not list.
	UnlistedOrphans int
	Conversations   []conversationRow
	Broken          []string
	MoreBroken      []string
}

type candidateRow struct {
	Post             anchor
	Value, Last, Why string
}

type refRow struct {
	Post  anchor
	Value string
}

type conversationRow struct {
	Post, Author anchor
	Date, File   string
}

type modelView struct {
	Weights                      []weightRow
	Monthly                      string
	Annual                       string
	New, Dormant, Window, Launch string
	Name, Activity, HalfLife     string
	Evergreen                    string
	Definitions                  []string
}

type weightRow struct {
	Kind   kindView
	Points string
}

func newReportView(r *Report) *reportView {
	f := formatter{site: r.Site.URL, posts: postURLs(r.Posts)}
	v := &reportView{
		Site:  siteLink(r.Site),
		AsOf:  showDate(r.AsOf),
		Since: showDate(r.Since),
		Kinds: kindsIn(r.Timeline),
	}
	v.PageTitle = v.Site.Text + " · compound interest statement, " + v.AsOf
	v.Legend = legendOf(v.Kinds)
	v.Cards, v.Shares = summaryCards(r.Summary)
	v.Classes = classesOf(r.Summary)
	v.Periods = periodViews(r.Timeline, v.Kinds)
	v.Months, v.MonthCount = monthRows(r.Timeline, v.Kinds), len(r.Timeline)
	v.Posts = f.postRows(r.Posts, flowTop(r.Posts))
	v.Changes = f.changes(r.Changes, v.Since)
	v.Champions = f.champions(r.Champions)
	v.Actions = f.actions(r.Actions)
	v.Model = modelOf(r.Model)
	return v
}

// formatter turns the report's references into links: post files into
// their URLs on the site, other URLs only when they are http(s).
type formatter struct {
	site  string
	posts map[string]string // post file → site-relative URL
}

func postURLs(rows []PostRow) map[string]string {
	m := make(map[string]string, len(rows))
	for _, r := range rows {
		m[r.File] = r.URL
	}
	return m
}

// post links a post by its file.
func (f formatter) post(file, title string) anchor {
	if title == "" {
		title = file
	}
	return anchor{Text: title, Href: siteHref(f.site, f.posts[file])}
}

// person links someone to their site, if they gave one that is http(s).
func (f formatter) person(name, u string) anchor {
	if name == "" {
		name = "someone"
	}
	return anchor{Text: name, Href: safeHref(u)}
}

// safeHref is u when it is an absolute http(s) URL, else "": a name's
// URL comes from a comment file or another site, and javascript: or
// data: must not become a link.
func safeHref(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || p.Scheme != "http" && p.Scheme != "https" {
		return ""
	}
	return u
}

// siteHref makes a site-relative URL absolute on the site's URL, so the
// report links to the posts wherever the file is opened; without a
// site URL it stays site-relative. An absolute http(s) URL is kept.
func siteHref(site, u string) string {
	if u == "" {
		return ""
	}
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return safeHref(u)
	}
	if base := safeHref(site); base != "" {
		return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(u, "/")
	}
	return u
}

func siteLink(s Site) anchor {
	title := s.Title
	if title == "" {
		title = "Your blog"
	}
	return anchor{Text: title, Href: safeHref(s.URL)}
}

func summaryCards(s Summary) (cards, shares []card) {
	growth := card{Label: "Annual growth", Value: "—", Note: "nothing was deposited a year ago"}
	if s.AnnualGrowth != nil {
		growth = card{Label: "Annual growth", Value: showSignedPercent(float64(*s.AnnualGrowth)),
			Note: "from " + showPoints(s.ValueYearAgo) + " a year ago", Tone: tone(float64(*s.AnnualGrowth))}
	}
	interestShare := ""
	if s.Value > 0 {
		interestShare = showPercent(float64(s.Interest/s.Value)) + " of the value"
	}
	cards = []card{
		{Label: "Value", Value: showPoints(s.Value), Note: valueNote(s.Depreciation)},
		{Label: "Interest earned", Value: showPoints(s.Interest), Note: interestShare, Tone: tone(float64(s.Interest))},
		growth,
		{Label: "Principal", Value: showPoints(s.Principal), Note: showCount(s.Deposits, "deposit") + " in " + showCount(s.Posts, "post")},
	}
	if s.Depreciation != 0 {
		cards = append(cards, card{Label: "Depreciation", Value: showPoints(s.Depreciation), Note: "lost by dormant posts", Tone: tone(-float64(s.Depreciation))})
	}
	compounding := "no post compounds"
	if s.CompoundingOneIn > 0 {
		compounding = fmt.Sprintf("of the value; 1 post in %d", s.CompoundingOneIn)
	}
	shares = []card{
		{Label: "Top 10% of posts", Value: showPercent(float64(s.TopTenthShare)), Note: "of the value"},
		{Label: "Half the value", Value: showCount(s.HalfValuePosts, "post"), Note: "of " + showCount(s.Posts, "post")},
		{Label: "Compounding posts", Value: showPercent(float64(s.CompoundingShare)), Note: compounding},
	}
	return cards, shares
}

func tone(f float64) string {
	switch {
	case f > 0:
		return "up"
	case f < 0:
		return "down"
	}
	return ""
}

// classOrder is the order classes are listed and stacked in.
var classOrder = ledger.Classes()

func classesOf(s Summary) classesView {
	var parts []share
	var v classesView
	for _, c := range classOrder {
		name := c.String()
		n := s.Classes[name]
		parts = append(parts, share{Class: "c-" + name, Name: name, Count: n})
		v.Items = append(v.Items, classItem{Name: name, Class: "c-" + name, Count: strconv.Itoa(n), Share: shareOf(n, s.Posts)})
	}
	var desc []string
	for _, it := range v.Items {
		desc = append(desc, it.Count+" "+it.Name+" ("+it.Share+")")
	}
	v.Chart = shareBar(chartText{ID: "classes", Title: "Posts by class",
		Desc: showCount(s.Posts, "post") + ": " + strings.Join(desc, ", ") + "."}, parts, "No posts yet")
	return v
}

func shareOf(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return showPercent(float64(n) / float64(total))
}

// monthTimes parses the months' "2006-01" names, for a time axis.
func monthTimes(months []Month) []axisMonth {
	out := make([]axisMonth, 0, len(months))
	for _, m := range months {
		// Compute names every month this way; a name that did not parse
		// would be the zero time, which only misplaces an axis label.
		t, _ := time.Parse("2006-01", m.Month)
		out = append(out, axisMonth{Start: t, Quiet: m.Count == 0})
	}
	return out
}

// valueLayers are the value chart's layers: the principal deposited so
// far of each kind, then the interest earned so far, which is what the
// closing value holds above the principal. When depreciation took the
// value below the principal (the activity model), each kind keeps its
// share of what is left and there is no interest layer. At each month
// they add up to the closing value.
func valueLayers(months []Month, kinds []kindView) []series {
	layers := make([]series, len(kinds)+1)
	for k, kv := range kinds {
		layers[k] = series{Class: kv.Class, Name: kv.Label, Pattern: kv.Pattern, Values: make([]float64, len(months))}
	}
	interest := series{Class: "k-interest", Name: "Interest", Pattern: "stripes", Values: make([]float64, len(months))}
	sums := make([]float64, len(kinds))
	for i, m := range months {
		var principal float64
		for k, kv := range kinds {
			sums[k] += float64(m.Deposits[kv.Name])
			layers[k].Values[i] = sums[k]
			principal += sums[k]
		}
		interest.Values[i] = float64(m.Closing) - principal
		if interest.Values[i] < 0 {
			for k := range kinds {
				layers[k].Values[i] *= float64(m.Closing) / principal
			}
			interest.Values[i] = 0
		}
	}
	layers[len(kinds)] = interest
	return layers
}

// depositLayers are the points deposited each month, by kind.
func depositLayers(months []Month, kinds []kindView) []series {
	layers := make([]series, len(kinds))
	for k, kv := range kinds {
		layers[k] = series{Class: kv.Class, Name: kv.Label, Pattern: kv.Pattern, Values: make([]float64, len(months))}
		for i, m := range months {
			layers[k].Values[i] = float64(m.Deposits[kv.Name])
		}
	}
	return layers
}

// sized is a time chart drawn for a wide screen and for a phone; the
// stylesheet shows one.
type sized struct {
	Wide, Narrow template.HTML
}

// valueChart draws the value over the months, stacked by kind with the
// interest on top; id tells it from other charts on the page.
func valueChart(months []Month, kinds []kindView, id, title string) sized {
	return valueChartFrom(months, kinds, 0, id, title)
}

// valueChartFrom draws the value chart from month from on: the layers
// add up from the first month, so a period's chart starts at the value
// reached, not at nothing.
func valueChartFrom(all []Month, kinds []kindView, from int, id, title string) sized {
	l := chartText{ID: id, Title: title, Desc: "No deposits yet."}
	layers := valueLayers(all, kinds)
	months := all[from:]
	for k := range layers {
		layers[k].Values = layers[k].Values[from:]
	}
	if len(months) > 0 {
		first, last := months[0], months[len(months)-1]
		var parts []string
		for _, s := range layers[:len(layers)-1] {
			parts = append(parts, s.Name+" "+points(s.Values[len(months)-1]))
		}
		l.Desc = "Value at the end of each month from " + showMonth(first.Month) + " to " + showMonth(last.Month) +
			": from " + showPoints(first.Closing) + " to " + showPoints(last.Closing) + " points. Principal deposited by kind: " +
			strings.Join(parts, ", ") + "; interest earned " + points(layers[len(layers)-1].Values[len(months)-1]) + "."
	}
	return drawSized(areaChart, valueWide, valueNarrow, l, monthTimes(months), layers)
}

// period is a stretch of the timeline a reader can zoom to: the last
// Months months, or all of it when Months is 0.
type period struct {
	ID, Label string
	Months    int
}

var periods = []period{{"all", "All", 0}, {"3y", "Last 3 years", 36}, {"12m", "Last 12 months", 12}}

// periodView is the timeline's charts over a period. The page shows
// the one its address names (#period-12m), else all of it: anchors
// and a stylesheet, so the zoom works without script and in a file.
type periodView struct {
	ID, Label       string
	Value, Deposits sized
}

// periodViews draws the timeline over every period shorter than it.
func periodViews(months []Month, kinds []kindView) []periodView {
	var out []periodView
	for _, p := range periods {
		if p.Months != 0 && p.Months >= len(months) {
			continue
		}
		from, suffix, title := 0, "", ""
		if p.Months != 0 {
			from, suffix, title = len(months)-p.Months, "-"+p.ID, ", "+strings.ToLower(p.Label)
		}
		out = append(out, periodView{ID: "period-" + p.ID, Label: p.Label,
			Value:    valueChartFrom(months, kinds, from, "value"+suffix, "Value over time, by kind of deposit"+title),
			Deposits: depositChartOf(months[from:], kinds, "deposits"+suffix, title)})
	}
	return out
}

// drawSized draws a time chart for a wide screen and for a phone.
func drawSized(draw func(frame, chartText, []axisMonth, []series, string) template.HTML,
	wide, narrow frame, l chartText, times []axisMonth, layers []series) sized {
	l.Desc += foldNote(times)
	phone := l
	phone.ID += "-narrow"
	return sized{
		Wide:   draw(wide, l, times, layers, "No deposits yet"),
		Narrow: draw(narrow, phone, times, layers, "No deposits yet"),
	}
}

func depositChart(months []Month, kinds []kindView) sized {
	return depositChartOf(months, kinds, "deposits", "")
}

func depositChartOf(months []Month, kinds []kindView, id, title string) sized {
	l := chartText{ID: id, Title: "Points deposited per month, by kind" + title, Desc: "No deposits yet."}
	if len(months) > 0 {
		best := months[0]
		var total Points
		for _, m := range months {
			total += m.Principal
			if m.Principal > best.Principal {
				best = m
			}
		}
		l.Desc = showPoints(total) + " points deposited over " + showCount(len(months), "month") + " from " + showMonth(months[0].Month) +
			" to " + showMonth(months[len(months)-1].Month) + "; the most in " + showMonth(best.Month) + ", " + showPoints(best.Principal) + " points."
	}
	return drawSized(barChart, depositWide, depositNarrow, l, monthTimes(months), depositLayers(months, kinds))
}

// monthRows are the monthly statement, newest first. A run of months
// without deposits only earned interest (or depreciated): it is one
// row, as in the text form, so a blog's quiet years do not fill the
// table. The report's own month always shows.
func monthRows(months []Month, kinds []kindView) []monthRow {
	var rows []monthRow
	for i := 0; i < len(months); {
		j := i // months[i:j] are quiet, never the last one
		var interest, depreciation Points
		for j < len(months)-1 && months[j].Count == 0 {
			interest += months[j].Interest
			depreciation += months[j].Depreciation
			j++
		}
		if j-i >= 2 {
			rows = append(rows, monthRow{Month: showMonth(months[i].Month) + " – " + showMonth(months[j-1].Month), Quiet: j - i,
				Principal: showPoints(0), Interest: showPoints(interest), Depreciation: showPoints(depreciation), Closing: showPoints(months[j-1].Closing)})
			i = j
			continue
		}
		m := months[i]
		row := monthRow{Month: showMonth(m.Month), Count: m.Count, Principal: showPoints(m.Principal),
			Interest: showPoints(m.Interest), Depreciation: showPoints(m.Depreciation), Closing: showPoints(m.Closing)}
		for _, k := range kinds {
			if p, ok := m.Deposits[k.Name]; ok {
				row.Deposits = append(row.Deposits, amount{Kind: k, Points: showPoints(p)})
			}
		}
		rows = append(rows, row)
		i++
	}
	slices.Reverse(rows)
	return rows
}

// classRank orders the class column by health, compounding first.
func classRank(c string) int {
	for i, k := range classOrder {
		if k.String() == c {
			return i
		}
	}
	return len(classOrder)
}

func (f formatter) postRows(rows []PostRow, top Points) []postRow {
	out := make([]postRow, len(rows))
	for i, r := range rows {
		n := 0
		for _, c := range r.Deposits {
			n += c
		}
		out[i] = postRow{
			Title: anchor{Text: titleOr(r.Title, r.File), Href: siteHref(f.site, r.URL)},
			Value: showPoints(r.Value), ValueKey: sortKey(float64(r.Value)),
			Principal: showPoints(r.Principal), PrincipalKey: sortKey(float64(r.Principal)),
			Deposits: n, Breakdown: depositBreakdown(r.Deposits),
			Class: r.Class, ClassKey: classRank(r.Class),
			Age: showAge(r.AgeDays), AgeKey: r.AgeDays,
			Growth: showSigned(float64(r.Growth)), GrowthKey: sortKey(float64(r.Growth)),
			Spark: sparkline(r.Flow, top, flowTitle(r.Flow)),
		}
		if !r.LastDeposit.IsZero() {
			out[i].Last, out[i].LastKey = showDate(r.LastDeposit), r.LastDeposit.Format("20060102")
		}
	}
	return out
}

// sortKey writes a sort key: a number the table's script compares.
func sortKey(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) }

func flowTitle(values []Points) string {
	var sum Points
	for _, v := range values {
		sum += v
	}
	return showPoints(sum) + " points deposited in " + showCount(len(values), "month")
}

func (f formatter) changes(c Changes, since string) changesView {
	v := changesView{Since: since}
	for _, x := range c.NewCommenters {
		v.NewCommenters = append(v.NewCommenters, firstRow{Who: f.person(x.Name, x.URL), Post: f.post(x.Post, x.Title), Kind: x.Kind, Date: showDate(x.Date)})
	}
	for _, x := range c.NewDomains {
		v.NewDomains = append(v.NewDomains, firstRow{Who: f.person(x.Name, x.URL), Post: f.post(x.Post, x.Title), Kind: x.Kind, Date: showDate(x.Date)})
	}
	for _, x := range c.ClassChanges {
		v.ClassChanges = append(v.ClassChanges, classChangeRow{Post: f.post(x.Post, x.Title), From: x.From, To: x.To})
	}
	for _, x := range c.Gainers {
		v.Gainers = append(v.Gainers, gainerRow{Post: f.post(x.Post, x.Title), Gain: showSigned(float64(x.Gain)), Value: showPoints(x.Value)})
	}
	for _, x := range c.NewLinks {
		v.NewLinks = append(v.NewLinks, linkRow{From: f.post(x.From, x.FromTitle), To: f.post(x.To, x.ToTitle), Date: showDate(x.Date)})
	}
	v.Moments = f.moments(c.Moments)
	v.Friends = f.friends(c.RecentSince, c.Friends)
	return v
}

func (f formatter) champions(cs []Champion) []championRow {
	out := make([]championRow, 0, len(cs))
	for _, c := range cs {
		out = append(out, championRow{Name: f.person(c.Name, c.URL), Site: c.Site, Points: showPoints(c.Points), Value: showPoints(c.Value),
			Deposits: c.Deposits, Posts: c.Posts, First: showDate(c.First), Last: showDate(c.Last)})
	}
	return out
}

// maxOrphans is how many orphans the page lists.
const maxOrphans = 100

func (f formatter) actions(a Actions) actionsView {
	var v actionsView
	for _, c := range a.Update {
		v.Update = append(v.Update, candidateRow{Post: f.post(c.Post, c.Title), Value: showPoints(c.Value), Last: showDate(c.LastDeposit), Why: c.Why})
	}
	for i, o := range a.Orphans {
		row := refRow{Post: anchor{Text: titleOr(o.Title, o.Post), Href: siteHref(f.site, o.URL)}, Value: showPoints(o.Value)}
		switch {
		case i < listSize:
			v.Orphans = append(v.Orphans, row)
		case i < maxOrphans:
			v.MoreOrphans = append(v.MoreOrphans, row)
		default:
			v.UnlistedOrphans++
		}
	}
	for _, c := range a.Conversations {
		v.Conversations = append(v.Conversations, conversationRow{Post: f.post(c.Post, c.Title), Author: f.person(c.Author, c.URL), Date: showDate(c.Date), File: c.File})
	}
	v.Broken = a.Broken
	if len(v.Broken) > listSize {
		v.Broken, v.MoreBroken = a.Broken[:listSize], a.Broken[listSize:]
	}
	return v
}

func modelOf(m ModelInfo) modelView {
	th := m.Thresholds
	v := modelView{Monthly: percent(m.MonthlyRate), Annual: percent(float64(m.AnnualRate)), Definitions: m.Definitions,
		New: "under " + showCount(th.NewDays, "day") + " old", Dormant: "no deposit in " + showCount(th.DormantMonths, "month"),
		Window: showCount(th.WindowMonths, "month") + ", at least " + showCount(th.MinDeposits, "deposit") + " from others",
		Launch: showCount(th.LaunchMonths, "month"), Name: m.Name,
		Evergreen: fmt.Sprintf("deposits in %d of the quarters of %s", th.EvergreenQuarters, showCount(th.EvergreenMonths, "month"))}
	if m.HalfLifeMonths > 0 {
		v.Activity = strconv.FormatFloat(m.ActivityPoints, 'f', -1, 64) + " points over " + monthsF(m.ActivityMonths) + " earn the monthly rate"
		v.HalfLife = monthsF(m.HalfLifeMonths) + " once nothing arrived for " + monthsF(m.ActivityMonths)
	}
	for _, k := range ledger.Kinds() {
		if w, ok := m.Weights[k.String()]; ok {
			v.Weights = append(v.Weights, weightRow{Kind: kindOf(k.String()), Points: strconv.FormatFloat(float64(w), 'f', -1, 64)})
		}
	}
	return v
}

type statementView struct {
	// Report links back to the blog's report, when served.
	Report    string
	PageTitle string
	Site      anchor
	AsOf      string
	Post      anchor
	Class     string
	Cards     []card
	Kinds     []kindView
	Legend    []familyView
	Chart     sized
	Entries   []entryRow
	Moments   []momentRow
	Model     modelView
}

type entryRow struct {
	Date            string
	Kind            kindView
	Who, Source     anchor
	Note            string
	Points, Balance string
	// Full is the source in full when Source.Text shortens it: a
	// commit's hash.
	Full string
}

func newStatementView(s *Statement) *statementView {
	f := formatter{site: s.Site.URL}
	p := s.Post
	v := &statementView{
		Site:  siteLink(s.Site),
		AsOf:  showDate(s.AsOf),
		Post:  anchor{Text: titleOr(p.Title, p.File), Href: siteHref(s.Site.URL, p.URL)},
		Class: p.Class,
		Kinds: kindsIn(s.Months),
		Model: modelOf(s.Model),
	}
	v.Cards = []card{
		{Label: "Value", Value: showPoints(p.Value), Note: valueNote(p.Depreciation)},
		{Label: "Interest earned", Value: showPoints(p.Interest), Tone: tone(float64(p.Interest)), Note: interestNote(p)},
		{Label: "Principal", Value: showPoints(p.Principal), Note: showCount(len(s.Entries), "deposit")},
		{Label: "Published", Value: showDate(p.Published), Note: showAge(p.AgeDays) + " ago"},
	}
	v.PageTitle = v.Post.Text + " · statement, " + v.AsOf
	v.Legend = legendOf(v.Kinds)
	v.Chart = valueChart(s.Months, v.Kinds, "balance", "Balance of "+v.Post.Text+" over time, by kind of deposit")
	v.Moments = f.moments(s.Moments)
	for _, e := range s.Entries {
		row := entryRow{Date: showDate(e.Date), Kind: kindOf(e.Kind), Who: f.person(e.Actor, e.ActorURL),
			Source: anchor{Text: e.Source, Href: safeHref(e.Source)}, Note: e.Note, Points: showPoints(e.Points), Balance: showPoints(e.Balance)}
		if e.ActorTitle != "" {
			// An internal link's deposit is made by the post that links.
			row.Who = anchor{Text: e.ActorTitle, Href: siteHref(s.Site.URL, e.ActorURL)}
		}
		if isCommit(e.Source) {
			row.Source.Text, row.Full = e.Source[:7], e.Source
		}
		v.Entries = append(v.Entries, row)
	}
	return v
}

// isCommit reports whether source is a git commit's full hash, which the
// statement shortens as git does.
func isCommit(source string) bool {
	if len(source) != 40 {
		return false
	}
	for _, c := range source {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// valueNote says what a value is made of.
func valueNote(depreciation Points) string {
	if depreciation != 0 {
		return "points: principal and interest, less depreciation"
	}
	return "points, principal and interest"
}

func interestNote(p PostRow) string {
	if p.Value <= 0 {
		return ""
	}
	return showPercent(float64(p.Interest/p.Value)) + " of the value"
}

func (f formatter) moments(ms []Moment) []momentRow {
	var out []momentRow
	for _, m := range ms {
		out = append(out, momentRow{Post: f.post(m.Post, m.Title), When: momentWhen(m), Deposits: showCount(m.Deposits, "deposit"),
			Why: showSources(m.Sources) + "; usually " + usualRate(m)})
	}
	return out
}

func (f formatter) friends(since time.Time, fr Friends) friendsView {
	v := friendsView{Since: showDate(since), Gained: fr.Gained, Regulars: fr.Regulars, Lapsed: fr.LapsedTotal,
		None: fr.Gained+fr.Regulars+fr.LapsedTotal == 0}
	for _, l := range fr.Lapsed {
		v.Rows = append(v.Rows, lapsedRow{Who: f.person(l.Name, l.URL), Site: l.Site, Last: showDate(l.Last),
			Note: showCount(l.Deposits, "deposit") + " over " + showCount(l.Months, "month") + ", usually " + showCount(l.UsualGapDays, "day") + " apart"})
	}
	return v
}
