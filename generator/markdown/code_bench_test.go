package markdown

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var codeFence = regexp.MustCompile("(?m)^```[a-z]")

// BenchmarkHighlight renders the posts of accrue's own blog that have
// code blocks, and the testdata documents, one Renderer for all: chroma is
// most of their cost.
func BenchmarkHighlight(b *testing.B) {
	paths, err := filepath.Glob("../../content/posts/*.md")
	if err != nil {
		b.Fatal(err)
	}
	docs := testdataDocs(b)
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if codeFence.Match(src) {
			docs = append(docs, src)
		}
	}
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	r := New(Options{LineNumbers: true})
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			if _, err := r.Render(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
