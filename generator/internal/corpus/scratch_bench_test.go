package corpus

import "testing"

func BenchmarkScratchWrite(b *testing.B) {
	for b.Loop() {
		if err := Write(b.TempDir(), Options{Posts: 10000}); err != nil {
			b.Fatal(err)
		}
	}
}
