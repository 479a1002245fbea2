package dialect

import (
	"bytes"
	"encoding/hex"
	"strings"

	"github.com/accruehq/accrue/generator/diag"
)

// Rewrite rewrites src, a document's Markdown body, for o.Dialect. It
// never fails: what it cannot render stays visible, with a warning.
// Time is linear in len(src), whatever src holds.
func Rewrite(src []byte, o Options) *Result {
	if o.Dialect == None || !needs(o.Dialect, src) {
		return &Result{Markdown: src}
	}
	r := &rewriter{src: src, o: o, lines: []int32{1}, srcLine: 1, memo: map[string]found{}, noEnd: map[string]int{}}
	r.out.Grow(len(src) + len(src)/8)
	r.run()
	if r.unlisted > 0 {
		r.res.Diags.Add(diag.Warnf(diag.Pos{File: o.File}, "%d more %s constructs shown as written; is markdown.dialect right for this file?", r.unlisted, o.Dialect))
	}
	r.res.Markdown = r.out.Bytes()
	r.res.lines = r.lines
	return &r.res
}

// RefScheme starts the link a cross-reference becomes until site knows
// the URL of every page; what follows is the target in hex, so no
// Markdown or HTML escaping can change it.
const RefScheme = "accrue-ref:"

// RefURL is the token for a reference to target.
func RefURL(target string) string { return RefScheme + hex.EncodeToString([]byte(target)) }

type found struct{ from, at int }

// rewriter is one document's rewrite: it copies src to out, replacing
// constructs, and records for each line of out the line of src it came
// from.
type rewriter struct {
	src     []byte
	o       Options
	out     bytes.Buffer
	res     Result
	lines   []int32 // line k of out (0-based) comes from line lines[k] of src
	pos     int     // src[:pos] is done
	srcLine int     // the line of src at pos
	idx     *diag.LineIndex
	// memo holds the last search for each needle, and noEnd where a
	// search for a block's end failed, so that many unclosed openers do
	// not each search to the end of the document.
	memo  map[string]found
	noEnd map[string]int
	// lineStart is where the last line of out starts.
	lineStart int
	unlisted  int // warnings past maxWarnings
}

// find returns the index of needle in src at or after from, or -1.
func (r *rewriter) find(needle string, from int) int {
	if m, ok := r.memo[needle]; ok && m.from <= from && (m.at == -1 || m.at >= from) {
		return m.at
	}
	at := -1
	if from <= len(r.src) {
		if i := bytes.Index(r.src[from:], []byte(needle)); i >= 0 {
			at = from + i
		}
	}
	r.memo[needle] = found{from, at}
	return at
}

// copyTo copies src[pos:end] as it is.
func (r *rewriter) copyTo(end int) {
	chunk := r.src[r.pos:end]
	if i := bytes.LastIndexByte(chunk, '\n'); i >= 0 {
		r.lineStart = r.out.Len() + i + 1
	}
	r.out.Write(chunk) // bytes.Buffer writes never fail
	for i := bytes.IndexByte(chunk, '\n'); i >= 0; {
		r.srcLine++
		r.lines = append(r.lines, int32(r.srcLine))
		j := bytes.IndexByte(chunk[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	r.pos = end
}

// replace writes text in place of src[pos:end]. The k-th line break of
// text maps to the k-th of the construct, or its last line.
func (r *rewriter) replace(end int, text string) {
	n := bytes.Count(r.src[r.pos:end], []byte{'\n'})
	start := r.srcLine
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		r.lineStart = r.out.Len() + i + 1
	}
	r.out.WriteString(text)
	k := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			k++
			r.lines = append(r.lines, int32(start+min(k, n)))
		}
	}
	r.srcLine += n
	r.pos = end
}

// atLineStart reports whether out is at the start of a line.
func (r *rewriter) atLineStart() bool {
	b := r.out.Bytes()
	return len(b) == 0 || b[len(b)-1] == '\n'
}

func (r *rewriter) position(off int) diag.Pos {
	if r.idx == nil {
		r.idx = diag.NewLineIndex(r.src)
	}
	line, col := r.idx.Position(off)
	first := max(r.o.Line, 1)
	return diag.Pos{File: r.o.File, Line: line + first - 1, Col: col}
}

// maxWarnings is how many problems one document reports one by one; a
// file that has more is not written for this dialect, and a list of
// thousands helps no one.
const maxWarnings = 50

func (r *rewriter) warn(off int, format string, args ...any) {
	if len(r.res.Diags) >= maxWarnings {
		r.unlisted++
		return
	}
	r.res.Diags.Add(diag.Warnf(r.position(off), format, args...))
}

// visible writes src[pos:end] so that it shows as written, and warns.
func (r *rewriter) visible(end int, format string, args ...any) {
	r.warn(r.pos, format, args...)
	r.replace(end, escape(string(r.src[r.pos:end])))
}

const punct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

func isPunct(c byte) bool { return strings.IndexByte(punct, c) >= 0 }

