package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Path is where the index is written, from the root of the output.
const Path = "search/index.json"

// ChunkSize is how many posts' titles, URLs, dates and snippets each
// file beside the index holds. The index is what every query needs; a
// page of results needs a few posts, so a blog of thousands loads the
// words and only the chunks of the posts it shows.
const ChunkSize = 1000

// Paths are the files of the index of n posts, from the root of the
// output: Path, then search/posts-0.json and on, a chunk each.
func Paths(n int) []string {
	paths := []string{Path}
	for k := 0; k*ChunkSize < n; k++ {
		paths = append(paths, fmt.Sprintf("search/posts-%d.json", k))
	}
	return paths
}

// Post is one post as the index sees it.
type Post struct {
	Title string
	URL   string // as the site links it
	Date  time.Time
	Tags  []string
	// Summary is plain text, shown under the title in results (cut to
	// SnippetLen); its words count as the body's.
	Summary string
	Body    Body
}

// SnippetLen is the most bytes of a summary the index keeps.
const SnippetLen = 160

// Scores: a word's score in a post is the sum of these, 1 to 15.
const (
	scoreTitle = 8
	scoreTag   = 4
	// a body word scores 1 once, 2 up to three times, 3 from four times
)

// alphabet encodes hit lists: a number is written in base 32, most
// significant digit first, its last digit from the first half of the
// alphabet and the others from the second half. Every character is safe
// in a JSON string unescaped.
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// Version is the format's version; search.js refuses others.
const Version = 1

// Write returns the files of the index of posts (see Paths), their
// positions being their numbers. The index is one JSON object:
//
//	{"version": 1,
//	 "stop": ["a", "an", ...],              the words left out of queries
//	 "posts": 1234, "chunk": 1000,          how many posts, how many a chunk
//	 "words": ["alpha", "beta", ...],       sorted
//	 "hits": ["0a1f...", ...]}              one per word
//
// A word's hits are its posts in increasing number, each written as
// (number - previous number) * 16 + score, encoded with alphabet; the
// first post's previous number is 0. Post n is entry n % chunk of the
// chunk n / chunk, a JSON array of
//
//	["Title", "/url/", "2024-01-02", "snippet"]
func Write(posts []Post) [][]byte {
	return New(posts).Files()
}

// Index is the index of a list of posts, kept between builds: Set
// changes one post and re-encodes only its words, which is what lets the
// dev server follow an edit of one post on a blog of thousands.
// An Index is not safe for concurrent use.
type Index struct {
	posts  []Post
	rows   [][]byte         // each post's entry in "posts", encoded
	hits   map[string][]hit // by word, in post order
	enc    map[string][]byte
	sorted []string // the words; nil when a word came or went since Files
	head   []byte   // the index up to its hits, written with sorted (writeHead)
}

// New indexes posts, their positions being their numbers.
func New(posts []Post) *Index {
	ix := &Index{posts: slices.Clone(posts), rows: make([][]byte, len(posts)), hits: map[string][]hit{}, enc: map[string][]byte{}}
	for id, p := range ix.posts {
		ix.rows[id] = row(p)
		scores(p, func(w string, score int) {
			ix.hits[w] = append(ix.hits[w], hit{int32(id), uint8(score)})
		})
	}
	return ix
}

// Len is the number of posts.
func (ix *Index) Len() int { return len(ix.posts) }

// Set replaces post i.
func (ix *Index) Set(i int, p Post) {
	before, after := map[string]int{}, map[string]int{}
	scores(ix.posts[i], func(w string, s int) { before[w] = s })
	scores(p, func(w string, s int) { after[w] = s })
	ix.posts[i], ix.rows[i] = p, row(p)
	id := int32(i)
	for w := range before {
		if _, stays := after[w]; stays {
			continue
		}
		hs := ix.hits[w]
		at, _ := find(hs, id)
		hs = slices.Delete(hs, at, at+1)
		if len(hs) == 0 {
			delete(ix.hits, w)
			ix.sorted = nil
		} else {
			ix.hits[w] = hs
		}
		delete(ix.enc, w)
	}
	for w, s := range after {
		if before[w] == s {
			continue
		}
		hs, known := ix.hits[w]
		if at, ok := find(hs, id); ok { // the post had the word: only its score changed
			hs[at].score = uint8(s)
		} else {
			ix.hits[w] = slices.Insert(hs, at, hit{id, uint8(s)})
		}
		if !known {
			ix.sorted = nil
		}
		delete(ix.enc, w)
	}
}

// find returns where post id's hit is in hs, or would be, and whether it is.
func find(hs []hit, id int32) (int, bool) {
	return slices.BinarySearchFunc(hs, id, func(h hit, id int32) int { return int(h.post - id) })
}

// Update makes ix the index of posts, setting only those that changed,
// and reports whether it could: not when the number of posts changed,
// which moves them all.
func (ix *Index) Update(posts []Post) bool {
	if len(posts) != len(ix.posts) {
		return false
	}
	for i, p := range posts {
		if !samePost(ix.posts[i], p) {
			ix.Set(i, p)
		}
	}
	return true
}

