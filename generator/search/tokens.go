package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxWordLen is the longest word indexed, in bytes; longer runs of letters
// are hashes, data or URLs, which nobody types.
const maxWordLen = 40

// stopWords are words too common to tell posts apart; search.js leaves
// them out of queries too (the index carries the list).
var stopWords = map[string]bool{}

// maxStopLen is the longest stop word: longer words, most of a body, skip
// the lookup.
var maxStopLen int

func init() {
	for _, w := range strings.Fields(`a an and are as at be but by for from has have he her his i if in into
		is it its me my no not of on or our she so than that the their them then there these they this to
		was we were what when which who will with you your`) {
		stopWords[w] = true
		maxStopLen = max(maxStopLen, len(w))
	}
}

// words calls fn with each word of s as the index keeps it: lowercased,
// accents dropped (café is cafe), split at anything that is not a letter
// or a digit. Words of one letter, stop words and overlong words are
// skipped. search.js splits queries the same way. The word passed to fn
// is only valid during the call: bodies have many words, most of them
// seen before, and copying each would cost a build more than scanning.
func words(s string, fn func(word []byte)) { scanWords(s, nil, fn) }

// scanWords is words making each word in buf, which it returns grown for
// the next call: Scan calls it for every text between two tags, and a new
// buffer each time was most of what Scan allocated.
func scanWords(s string, buf []byte, fn func(word []byte)) []byte {
	start := -1 // of the current word in s; -1 between words
	ascii := true
	emit := func(end int) {
		w := s[start:end]
		buf = buf[:0]
		if ascii {
			for i := 0; i < len(w); i++ {
				c := w[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
		} else {
			for _, r := range norm.NFD.String(w) {
				if !unicode.Is(unicode.Mn, r) { // a combining accent: café is cafe
					buf = utf8.AppendRune(buf, unicode.ToLower(r))
				}
			}
		}
		if len(buf) > 1 && len(buf) <= maxWordLen && (len(buf) > maxStopLen || !stopWords[string(buf)]) {
			fn(buf)
		}
		start, ascii = -1, true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				if start < 0 {
					start = i
				}
			} else if start >= 0 {
				emit(i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			ascii = false
		} else if start >= 0 {
			emit(i)
		}
		i += size
	}
	if start >= 0 {
		emit(len(s))
	}
	return buf
}
