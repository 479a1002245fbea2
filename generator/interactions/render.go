package interactions

import (
	"errors"
	"html"
	"html/template"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/markdown"
	"github.com/microcosm-cc/bluemonday"
)

// commentPolicy cleans markdown.RenderComment's output once more. It
// already escapes text and drops dangerous link targets; bluemonday is the
// second wall, so that a goldmark bug or a later option cannot let markup
// through.
var commentPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("rel").Matching(regexp.MustCompile("^" + regexp.QuoteMeta(markdown.UGCRel) + "$")).OnElements("a")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w+#-]{1,32}$`)).OnElements("code") // for themes that highlight
	return p
}()

// textPolicy strips every tag, for mention titles and excerpts.
var textPolicy = bluemonday.StrictPolicy()

// renderComment turns a comment's Markdown into HTML that can be placed in
// a page as it is: rendered by markdown.RenderComment, then cleaned by
// commentPolicy. A body beyond the guard's limits is not rendered:
// refused says why, positioned within body.
func renderComment(body []byte) (out template.HTML, refused *diag.Error, err error) {
	html, err := markdown.RenderComment(body)
	if errors.As(err, &refused) {
		return "", refused, nil
	}
	if err != nil {
		return "", nil, err
	}
	return template.HTML(commentPolicy.Sanitize(string(html))), nil, nil
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
