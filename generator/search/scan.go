package search

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/net/html"
)

// Body is what the index keeps of a post's body: each word with how many
// times the body has it (at most 255), sorted by word. It depends on the
// body alone. The words are one string, each followed by a space, so
// that a blog's worth of bodies is a few allocations a post.
type Body struct {
	words string
	n     []uint8
}

// each calls fn with each word of the body and its count.
func (b Body) each(fn func(w string, n int)) {
	rest := b.words
	for _, n := range b.n {
		i := strings.IndexByte(rest, ' ')
		fn(rest[:i], int(n))
		rest = rest[i+1:]
	}
}

// Scan reads the words of a rendered body: its text, without tags,
// scripts or styles, entities decoded.
func Scan(body string) Body {
	st := scanStates.Get().(*scanState)
	defer st.release()
	z := html.NewTokenizer(strings.NewReader(body))
	skip := 0 // inside <script> or <style>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return newBody(st.at, st.n)
		case html.TextToken:
			if skip == 0 {
				// The text is read in place, not copied to a string: the
				// tokenizer's buffer holds still during the call, and
				// add copies only the words it has not seen.
				text := z.Text()
				st.buf = scanWords(unsafe.String(unsafe.SliceData(text), len(text)), st.buf, st.add)
			}
		case html.StartTagToken:
			if mayBeRaw(z.Raw()[1:]) {
				if name, _ := z.TagName(); isRaw(name) {
					skip++
				}
			}
		case html.EndTagToken:
			if mayBeRaw(z.Raw()[2:]) {
				if name, _ := z.TagName(); isRaw(name) && skip > 0 {
					skip--
				}
			}
		}
	}
}

// scanState is what Scan counts one body's words in. It is pooled: a
// body has hundreds of different words, and a map grown and a string
// allocated for each of them, per body, were most of Scan's garbage.
type scanState struct {
	at map[string]int // word to its place in n; the keys are views of seen
	n  []int
	// seen holds the words met so far, back to back. Bytes are only ever
	// appended, so a key keeps viewing what it was made from (a growth
	// moves later words to a new array and leaves the old one as it
	// was); the keys are dropped before seen is reused.
	seen []byte
	buf  []byte // scanWords' room for a word
}

var scanStates = sync.Pool{New: func() any { return &scanState{at: map[string]int{}} }}

func (st *scanState) add(w []byte) {
	if i, ok := st.at[string(w)]; ok { // no copy of w made to look it up
		st.n[i]++
		return
	}
	start := len(st.seen)
	st.seen = append(st.seen, w...)
	key := st.seen[start:]
	st.at[unsafe.String(unsafe.SliceData(key), len(key))] = len(st.n)
	st.n = append(st.n, 1)
}

// maxPooledWords is the most different words a pooled state keeps room
// for: one huge post should not hold its memory for the rest of a build.
const maxPooledWords = 1 << 14

// release empties st, newBody having copied what it found, and pools it.
func (st *scanState) release() {
	if len(st.n) > maxPooledWords {
		return
	}
	clear(st.at)
	st.n, st.seen = st.n[:0], st.seen[:0]
	scanStates.Put(st)
}

// newBody sorts the words found, at their places in n, into a Body.
func newBody(at map[string]int, n []int) Body {
	sorted := make([]string, 0, len(at))
	size := 0
	for w := range at {
		sorted = append(sorted, w)
		size += len(w) + 1
	}
	slices.Sort(sorted)
	var words strings.Builder
	words.Grow(size)
	counts := make([]uint8, len(sorted))
	for i, w := range sorted {
		words.WriteString(w)
		words.WriteByte(' ')
		counts[i] = uint8(min(n[at[w]], 255))
	}
	return Body{words.String(), counts}
}

// mayBeRaw reports whether a tag whose source starts with name (after
// "<" or "</") may be a script or style. TagName copies the name of every
// tag it is asked for, and a highlighted body has a <span> per token: it
// is asked only for the few tags that start like those two.
func mayBeRaw(name []byte) bool {
	return hasPrefixFold(name, "script") || hasPrefixFold(name, "style")
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

func isRaw(tag []byte) bool {
	return string(tag) == "script" || string(tag) == "style"
}