func samePost(a, b Post) bool {
	return a.Title == b.Title && a.URL == b.URL && a.Date.Equal(b.Date) && a.Summary == b.Summary &&
		slices.Equal(a.Tags, b.Tags) && a.Body.words == b.Body.words && bytes.Equal(a.Body.n, b.Body.n)
}

// Files returns the index's files, in the order of Paths.
func (ix *Index) Files() [][]byte {
	files := make([][]byte, len(Paths(len(ix.posts))))
	for i := range files {
		files[i] = ix.File(i)
	}
	return files
}

// File returns file i of Paths: the index proper, whose words' hits are
// encoded once and kept until Set changes them, or a chunk of posts.
func (ix *Index) File(i int) []byte {
	if i == 0 {
		return ix.words()
	}
	lo := (i - 1) * ChunkSize
	rows := ix.rows[lo:min(lo+ChunkSize, len(ix.rows))]
	size := 3
	for _, r := range rows {
		size += len(r) + 2
	}
	var b bytes.Buffer
	b.Grow(size)
	b.WriteByte('[')
	for i, r := range rows {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.Write(r)
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// words returns the index proper, without the posts' rows.
func (ix *Index) words() []byte {
	if ix.sorted == nil {
		ix.sorted = make([]string, 0, len(ix.hits))
		for w := range ix.hits {
			ix.sorted = append(ix.sorted, w)
		}
		slices.Sort(ix.sorted)
		ix.head = ix.writeHead()
	}
	size := len(ix.head) + 16
	for _, enc := range ix.enc {
		size += len(enc) + 3
	}
	var b bytes.Buffer
	b.Grow(size + len(ix.sorted)*8) // and the few words not yet encoded
	b.Write(ix.head)
	b.WriteString("],\n\"hits\":[")
	var hb bytes.Buffer
	for i, w := range ix.sorted {
		comma(&b, i)
		enc, ok := ix.enc[w]
		if !ok {
			hb.Reset()
			prev := int32(0)
			for _, h := range ix.hits[w] {
				encode(&hb, int(h.post-prev)<<4|int(h.score))
				prev = h.post
			}
			enc = bytes.Clone(hb.Bytes())
			ix.enc[w] = enc
		}
		b.WriteByte('"')
		b.Write(enc)
		b.WriteByte('"')
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// writeHead writes the index up to its hits: what changes only when a
// word comes or goes.
func (ix *Index) writeHead() []byte {
	var b bytes.Buffer
	b.WriteString(`{"version":1,"stop":[`)
	stops := make([]string, 0, len(stopWords))
	for w := range stopWords {
		stops = append(stops, w)
	}
	slices.Sort(stops)
	for i, w := range stops {
		comma(&b, i)
		str(&b, w)
	}
	fmt.Fprintf(&b, "],\n\"posts\":%d,\"chunk\":%d,\n\"words\":[", len(ix.rows), ChunkSize)
	for i, w := range ix.sorted {
		comma(&b, i)
		str(&b, w)
	}
	return b.Bytes()
}

// row is p's entry in "posts".
func row(p Post) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	str(&b, p.Title)
	b.WriteByte(',')
	str(&b, p.URL)
	b.WriteByte(',')
	str(&b, p.Date.Format(time.DateOnly))
	b.WriteByte(',')
	str(&b, snippet(p.Summary))
	b.WriteByte(']')
	return b.Bytes()
}

// scores calls fn with each word of p and its score there. The summary's,
// title's and tags' words are few: a map each; the body's many are read
// in order.
func scores(p Post, fn func(w string, score int)) {
	summary, marks := map[string]int{}, map[string]int{}
	words(p.Summary, func(w []byte) { summary[string(w)]++ })
	for _, t := range p.Tags {
		words(t, func(w []byte) { marks[string(w)] |= scoreTag })
	}
	words(p.Title, func(w []byte) { marks[string(w)] |= scoreTitle })
	p.Body.each(func(w string, n int) {
		fn(w, bodyScore(n+summary[w])|marks[w])
		delete(summary, w)
		delete(marks, w)
	})
	for w, n := range summary {
		fn(w, bodyScore(n)|marks[w])
		delete(marks, w)
	}
	for w, m := range marks {
		fn(w, m)
	}
}

type hit struct {
	post  int32
	score uint8
}

func bodyScore(n int) int {
	switch {
	case n >= 4:
		return 3
	case n >= 2:
		return 2
	default:
		return 1
	}
}

// encode writes v in base 32 with alphabet.
func encode(b *bytes.Buffer, v int) {
	var digits [16]byte
	i := len(digits) - 1
	digits[i] = alphabet[v%32]
	for v /= 32; v > 0; v /= 32 {
		i--
		digits[i] = alphabet[32+v%32]
	}
	b.Write(digits[i:])
}

// snippet cuts s to SnippetLen bytes at a word boundary.
func snippet(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= SnippetLen {
		return s
	}
	cut := SnippetLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > SnippetLen/2 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}

func comma(b *bytes.Buffer, i int) {
	if i > 0 {
		b.WriteByte(',')
	}
}

// str writes s as a JSON string.
func str(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s) // a string always marshals
	b.Write(enc)
}
