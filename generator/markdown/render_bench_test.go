package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accruehq/accrue/testkit/corpus"
)

// BenchmarkRender renders the bodies of a generated blog of 500 posts
// (the shape of a real one, see package corpus: prose, links, lists and
// a code block in some posts), as a build's load phase does.
//
//	go test -run '^$' -bench Render -benchmem ./generator/markdown
func BenchmarkRender(b *testing.B) {
	dir := b.TempDir()
	const n = 500
	if err := corpus.Write(dir, corpus.Options{Posts: n}); err != nil {
		b.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "content", "posts", "*.md"))
	if err != nil || len(names) != n {
		b.Fatalf("%d posts written (%v); want %d", len(names), err, n)
	}
	var docs [][]byte
	size := 0
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		_, body, ok := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
		if !ok {
			b.Fatalf("%s: no front matter", name)
		}
		docs = append(docs, []byte(body))
		size += len(body)
	}
	r := New(Options{Unsafe: true, Typographer: true})
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := r.Render(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