// escape backslash-escapes ASCII punctuation, so that Markdown shows s
// as written; line breaks stay.
func escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isPunct(c) {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ref writes the token of a reference to target, written at off.
func (r *rewriter) ref(off int, target string) string {
	p := r.position(off)
	r.res.Refs = append(r.res.Refs, Ref{Target: target, Line: p.Line, Col: p.Col})
	return RefURL(target)
}

func (r *rewriter) run() {
	for r.pos < len(r.src) {
		if r.pos == 0 || r.src[r.pos-1] == '\n' {
			if end, ok := r.fence(r.pos); ok {
				r.code(end)
				continue
			}
		}
		lineEnd := len(r.src)
		if i := bytes.IndexByte(r.src[r.pos:], '\n'); i >= 0 {
			lineEnd = r.pos + i + 1
		}
		r.line(lineEnd)
	}
}

// line rewrites src[pos:end], one line, or more when a construct that
// starts on it ends on a later one.
func (r *rewriter) line(end int) {
	var spans codeSpans
	for r.pos < end {
		i := bytes.IndexAny(r.src[r.pos:end], "`{@\\")
		if i < 0 {
			r.copyTo(end)
			return
		}
		at := r.pos + i
		switch r.src[at] {
		case '\\': // an escaped character is text: \{{ is not a tag
			if at+1 < end && isPunct(r.src[at+1]) {
				r.copyTo(at + 2)
			} else {
				r.copyTo(at + 1)
			}
		case '`':
			n := run(r.src, at, '`')
			close := spans.closing(r.src[at:end], n)
			if close < 0 { // not a code span: the backticks are text
				r.copyTo(at + n)
				continue
			}
			r.copyTo(at + close + n)
		case '{':
			r.copyTo(at)
			if !r.tag() {
				r.copyTo(at + 1)
			}
			if r.pos > end { // the construct went on past this line
				return
			}
		case '@':
			r.copyTo(at)
			if !r.zolaLink() {
				r.copyTo(at + 1)
			}
		}
	}
}

// tag rewrites the construct that starts at pos with "{", if any.
func (r *rewriter) tag() bool {
	switch r.o.Dialect {
	case Jekyll:
		return r.liquid()
	case Hugo:
		return r.shortcode()
	case Zola:
		return r.zolaShortcode()
	}
	return false
}

// run counts the bytes c from src[i] on.
func run(src []byte, i int, c byte) int {
	n := 0
	for i+n < len(src) && src[i+n] == c {
		n++
	}
	return n
}

// codeSpans finds closing backtick runs on one line in linear time: runs
// are listed once, by length.
type codeSpans struct {
	base  []byte
	byLen map[int][]int // run length -> offsets in base, ascending
}

// closing returns the offset in rest (which starts with an n-backtick run
// and lies within one line) of the run of exactly n backticks that closes
// it, or -1.
func (c *codeSpans) closing(rest []byte, n int) int {
	if c.byLen == nil || len(c.base) == 0 || &c.base[len(c.base)-1] != &rest[len(rest)-1] {
		c.base, c.byLen = rest, map[int][]int{}
		for i := 0; i < len(rest); {
			if rest[i] != '`' {
				i++
				continue
			}
			m := run(rest, i, '`')
			c.byLen[m] = append(c.byLen[m], i)
			i += m
		}
	}
	start := len(c.base) - len(rest)
	offs := c.byLen[n]
	for len(offs) > 0 && offs[0] <= start {
		offs = offs[1:]
	}
	c.byLen[n] = offs
	if len(offs) == 0 {
		return -1
	}
	return offs[0] - start
}

// fence reports whether a fenced code block opens at the line starting
// at off, and where it ends: after its closing line, or at the end.
// Block quote markers and any indentation (list items) may come first.
func (r *rewriter) fence(off int) (end int, ok bool) {
	c, n, info := fenceLine(r.src, off)
	if n < 3 || (c == '`' && bytes.IndexByte(info, '`') >= 0) {
		return 0, false
	}
	i := nextLine(r.src, off)
	for i < len(r.src) {
		cc, nn, rest := fenceLine(r.src, i)
		next := nextLine(r.src, i)
		if cc == c && nn >= n && len(bytes.TrimSpace(rest)) == 0 {
			return next, true
		}
		i = next
	}
	return len(r.src), true
}

// fenceLine reads the line at off as a fence: its character, the length
// of the run and what follows it on the line.
func fenceLine(src []byte, off int) (c byte, n int, rest []byte) {
	i := off
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '>') {
		i++
	}
	if i >= len(src) || (src[i] != '`' && src[i] != '~') {
		return 0, 0, nil
	}
	c = src[i]
	n = run(src, i, c)
	end := nextLine(src, i)
	return c, n, src[i+n : end]
}

func nextLine(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// code copies a fenced code block that ends at end. Jekyll drops its
// {% raw %} tags even there: they only keep Liquid from running.
func (r *rewriter) code(end int) {
	block := r.src[r.pos:end]
	if r.o.Dialect != Jekyll || !bytes.Contains(block, []byte("raw")) {
		r.copyTo(end)
		return
	}
	r.replace(end, rawTag.ReplaceAllString(string(block), ""))
}
