package markdown

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/diag"
)

var rep = strings.Repeat

// quoteStair is the document whose line i holds i ">".
func quoteStair(lines int) string {
	var b strings.Builder
	for i := 1; i <= lines; i++ {
		b.WriteString(rep(">", i) + " a\n")
	}
	return b.String()
}

// listStair is lists nested by indentation, one level a line.
func listStair(lines int, between string) string {
	var b strings.Builder
	for i := range lines {
		b.WriteString(rep("  ", i) + "- a\n" + between)
	}
	return b.String()
}

func TestTooDeepIsRefused(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src         string
		wantLine, wantCol int
	}{
		{"quote stair", quoteStair(150), 101, 101},
		{"quotes on one line", rep("> ", 150) + "a\n", 1, 201},
		{"list stair", listStair(150, ""), 101, 201},
		{"list stair with lazy lines", listStair(150, "lazy\n"), 201, 201},
		{"list stair of tabs", func() string {
			var b strings.Builder
			for i := range 150 {
				b.WriteString(rep("\t", i) + "1. a\n")
			}
			return b.String()
		}(), 101, 102},
		{"bullets on one line", rep("- ", 150) + "a\n", 1, 201},
		{"ordered on one line", rep("1) ", 150) + "a\n", 1, 302},
		{"quotes and lists", rep("> - ", 75) + "a\n", 1, 201},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(Options{}).Render([]byte(tt.src))
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("Render: err = %v; want a *diag.Error", err)
			}
			if de.Pos.Line != tt.wantLine || de.Pos.Col != tt.wantCol {
				t.Errorf("error at %d:%d; want %d:%d", de.Pos.Line, de.Pos.Col, tt.wantLine, tt.wantCol)
			}
			if !strings.Contains(de.Msg, "deeper than 100 levels") {
				t.Errorf("message %q does not name the limit", de.Msg)
			}
			if _, err := New(Options{}).Scan([]byte(tt.src)); err == nil {
				t.Error("Scan accepted what Render refused")
			}
		})
	}
}

func TestDeepButNotTooDeep(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src, want string
		count           int
	}{
		{"100 quotes", quoteStair(100), "<blockquote>", 100},
		{"100 lists", listStair(100, ""), "<ul>", 100},
		{"indented code, no lists", "text\n\n" + rep(" ", 400) + "code\n", "<pre", 1},
		{"a thousand sibling items", rep("- a\n  - b\n", 1000), "<li>b</li>", 1000},
		{"markers inside the text", "a - b > c 1. d\n", "<p>a - b &gt; c 1. d</p>", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := New(Options{}).Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Count(string(res.HTML), tt.want); got != tt.count {
				t.Errorf("HTML holds %q %d times; want %d:\n%.300s", tt.want, got, tt.count, res.HTML)
			}
		})
	}
}

func TestTooCostlyIsRefused(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src         string
		wantLine, wantCol int
		wantMsg           string
	}{
		{"unclosed links", "# Title\n\n" + rep("[a](b", 13000), 3, 1, "this paragraph holds 26000 runs"},
		{"a MiB of brackets", rep("[", 1<<20), 1, 1, "this paragraph holds 1048576 runs"},
		{"nested brackets", "x\n\n" + rep("[", 8000) + "a" + rep("]", 8000), 3, 1, "paragraph"},
		{"mismatched emphasis", rep("*a_ ", 3000), 1, 1, "paragraph"},
		{"in a list item", "- " + rep("[a](b", 13000), 1, 3, "paragraph"},
		{"heading", "intro\n\n## " + rep("[a](b", 13000) + "\n", 3, 1, "this heading holds"},
		{"table padding", rep("|a", 2000) + "|\n" + rep("|-", 2000) + "|\n" + rep("a\n", 2000), 1, 1, "this table's rows leave out up to"},
		{"table cell", "|a|\n|-|\n|" + rep("[a](b", 13000) + "|\n", 3, 2, "this table cell holds"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(Options{}).Render([]byte(tt.src))
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("Render: err = %v; want a *diag.Error", err)
			}
			if de.Pos.Line != tt.wantLine || de.Pos.Col != tt.wantCol {
				t.Errorf("error at %d:%d; want %d:%d", de.Pos.Line, de.Pos.Col, tt.wantLine, tt.wantCol)
			}
			if !strings.Contains(de.Msg, tt.wantMsg) {
				t.Errorf("message %q does not hold %q", de.Msg, tt.wantMsg)
			}
		})
	}
}

func TestCostlyButRealIsRendered(t *testing.T) {
	t.Parallel()
	var table strings.Builder
	table.WriteString("| name | `code` | [link](/x) | *note* |\n|---|---|---|---|\n")
	for range 2000 {
		table.WriteString("| **a** | `b` | [c](/c) | _d_ ~~e~~ |\n")
	}
	var prose strings.Builder
	for range 300 {
		prose.WriteString("A paragraph with *emphasis*, `code`, a [link](https://example.com/) and <https://example.com/>. ")
		prose.WriteString("It goes on **a little** more.\n\n")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, src string }{
		{"large table", table.String()},
		{"long post", prose.String()},
		{"one long paragraph", rep("Some *words* and a [link](/x). ", 500)},
		{"the README", string(readme)},
		{"escaped marks", rep(`\[a\](b `, 13000)},
	}
	// The README's reference pages are real documents too.
	docs, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		src, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ name, src string }{"docs/" + filepath.Base(d), string(src)})
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := New(Options{}).Render([]byte(tt.src)); err != nil {
				t.Errorf("Render: %v", err)
			}
		})
	}
}

// FuzzGuard checks that a refusal points inside the document and that
// nothing panics, whatever the nesting and marks.
func FuzzGuard(f *testing.F) {
	for _, s := range []string{quoteStair(120), listStair(120, "x\n"), rep("> - ", 60), rep("[a](b", 4000), "|a|b|\n|-|-|\n" + rep("c\n", 3000), "## " + rep("*a_ ", 3000)} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		_, err := r.Render([]byte(src))
		var de *diag.Error
		if !errors.As(err, &de) {
			return
		}
		lines := strings.Split(src, "\n")
		if de.Pos.Line < 1 || de.Pos.Line > len(lines) || de.Pos.Col < 1 || de.Pos.Col > len(lines[de.Pos.Line-1])+1 {
			t.Errorf("%d:%d is outside the document: %v", de.Pos.Line, de.Pos.Col, de)
		}
	})
}
