package webmention

import (
	"bytes"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Discover finds the Webmention endpoint a page advertises, as the W3C
// Recommendation's sender discovery says: the first HTTP Link header
// with rel="webmention", else the first <link> or <a> element with
// rel="webmention" and an href, in document order. page is the page's URL
// after redirects, which relative endpoints resolve against; an empty
// href is the page itself, and the query string is kept. body is what was
// read of the page; it is looked at only when it is HTML (or untyped).
func Discover(page *url.URL, header http.Header, body []byte) (*url.URL, bool) {
	for _, v := range header.Values("Link") {
		for _, l := range parseLinkHeader(v) {
			if hasWebmentionRel(l.rel) {
				if u, err := page.Parse(l.target); err == nil {
					return u, true
				}
			}
		}
	}
	if !isHTML(header.Get("Content-Type")) {
		return nil, false
	}
	return discoverHTML(page, body)
}

// isHTML reports whether a response of this content type may carry HTML;
// a missing type is read as HTML, the way browsers sniff most pages.
func isHTML(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// discoverHTML reads tokens rather than a tree: the first matching element
// wins, and what comes after it need not be parsed. Comments and escaped
// markup are tokens of their own, never elements, so endpoints hidden in
// them do not count.
func discoverHTML(page *url.URL, body []byte) (*url.URL, bool) {
	base := page
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, false // io.EOF or a malformed tail: nothing found
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a != atom.Link && a != atom.A && a != atom.Base || !hasAttr {
				continue
			}
			var rel, href string
			var hasHref bool
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "rel":
					rel = string(v)
				case "href":
					href, hasHref = string(v), true
				}
			}
			if a == atom.Base {
				// The document's base URL, which HTML resolves every
				// link against; only the first <base href> counts.
				if hasHref && base == page {
					if u, err := page.Parse(strings.TrimSpace(href)); err == nil {
						base = u
					}
				}
				continue
			}
			if !hasHref || !hasWebmentionRel(rel) {
				continue // an element with no href advertises nothing
			}
			if u, err := base.Parse(strings.TrimSpace(href)); err == nil {
				return u, true
			}
		}
	}
}

// hasWebmentionRel reports whether a space-separated rel list holds
// "webmention". Link types are ASCII case-insensitive.
func hasWebmentionRel(rel string) bool {
	for _, r := range strings.Fields(rel) {
		if strings.EqualFold(r, "webmention") {
			return true
		}
	}
	return false
}

// headerLink is one link of an HTTP Link header (RFC 8288).
type headerLink struct {
	target, rel string
}

// parseLinkHeader reads one Link header value, which may hold several
// links separated by commas: <target>; param=value; param="quoted", ...
// Commas inside <...> or quotes belong to the link. Links it cannot read
// are skipped, and reading goes on at the next one.
func parseLinkHeader(v string) []headerLink {
	var out []headerLink
	for {
		start := strings.IndexByte(v, '<')
		if start < 0 {
			return out
		}
		end := strings.IndexByte(v[start:], '>')
		if end < 0 {
			return out
		}
		l := headerLink{target: strings.TrimSpace(v[start+1 : start+end])}
		v = v[start+end+1:]
		// Parameters, up to the comma that ends this link.
		for {
			v = strings.TrimLeft(v, " \t")
			if v == "" {
				return append(out, l)
			}
			if v[0] == ',' {
				out = append(out, l)
				v = v[1:]
				break
			}
			if v[0] != ';' {
				// Not a parameter: skip to the next link.
				if i := strings.IndexByte(v, ','); i >= 0 {
					v = v[i+1:]
				} else {
					v = ""
				}
				break
			}
			v = strings.TrimLeft(v[1:], " \t")
			i := strings.IndexAny(v, "=;,")
			if i < 0 {
				i = len(v)
			}
			name := strings.ToLower(strings.TrimSpace(v[:i]))
			v = v[i:]
			var value string
			if strings.HasPrefix(v, "=") {
				value, v = paramValue(strings.TrimLeft(v[1:], " \t"))
			}
			if name == "rel" && l.rel == "" {
				l.rel = value // RFC 8288: only the first rel counts
			}
		}
	}
}

// paramValue reads a token or a quoted string from the start of v and
// returns it with the rest of v.
func paramValue(v string) (value, rest string) {
	if strings.HasPrefix(v, `"`) {
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			switch c := v[i]; c {
			case '\\':
				if i+1 < len(v) {
					i++
					b.WriteByte(v[i])
				}
			case '"':
				return b.String(), v[i+1:]
			default:
				b.WriteByte(c)
			}
		}
		return b.String(), "" // unterminated: take what there is
	}
	i := strings.IndexAny(v, ";,")
	if i < 0 {
		return strings.TrimSpace(v), ""
	}
	return strings.TrimSpace(v[:i]), v[i:]
}
