package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"case and punctuation", "Compound Interest, explained!", []string{"compound", "interest", "explained"}},
		{"accents dropped", "Café in Zürich", []string{"cafe", "zurich"}},
		{"stop words and single letters", "the art of a b c", []string{"art"}},
		{"digits", "Go 1.22 in 2024", []string{"go", "22", "2024"}},
		{"apostrophe splits", "don't", []string{"don"}},
		{"overlong words", strings.Repeat("x", maxWordLen+1) + " ok", []string{"ok"}},
		{"other scripts", "Привет, мир", []string{"привет", "мир"}},
		{"empty", "  ", nil},
		{"accent written apart", "cafe\u0301 Cafe\u0301s", []string{"cafe", "cafes"}},
		{"curly quotes split", "“quoted” words’ end", []string{"quoted", "words", "end"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			words(tt.in, func(w []byte) { got = append(got, string(w)) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestScan(t *testing.T) {
	body := Scan(`<h2 id="x">Café notes</h2>
<p>Notes &amp; more <em>notes</em>: <code>go build</code>.</p>
<script>var hidden = 1;</script><style>.hidden{}</style>
<SCRIPT type="module">var hidden2;</SCRIPT ><Style
>.hidden3{}</STYLE><strong>Strong</strong> <scripts>shown</scripts>
<pre><code class="language-go">func main() {}</code></pre>`)
	var got []string
	body.each(func(w string, n int) { got = append(got, w+"="+string(rune('0'+n))) })
	want := []string{"build=1", "cafe=1", "func=1", "go=1", "main=1", "more=1", "notes=3", "shown=1", "strong=1"}
	if !slices.Equal(got, want) {
		t.Errorf("Scan = %q; want %q", got, want)
	}
}

func TestScanCountsStopAt255(t *testing.T) {
	body := Scan("<p>" + strings.Repeat("word ", 300) + "</p>")
	var got []string
	body.each(func(w string, n int) { got = append(got, fmt.Sprintf("%s=%d", w, n)) })
	if want := []string{"word=255"}; !slices.Equal(got, want) {
		t.Errorf("Scan = %q; want %q", got, want)
	}
}

// FuzzWords: whatever the text, the words kept are valid UTF-8, lowercase,
// of a length the index keeps, not stop words, and read back as themselves.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"Compound Interest, explained!", "Café in Zürich", "cafe\u0301", "“quoted” words’", "Привет, мир", "İstanbul ǅemal ß", "日本語のブログ", "x\xffy"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words(s, func(b []byte) {
			w := string(b)
			if !utf8.ValidString(w) || len(w) < 2 || len(w) > maxWordLen || stopWords[w] {
				t.Fatalf("words(%q) kept %q", s, w)
			}
			var again []string
			words(w, func(b []byte) { again = append(again, string(b)) })
			if len(again) != 1 || again[0] != w {
				t.Fatalf("words(%q) kept %q, which reads back as %q", s, w, again)
			}
		})
	})
}
