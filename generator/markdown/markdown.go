package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	gohtml "html"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/mdguard"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Renderer. The zero value renders safely with
// highlighting and without typographic quotes.
type Options struct {
	// Unsafe lets raw HTML through. The zero value leaves it out; sites
	// turn it on for their own posts (config.Markdown.Unsafe) and never
	// for what visitors write.
	Unsafe      bool
	Typographer bool
	// LineNumbers numbers every code block unless its fence says otherwise.
	LineNumbers bool
}

// Renderer renders Markdown documents. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
	// buffers and writers are scratch memory reused from one document to
	// the next; see run and render.
	buffers, writers sync.Pool
}

// New returns a Renderer for o.
func New(o Options) *Renderer {
	exts := []goldmark.Extender{extension.GFM, extension.Footnote, mdguard.Guard{Tables: true}}
	if o.Typographer {
		exts = append(exts, extension.Typographer)
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(
			util.Prioritized(&headingRenderer{}, 100),
			util.Prioritized(newCodeRenderer(o.LineNumbers), 100),
			util.Prioritized(&moreRenderer{}, 100),
		),
	}
	if o.Unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(
				util.Prioritized(moreTransformer{}, 100),
				util.Prioritized(headingIDTransformer{}, 100),
			),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	r := &Renderer{md: md}
	r.buffers.New = func() any { return new(bytes.Buffer) }
	r.writers.New = func() any { return bufio.NewWriter(nil) }
	return r
}

// Heading is an entry of a table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link or image destination written in the document.
type Link struct {
	Dest  string
	Image bool
	// Line and Col are 1-based within the rendered source.
	Line, Col int
}

// Result is what Render learns from one document.
type Result struct {
	HTML template.HTML
	// Summary is the HTML before a <!--more--> line when there is one,
	// else the first paragraph; "" when the document has no paragraph.
	Summary template.HTML
	// HasMore is true when the summary came from a <!--more--> line.
	HasMore  bool
	Headings []Heading
	Links    []Link
	Words    int
}

// MinWork is the inline work (see mdguard.WorkPerByte) any post may spend, however
// short: at most a tenth of a second.
const MinWork = 1 << 26

// moreMarker is what the <!--more--> line renders to, so the summary can be
// cut at it; it is removed from the final HTML.
const moreMarker = "<!--more-->"

// Render renders src. A document that goldmark could not parse in time
// linear in its size (see package mdguard) is refused: the
// error is a *diag.Error positioned within src, without a file name.
func (r *Renderer) Render(src []byte) (res *Result, err error) {
	return r.run(src, true)
}

// Scan parses src for what Render reports except the HTML and summary:
// headings, links and words. It is much cheaper (no highlighting, no
// rendering), for readers of the link graph such as the ledger.
func (r *Renderer) Scan(src []byte) (*Result, error) {
	return r.run(src, false)
}

func (r *Renderer) run(src []byte, render bool) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in the Markdown renderer: %v", p)
		}
	}()
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	doc, tooCostly := mdguard.Parse(r.md.Parser(), src, ctx, MinWork)
	if tooCostly != nil {
		return nil, tooCostly
	}
	res = &Result{}
	var idx *diag.LineIndex // built at the first link: many documents have none
	at := func(dest string, image bool, pos int) Link {
		if idx == nil {
			idx = diag.NewLineIndex(src)
		}
		return link(idx, dest, image, pos)
	}
	var firstPara ast.Node
	var words wordCounter
	err = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			words.end() // paragraphs, list items, table cells...
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idBytes, _ := id.([]byte)
			res.Headings = append(res.Headings, Heading{Level: n.Level, ID: string(idBytes), Text: plainText(n, src)})
		case *ast.Paragraph:
			if firstPara == nil && n.Parent() == doc {
				firstPara = n
			}
		case *ast.Link:
			res.Links = append(res.Links, at(string(n.Destination), false, n.Pos()))
		case *ast.Image:
			res.Links = append(res.Links, at(string(n.Destination), true, n.Pos()))
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				res.Links = append(res.Links, at(string(n.URL(src)), false, autoLinkPos(n, src)))
			}
		case *ast.Text:
			words.add(textBytes(n, src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				words.end()
			}
		case *ast.String:
			words.add(stringBytes(n))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				words.add(seg.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return nil, err
	}
	res.Words = words.n
	if !render {
		return res, nil
	}
	// The HTML is built in a pooled buffer and copied out at its size, the
	// one allocation it needs: a buffer of its own per document was grown
	// several times, then copied all the same.
	buf := r.buffers.Get().(*bytes.Buffer)
	defer r.putBuffer(buf)
	buf.Grow(len(src) * 2)
	if err := r.render(buf, src, doc); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if i := bytes.Index(out, []byte(moreMarker)); i >= 0 && ctx.Get(moreKey) != nil {
		res.HasMore = true
		res.Summary = template.HTML(bytes.TrimSpace(out[:i]))
		res.HTML = template.HTML(string(out[:i]) + string(out[i+len(moreMarker):])) // one copy
		return res, nil
	}
	if firstPara != nil {
		p := r.buffers.Get().(*bytes.Buffer)
		defer r.putBuffer(p)
		if err := r.render(p, src, firstPara); err != nil {
			return nil, err
		}
		res.Summary = template.HTML(bytes.TrimSpace(p.Bytes()))
	}
	res.HTML = template.HTML(out)
	return res, nil
}

