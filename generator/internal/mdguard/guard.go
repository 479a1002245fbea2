package mdguard

import (
	"github.com/accruehq/accrue/generator/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxNesting is how deep block quotes and list items may nest. goldmark's
// block parser does work for every open container on every line and for
// every container a line opens, so nesting without end is quadratic: a
// post whose line i holds i ">" took minutes to build. No page nests a
// hundred deep.
const MaxNesting = 100

// The inline parser (links, emphasis, code spans) is quadratic in the
// worst case within one paragraph: an opener with no closer is looked for
// again from every later mark. Its work is bounded by the number of marks
// times the paragraph's length, summed over paragraphs, and a document may
// spend WorkPerByte times its size, and at least a minimum its caller
// sets. Documentation and blog posts spend under 20 a byte; a paragraph
// made of "[a](b" spends the lot in a few KiB. A unit is a nanosecond or two.
const (
	WorkPerByte = 256
	// cellWork is what a cell a table adds to pad a row costs: a node and
	// its HTML, about a microsecond. Cells the rows write cost what their
	// text does.
	cellWork = 1024
)

// checkNesting returns where src nests block quotes and list items deeper
// than MaxNesting, or nil. It spends the inline work of heading lines from
// b, since no paragraph transformer sees them.
//
// It reads only the start of each line and counts too much rather than too
// little: a ">" or list marker there counts as a container even inside a
// code block, and indentation counts as list items continued, two columns
// each, up to the deepest nesting met so far. So what it lets through
// cannot nest deeper in goldmark, whatever the rest of the line holds.
func checkNesting(src []byte, b *budget) *diag.Error {
	deepest := 0
	line := 1
	for start := 0; start <= len(src); line++ {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		l := src[start:end]
		quotes, items, cols, i := 0, 0, 0, 0
	prefix:
		for i < len(l) {
			switch c := l[i]; {
			case c == ' ':
				cols++
				i++
			case c == '\t':
				cols += 4
				i++
			case c == '>':
				quotes++
				i++
			case c == '-' || c == '+' || c == '*':
				if !endsMarker(l, i+1) {
					break prefix
				}
				items++
				i++
			case '0' <= c && c <= '9':
				j := i
				for j < len(l) && j-i < 10 && '0' <= l[j] && l[j] <= '9' {
					j++
				}
				if j-i > 9 || j == len(l) || (l[j] != '.' && l[j] != ')') || !endsMarker(l, j+1) {
					break prefix
				}
				items++
				i = j + 1
			default:
				break prefix
			}
			if depth := quotes + items + min(cols/2, deepest); depth > MaxNesting {
				return diag.Errorf(diag.Pos{Line: line, Col: i},
					"block quotes and lists nest deeper than %d levels here; no page needs that many, so flatten them", MaxNesting)
			}
		}
		deepest = max(deepest, quotes+items+min(cols/2, deepest))
		if rest := l[i:]; isHeadingLine(rest) {
			m := marks(rest)
			b.spend(m*len(rest), start+i, m, len(rest), "heading")
		}
		start = end + 1
	}
	return nil
}

// endsMarker reports whether a list marker ending before l[i] is one: it
// ends the line or a space or tab follows.
func endsMarker(l []byte, i int) bool {
	return i == len(l) || l[i] == ' ' || l[i] == '\t' || l[i] == '\r'
}

// isHeadingLine reports whether l starts like an ATX heading.
func isHeadingLine(l []byte) bool {
	n := 0
	for n < len(l) && n < 7 && l[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && endsMarker(l, n)
}

// marks counts the runs of characters that start goldmark's costly inline
// parsers: code spans, links, emphasis, strikethrough, autolinks and raw
// HTML. A run such as "**" or "```" is one delimiter to goldmark, but
// every bracket counts. Escaped characters are text.
func marks(b []byte) int {
	n := 0
	var prev byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case '\\':
			i++
			prev = 0
		case '`', '*', '_', '~':
			if c != prev {
				n++
			}
			prev = c
		case '[', ']', '<':
			n++ // each one opens or closes on its own
			prev = 0
		default:
			prev = 0
		}
	}
	return n
}

// Guard is the goldmark extension that keeps the inline parser's work
// within a document's budget (see WorkPerByte). It measures each paragraph
// as the block parser closes it, before any inline parsing; once the
// budget is spent it empties the paragraphs left, so that the parse ends
// quickly and Parse can refuse the document.
type Guard struct {
	// Tables is set when the Markdown has GFM tables: their cells are
	// parsed one by one, so the guard makes the table first and measures
	// its cells rather than the paragraph it came from.
	Tables bool
}

var _ goldmark.Extender = Guard{}

