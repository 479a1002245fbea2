package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/ledger"
)

// The text and Markdown forms show the same sections; only the layout
// differs.

// section is a part of the report: a heading, lines of prose or figures,
// then tables.
type section struct {
	title  string
	lines  []string
	tables []table
}

// table is rows of cells under a head; align says which columns are
// figures, aligned right.
type table struct {
	caption string
	head    []string
	right   []bool
	rows    [][]string
	// empty is said instead of the table when it has no rows.
	empty string
	// drop lists the columns a narrow terminal may leave out, first
	// dropped first; the others always show.
	drop []int
}

func (r *Report) sections() []section {
	return []section{r.summarySection(), r.timelineSection(), r.changesSection(), r.championsSection(),
		r.actionsSection(), r.postsSection(), modelSection(r.Model)}
}

func (r *Report) summarySection() section {
	s := r.Summary
	growth := "n/a (next to nothing a year ago)"
	if s.AnnualGrowth != nil {
		growth = showSignedPercent(float64(*s.AnnualGrowth))
	}
	var classes []string
	for _, c := range ledger.Classes() {
		classes = append(classes, fmt.Sprintf("%d %s", s.Classes[c.String()], c))
	}
	return section{title: fmt.Sprintf("%s: statement as of %s", r.Site.Title, showDate(r.AsOf)), lines: []string{
		fmt.Sprintf("Value        %s points (%s)", showPoints(s.Value), valueParts(s.Principal, s.Interest, s.Depreciation)),
		fmt.Sprintf("A year ago   %s points; annual growth %s", showPoints(s.ValueYearAgo), growth),
		fmt.Sprintf("Posts        %d: %s", s.Posts, strings.Join(classes, ", ")),
		fmt.Sprintf("Deposits     %d", s.Deposits),
		"Shape        " + shapeLine(s),
		fmt.Sprintf("Model        %s", modelLine(r.Model)),
	}}
}

// valueParts is what a value is made of, in words.
func valueParts(principal, interest, depreciation Points) string {
	out := "principal " + showPoints(principal) + ", interest " + showPoints(interest)
	if depreciation != 0 {
		out += ", depreciation " + showPoints(depreciation)
	}
	return out
}

// shapeLine describes how value is spread over posts: "the top 1% of
// posts hold 20.3% of the value, the top 10% 58.1%, ...; 3 posts hold
// half; 1 post in 9 compounds, holding 31.0%".
func shapeLine(s Summary) string {
	if s.Value <= 0 {
		return "no value yet"
	}
	var parts []string
	for i, sh := range s.Shape {
		share := strconv.FormatFloat(float64(sh.Posts)*100, 'f', -1, 64) + "%"
		if i == 0 {
			parts = append(parts, fmt.Sprintf("the top %s of posts hold %s of the value", share, showPercent(float64(sh.Value))))
		} else {
			parts = append(parts, fmt.Sprintf("the top %s %s", share, showPercent(float64(sh.Value))))
		}
	}
	verb := "hold"
	if s.HalfValuePosts == 1 {
		verb = "holds"
	}
	out := strings.Join(parts, ", ") + fmt.Sprintf("; %s %s half", showCount(s.HalfValuePosts, "post"), verb)
	if s.CompoundingOneIn > 0 {
		return out + fmt.Sprintf("; 1 post in %d compounds, holding %s", s.CompoundingOneIn, showPercent(float64(s.CompoundingShare)))
	}
	return out + "; no post compounds"
}

// modelLine names the model and its parameters.
func modelLine(m ModelInfo) string {
	if m.Name == ledger.Activity.String() {
		return fmt.Sprintf("activity: %s a month for %s points over %s, half-life %s when dormant",
			percent(m.MonthlyRate), strconv.FormatFloat(m.ActivityPoints, 'f', -1, 64), monthsF(m.ActivityMonths), monthsF(m.HalfLifeMonths))
	}
	return fmt.Sprintf("savings: %s a month on every deposit, for ever", percent(m.MonthlyRate))
}

