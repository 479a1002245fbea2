package search

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "update golden files")

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err) // the dates below are written right
	}
	return t
}

// posts is a small blog, newest first, as package site hands it over.
func posts() []Post {
	return []Post{
		{Title: "Compound interest for blogs", URL: "/posts/compound/", Date: day("2024-03-01"), Tags: []string{"Money", "writing"},
			Summary: "Why old posts keep earning.", Body: Scan("<p>Why old posts keep earning. Interest on interest, and interest again.</p>")},
		{Title: "Café notes", URL: "/posts/caf%C3%A9/", Date: day("2024-02-10"), Tags: []string{"travel"},
			Summary: "Notes from a café in Zürich, where the <coffee> is \"strong\".", Body: Scan("<p>Notes from a café in Zürich.</p><p>Compounding coffee.</p>")},
		{Title: "Hello", URL: "/posts/hello/", Date: day("2023-12-24"),
			Body: Scan("<h2>Hello</h2><pre><code>go build ./...</code></pre>")},
	}
}

// archive is the files of an index as one txtar, named as Paths names them.
func archive(t *testing.T, files [][]byte) []byte {
	t.Helper()
	paths := Paths(len(posts()))
	if len(paths) != len(files) {
		t.Fatalf("%d files for %d paths", len(files), len(paths))
	}
	a := &txtar.Archive{}
	for i, f := range files {
		if !json.Valid(f) {
			t.Fatalf("%s is not valid JSON:\n%s", paths[i], f)
		}
		a.Files = append(a.Files, txtar.File{Name: paths[i], Data: f})
	}
	return txtar.Format(a)
}

func TestWriteGolden(t *testing.T) {
	got := archive(t, Write(posts()))
	if again := archive(t, Write(posts())); !bytes.Equal(got, again) {
		t.Error("two Writes of the same posts differ")
	}
	const golden = "testdata/index.golden.txtar"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/search -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Write differs from %s (run go test ./generator/search -update and review the diff):\n%s", golden, got)
	}
}

// index is the file as search.js reads it.
type index struct {
	Version int      `json:"version"`
	Stop    []string `json:"stop"`
	Posts   int      `json:"posts"`
	Chunk   int      `json:"chunk"`
	Words   []string `json:"words"`
	Hits    []string `json:"hits"`
}

// decode reads a hit list as search.js does: post number to score.
func decode(t *testing.T, s string) map[int]int {
	t.Helper()
	out := map[int]int{}
	v, post := 0, 0
	for _, c := range s {
		d := strings.IndexRune(alphabet, c)
		if d < 0 {
			t.Fatalf("hit list %q has %q, not in the alphabet", s, c)
		}
		if d >= 32 {
			v = v*32 + d - 32
			continue
		}
		v = v*32 + d
		post += v / 16
		out[post] = v % 16
		v = 0
	}
	return out
}

func TestWriteScores(t *testing.T) {
	files := Write(posts())
	var ix index
	if err := json.Unmarshal(files[0], &ix); err != nil {
		t.Fatal(err)
	}
	if ix.Version != Version || ix.Posts != 3 || ix.Chunk != ChunkSize || len(ix.Words) != len(ix.Hits) {
		t.Fatalf("version %d, %d posts a chunk of %d, %d words, %d hit lists; want version %d, 3 posts a chunk of %d and a hit list a word",
			ix.Version, ix.Posts, ix.Chunk, len(ix.Words), len(ix.Hits), Version, ChunkSize)
	}
	var rows [][]string
	if err := json.Unmarshal(files[1], &rows); err != nil {
		t.Fatal(err)
	}
	hits := map[string]map[int]int{}
	for i, w := range ix.Words {
		if i > 0 && ix.Words[i-1] >= w {
			t.Errorf("words %q, %q are out of order", ix.Words[i-1], w)
		}
		hits[w] = decode(t, ix.Hits[i])
	}
	for _, tt := range []struct {
		word string
		want map[int]int
	}{
		{"interest", map[int]int{0: scoreTitle + 2}}, // title, and three times in the body
		{"money", map[int]int{0: scoreTag}},
		{"posts", map[int]int{0: 2}},              // body and summary
		{"cafe", map[int]int{1: scoreTitle + 2}},  // title, body and summary, accent dropped
		{"zurich", map[int]int{1: 2}},             // body and summary
		{"compounding", map[int]int{1: 1}},        //
		{"hello", map[int]int{2: scoreTitle + 1}}, // title and heading
		{"go", map[int]int{2: 1}},                 // code is text too
		{"notes", map[int]int{1: scoreTitle + 2}}, //
		{"travel", map[int]int{1: scoreTag}},      //
		{"compound", map[int]int{0: scoreTitle}},  // not the body's "compounding": prefixes are search.js's job
	} {
		if got := hits[tt.word]; !equal(got, tt.want) {
			t.Errorf("hits of %q = %v; want %v", tt.word, got, tt.want)
		}
	}
	for _, stop := range []string{"the", "a", "from"} {
		if _, ok := hits[stop]; ok {
			t.Errorf("stop word %q is indexed", stop)
		}
	}
	if got, want := rows[1], []string{"Café notes", "/posts/caf%C3%A9/", "2024-02-10", `Notes from a café in Zürich, where the <coffee> is "strong".`}; !equalStrings(got, want) {
		t.Errorf("post 1 = %q; want %q", got, want)
	}
}

