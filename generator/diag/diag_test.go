package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestPosString(t *testing.T) {
	for _, tt := range []struct {
		name string
		pos  Pos
		want string
	}{
		{"full", Pos{"a.md", 3, 7}, "a.md:3:7"},
		{"no column", Pos{"a.md", 3, 0}, "a.md:3"},
		{"file only", Pos{"a.md", 0, 0}, "a.md"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.pos.String(); got != tt.want {
				t.Errorf("String() = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestListSortAndErr(t *testing.T) {
	var l List
	l.Add(Errorf(Pos{"b.md", 1, 1}, "second file"))
	l.Add(Warnf(Pos{"a.md", 9, 1}, "a warning"))
	l.Add(Errorf(Pos{"a.md", 2, 4}, "first"))
	l.Add(nil)
	l.Sort()
	want := "a.md:2:4: first\na.md:9:1: warning: a warning\nb.md:1:1: second file"
	if got := l.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	if len(l.Errors()) != 2 || len(l.Warnings()) != 1 {
		t.Errorf("Errors/Warnings = %d/%d; want 2/1", len(l.Errors()), len(l.Warnings()))
	}
	var d *Error
	if !errors.As(fmt.Errorf("wrapped: %w", l.Err()), &d) || d.Msg != "first" {
		t.Errorf("errors.As found %v; want the first diagnostic", d)
	}
	if (List{Warnf(Pos{}, "w")}).Err() != nil {
		t.Error("a list of warnings must not be an error")
	}
}

func TestLineIndex(t *testing.T) {
	x := NewLineIndex([]byte("ab\ncde\n\nf"))
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {1, 1, 2}, {3, 2, 1}, {5, 2, 3}, {7, 3, 1}, {8, 4, 1},
	} {
		if l, c := x.Position(tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d; want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"title", "date", "tags", "summary"}
	for _, tt := range []struct{ in, want string }{
		{"dtae", "date"}, {"titel", "title"}, {"sumary", "summary"}, {"colour", ""}, {"tag", "tags"},
	} {
		if got := Suggest(tt.in, cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
