package interactions

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/mdguard"
	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ugcRel marks every link a visitor wrote: search engines should neither
// follow it nor credit it to the site (Google's "ugc" value), so spam
// comments earn their authors nothing.
const ugcRel = "nofollow ugc"

// commentMarkdown renders comment bodies. It is built once and shared by
// every goroutine; goldmark keeps per-document state in parser.Context.
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

// commentPolicy cleans goldmark's output once more. goldmark already
// escapes text and drops dangerous link targets; bluemonday is the second
// wall, so that a goldmark bug or a later option cannot let markup through.
var commentPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^nofollow ugc$`)).OnElements("a")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w+#-]{1,32}$`)).OnElements("code") // for themes that highlight
	return p
}()

// textPolicy strips every tag, for mention titles and excerpts.
var textPolicy = bluemonday.StrictPolicy()

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
			n.SetAttributeString("rel", []byte(ugcRel))
		}
	}
}

// secureLink marks l as user-generated, or replaces it by its text when
// its target is not a web, mail or relative address.
func secureLink(l *ast.Link) {
	if safeLinkURL(l.Destination) {
		l.SetAttributeString("rel", []byte(ugcRel))
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

// renderComment turns a comment's Markdown into HTML that can be placed in
// a page as it is. A body beyond the guard's limits is not rendered:
// refused says why, positioned within body.
func renderComment(body []byte) (out template.HTML, refused *diag.Error, err error) {
	pc := parser.NewContext()
	doc, refused := mdguard.Parse(commentMarkdown.Parser(), body, pc, commentMinWork)
	if refused != nil {
		return "", refused, nil
	}
	var buf bytes.Buffer
	if err := commentMarkdown.Renderer().Render(&buf, body, doc); err != nil {
		return "", nil, err
	}
	return template.HTML(commentPolicy.SanitizeBytes(buf.Bytes())), nil, nil
}

// plainText reduces a title or excerpt from someone else's page to one
// line of text: tags (and the contents of script and style) removed,
// entities decoded, since html/template escapes it again when it is shown.
func plainText(s string) string {
	return cleanLine(html.UnescapeString(textPolicy.Sanitize(s)))
}

// cleanLine collapses white space and line breaks to single spaces and
// drops control and bidirectional formatting characters. A right-to-left
// override (U+202E) in a name would reverse the text after it on the page,
// so "Ada\u202Egnp.exe" cannot pose as something else. Joiners (U+200D)
// stay: emoji and many scripts need them.
func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r) || isBidiControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// visible reports whether s shows anything: a name made only of
// zero-width characters is as empty as "".
func visible(s string) bool {
	for _, r := range s {
		if unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.In(r, unicode.Mn, unicode.Me) {
			return true
		}
	}
	return false
}

func isBidiControl(r rune) bool {
	return r == '\u061C' || r == '\u200E' || r == '\u200F' ||
		('\u202A' <= r && r <= '\u202E') || ('\u2066' <= r && r <= '\u2069')
}

// truncate shortens s to at most n characters, ellipsis included, cutting
// at the last space when there is one in the second half.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, count := 0, 0
	for i := range s {
		if count == n-1 {
			cut = i
			break
		}
		count++
	}
	s = s[:cut]
	if i := strings.LastIndexByte(s, ' '); i > len(s)/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ,;:.-–—") + "…"
}
