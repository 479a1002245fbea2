package collect

import (
	"html"
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Markdown turns a reader's HTML into the Markdown of a comment file:
// paragraphs, line breaks and http(s) links survive, every other tag is
// reduced to its text, and the text is escaped so that it reads as
// written. The build then renders it as every comment is rendered: raw
// HTML off and bluemonday after goldmark, so what a service sends is
// sanitized exactly as a hand-written comment is.
func Markdown(src string) string {
	z := xhtml.NewTokenizer(strings.NewReader(src))
	b := mdBuilder{lineStart: true}
	skip := 0         // inside script or style
	var href []string // the links being written, "" for a link not kept
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			// A line break at the very end is no line break.
			out := strings.TrimRight(b.String(), " ")
			for {
				switch {
				case strings.HasSuffix(out, "\\\n"):
					out = out[:len(out)-2]
				case strings.HasSuffix(out, "\n"):
					out = out[:len(out)-1]
				default:
					return strings.TrimSpace(out)
				}
			}
		case xhtml.TextToken:
			if skip == 0 {
				b.text(string(z.Text()))
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Template:
				skip++
			case atom.Br:
				b.lineBreak()
			case atom.P, atom.Div, atom.Blockquote, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Ul, atom.Ol:
				b.paragraph()
			case atom.Img:
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "alt" {
						b.text(string(v))
					}
				}
			case atom.A:
				dest := ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						dest = linkable(string(v))
					}
				}
				if len(href) > 0 { // a link inside a link: keep the outer one
					dest = ""
				}
				href = append(href, dest)
				if dest != "" {
					b.raw("[")
				}
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Template:
				skip = max(skip-1, 0)
			case atom.P, atom.Div, atom.Blockquote, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Ul, atom.Ol:
				b.paragraph()
			case atom.A:
				if len(href) == 0 {
					continue
				}
				dest := href[len(href)-1]
				href = href[:len(href)-1]
				if dest != "" {
					b.raw("](<" + dest + ">)")
				}
			}
		}
	}
}

// linkable returns an http or https URL fit for a Markdown link
// destination in angle brackets, or "".
func linkable(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	out := u.String()
	if strings.ContainsAny(out, "<> \n\r\t") {
		return ""
	}
	return out
}

// mdBuilder writes Markdown text, tracking line starts for escaping.
type mdBuilder struct {
	strings.Builder
	lineStart bool // nothing but spaces since the last line break
	space     bool // a space is pending
	digits    bool // the line so far is digits
}

// raw writes Markdown syntax.
func (b *mdBuilder) raw(s string) {
	b.flushSpace()
	b.WriteString(s)
	b.lineStart, b.digits = false, false
}

func (b *mdBuilder) flushSpace() {
	if b.space && b.Len() > 0 && !b.lineStart {
		b.WriteByte(' ')
	}
	b.space = false
}

func (b *mdBuilder) paragraph() {
	if b.Len() == 0 {
		return
	}
	s := b.String()
	if !strings.HasSuffix(s, "\n\n") {
		if strings.HasSuffix(s, "\\\n") { // a <br> before the paragraph's end
			b.Reset()
			b.WriteString(strings.TrimSuffix(s, "\\\n") + "\n")
		} else if !strings.HasSuffix(s, "\n") {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	b.lineStart, b.space = true, false
}

func (b *mdBuilder) lineBreak() {
	if b.Len() == 0 || b.lineStart {
		return
	}
	b.WriteString("\\\n")
	b.lineStart, b.space = true, false
}

// text writes s escaped: collapsed white space, and a backslash before
// every character Markdown would read as syntax.
func (b *mdBuilder) text(s string) {
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f':
			b.space = true
			continue
		}
		b.flushSpace()
		// Only ASCII punctuation can be escaped. "1. " starts a list only
		// at the start of a line, so the dot after leading digits is escaped.
		if strings.ContainsRune("\\`*_[]{}()<>#!|~&", r) || (b.lineStart && strings.ContainsRune("-+=:", r)) || (r == '.' && b.digits) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		b.digits = (b.lineStart || b.digits) && '0' <= r && r <= '9'
		b.lineStart = false
	}
}

// textHTML makes plain text, such as a jf2 content without html, into
// HTML paragraphs for Markdown.
func textHTML(s string) string {
	return paragraphs(html.EscapeString(s))
}

// paragraphs makes escaped text into HTML paragraphs, one for each run
// of lines between blank lines, its line breaks kept as <br>.
func paragraphs(escaped string) string {
	var out strings.Builder
	for _, p := range strings.Split(strings.ReplaceAll(escaped, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out.WriteString("<p>" + strings.ReplaceAll(p, "\n", "<br>") + "</p>")
		}
	}
	return out.String()
}
