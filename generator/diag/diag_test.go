package diag

import (
	"bytes"
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

func TestLineIndexEdges(t *testing.T) {
	for _, tt := range []struct {
		name, src      string
		off, line, col int
	}{
		{"empty source", "", 0, 1, 1},
		{"offset at the end", "ab\ncd", 5, 2, 3},
		{"after a final line break", "ab\n", 3, 2, 1},
		{"on the line break", "ab\ncd", 2, 1, 3},
		{"blank lines", "\n\n\n", 2, 3, 1},
		{"crlf counts the CR in the line", "a\r\nb", 1, 1, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if l, c := NewLineIndex([]byte(tt.src)).Position(tt.off); l != tt.line || c != tt.col {
				t.Errorf("NewLineIndex(%q).Position(%d) = %d:%d; want %d:%d", tt.src, tt.off, l, c, tt.line, tt.col)
			}
		})
	}
}

func BenchmarkNewLineIndex(b *testing.B) {
	src := bytes.Repeat([]byte("A line of prose as long as most lines of a post are, give or take.\n"), 2000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		NewLineIndex(src)
	}
}
