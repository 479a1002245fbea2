package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// Unsafe lets raw HTML through. It stays off by default: a post pasted
	// from elsewhere must not smuggle scripts into the site.
	Unsafe      bool
	Typographer bool
	// LineNumbers numbers every code block unless its fence says otherwise.
	LineNumbers bool
}

// Renderer renders Markdown documents. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer for o.
func New(o Options) *Renderer {
	exts := []goldmark.Extender{extension.GFM, extension.Footnote}
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
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(moreTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md}
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

// moreMarker is what the <!--more--> line renders to, so the summary can be
// cut at it; it is removed from the final HTML.
const moreMarker = "<!--more-->"

// Render renders src.
func (r *Renderer) Render(src []byte) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in the Markdown renderer: %v", p)
		}
	}()
	ctx := parser.NewContext()
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	res = &Result{}
	idx := newLineIndex(src)
	var firstPara ast.Node
	var words wordCounter
	err = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
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
			res.Links = append(res.Links, idx.link(string(n.Destination), false, n.Pos()))
		case *ast.Image:
			res.Links = append(res.Links, idx.link(string(n.Destination), true, n.Pos()))
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				res.Links = append(res.Links, idx.link(string(n.URL(src)), false, n.Pos()))
			}
		case *ast.Text:
			words.add(n.Segment.Value(src))
		case *ast.String:
			words.add(n.Value)
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
	var buf bytes.Buffer
	buf.Grow(len(src) * 2)
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if i := bytes.Index(out, []byte(moreMarker)); i >= 0 && ctx.Get(moreKey) != nil {
		res.HasMore = true
		res.Summary = template.HTML(bytes.TrimSpace(out[:i]))
		out = append(out[:i:i], out[i+len(moreMarker):]...)
	} else if firstPara != nil {
		var p bytes.Buffer
		if err := r.md.Renderer().Render(&p, src, firstPara); err != nil {
			return nil, err
		}
		res.Summary = template.HTML(bytes.TrimSpace(p.Bytes()))
	}
	res.HTML = template.HTML(out)
	return res, nil
}

// plainText returns the text of n's inline children, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *extast.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	}) // the callback never fails
	return strings.TrimSpace(b.String())
}

// wordCounter counts words across text fragments; a word split between two
// fragments ("**com**pound") counts once.
type wordCounter struct {
	n      int
	inWord bool
}

func (w *wordCounter) add(b []byte) {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if unicode.IsSpace(r) || unicode.IsPunct(r) && r != '\'' && r != '-' {
			w.inWord = false
			continue
		}
		if !w.inWord {
			w.n++
			w.inWord = true
		}
	}
	w.inWord = false
}

type lineIndex struct{ starts []int }

func newLineIndex(src []byte) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts}
}

func (x lineIndex) link(dest string, image bool, pos int) Link {
	l := Link{Dest: dest, Image: image}
	if pos < 0 {
		return l
	}
	lo, hi := 0, len(x.starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if x.starts[mid] <= pos {
			lo = mid
		} else {
			hi = mid
		}
	}
	l.Line, l.Col = lo+1, pos-x.starts[lo]+1
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
