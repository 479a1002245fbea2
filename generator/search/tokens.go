package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxWordLen is the longest word indexed, in bytes; longer runs of letters
// are hashes, data or URLs, which nobody types.
const maxWordLen = 40

// stopWords are words too common to tell posts apart; search.js leaves
// them out of queries too (the index carries the list).
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be but by for from has have he her his i if in into
		is it its me my no not of on or our she so than that the their them then there these they this to
		was we were what when which who will with you your`) {
		stopWords[w] = true
	}
}

// words calls fn with each word of s as the index keeps it: lowercased,
// accents dropped (café is cafe), split at anything that is not a letter
// or a digit. Words of one letter, stop words and overlong words are
// skipped. search.js splits queries the same way.
func words(s string, fn func(string)) {
	var b strings.Builder
	flush := func() {
		if w := b.String(); len(w) > 1 && len(w) <= maxWordLen && !stopWords[w] {
			fn(w)
		}
		b.Reset()
	}
	if !isASCII(s) {
		s = norm.NFD.String(s)
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: café is cafe
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
}

// isASCII reports whether s needs no normalization.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