func (g Guard) Extend(m goldmark.Markdown) {
	// After link reference definitions (100), which leave the paragraph
	// text, before tables (200), which the guard makes itself.
	m.Parser().AddOptions(parser.WithParagraphTransformers(util.Prioritized(g, 150)))
}

var budgetKey = parser.NewContextKey()

// budget is one document's inline work: what is left, and the costliest
// paragraph, blamed when nothing is left.
type budget struct {
	left int
	// The costliest block: its work, offset, marks (or cells for a
	// table), bytes and what it is ("paragraph", "heading", "table").
	worst, worstAt, marks, bytes int
	what                         string
}

func (b *budget) spend(work, at, marks, bytes int, what string) {
	b.left -= work
	if work > b.worst {
		b.worst, b.worstAt, b.marks, b.bytes, b.what = work, at, marks, bytes, what
	}
}

var tableTransformer = extension.NewTableParagraphTransformer()

func (g Guard) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	b, _ := pc.Get(budgetKey).(*budget)
	if b == nil || p.Lines().Len() == 0 {
		return // not parsed by Parse
	}
	src := reader.Source()
	if b.left < 0 {
		p.Lines().Clear()
		return
	}
	at := p.Lines().At(0).Start
	if g.Tables && p.Lines().Len() >= 2 {
		// A table pads every row to its header's columns: a header of
		// a thousand cells over a thousand one-cell rows makes a million.
		// Spend the cells the rows leave out, counted from the widest
		// line, before any is made.
		pipes := make([]int, p.Lines().Len())
		widest := 0
		for i := range pipes {
			seg := p.Lines().At(i)
			for _, c := range seg.Value(src) {
				if c == '|' {
					pipes[i]++
				}
			}
			widest = max(widest, pipes[i])
		}
		padded := 0
		for _, n := range pipes {
			padded += widest - n
		}
		if widest > 0 && padded > 0 {
			b.spend(padded*cellWork, at, padded, paragraphBytes(p), "table")
			if b.left < 0 {
				p.Lines().Clear()
				return
			}
		}
		parent, prev, next := p.Parent(), p.PreviousSibling(), p.NextSibling()
		tableTransformer.Transform(p, reader, pc)
		first := parent.FirstChild()
		if prev != nil {
			first = prev.NextSibling()
		}
		for n := first; n != nil && n != next; n = n.NextSibling() {
			if n == p {
				continue
			}
			g.measureTable(b, n, src)
		}
		if p.Parent() == nil {
			return // all of it was a table
		}
	}
	g.measure(b, p, src, "paragraph")
}

// measureTable spends the inline work of each cell of table.
func (g Guard) measureTable(b *budget, table ast.Node, src []byte) {
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			g.measure(b, cell, src, "table cell")
		}
	}
}

// measure spends the inline work of n's text, or empties n when the
// budget is spent.
func (Guard) measure(b *budget, n ast.Node, src []byte, what string) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	m, size := 0, 0
	for i := range lines.Len() {
		seg := lines.At(i)
		m += marks(seg.Value(src))
		size += seg.Len()
	}
	b.spend(m*size, lines.At(0).Start, m, size, what)
	if b.left < 0 {
		lines.Clear()
	}
}

func paragraphBytes(p *ast.Paragraph) int {
	n := 0
	for i := range p.Lines().Len() {
		seg := p.Lines().At(i)
		n += seg.Len()
	}
	return n
}

// Parse parses src with p, whose Markdown has the Guard, unless
// src is beyond what the parser can do in time linear in its size; then
// it returns the reason, positioned within src, and no document. pc is
// the document's context; minWork is the work any document may spend.
func Parse(p parser.Parser, src []byte, pc parser.Context, minWork int) (ast.Node, *diag.Error) {
	b := &budget{left: max(minWork, WorkPerByte*len(src))}
	if err := checkNesting(src, b); err != nil {
		return nil, err
	}
	var doc ast.Node
	if b.left >= 0 { // headings alone may spend it all, and goldmark cannot skip them
		pc.Set(budgetKey, b)
		doc = p.Parse(text.NewReader(src), parser.WithContext(pc))
		if b.left >= 0 {
			return doc, nil
		}
	}
	line, col := diag.NewLineIndex(src).Position(b.worstAt)
	pos := diag.Pos{Line: line, Col: col}
	if b.what == "table" {
		return nil, diag.Errorf(pos, "this table's rows leave out up to %d cells, which it would add to match its widest row: too many to build in reasonable time; give the rows the same number of cells", b.marks)
	}
	return nil, diag.Errorf(pos,
		"this %s holds %d runs of link, emphasis and code marks in %d bytes, too many to parse in reasonable time; split it or escape the marks with \\", b.what, b.marks, b.bytes)
}
