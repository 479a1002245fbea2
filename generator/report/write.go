package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// WriteJSON writes the report in its documented schema, indented.
func (r *Report) WriteJSON(w io.Writer) error { return writeJSON(w, r) }

// WriteJSON writes the statement as JSON.
func (s *Statement) WriteJSON(w io.Writer) error { return writeJSON(w, s) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// depositKinds are the kinds that deposit on a post: every kind but
// site-wide maintenance. CSV has a column for each, in this order.
func depositKinds() []ledger.Kind {
	var out []ledger.Kind
	for _, k := range ledger.Kinds() {
		if k != ledger.KindMaintenance {
			out = append(out, k)
		}
	}
	return out
}

// PostColumns are the columns of `accrue report --format csv`, before one
// column a deposit kind with the number of its deposits.
var PostColumns = []string{"file", "title", "url", "published", "age_days", "class", "value", "principal", "interest",
	"growth", "last_deposit", "inbound_links"}

// TimelineColumns are the columns of `--format csv --table timeline`,
// before one column a deposit kind with the points it deposited.
var TimelineColumns = []string{"month", "count", "opening", "principal", "interest", "closing"}

// WriteCSV writes the posts table, or the timeline when table is
// "timeline".
func (r *Report) WriteCSV(w io.Writer, table string) error {
	cw := csv.NewWriter(w)
	kinds := depositKinds()
	switch table {
	case "", "posts":
		head := append([]string(nil), PostColumns...)
		for _, k := range kinds {
			head = append(head, k.String())
		}
		cw.Write(head)
		for _, p := range r.Posts {
			row := []string{p.File, p.Title, p.URL, stamp(p.Published), strconv.Itoa(p.AgeDays), p.Class, csvNum(p.Value),
				csvNum(p.Principal), csvNum(p.Interest), csvNum(p.Growth), stamp(p.LastDeposit), strconv.Itoa(p.Inbound)}
			for _, k := range kinds {
				row = append(row, strconv.Itoa(p.Deposits[k.String()]))
			}
			cw.Write(row)
		}
	case "timeline":
		head := append([]string(nil), TimelineColumns...)
		for _, k := range kinds {
			head = append(head, k.String())
		}
		cw.Write(head)
		for _, m := range r.Timeline {
			row := []string{m.Month, strconv.Itoa(m.Count), csvNum(m.Opening), csvNum(m.Principal), csvNum(m.Interest), csvNum(m.Closing)}
			for _, k := range kinds {
				row = append(row, csvNum(m.Deposits[k.String()]))
			}
			cw.Write(row)
		}
	default:
		return fmt.Errorf("no table %q: use posts or timeline", table)
	}
	cw.Flush()
	return cw.Error()
}

// EntryColumns are the columns of a post's statement as CSV.
var EntryColumns = []string{"date", "kind", "actor", "actor_url", "source", "note", "points", "balance"}

// WriteCSV writes the statement's entries.
func (s *Statement) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(EntryColumns)
	for _, e := range s.Entries {
		cw.Write([]string{stamp(e.Date), e.Kind, e.Actor, e.ActorURL, e.Source, e.Note, csvNum(e.Points), csvNum(e.Balance)})
	}
	cw.Flush()
	return cw.Error()
}

func csvNum(p Points) string {
	return strconv.FormatFloat(math.Round(float64(p)*100)/100, 'f', -1, 64)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// sections is the statement's text and Markdown form.
func (s *Statement) sections() []section {
	p := s.Post
	head := section{title: fmt.Sprintf("%s: statement as of %s", p.Title, date(s.AsOf)), lines: []string{
		fmt.Sprintf("Post         %s (%s)", p.URL, p.File),
		fmt.Sprintf("Published    %s, %s ago; class %s", date(p.Published), age(p.AgeDays), p.Class),
		fmt.Sprintf("Value        %s points (principal %s, interest %s)", pointsText(p.Value), pointsText(p.Principal), pointsText(p.Interest)),
		fmt.Sprintf("Last deposit %s", date(p.LastDeposit)),
	}}
	t := table{head: []string{"Date", "Kind", "Who", "Note", "Points", "Balance"},
		right: []bool{false, false, false, false, true, true}, empty: "No deposits."}
	for _, e := range s.Entries {
		t.rows = append(t.rows, []string{date(e.Date), e.Kind, e.Actor, or(e.Note, e.Source), pointsText(e.Points), pointsText(e.Balance)})
	}
	entries := section{title: "Deposits", tables: []table{t}}
	if p.Value != 0 {
		entries.lines = []string{fmt.Sprintf("Balance on %s: %s points, with the interest earned since the last deposit", date(s.AsOf), pointsText(p.Value))}
	}
	return []section{head, entries, modelSection(s.Model)}
}

// WriteText writes the statement as aligned plain text.
func (s *Statement) WriteText(w io.Writer, o TextOptions) error { return writeText(w, s.sections(), o) }

// WriteMarkdown writes the statement as Markdown.
func (s *Statement) WriteMarkdown(w io.Writer) error { return writeMarkdown(w, s.sections()) }
