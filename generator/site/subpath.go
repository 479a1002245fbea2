package site

import (
	"bytes"
	"html"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/accruehq/accrue/generator/pages"
	nethtml "golang.org/x/net/html"
)

// prefixer puts the site's base path in front of the root-relative links
// of rendered HTML, for a site published under a sub-path of its host
// (https://user.github.io/blog/). Themes, authors and dialects all write
// links from the root of the site ("/css/theme.css", "/posts/a/"); this
// is the one place they are made to carry the sub-path, so a theme need
// not know where the site is published.
//
// Only a link that names a file of this build is changed: a root-relative
// link to anything else may be a sibling site on the same host
// (/other-project/), and is left as written (the link check reports it).
// A link that already carries the base path names no file of the build,
// so it is left too: rewriting is idempotent.
type prefixer struct {
	base    string          // the escaped base path, "/blog/"; "" or "/" leaves HTML as it is
	outputs map[string]bool // output paths of the build: "posts/a/index.html"
}

// newPrefixer returns the prefixer for a site at basePath whose build
// writes the files outputs names.
func newPrefixer(basePath string, outputs []pages.Output) *prefixer {
	x := &prefixer{base: basePath}
	if !x.active() {
		return x
	}
	x.outputs = make(map[string]bool, len(outputs))
	for _, o := range outputs {
		x.outputs[o.Path] = true
	}
	return x
}

func (x *prefixer) active() bool { return x != nil && x.base != "" && x.base != "/" }

// relURL makes the site path u carry the base path, whether or not it
// names a file: the theme asked for it.
func relURL(basePath, u string) string {
	if strings.Contains(u, "://") || strings.HasPrefix(u, "//") || basePath == "" || basePath == "/" {
		return u
	}
	if u == strings.TrimSuffix(basePath, "/") || strings.HasPrefix(u, basePath) {
		return u
	}
	return strings.TrimSuffix(basePath, "/") + "/" + strings.TrimPrefix(u, "/")
}

// names reports whether the HTML-escaped URL attribute value v is a
// root-relative link to a file of the build.
func (x *prefixer) names(v string) bool {
	if len(v) == 0 || v[0] != '/' || (len(v) > 1 && (v[1] == '/' || v[1] == '\\')) {
		return false
	}
	p := html.UnescapeString(v)
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	dir := strings.HasSuffix(p, "/")
	p = path.Clean(p)
	if p == "/" {
		return x.outputs["index.html"]
	}
	p = strings.TrimPrefix(p, "/")
	if dir {
		return x.outputs[p+"/index.html"]
	}
	return x.outputs[p] || (path.Ext(p) == "" && x.outputs[p+"/index.html"])
}

// attr returns the attribute value v with the base path put in front, if
// it names a file of the build.
func (x *prefixer) attr(v string) (string, bool) {
	if !x.names(v) {
		return v, false
	}
	return html.EscapeString(strings.TrimSuffix(x.base, "/")) + v, true
}

// urlAttrs are the attributes whose value is one URL.
var urlAttrs = []string{"href", "src", "action", "formaction", "poster", "cite", "data"}

// html returns page with every root-relative link to a file of the build
// prefixed. Everything else is copied byte for byte: the tokenizer finds
// the tags (never text, comments or scripts), and only the value of a
// URL attribute inside a tag is rewritten.
func (x *prefixer) html(page []byte) []byte {
	if !x.active() || !bytes.Contains(page, []byte("/")) {
		return page
	}
	var out bytes.Buffer
	out.Grow(len(page) + len(page)/16)
	z := nethtml.NewTokenizer(bytes.NewReader(page))
	read := 0
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			if z.Err() != io.EOF {
				return page // the tokenizer reads from memory: cannot happen
			}
			// A tag cut off by the end of the page is no token: keep it.
			out.Write(page[read:])
			return out.Bytes()
		}
		raw := z.Raw()
		read += len(raw)
		if tt == nethtml.StartTagToken || tt == nethtml.SelfClosingTagToken {
			out.Write(x.tag(raw)) // a bytes.Buffer write cannot fail
			continue
		}
		out.Write(raw)
	}
}