func (r *Report) timelineSection() section {
	t := table{head: []string{"Month", "Deposits", "Deposited", "Interest", "Depreciation", "Closing", "By kind"},
		right: []bool{false, true, true, true, true, true, false}, empty: "No deposits yet."}
	// Quiet months only earn interest (or depreciate): a run of them is
	// one line, so a blog's years fit on a screen. The report's own month
	// always shows.
	row := func(m Month) []string {
		return []string{m.Month, strconv.Itoa(m.Count), showPoints(m.Principal), showPoints(m.Interest), showPoints(m.Depreciation), showPoints(m.Closing), byKind(m.Deposits)}
	}
	tl := r.Timeline
	for i := 0; i < len(tl); {
		j := i // tl[i:j] are quiet months, never the last one
		var interest, depreciation Points
		for j < len(tl)-1 && tl[j].Count == 0 {
			interest += tl[j].Interest
			depreciation += tl[j].Depreciation
			j++
		}
		if j-i < 2 {
			t.rows = append(t.rows, row(tl[i]))
			i++
			continue
		}
		t.rows = append(t.rows, []string{tl[i].Month + " to " + tl[j-1].Month, "0", showPoints(0),
			showPoints(interest), showPoints(depreciation), showPoints(tl[j-1].Closing), "no deposits"})
		i = j
	}
	if r.Model.Name != ledger.Activity.String() { // the savings account never depreciates
		t.head = slices.Delete(t.head, 4, 5)
		t.right = slices.Delete(t.right, 4, 5)
		for i := range t.rows {
			t.rows[i] = slices.Delete(t.rows[i], 4, 5)
		}
	}
	var closing []float64
	for _, m := range r.Timeline {
		closing = append(closing, float64(m.Closing))
	}
	s := section{title: "Timeline", tables: []table{t}}
	if len(closing) > 1 {
		s.lines = []string{"Value by month  " + Sparkline(closing)}
	}
	return s
}

// byKind lists a month's deposits by kind, in the ledger's order of kinds.
func byKind(d map[string]Points) string {
	var parts []string
	for _, k := range ledger.Kinds() {
		if p, ok := d[k.String()]; ok && p != 0 {
			parts = append(parts, k.String()+" "+showPoints(p)+" pts")
		}
	}
	return strings.Join(parts, ", ")
}

func (r *Report) changesSection() section {
	c := r.Changes
	firsts := func(caption string, l []First, who string) table {
		t := table{caption: caption, head: []string{"Date", who, "Post", "Kind"}, empty: "None."}
		for _, f := range l {
			t.rows = append(t.rows, []string{showDate(f.Date), f.Name, f.Title, f.Kind})
		}
		return t
	}
	classes := table{caption: "Posts that changed class", head: []string{"Post", "Was", "Now"}, empty: "None."}
	for _, cc := range c.ClassChanges {
		classes.rows = append(classes.rows, []string{cc.Title, cc.From, cc.To})
	}
	gainers := table{caption: "Biggest gainers", head: []string{"Post", "Gain", "Value"}, right: []bool{false, true, true}, empty: "None."}
	for _, g := range c.Gainers {
		gainers.rows = append(gainers.rows, []string{g.Title, showSigned(float64(g.Gain)), showPoints(g.Value)})
	}
	links := table{caption: "New internal links", head: []string{"Date", "From", "To"}, empty: "None."}
	for _, l := range c.NewLinks {
		links.rows = append(links.rows, []string{showDate(l.Date), titleOr(l.FromTitle, l.From), l.ToTitle})
	}
	return section{title: fmt.Sprintf("What changed since %s", showDate(r.Since)), tables: []table{
		firsts("First-time commenters", c.NewCommenters, "Who"), firsts("First-time linking domains", c.NewDomains, "Domain"),
		classes, gainers, links, momentsTable(c.RecentSince, c.Moments), friendsTable(c.RecentSince, c.Friends),
	}}
}

func momentsTable(since time.Time, ms []Moment) table {
	t := table{caption: fmt.Sprintf("Moments since %s: weeks a post drew %d or more deposits from others, %d times its usual rate (answer, update, link to it now)",
		showDate(since), MomentMin, MomentFactor),
		head: []string{"When", "Post", "Deposits", "Usual", "From"}, right: []bool{false, false, true, true, false}, empty: "None: no post drew far more than usual."}
	for _, m := range ms {
		t.rows = append(t.rows, []string{momentWhen(m), m.Title, strconv.Itoa(m.Deposits), usualRate(m), showSources(m.Sources)})
	}
	return t
}

