package markdown

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights fenced code with chroma, writing CSS classes so
// one stylesheet (see package theme) serves light and dark modes.
type codeRenderer struct {
	lineNumbers bool
	// plain and numbered are shared by every block without highlighted
	// lines: a chroma formatter caches its style's CSS, which is costly to
	// build once per block.
	plain, numbered *chromahtml.Formatter
	lexers          *lexerSet
}

func newCodeRenderer(lineNumbers bool) *codeRenderer {
	return &codeRenderer{
		lineNumbers: lineNumbers,
		lexers:      lexerCopies(),
		plain:       chromahtml.New(baseOptions()...),
		numbered:    chromahtml.New(append(baseOptions(), chromahtml.WithLineNumbers(true), chromahtml.LineNumbersInTable(true))...),
	}
}

func baseOptions() []chromahtml.Option {
	return []chromahtml.Option{chromahtml.WithClasses(true), chromahtml.TabWidth(4)}
}

// classStyle is handed to chroma's formatter, which needs a style even
// when it writes only class names.
var classStyle = styles.Fallback

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.renderFenced)
	reg.Register(ast.KindCodeBlock, r.renderIndented)
}

// FenceOptions are the options written after a fence's language, as Hugo
// users write them: ```go {linenos=true hl_lines=[2,"4-5"] linenostart=10}.
type FenceOptions struct {
	Lang        string
	LineNumbers bool
	Highlight   [][2]int // inclusive line ranges, counted from 1
	LineStart   int
}

// ParseFence reads a fence's info string. Unknown options are ignored, as
// chroma-based generators do, so info strings written for other tools
// still render.
func ParseFence(info string, lineNumbers bool) FenceOptions {
	o := FenceOptions{LineNumbers: lineNumbers, LineStart: 1}
	info = strings.TrimSpace(info)
	attrs := ""
	if i := strings.IndexByte(info, '{'); i >= 0 {
		attrs = strings.TrimSuffix(strings.TrimSpace(info[i+1:]), "}")
		info = info[:i]
	}
	if f := strings.Fields(info); len(f) > 0 {
		o.Lang = strings.ToLower(f[0])
	}
	for _, kv := range splitAttrs(attrs) {
		k, v, _ := strings.Cut(kv, "=")
		k, v = strings.TrimSpace(k), strings.Trim(strings.TrimSpace(v), `"'`)
		switch k {
		case "linenos":
			o.LineNumbers = v == "true" || v == "table" || v == "inline"
		case "linenostart":
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				o.LineStart = n
			}
		case "hl_lines":
			o.Highlight = parseRanges(v)
		}
	}
	return o
}

// splitAttrs splits "a=1 b=[1, 2] c="x y"" at spaces or commas outside
// brackets and quotes.
func splitAttrs(s string) []string {
	var out []string
	depth, start := 0, 0
	var quote rune // the quote that opened the current quoted text, or 0
	for i, c := range s {
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			quote = c
		case '[':
			depth++
		case ']':
			depth--
		case ' ', ',':
			if depth == 0 {
				if p := strings.TrimSpace(s[start:i]); p != "" {
					out = append(out, p)
				}
				start = i + 1
			}
		}
	}
	if p := strings.TrimSpace(s[start:]); p != "" {
		out = append(out, p)
	}
	return out
}

// parseRanges reads [2,"4-5"] or "2 4-5".
func parseRanges(v string) [][2]int {
	v = strings.Trim(v, "[]")
	var out [][2]int
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		part = strings.Trim(part, `"'`)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(lo)
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 == nil && err2 == nil && a > 0 && b >= a {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

func (r *codeRenderer) renderFenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	info := ""
	if n.Info != nil {
		info = string(n.Info.Segment.Value(src))
	}
	r.write(w, codeText(n, src), ParseFence(info, r.lineNumbers))
	return ast.WalkSkipChildren, nil
}

func (r *codeRenderer) renderIndented(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.write(w, codeText(node, src), FenceOptions{LineNumbers: r.lineNumbers, LineStart: 1})
	}
	return ast.WalkSkipChildren, nil
}

func codeText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

// formatter returns the chroma formatter for o.
func (r *codeRenderer) formatter(o FenceOptions) *chromahtml.Formatter {
	if len(o.Highlight) == 0 {
		switch {
		case !o.LineNumbers:
			return r.plain // linenostart shows only in line numbers
		case o.LineStart == 1:
			return r.numbered
		}
	}
	// chroma counts highlighted lines from BaseLineNumber, with or without
	// line numbers shown.
	opts := append(baseOptions(), chromahtml.BaseLineNumber(o.LineStart))
	if o.LineNumbers {
		opts = append(opts, chromahtml.WithLineNumbers(true), chromahtml.LineNumbersInTable(true))
	}
	if len(o.Highlight) > 0 {
		shifted := make([][2]int, len(o.Highlight))
		for i, h := range o.Highlight {
			shifted[i] = [2]int{h[0] + o.LineStart - 1, h[1] + o.LineStart - 1}
		}
		opts = append(opts, chromahtml.HighlightLines(shifted))
	}
	return chromahtml.New(opts...)
}

// write writes one highlighted block. A language chroma does not know
// falls back to plain text, with the same markup, so the theme styles it.
func (r *codeRenderer) write(w util.BufWriter, code string, o FenceOptions) {
	// A fence without a language is plain text; asking the registry for ""
	// would try it against every lexer's file name patterns first.
	lexer := r.lexers.fallback
	if o.Lang != "" {
		if l := r.lexers.get(o.Lang); l != nil {
			lexer = l
		}
	}
	lang := o.Lang
	if lang == "" {
		lang = "text"
	}
	// The block scrolls sideways when its lines are wider than the
	// column; tabindex lets a keyboard reach it to scroll.
	w.WriteString(`<div class="highlight" tabindex="0" data-lang="`)
	w.WriteString(html.EscapeString(lang))
	w.WriteString(`">`)
	tokens, ok := highlight(lexer, code, runawayBlock)
	if ok {
		// chroma's HTML formatter fails only when the writer does.
		ok = r.formatter(o).Format(w, classStyle, chroma.Literator(tokens...)) == nil
	}
	if !ok {
		// chroma failed on this input, or ran away: show the code
		// unhighlighted rather than lose it.
		w.WriteString(`<pre class="chroma"><code>`)
		w.WriteString(html.EscapeString(code))
		w.WriteString(`</code></pre>`)
	}
	w.WriteString("</div>\n")
}

// highlight tokenises code with lexer. It reports false when chroma
// failed, or when tokenising took longer than budget: a rule may then
// have timed out and been taken for no match, and tokens that depend on
// the machine's load are not kept. The check between tokens also bounds
// how long a runaway block holds up the build.
func highlight(lexer chroma.Lexer, code string, budget time.Duration) ([]chroma.Token, bool) {
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return nil, false
	}
	// Wall time, as regexp2's deadlines are; started once the lexer is
	// compiled, which Tokenise does on first use. It decides only for a
	// runaway block, or on a machine that starves this goroutine for
	// budget (see runawayBlock).
	start := time.Now()
	var tokens []chroma.Token
	for t := it(); t != chroma.EOF; t = it() {
		if time.Since(start) > budget {
			return nil, false
		}
		tokens = append(tokens, t)
	}
	return tokens, time.Since(start) <= budget
}
