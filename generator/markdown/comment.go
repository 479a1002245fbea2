package markdown

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"

	"github.com/accruehq/accrue/generator/internal/mdguard"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// UGCRel is the rel of every link a visitor wrote: search engines should
// neither follow it nor credit it to the site (Google's "ugc" value), so
// spam comments earn their authors nothing.
const UGCRel = "nofollow ugc"

// commentMarkdown renders comment bodies. It is built once and shared by
// every goroutine; goldmark keeps per-document state in parser.Context.
// It is not a Renderer with options: nothing about a post's rendering
// (Options.Unsafe, highlighting, heading ids, footnotes) applies to what
// a visitor wrote.
//
// Raw HTML stays off, as in goldmark's safe default, and this is not a
// setting: a comment is written by a stranger, and a raw <script>, an
// onerror= attribute or an unclosed <div> would run or break the post's
// page. Unlike the default, raw HTML is shown as the text that was written
// ("use <kbd> here" keeps its "<kbd>") instead of vanishing.
//
// mdguard.Guard refuses a body goldmark could not parse in time linear
// in its size, since a stranger can write one on purpose.
var commentMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, extension.Table, mdguard.Guard{Tables: true}),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(commentTransformer{}, 100))),
)

// commentHeadingShift moves a comment's headings below the page's: the
// post's title is h1, its sections and "Comments" h2, and a theme may
// title each comment h3, so a comment's own headings start at h4.
const commentHeadingShift = 3

// commentTransformer makes a comment's tree safe before it is rendered.
type commentTransformer struct{}

var _ parser.ASTTransformer = commentTransformer{}

// Transform shows raw HTML as text, turns images into links (a stranger's
// image would load from their server for every reader), unwraps links to
// anything but http, https, mailto and relative URLs, marks every
// remaining link rel="nofollow ugc", and moves headings down to h4-h6 so
// that a comment's "# Title" never outranks the post's own headings.
func (commentTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var nodes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) { // the walker returns no error
		if entering {
			switch n.Kind() {
			case ast.KindRawHTML, ast.KindHTMLBlock, ast.KindImage, ast.KindLink, ast.KindAutoLink:
				nodes = append(nodes, n)
			case ast.KindHeading:
				h := n.(*ast.Heading)
				h.Level = min(h.Level+commentHeadingShift, 6)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range nodes {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			// Raw text is written escaped, line breaks included.
			for i := 0; i < n.Segments.Len(); i++ {
				parent.InsertBefore(parent, n, ast.NewRawTextSegment(n.Segments.At(i)))
			}
			parent.RemoveChild(parent, n)
		case *ast.HTMLBlock:
			p := ast.NewParagraph()
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				p.AppendChild(p, ast.NewRawTextSegment(lines.At(i)))
			}
			if n.HasClosure() {
				p.AppendChild(p, ast.NewRawTextSegment(n.ClosureLine))
			}
			if last, ok := p.LastChild().(*ast.Text); ok {
				last.Segment = last.Segment.TrimRightSpace(src)
			}
			parent.ReplaceChild(parent, n, p)
		case *ast.Image:
			if insideLink(n) {
				// [![alt](img)](url): a link in a link is not HTML.
				unwrap(n)
				continue
			}
			l := ast.NewLink()
			l.Destination, l.Title = n.Destination, n.Title
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				l.AppendChild(l, c)
				c = next
			}
			parent.ReplaceChild(parent, n, l)
			secureLink(l)
		case *ast.Link:
			secureLink(n)
		case *ast.AutoLink:
			if !safeLinkURL(n.URL(src)) {
				parent.ReplaceChild(parent, n, ast.NewString(n.Label(src)))
				continue
			}
			n.SetAttributeString("rel", []byte(UGCRel))
		}
	}
}

// secureLink marks l as user-generated, or replaces it by its text when
// its target is not a web, mail or relative address.
func secureLink(l *ast.Link) {
	if safeLinkURL(l.Destination) {
		l.SetAttributeString("rel", []byte(UGCRel))
		return
	}
	unwrap(l)
}

// unwrap replaces n by its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

func safeLinkURL(dest []byte) bool {
	// Check the URL the renderer will write: with entities such as
	// "java&#115;cript:" resolved and non-ASCII percent-encoded.
	u, err := url.Parse(string(util.URLEscape(dest, true)))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return u.User == nil
	}
	return false
}

// commentMinWork is the inline work (see mdguard.WorkPerByte) any comment may
// spend, however short: a few milliseconds. Comments are many and come
// from strangers, so they get much less than a post.
const commentMinWork = 1 << 22

// RenderComment renders a comment's Markdown, written by a visitor, to
// HTML that is safe as goldmark writes it: no raw HTML, no images, links
// only to web, mail and relative addresses and marked rel="nofollow ugc",
// headings from h4. A body beyond the guard's limits is refused: the
// error is then a *diag.Error positioned within body, without a file
// name. Callers that place the HTML in a page may clean it once more with
// a sanitizer, as package interactions does.
func RenderComment(body []byte) (template.HTML, error) {
	pc := parser.NewContext()
	doc, refused := mdguard.Parse(commentMarkdown.Parser(), body, pc, commentMinWork)
	if refused != nil {
		return "", refused
	}
	var buf bytes.Buffer
	if err := commentMarkdown.Renderer().Render(&buf, body, doc); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
