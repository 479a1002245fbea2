package search

import (
	"slices"
	"strings"

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
	at := map[string]int{} // word to its place in n
	var n []int
	add := func(w []byte) {
		if i, ok := at[string(w)]; ok { // no copy of w made to look it up
			n[i]++
			return
		}
		at[string(w)] = len(n)
		n = append(n, 1)
	}
	z := html.NewTokenizer(strings.NewReader(body))
	skip := 0 // inside <script> or <style>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return newBody(at, n)
		case html.TextToken:
			if skip == 0 {
				words(string(z.Text()), add)
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); isRaw(name) {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); isRaw(name) && skip > 0 {
				skip--
			}
		}
	}
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

func isRaw(tag []byte) bool {
	return string(tag) == "script" || string(tag) == "style"
}
