package mdguard

import (
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// The packages that use the guard test what their readers see; these
// tests pin its limits at their edges.

func parse(t *testing.T, src string) *diag.Error {
	t.Helper()
	md := goldmark.New(goldmark.WithExtensions(extension.Table, Guard{Tables: true}))
	doc, err := Parse(md.Parser(), []byte(src), parser.NewContext(), 1<<16)
	if (doc == nil) == (err == nil) {
		t.Fatalf("Parse returned document %v and error %v; want exactly one", doc != nil, err)
	}
	return err
}

func TestNestingLimitIsExact(t *testing.T) {
	t.Parallel()
	if err := parse(t, "intro\n\n"+strings.Repeat(">", MaxNesting)+" deep\n"); err != nil {
		t.Errorf("%d nested quotes refused: %v", MaxNesting, err)
	}
	err := parse(t, "intro\n\n"+strings.Repeat(">", MaxNesting+1)+" deep\n")
	if err == nil {
		t.Fatalf("%d nested quotes parsed", MaxNesting+1)
	}
	if err.Pos.Line != 3 || !strings.Contains(err.Msg, "nest deeper than 100") {
		t.Errorf("error at %d: %q; want it on line 3, saying the limit", err.Pos.Line, err.Msg)
	}
}

func TestInlineBudget(t *testing.T) {
	t.Parallel()
	// Under the minimum: a short paragraph of unclosed links is fine.
	if err := parse(t, strings.Repeat("[a](b", 20)); err != nil {
		t.Errorf("100 bytes of unclosed links refused: %v", err)
	}
	// Prose of the same size is cheap however long the document.
	prose := strings.Repeat("Plain words, a [link](/x) and *some* `code`.\n\n", 5000)
	if err := parse(t, prose); err != nil {
		t.Errorf("ordinary prose refused: %v", err)
	}
	costly := "# Title\n\n" + strings.Repeat("[a](b", 4000)
	err := parse(t, costly)
	if err == nil {
		t.Fatal("a 20 KB paragraph of unclosed links parsed")
	}
	if err.Pos != (diag.Pos{Line: 3, Col: 1}) || !strings.Contains(err.Msg, "this paragraph holds") {
		t.Errorf("error at %s: %q; want it at the paragraph, 3:1", err.Pos, err.Msg)
	}
}

func TestPaddedTableIsRefused(t *testing.T) {
	t.Parallel()
	table := "|" + strings.Repeat(" h |", 300) + "\n|" + strings.Repeat("---|", 300) + "\n" + strings.Repeat("| x |\n", 300)
	err := parse(t, table)
	if err == nil {
		t.Fatal("a table padding 300 rows to 300 cells parsed")
	}
	if !strings.Contains(err.Error(), "this table's rows leave out") {
		t.Errorf("error %q does not name the table", err)
	}
}
