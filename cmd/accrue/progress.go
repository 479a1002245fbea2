package main

import (
	"fmt"
	"github.com/accruehq/accrue/generator/site"
	"io"
	"sync"
	"time"
)

// progressLine shows how far a long build is on one terminal line,
// rewritten at most ten times a second, and erased at the end.
type progressLine struct {
	w     io.Writer
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgressLine(w io.Writer) *progressLine { return &progressLine{w: w} }

// showProgress makes o report its progress on w when w is a terminal,
// and returns the line to clear once the work is done.
func showProgress(o *site.Options, w io.Writer) *progressLine {
	line := newProgressLine(w)
	if isTerminal(w) {
		o.Progress = line.show
	}
	return line
}

// show is site.Options.Progress: safe from any goroutine.
func (p *progressLine) show(phase string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || done == total {
		p.last = now
		p.shown = true
		fmt.Fprintf(p.w, "\r\x1b[K%s %d/%d", phase, done, total)
	}
}

func (p *progressLine) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
