package search_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/markdown"
	"github.com/accruehq/accrue/generator/search"
	"github.com/accruehq/accrue/testkit/corpus"
	"go.yaml.in/yaml/v3"
)

// BenchmarkIndex indexes a generated blog of 10,000 posts (the shape of a
// real one, see package corpus): scan is reading every rendered body,
// which a build spreads over its page tasks; write is making the index
// from the scanned posts (write reports the sizes of the index and of
// its chunks of posts, as served and gzipped); edit is what the dev
// server does when a post's body changes: scan it, set it, write the
// index and the post's chunk again.
//
//	go test -run '^$' -bench Index -benchtime 3x ./generator/search
func BenchmarkIndex(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	posts, bodies := renderCorpus(b, n)
	b.Run("scan", func(b *testing.B) {
		for range b.N {
			for i := range posts {
				posts[i].Body = search.Scan(bodies[i])
			}
		}
	})
	for i := range posts {
		posts[i].Body = search.Scan(bodies[i])
	}
	b.Run("write", func(b *testing.B) {
		var files [][]byte
		for range b.N {
			files = search.Write(posts)
		}
		// The index proper, which every query loads, then the posts'
		// chunks, of which a page of results loads a few.
		b.ReportMetric(float64(len(files[0])), "index-bytes")
		b.ReportMetric(float64(gzipped(files[0])), "index-gzip-bytes")
		b.ReportMetric(float64(len(bytes.Join(files[1:], nil))), "chunks-bytes")
		b.ReportMetric(float64(gzipped(files[1])), "chunk-gzip-bytes")
	})
	b.Run("edit", func(b *testing.B) {
		ix := search.New(posts)
		ix.Files()
		edited := posts[len(posts)/2]
		for i := range b.N {
			if i%2 == 0 {
				edited.Body = search.Scan(bodies[len(posts)/2] + "<p>Zeppelins, edited.</p>")
			} else {
				edited.Body = posts[len(posts)/2].Body
			}
			ix.Set(len(posts)/2, edited)
			ix.File(0)
			ix.File(1 + len(posts)/2/search.ChunkSize)
		}
	})
}

// gzipped is the size of data gzipped, as a static host serves it.
func gzipped(data []byte) int {
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression) // the level is valid
	w.Write(data)                                          // writes to a bytes.Buffer do not fail
	w.Close()
	return gz.Len()
}

// renderCorpus writes a corpus of n posts and renders their bodies. The
// posts are in file name order: the index's size and speed do not depend
// on it.
func renderCorpus(b *testing.B, n int) ([]search.Post, []string) {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Posts: n}); err != nil {
		b.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "content", "posts", "*.md"))
	if err != nil || len(names) != n {
		b.Fatalf("%d posts written (%v); want %d", len(names), err, n)
	}
	md := markdown.New(markdown.Options{Unsafe: true, Typographer: true})
	posts := make([]search.Post, 0, n)
	bodies := make([]string, 0, n)
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		front, body, ok := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
		if !ok {
			b.Fatalf("%s: no front matter", name)
		}
		var fm struct {
			Title   string    `yaml:"title"`
			Date    time.Time `yaml:"date"`
			Tags    []string  `yaml:"tags"`
			Summary string    `yaml:"summary"`
		}
		if err := yaml.Unmarshal([]byte(front), &fm); err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		r, err := md.Render([]byte(body))
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		slug := strings.TrimSuffix(filepath.Base(name), ".md")
		posts = append(posts, search.Post{Title: fm.Title, URL: "/posts/" + slug + "/", Date: fm.Date, Tags: fm.Tags, Summary: fm.Summary})
		bodies = append(bodies, string(r.HTML))
	}
	return posts, bodies
}
