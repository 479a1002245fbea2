package rendercache

import (
	"encoding/binary"
	"html/template"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/markdown"
)

// BenchmarkStore stores 1,000 renderings of 20 KB of HTML each into a new
// pack, as a first build does with every post it renders.
//
//	go test -run '^$' -bench Store -benchmem ./generator/rendercache
func BenchmarkStore(b *testing.B) {
	res := &markdown.Result{
		HTML:     template.HTML(strings.Repeat("<p>Compound interest, paid on interest.</p>\n", 500)),
		Summary:  "<p>Compound interest.</p>",
		Headings: []markdown.Heading{{Level: 2, ID: "rates", Text: "Rates"}},
		Links:    []markdown.Link{{Dest: "/posts/a/", Line: 3, Col: 1}},
		Words:    2500,
	}
	b.SetBytes(1000 * int64(len(res.HTML)))
	b.ReportAllocs()
	for b.Loop() {
		c, err := Open(b.TempDir(), "/site", "bench")
		if err != nil {
			b.Fatal(err)
		}
		for i := range 1000 {
			var key digest
			binary.LittleEndian.PutUint32(key[:], uint32(i))
			if body := c.store(key, res); !body.Cached() {
				b.Fatal("not stored")
			}
		}
		c.Close()
	}
}
