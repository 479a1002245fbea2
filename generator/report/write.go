package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
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
	"depreciation", "growth", "last_deposit", "inbound_links"}

// TimelineColumns are the columns of `--format csv --table timeline`,
// before one column a deposit kind with the points it deposited.
var TimelineColumns = []string{"month", "count", "opening", "principal", "interest", "depreciation", "closing"}

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
			row := []string{p.File, p.Title, p.URL, stamp(p.Published), strconv.Itoa(p.AgeDays), p.Class, hundredths(p.Value),
				hundredths(p.Principal), hundredths(p.Interest), hundredths(p.Depreciation), hundredths(p.Growth), stamp(p.LastDeposit), strconv.Itoa(p.Inbound)}
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
			row := []string{m.Month, strconv.Itoa(m.Count), hundredths(m.Opening), hundredths(m.Principal), hundredths(m.Interest), hundredths(m.Depreciation), hundredths(m.Closing)}
			for _, k := range kinds {
				row = append(row, hundredths(m.Deposits[k.String()]))
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
		cw.Write([]string{stamp(e.Date), e.Kind, e.Actor, e.ActorURL, e.Source, e.Note, hundredths(e.Points), hundredths(e.Balance)})
	}
	cw.Flush()
	return cw.Error()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
