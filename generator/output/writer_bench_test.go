package output

import (
	"fmt"
	"testing"
)

// BenchmarkDirWriter writes 2,000 small pages, each in a folder of its
// own, as a first build writes a blog's posts, and moves them into place.
//
//	go test -run '^$' -bench DirWriter -benchmem ./generator/output
func BenchmarkDirWriter(b *testing.B) {
	const n = 2000
	paths := make([]string, n)
	for i := range paths {
		paths[i] = fmt.Sprintf("posts/post-%d/index.html", i)
	}
	page := []byte("<!doctype html><title>A post</title><p>Compound interest.</p>\n")
	b.ReportAllocs()
	for b.Loop() {
		w := &DirWriter{Root: b.TempDir()}
		w.MakeFolders(paths)
		for _, p := range paths {
			if err := w.WriteFile(p, page); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Finish(); err != nil {
			b.Fatal(err)
		}
	}
}