// tag rewrites the URL attributes of one raw start tag, "<a href=...>".
func (x *prefixer) tag(raw []byte) []byte {
	if bytes.IndexByte(raw[1:], '/') < 0 {
		return raw // most tags: no root-relative URL in them
	}
	var buf [8]rawAttr
	attrs := scanAttrs(raw, buf[:0])
	refresh := false
	for _, a := range attrs {
		if a.is(raw, "http-equiv") && bytes.EqualFold(bytes.TrimSpace(raw[a.start:a.end]), []byte("refresh")) {
			refresh = true
		}
	}
	var out []byte
	last := 0
	for _, a := range attrs {
		var nv string
		var changed bool
		switch {
		case a.isURL(raw):
			nv, changed = x.attr(string(raw[a.start:a.end]))
		case a.is(raw, "srcset"):
			nv, changed = x.srcset(string(raw[a.start:a.end]))
		case refresh && a.is(raw, "content"):
			nv, changed = x.refresh(string(raw[a.start:a.end]))
		}
		if !changed {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(raw)+len(x.base)*2)
		}
		out = append(out, raw[last:a.start]...)
		out = append(out, nv...)
		last = a.end
	}
	if out == nil {
		return raw
	}
	return append(out, raw[last:]...)
}

// srcset prefixes each candidate of a srcset ("/a.png 1x, /b.png 2x").
func (x *prefixer) srcset(v string) (string, bool) {
	parts := strings.Split(v, ",")
	changed := false
	for i, c := range parts {
		lead := len(c) - len(strings.TrimLeft(c, " \t\n\r\f"))
		u := c[lead:]
		if j := strings.IndexAny(u, " \t\n\r\f"); j >= 0 {
			u = u[:j]
		}
		if nu, ok := x.attr(u); ok {
			parts[i] = c[:lead] + nu + c[lead+len(u):]
			changed = true
		}
	}
	return strings.Join(parts, ","), changed
}

// refresh prefixes the URL of a meta refresh ("0; url=/posts/a/").
func (x *prefixer) refresh(v string) (string, bool) {
	i := strings.Index(strings.ToLower(v), "url=")
	if i < 0 {
		return v, false
	}
	u := v[i+4:]
	quote := ""
	if len(u) > 0 && (u[0] == '\'' || u[0] == '"') {
		quote, u = u[:1], u[1:]
	}
	nu, ok := x.attr(u)
	if !ok {
		return v, false
	}
	return v[:i+4] + quote + nu, true
}

// rawAttr is one attribute of a raw tag: the byte spans of its name and
// of its value, quotes excluded.
type rawAttr struct {
	nameStart, nameEnd int
	start, end         int
}

// is reports whether a, in raw, is named name (lower case).
func (a rawAttr) is(raw []byte, name string) bool {
	return bytes.EqualFold(raw[a.nameStart:a.nameEnd], []byte(name))
}

// isURL reports whether a's value is one URL.
func (a rawAttr) isURL(raw []byte) bool {
	for _, n := range urlAttrs {
		if a.is(raw, n) {
			return true
		}
	}
	return false
}

// scanAttrs appends to attrs the attributes of a raw start tag the way an HTML
// parser reads them: a name, then optionally "=" and a value in double
// quotes, single quotes or none. The tokenizer already found the tag's
// end; this only needs the spans it does not give.
func scanAttrs(raw []byte, attrs []rawAttr) []rawAttr {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	i := 1 // past '<'
	for i < len(raw) && !isSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++ // the tag name
	}
	for i < len(raw) {
		for i < len(raw) && (isSpace(raw[i]) || raw[i] == '/') {
			i++
		}
		if i >= len(raw) || raw[i] == '>' {
			break
		}
		ns := i
		i++ // a name may start with '='
		for i < len(raw) && !isSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' && raw[i] != '=' {
			i++
		}
		ne := i
		for i < len(raw) && isSpace(raw[i]) {
			i++
		}
		if i >= len(raw) || raw[i] != '=' {
			continue // a name alone
		}
		i++
		for i < len(raw) && isSpace(raw[i]) {
			i++
		}
		if i >= len(raw) {
			break
		}
		switch q := raw[i]; q {
		case '"', '\'':
			end := bytes.IndexByte(raw[i+1:], q)
			if end < 0 {
				return attrs // unterminated: leave the rest as it is
			}
			attrs = append(attrs, rawAttr{ns, ne, i + 1, i + 1 + end})
			i += end + 2
		default:
			vs := i
			for i < len(raw) && !isSpace(raw[i]) && raw[i] != '>' {
				i++
			}
			attrs = append(attrs, rawAttr{ns, ne, vs, i})
		}
	}
	return attrs
}
