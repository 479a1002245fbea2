package content

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxSegment is the longest URL segment a slug or name may make, in
// bytes: each becomes a folder of the output, and file systems allow 255
// bytes a name.
const MaxSegment = 255

// Slugify turns a title into a URL segment: lowercase letters and digits
// joined by hyphens, accents removed from Latin and Greek letters
// ("Zürich Notes" -> "zurich-notes"). Letters of other scripts are kept
// whole, with the marks that are part of them ("Мой блог" -> "мой-блог",
// "ブログ" -> "ブログ"), and the result is in NFC.
func Slugify(title string) string {
	var b strings.Builder
	hyphen := false
	// inWord is true after a letter or digit; accented is true when that
	// was a Latin or Greek letter, whose nonspacing marks are accents.
	inWord, accented := false, false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.IsMark(r):
			if !inWord || accented && unicode.Is(unicode.Mn, r) {
				continue
			}
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen, inWord = false, true
			accented = unicode.In(r, unicode.Latin, unicode.Greek)
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen, inWord = true, false
		}
	}
	return norm.NFC.String(b.String())
}

// URLName returns the URL segment for a file or folder name: the name
// itself, in NFC, when every character of it may stand in a URL path as
// it is, else Slugify(name). ok is false in the second case, so the caller
// can say that the URL is not the name. "C++" and "über" are kept;
// "my post", "100%" and "a?b" are not, since a space, a "%" or a "?" in a
// link either breaks it or asks the server for another file. An "@" is
// a "-" in the URL, without a word: Zola names a post's co-located
// variants name@2.md, and "@" in a path reads as an e-mail address or a
// user name to people and to some servers.
func URLName(name string) (seg string, ok bool) {
	name = strings.ReplaceAll(norm.NFC.String(name), "@", "-")
	for _, r := range name {
		if !keptInName(r) {
			return Slugify(name), false
		}
	}
	return name, true
}

// keptInName reports whether r may stand unescaped in a URL path segment
// made from a name: RFC 3986's unreserved and sub-delim characters, ":"
// and "@", and letters, marks and digits of any script (as IRIs allow).
// Other non-ASCII characters (spaces, symbols, format characters) are not
// kept: no one types them in an address bar.
func keptInName(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
			strings.ContainsRune("-._~!$&'()*+,;=:@", r)
	default:
		return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
	}
}

// EscapePath percent-encodes what must be encoded for p to be a valid URL
// path (IRI): every character URLName would not keep, except "/". Letters
// of any script stay as they are, as in Slugify's output. A "%" is always
// encoded: a slug is a name, not an address that is escaped already.
func EscapePath(p string) string {
	if strings.IndexFunc(p, func(r rune) bool { return r != '/' && !keptInName(r) }) < 0 {
		return p
	}
	var b strings.Builder
	for _, r := range p {
		if r == '/' || keptInName(r) {
			b.WriteRune(r)
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// unsafeInPath reports whether r has no place in a slug even encoded:
// control characters, which no one means to put in an address.
func unsafeInPath(r rune) bool {
	return unicode.IsControl(r)
}
