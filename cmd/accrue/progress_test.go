package main

import (
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/accruehq/accrue/generator/site"
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

func TestPaceGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	gcPercent := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }

	var shown []string
	o := site.Options{Progress: func(phase string, done, total int) { shown = append(shown, phase) }}
	paceGC(&o)
	if p := gcPercent(); p != 100 {
		t.Errorf("while reading: GC percent %d; want 100", p)
	}
	o.Progress("reading", 10, 10)
	if p := gcPercent(); p != 100 {
		t.Errorf("after reading: GC percent %d; want 100", p)
	}
	o.Progress("writing", 1, 10)
	if p := gcPercent(); p != 50 {
		t.Errorf("while writing: GC percent %d; want 50", p)
	}
	if strings.Join(shown, ",") != "reading,writing" {
		t.Errorf("progress line saw %v; want every call passed on", shown)
	}
}