func friendsTable(since time.Time, f Friends) table {
	t := table{caption: fmt.Sprintf("Lapsed friends since %s: regulars silent far longer than their usual gap (%d gained, %d still regular, %d lapsed in all)",
		showDate(since), f.Gained, f.Regulars, f.LapsedTotal),
		head:  []string{"Who", "Site", "Deposits", "Months", "First seen", "Last seen", "Usual gap"},
		right: []bool{false, false, true, true, false, false, true}, empty: "None: every regular still deposits."}
	if f.Gained+f.Regulars+f.LapsedTotal == 0 {
		t.caption, t.empty = "Friends", "No one else has deposited yet: friends are the people and sites that comment, mention and link."
	}
	for _, l := range f.Lapsed {
		t.rows = append(t.rows, []string{l.Name, l.Site, strconv.Itoa(l.Deposits), strconv.Itoa(l.Months), showDate(l.First), showDate(l.Last), showCount(l.UsualGapDays, "day")})
	}
	return t
}

func (r *Report) championsSection() section {
	t := table{head: []string{"Who", "Site", "Points", "Deposits", "Posts", "First seen", "Last seen"},
		right: []bool{false, false, true, true, true, false, false}, empty: "Nobody yet: champions are the people and sites that comment, mention and link."}
	for _, c := range r.Champions {
		t.rows = append(t.rows, []string{c.Name, c.Site, showPoints(c.Points), strconv.Itoa(c.Deposits), strconv.Itoa(c.Posts), showDate(c.First), showDate(c.Last)})
	}
	return section{title: "Champions", tables: []table{t}}
}

func (r *Report) actionsSection() section {
	a := r.Actions
	update := table{caption: "Update: valuable posts gone quiet (an update is a deposit, and readers come back to fresh posts)",
		head: []string{"Post", "Value", "Why"}, right: []bool{false, true, false}, empty: "None: every valuable post is still earning."}
	for _, c := range a.Update {
		update.rows = append(update.rows, []string{c.Title, showPoints(c.Value), c.Why})
	}
	orphans := table{caption: "Link: orphans, posts no other post links to", head: []string{"Post", "Value"}, right: []bool{false, true}, empty: "None."}
	for _, o := range a.Orphans {
		orphans.rows = append(orphans.rows, []string{o.Title, showPoints(o.Value)})
	}
	talk := table{caption: fmt.Sprintf("Answer: comments of the last %d days without a reply from you", ConversationDays),
		head: []string{"Date", "Who", "Post", "File"}, empty: "None."}
	for _, c := range a.Conversations {
		talk.rows = append(talk.rows, []string{showDate(c.Date), c.Author, c.Title, c.File})
	}
	broken := table{caption: "Fix: broken internal links", head: []string{"Where"}, empty: "None."}
	for _, b := range a.Broken {
		broken.rows = append(broken.rows, []string{b})
	}
	return section{title: "Next actions", tables: []table{update, orphans, talk, broken}}
}

func (r *Report) postsSection() section {
	// On a narrow terminal the breakdown of deposits goes first, the
	// sparkline of deposits last: it tells thriving from quiet.
	t := table{head: []string{"Post", "Class", "Value", "Principal", "Growth", "Age", "Last deposit", "Deposits a month", "Deposits"},
		right: []bool{false, false, true, true, true, true, false, false, false}, empty: "No posts yet.",
		drop: []int{8, 3, 5, 6, 4, 7}}
	top := flowTop(r.Posts)
	for _, p := range r.Posts {
		t.rows = append(t.rows, []string{p.Title, p.Class, showPoints(p.Value), showPoints(p.Principal), showSigned(float64(p.Growth)), showAge(p.AgeDays),
			showDate(p.LastDeposit), SparklineScaled(floats(p.Flow), float64(top)), depositBreakdown(p.Deposits)})
	}
	s := section{title: "Posts", tables: []table{t}}
	if top > 0 {
		s.lines = []string{fmt.Sprintf("Deposits a month over the last 12 months, every post on one scale: █ is %s points.", showPoints(top))}
	}
	return s
}

func modelSection(m ModelInfo) section {
	t := table{caption: "Weights", head: []string{"Kind", "Points"}, right: []bool{false, true}}
	for _, k := range ledger.Kinds() {
		if w, ok := m.Weights[k.String()]; ok {
			t.rows = append(t.rows, []string{k.String(), strconv.FormatFloat(float64(w), 'f', -1, 64)})
		}
	}
	return section{title: "How value is counted", lines: m.Definitions, tables: []table{t}}
}

