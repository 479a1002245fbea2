package content

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

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
