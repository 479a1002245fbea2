package main

import (
	"strings"
	"sync"
	"testing"
)

func TestProgressLine(t *testing.T) {
	var b strings.Builder
	p := newProgressLine(&b)
	p.clear() // nothing shown: nothing to erase
	if b.Len() != 0 {
		t.Errorf("clear before anything was shown wrote %q", b.String())
	}
	var wg sync.WaitGroup
	for i := 1; i <= 1000; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); p.show("writing", i, 1000) }()
	}
	wg.Wait()
	p.clear()
	out := b.String()
	if !strings.Contains(out, "\r\x1b[Kwriting 1000/1000") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress = %q; want the last step shown, then the line erased", out)
	}
	if n := strings.Count(out, "writing"); n > 20 {
		t.Errorf("%d updates for 1000 steps in an instant; want them throttled", n)
	}
}