// maxPooledHTML is the largest buffer kept for the next document: one
// huge post should not hold its memory for the rest of the build.
const maxPooledHTML = 1 << 20

func (r *Renderer) putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooledHTML {
		return
	}
	b.Reset()
	r.buffers.Put(b)
}

// render renders n into buf through a pooled bufio.Writer. Given a plain
// io.Writer, goldmark wraps it in a new 4 KB one on every call, twice a
// document (the body and the summary): on a blog of thousands of posts
// that was more garbage than the HTML itself.
func (r *Renderer) render(buf *bytes.Buffer, src []byte, n ast.Node) error {
	w := r.writers.Get().(*bufio.Writer)
	w.Reset(buf)
	err := r.md.Renderer().Render(w, src, n)
	if ferr := w.Flush(); err == nil {
		err = ferr // a bytes.Buffer never fails; kept for the rule
	}
	w.Reset(nil) // hold no document's buffer in the pool
	r.writers.Put(w)
	return err
}

// plainText returns the text of n's inline children as a reader sees it:
// without markup, with entities and backslash escapes resolved
// ("Tom &amp; Jerry \*x\*" gives "Tom & Jerry *x*") and with the
// typographer's quotes and dashes as characters.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(textValue(c, src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(stringValue(c))
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *extast.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	}) // the callback never fails
	return strings.TrimSpace(b.String())
}

// textValue returns the text n shows: what goldmark's HTML renderer writes
// for it, unescaped.
func textValue(n *ast.Text, src []byte) string {
	v := n.Segment.Value(src)
	if n.IsRaw() { // code spans: written as they are
		return string(v)
	}
	return resolve(v)
}

// textBytes is textValue for counting words: most text has nothing to
// resolve and is read in place, without a copy per text node.
func textBytes(n *ast.Text, src []byte) []byte {
	v := n.Segment.Value(src)
	if n.IsRaw() || bytes.IndexAny(v, "&\\\x00") < 0 {
		return v
	}
	return []byte(resolve(v))
}

// stringBytes is stringValue for counting words, read in place when it can.
func stringBytes(n *ast.String) []byte {
	if n.IsRaw() && !n.IsCode() {
		return n.Value
	}
	return []byte(stringValue(n))
}

// stringValue returns the text n shows. The typographer's strings are HTML
// entities ("&rsquo;") written as code, that is as they are.
func stringValue(n *ast.String) string {
	switch {
	case n.IsCode():
		return gohtml.UnescapeString(string(n.Value))
	case n.IsRaw():
		return string(n.Value)
	}
	return resolve(n.Value)
}

// resolve resolves entities and backslash escapes in v, as goldmark's HTML
// writer does, so that text and HTML agree.
func resolve(v []byte) string {
	if bytes.IndexAny(v, "&\\\x00") < 0 {
		return string(v)
	}
	var buf bytes.Buffer
	// bufio's default 4 KB buffer was most of the cost of a short text;
	// one the size of the text is enough.
	w := bufio.NewWriterSize(&buf, max(len(v), 16))
	html.DefaultWriter.Write(w, v)
	_ = w.Flush() // writes to a bytes.Buffer, which cannot fail
	return gohtml.UnescapeString(buf.String())
}

// autoLinkPos returns the offset of n in src. A bare URL found by GFM's
// linkify starts at its node's position, or one byte later when the node
// starts at the character that triggered it: a space, "(", "*", "_" or "~".
func autoLinkPos(n *ast.AutoLink, src []byte) int {
	pos := n.Pos()
	if pos < 0 || pos >= len(src) || src[pos] == '<' {
		return pos
	}
	label := n.Label(src)
	if !bytes.HasPrefix(src[pos:], label) && bytes.HasPrefix(src[pos+1:], label) {
		pos++
	}
	return pos
}