func equal(a, b map[int]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func equalStrings(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

func TestEncodeLargeNumbers(t *testing.T) {
	// A blog of 10,000 posts has hit lists whose first delta is large.
	var b bytes.Buffer
	var want []int
	prev := 0
	for _, post := range []int{0, 31, 32, 1023, 9999, 10000, 70000} {
		encode(&b, (post-prev)<<4|5)
		prev = post
		want = append(want, post)
	}
	got := decode(t, b.String())
	for _, p := range want {
		if got[p] != 5 {
			t.Errorf("decoded %v; want posts %v each scoring 5", got, want)
			break
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("word ", 40) + "end"
	for _, tt := range []struct{ name, in, want string }{
		{"short", "A short  summary.\n", "A short summary."},
		{"cut at a word", long, strings.TrimSpace(strings.Repeat("word ", 32)) + "…"},
		{"multibyte at the cut", strings.Repeat("é", 100), strings.Repeat("é", 80) + "…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := snippet(tt.in)
			if got != tt.want {
				t.Errorf("snippet(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) || len(got) > SnippetLen+len("…") {
				t.Errorf("snippet(%q) = %q: not valid UTF-8 or longer than %d bytes", tt.in, got, SnippetLen)
			}
		})
	}
}

// TestSet: an index changed post by post equals the index made afresh of
// the changed posts, whatever the change: words gone, words new to the
// whole index, a title, tags, a summary.
func TestSet(t *testing.T) {
	edits := []struct {
		name string
		at   int
		edit func(p *Post)
	}{
		{"body loses and gains words", 0, func(p *Post) { p.Body = Scan("<p>Interest, interest. Zeppelins!</p>") }},
		{"a word leaves the index", 2, func(p *Post) { p.Body = Scan("<p>Hello.</p>") }},
		{"retitled", 1, func(p *Post) { p.Title = "Tea notes" }},
		{"retagged", 0, func(p *Post) { p.Tags = []string{"writing", "zeppelins"} }},
		{"new summary", 2, func(p *Post) { p.Summary = "Greetings from the build." }},
		{"back as it was", 0, func(p *Post) { *p = posts()[0] }},
	}
	ix := New(posts())
	want := posts()
	for _, e := range edits {
		e.edit(&want[e.at])
		ix.Set(e.at, want[e.at])
		if got, fresh := bytes.Join(ix.Files(), nil), bytes.Join(Write(want), nil); !bytes.Equal(got, fresh) {
			t.Fatalf("%s: the changed index differs from a fresh one:\n%s\nwant\n%s", e.name, got, fresh)
		}
	}
}

// TestChunks: a blog larger than a chunk has its posts' rows in chunks, in
// order, each post where the index says.
func TestChunks(t *testing.T) {
	n := 2*ChunkSize + 3
	ps := make([]Post, n)
	for i := range ps {
		ps[i] = Post{Title: fmt.Sprintf("Post %d", i), URL: fmt.Sprintf("/p/%d/", i), Date: day("2024-01-01")}
	}
	files := Write(ps)
	paths := Paths(n)
	if want := []string{Path, "search/posts-0.json", "search/posts-1.json", "search/posts-2.json"}; !equalStrings(paths, want) || len(files) != len(want) {
		t.Fatalf("paths %q and %d files; want %q", paths, len(files), want)
	}
	for k, f := range files[1:] {
		var rows [][]string
		if err := json.Unmarshal(f, &rows); err != nil {
			t.Fatalf("%s: %v", paths[k+1], err)
		}
		if want := min(ChunkSize, n-k*ChunkSize); len(rows) != want {
			t.Errorf("%s has %d posts; want %d", paths[k+1], len(rows), want)
		}
		if got, want := rows[0][1], fmt.Sprintf("/p/%d/", k*ChunkSize); got != want {
			t.Errorf("%s begins with %s; want %s", paths[k+1], got, want)
		}
	}
	if got := Paths(0); !equalStrings(got, []string{Path}) {
		t.Errorf("Paths(0) = %q; want the index alone", got)
	}
}

// TestUpdate: an index updated to a new list of posts equals a fresh one,
// and refuses a list of another length.
func TestUpdate(t *testing.T) {
	ix := New(posts())
	want := posts()
	want[1].Title = "Tea notes"
	want[2].Body = Scan("<p>Goodbye.</p>")
	if !ix.Update(want) {
		t.Fatal("Update refused as many posts")
	}
	if got, fresh := bytes.Join(ix.Files(), nil), bytes.Join(Write(want), nil); !bytes.Equal(got, fresh) {
		t.Errorf("the updated index differs from a fresh one:\n%s\nwant\n%s", got, fresh)
	}
	if ix.Update(want[:2]) {
		t.Error("Update took fewer posts")
	}
}