// sections is the statement's text and Markdown form.
func (s *Statement) sections() []section {
	p := s.Post
	head := section{title: fmt.Sprintf("%s: statement as of %s", p.Title, showDate(s.AsOf)), lines: []string{
		fmt.Sprintf("Post         %s (%s)", p.URL, p.File),
		fmt.Sprintf("Published    %s, %s ago; class %s", showDate(p.Published), showAge(p.AgeDays), p.Class),
		fmt.Sprintf("Value        %s points (%s)", showPoints(p.Value), valueParts(p.Principal, p.Interest, p.Depreciation)),
		fmt.Sprintf("Last deposit %s", showDate(p.LastDeposit)),
	}}
	t := table{head: []string{"Date", "Kind", "Who", "Note", "Points", "Balance"},
		right: []bool{false, false, false, false, true, true}, empty: "No deposits.", drop: []int{3, 2}}
	for _, e := range s.Entries {
		t.rows = append(t.rows, []string{showDate(e.Date), e.Kind, titleOr(e.ActorTitle, e.Actor), titleOr(e.Note, e.Source), showPoints(e.Points), showPoints(e.Balance)})
	}
	entries := section{title: "Deposits", tables: []table{t}}
	if p.Value != 0 {
		since := "with the interest earned since the last deposit"
		if s.Model.Name == ledger.Activity.String() {
			since = "with the interest earned and the depreciation since the last deposit"
		}
		entries.lines = []string{fmt.Sprintf("Balance on %s: %s points, %s", showDate(s.AsOf), showPoints(p.Value), since)}
	}
	moments := section{title: "Moments", tables: []table{{head: []string{"When", "Deposits", "Usual", "From"}, right: []bool{false, true, true, false},
		empty: fmt.Sprintf("None: no week drew %d or more deposits from others and %d times the usual rate.", MomentMin, MomentFactor)}}}
	for _, m := range s.Moments {
		moments.tables[0].rows = append(moments.tables[0].rows, []string{momentWhen(m), strconv.Itoa(m.Deposits), usualRate(m), showSources(m.Sources)})
	}
	return []section{head, entries, moments, modelSection(s.Model)}
}

// WriteText writes the statement as aligned plain text.
func (s *Statement) WriteText(w io.Writer, o TextOptions) error { return writeText(w, s.sections(), o) }

// WriteMarkdown writes the statement as Markdown.
func (s *Statement) WriteMarkdown(w io.Writer) error { return writeMarkdown(w, s.sections()) }

// Sparkline draws values as a row of block characters, lowest to highest.
func Sparkline(v []float64) string {
	const bars = "▁▂▃▄▅▆▇█"
	if len(v) == 0 {
		return ""
	}
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	var b strings.Builder
	for _, x := range v {
		i := 0
		if hi > lo {
			i = int(math.Round((x - lo) / (hi - lo) * 7))
		}
		b.WriteString(string([]rune(bars)[i]))
	}
	return b.String()
}

// SparklineScaled draws values from 0 (▁) to top (█), so lines drawn with
// the same top compare: a post that received nothing is flat at the
// bottom whatever the others did.
func SparklineScaled(v []float64, top float64) string {
	const bars = "▁▂▃▄▅▆▇█"
	var b strings.Builder
	for _, x := range v {
		i := 0
		if top > 0 && x > 0 {
			i = max(1, min(7, int(math.Round(x/top*7)))) // any deposit shows
		}
		b.WriteString(string([]rune(bars)[i]))
	}
	return b.String()
}

// flowTop is the largest month of deposits of any post: the posts
// table's shared scale.
func flowTop(rows []PostRow) Points {
	var top Points
	for _, r := range rows {
		for _, v := range r.Flow {
			top = max(top, v)
		}
	}
	return top
}

func floats(p []Points) []float64 {
	out := make([]float64, len(p))
	for i, x := range p {
		out[i] = float64(x)
	}
	return out
}

// TextOptions choose how the text form looks.
type TextOptions struct {
	// Color adds ANSI colours: for a terminal that is not told NO_COLOR.
	Color bool
	// Width fits the text to a terminal this many columns wide: long
	// lines wrap, tables leave out their least needed columns and clip
	// the last. 0 (a pipe, a file) writes every column whole, so that
	// what scripts read does not depend on a window's size.
	Width int
}

// WriteText writes the report as aligned plain text for a terminal.
func (r *Report) WriteText(w io.Writer, o TextOptions) error {
	return writeText(w, r.sections(), o)
}

func writeText(w io.Writer, sections []section, o TextOptions) error {
	var b strings.Builder
	style := func(code, s string) string {
		if !o.Color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	for i, s := range sections {
		if i > 0 {
			b.WriteString("\n")
		}
		title := wrap(s.title, o.Width)
		b.WriteString(style("1", title) + "\n")
		b.WriteString(style("2", strings.Repeat("─", widest(title))) + "\n")
		for _, l := range s.lines {
			b.WriteString(wrap(l, o.Width) + "\n")
		}
		for _, t := range s.tables {
			if len(s.lines) > 0 || t.caption != "" {
				b.WriteString("\n")
			}
			if t.caption != "" {
				b.WriteString(style("4", wrap(t.caption, o.Width)) + "\n")
			}
			if len(t.rows) == 0 {
				b.WriteString(t.empty + "\n")
				continue
			}
			writeAligned(&b, fit(t, o.Width), style)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// maxCell is the widest a text cell gets; longer ones end in "…".
const maxCell = 44

// minLast is the narrowest the last column is clipped to before a whole
// column is left out instead; minWords the narrowest a column of names
// or titles gets.
const (
	minLast  = 12
	minWords = 10
)

// fit returns t as it fits in width columns: its last column clipped,
// else the columns of t.drop left out one by one, else its first column
// narrowed. A width of 0 leaves t as it is.
func fit(t table, width int) table {
	if width <= 0 {
		return t
	}
	dropped := 0
	for {
		_, w := columnWidths(t)
		total := 2 * (len(w) - 1)
		for _, x := range w {
			total += x
		}
		if total <= width {
			return t
		}
		last := len(w) - 1
		if room := width - (total - w[last]); room >= minLast {
			return clipColumn(t, last, room)
		}
		if dropped < len(t.drop) {
			t = dropColumn(t, t.drop[dropped])
			// later indexes past the dropped column move left
			next := slices.Clone(t.drop)
			for i := dropped + 1; i < len(next); i++ {
				if next[i] > t.drop[dropped] {
					next[i]--
				}
			}
			t.drop = next
			dropped++
			continue
		}
		// Narrow the wider of the first two columns, the names and
		// titles (figures and dates keep their width), as far as minWords.
		widestText := -1
		for i, x := range w[:min(2, len(w))] {
			if (i >= len(t.right) || !t.right[i]) && x > minWords && (widestText < 0 || x > w[widestText]) {
				widestText = i
			}
		}
		if widestText < 0 {
			return t // as narrow as it gets: the terminal wraps it
		}
		t = clipColumn(t, widestText, max(minWords, w[widestText]-(total-width)))
	}
}

// columnWidths are the cells writeAligned writes, the head first, each
// clipped to maxCell but the last (nothing follows it, so it may run
// long), and the width of each column. fit measures with it, so what it
// fits is what is written.
func columnWidths(t table) (cells [][]string, width []int) {
	cells = make([][]string, 0, len(t.rows)+1)
	width = make([]int, len(t.head))
	for _, row := range append([][]string{t.head}, t.rows...) {
		clipped := make([]string, len(row))
		for i, c := range row {
			if i < len(row)-1 {
				c = clip(c, maxCell)
			}
			clipped[i] = c
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
		cells = append(cells, clipped)
	}
	return cells, width
}

func clipColumn(t table, col, width int) table {
	rows := make([][]string, len(t.rows))
	for i, r := range t.rows {
		rows[i] = slices.Clone(r)
		rows[i][col] = clip(r[col], width)
	}
	head := slices.Clone(t.head)
	head[col] = clip(head[col], width)
	t.rows, t.head = rows, head
	return t
}

func dropColumn(t table, col int) table {
	cut := func(r []string) []string { return slices.Delete(slices.Clone(r), col, col+1) }
	rows := make([][]string, len(t.rows))
	for i, r := range t.rows {
		rows[i] = cut(r)
	}
	t.rows, t.head = rows, cut(t.head)
	if col < len(t.right) {
		t.right = slices.Delete(slices.Clone(t.right), col, col+1)
	}
	return t
}

// widest is the width of s's longest line.
func widest(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, utf8.RuneCountInString(l))
	}
	return w
}

// wrap breaks a line longer than width at spaces. A line that starts
// with a label padded to a column ("Shape        the top...") goes on
// under the column. A width of 0 leaves it whole.
func wrap(line string, width int) string {
	if width <= 0 || utf8.RuneCountInString(line) <= width {
		return line
	}
	indent := 0
	if i := strings.Index(line, "  "); i > 0 && i < 20 && !strings.Contains(line[:i], "  ") {
		indent = i + len(line[i:]) - len(strings.TrimLeft(line[i:], " "))
	}
	if indent >= width/2 {
		indent = 0
	}
	var b strings.Builder
	b.WriteString(line[:indent]) // the label and its padding, as written
	col := indent
	for i, word := range strings.Fields(line[indent:]) {
		n := utf8.RuneCountInString(word)
		if room := width - indent; n > room && room > 1 {
			// A word no line holds keeps its end: for a sparkline of
			// months, the latest ones.
			r := []rune(word)
			word, n = "…"+string(r[n-room+1:]), room
		}
		switch {
		case i == 0:
		case col+1+n > width && col > indent:
			b.WriteString("\n" + strings.Repeat(" ", indent))
			col = indent
		default:
			b.WriteString(" ")
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}

func writeAligned(b *strings.Builder, t table, style func(code, s string) string) {
	cells, width := columnWidths(t)
	for n, row := range cells {
		var line strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				line.WriteString("  ")
			}
			shown := c
			if n > 0 {
				shown = tint(t.head[i], c, style)
			}
			if i < len(t.right) && t.right[i] {
				line.WriteString(pad + shown)
			} else if i < len(row)-1 {
				line.WriteString(shown + pad)
			} else {
				line.WriteString(shown) // no trailing spaces
			}
		}
		s := strings.TrimRight(line.String(), " ")
		if n == 0 {
			s = style("2", s)
		}
		b.WriteString(s + "\n")
	}
}

// classColors are the ANSI colours of the classes, as in the HTML report.
var classColors = map[string]string{"compounding": "32", "decaying": "33", "dormant": "90", "new": "36"}

// tint colours a cell by what it says: a class, a gain.
func tint(head, cell string, style func(code, s string) string) string {
	switch {
	case head == "Class" || head == "Was" || head == "Now":
		if code, ok := classColors[cell]; ok {
			return style(code, cell)
		}
	case strings.HasPrefix(cell, "+") && len(cell) > 1 && cell[1] >= '0' && cell[1] <= '9':
		return style("32", cell)
	}
	return cell
}

// clip shortens s to n characters, marking the cut, and makes it one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// WriteMarkdown writes the report as Markdown with GFM tables.
func (r *Report) WriteMarkdown(w io.Writer) error {
	return writeMarkdown(w, r.sections())
}

func writeMarkdown(w io.Writer, sections []section) error {
	var b strings.Builder
	for i, s := range sections {
		level := "## "
		if i == 0 {
			level = "# "
		}
		b.WriteString(level + mdEscape(s.title) + "\n\n")
		for _, l := range s.lines {
			b.WriteString("- " + mdEscape(l) + "\n")
		}
		if len(s.lines) > 0 {
			b.WriteString("\n")
		}
		for _, t := range s.tables {
			if t.caption != "" {
				b.WriteString("### " + mdEscape(t.caption) + "\n\n")
			}
			if len(t.rows) == 0 {
				b.WriteString(mdEscape(t.empty) + "\n\n")
				continue
			}
			writeRow(&b, t.head)
			b.WriteString("|")
			for i := range t.head {
				if i < len(t.right) && t.right[i] {
					b.WriteString("---:|")
				} else {
					b.WriteString("---|")
				}
			}
			b.WriteString("\n")
			for _, row := range t.rows {
				writeRow(&b, row)
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

func writeRow(b *strings.Builder, row []string) {
	b.WriteString("|")
	for _, c := range row {
		b.WriteString(" " + strings.ReplaceAll(mdEscape(strings.Join(strings.Fields(c), " ")), "|", `\|`) + " |")
	}
	b.WriteString("\n")
}

// mdEscape keeps text from content (titles, names) from turning into
// Markdown or HTML where it is shown.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#!~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