// wordCounter counts words across text fragments: a word split between two
// inlines ("**com**pound") counts once. The caller ends a word where a
// block or a line ends.
type wordCounter struct {
	n      int
	inWord bool
}

func (w *wordCounter) add(s []byte) {
	for len(s) > 0 {
		r, size := rune(s[0]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s)
		}
		s = s[size:]
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '-':
			// Apostrophes and hyphens join words ("isn't", "compound-interest")
			// but are no words of their own.
		case unicode.IsSpace(r) || unicode.IsPunct(r):
			w.inWord = false
		case !w.inWord:
			w.n++
			w.inWord = true
		}
	}
}

// end ends the current word.
func (w *wordCounter) end() { w.inWord = false }

// link returns the Link for dest at byte offset pos of the source that
// idx indexes; a negative pos (a node goldmark made up) has no position.
func link(idx *diag.LineIndex, dest string, image bool, pos int) Link {
	l := Link{Dest: dest, Image: image}
	if pos >= 0 {
		l.Line, l.Col = idx.Position(pos)
	}
	return l
}

// headingRenderer writes headings with their id and a visible anchor link,
// so readers can copy a link to a section.
type headingRenderer struct{}

func (r *headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.render)
}

func (r *headingRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if entering {
		fmt.Fprintf(w, "<h%d", n.Level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			fmt.Fprintf(w, ` <a class="anchor" href="#%s" aria-label="Link to this section">#</a>`, b)
		}
	}
	fmt.Fprintf(w, "</h%d>\n", n.Level)
	return ast.WalkContinue, nil
}

var moreKey = parser.NewContextKey()

// moreNode replaces an HTML block that holds only <!--more-->, so the
// marker survives even when raw HTML is off.
type moreNode struct{ ast.BaseBlock }

var kindMore = ast.NewNodeKind("More")

func (n *moreNode) Kind() ast.NodeKind         { return kindMore }
func (n *moreNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type moreTransformer struct{}

var _ parser.ASTTransformer = moreTransformer{}

func (moreTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		hb, ok := n.(*ast.HTMLBlock)
		if !ok {
			continue
		}
		var b bytes.Buffer
		lines := hb.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
		if bytes.Equal(bytes.ReplaceAll(bytes.TrimSpace(b.Bytes()), []byte(" "), nil), []byte(moreMarker)) {
			doc.ReplaceChild(doc, n, &moreNode{})
			pc.Set(moreKey, true)
			return
		}
	}
}

type moreRenderer struct{}

func (moreRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMore, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(moreMarker)
		}
		return ast.WalkContinue, nil
	})
}

// headingIDTransformer gives every heading an id made from its plain text
// rather than from its source line, so that "Tom &amp; Jerry" and
// "[a link](/x)" give the ids their readers expect.
type headingIDTransformer struct{}

var _ parser.ASTTransformer = headingIDTransformer{}

func (headingIDTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if _, ok := h.AttributeString("id"); !ok {
			h.SetAttributeString("id", pc.IDs().Generate([]byte(plainText(h, src)), ast.KindHeading))
		}
		return ast.WalkSkipChildren, nil
	}) // the callback never fails
}

// headingIDs makes ids in goldmark's style, lowercase words joined by
// hyphens and made unique with -1, -2..., but keeps letters and digits of
// every script ("Über uns" gives "über-uns") where goldmark keeps only
// ASCII.
type headingIDs struct {
	used map[string]bool
	// next is the next suffix to try for each base id.
	next map[string]int
}

var _ parser.IDs = (*headingIDs)(nil)

// themeIDs are the ids the default theme gives the sections it adds
// after a post's body. A heading with the same text ("## Comments") gets
// "comments-1", so the page keeps every id unique and the section's
// aria-labelledby names the theme's heading, not the post's.
var themeIDs = []string{"changelog", "mentions", "comments", "referenced-by"}

func newHeadingIDs() *headingIDs {
	s := &headingIDs{used: map[string]bool{}, next: map[string]int{}}
	for _, id := range themeIDs {
		s.used[id] = true
	}
	return s
}

// Generate returns a new id for value, the plain text of a heading.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	for _, r := range strings.TrimSpace(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" {
		id = "id"
		if kind == ast.KindHeading {
			id = "heading"
		}
	}
	if !s.used[id] {
		s.used[id] = true
		return []byte(id)
	}
	for i := s.next[id] + 1; ; i++ {
		if c := id + "-" + strconv.Itoa(i); !s.used[c] {
			s.used[c], s.next[id] = true, i
			return []byte(c)
		}
	}
}

// Put records an id given in the source, so no generated id repeats it.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }
