package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// On a terminal the text fits its width: prose wraps under its label and
// tables leave out their least needed columns, the sparkline last. Without
// a width (a pipe) every column shows whole.
func TestTextFitsTheTerminal(t *testing.T) {
	r := Compute(fixture(), Options{AsOf: fixtureAsOf})
	var full bytes.Buffer
	if err := r.WriteText(&full, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if widest(full.String()) <= 100 {
		t.Fatalf("the fixture's report is %d columns wide; the test needs a wide one", widest(full.String()))
	}
	for _, width := range []int{80, 100, 120} {
		var b bytes.Buffer
		if err := r.WriteText(&b, TextOptions{Width: width}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for i, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > width {
				t.Errorf("width %d: line %d is %d columns: %q", width, i+1, n, line)
			}
		}
		if !strings.Contains(out, "Deposits a month") {
			t.Errorf("width %d: the sparkline column was left out before the others", width)
		}
		if !strings.Contains(out, "\nValue        ") {
			t.Errorf("width %d: the summary lost its label", width)
		}
	}
	var again bytes.Buffer
	r.WriteText(&again, TextOptions{})
	if again.String() != full.String() {
		t.Error("without a width the text is not the same on every run")
	}
}

func TestWrap(t *testing.T) {
	got := wrap("Shape        the top 10% of posts hold 58% of the value; 3 posts hold half", 40)
	want := "Shape        the top 10% of posts hold\n             58% of the value; 3 posts\n             hold half"
	if got != want {
		t.Errorf("wrap =\n%s\nwant\n%s", got, want)
	}
	if got := wrap("Value  ▁▁▁▁▁▁▁▁▁▂▃▄▅▆▇█", 16); got != "Value  …▁▂▃▄▅▆▇█" {
		t.Errorf("a sparkline wider than the line: %q; want its latest months", got)
	}
	if s := "short line"; wrap(s, 40) != s || wrap(s+strings.Repeat(" x", 50), 0) != s+strings.Repeat(" x", 50) {
		t.Error("wrap changed a line it had no need to")
	}
}

// TestFit: a table too wide clips its last column while that keeps
// minLast, then leaves out its drop columns in order (counting each
// index in the table as it was written), then narrows its first text
// column, and never leaves the table wider than it must be.
func TestFit(t *testing.T) {
	row := []string{strings.Repeat("n", 20), strings.Repeat("a", 10), strings.Repeat("b", 10), strings.Repeat("g", 10), strings.Repeat("l", 20)}
	in := table{head: []string{"Name", "Alpha", "Beta", "Gamma", "Last"}, rows: [][]string{row}, drop: []int{1, 3}}
	for _, tt := range []struct {
		name  string
		width int
		head  string
		row   string
	}{
		{"fits", 80, "Name Alpha Beta Gamma Last", strings.Join(row, " ")},
		{"last clipped", 70, "Name Alpha Beta Gamma Last", strings.Join(row[:4], " ") + " " + strings.Repeat("l", 11) + "…"},
		{"two dropped", 54, "Name Beta Last", row[0] + " " + row[2] + " " + row[4]},
		{"first narrowed", 45, "Name Beta Last", strings.Repeat("n", 10) + "… " + row[2] + " " + row[4]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := fit(in, tt.width)
			if h, r := strings.Join(got.head, " "), strings.Join(got.rows[0], " "); h != tt.head || r != tt.row {
				t.Errorf("fit(%d) = %q / %q; want %q / %q", tt.width, h, r, tt.head, tt.row)
			}
			if strings.Join(in.rows[0], " ") != strings.Join(row, " ") {
				t.Errorf("fit(%d) changed the table it was given", tt.width)
			}
		})
	}
}
