package markdown

import (
	"io"
	"os"
	"testing"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// BenchmarkGuard renders documents made to be slow to parse, with the
// guard (Render) and without it (goldmark alone: its parser and renderer,
// with no budget in the context), so the two can be compared. The
// unguarded runs of the larger inputs take seconds; select them with
// -bench 'Guard/.*/goldmark' -benchtime 1x.
func BenchmarkGuard(b *testing.B) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		name string
		src  string
	}{
		{"readme", string(readme)},
		{"quote-stair-1000", quoteStair(1000)},
		{"quote-stair-2000", quoteStair(2000)},
		{"quote-stair-4000", quoteStair(4000)},
		{"nested-lists-1000", listStair(1000, "")},
		{"brackets-1MiB", rep("[", 1<<20)},
		{"brackets-64KiB", rep("[", 1<<16)},
		{"unclosed-links-64KiB", rep("[a](b", 1<<16/5)},
	} {
		src := []byte(bb.src)
		r := New(Options{})
		b.Run(bb.name+"/guarded", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				_, _ = r.Render(src) // refused or not, the time is what counts
			}
		})
		b.Run(bb.name+"/goldmark", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
				if err := r.md.Renderer().Render(io.Discard, src, doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
