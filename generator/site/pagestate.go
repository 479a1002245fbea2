package site

import (
	"html/template"
	"sync/atomic"

	"github.com/accruehq/accrue/generator/interactions"
	"github.com/accruehq/accrue/generator/pages"
)

// pageState is what a build keeps beside a document's page in the model:
// the loaded document, its body, and every comment and mention of it for
// the accounts. The model holds what layouts show; this holds what the
// builder needs to make it, render it and make it again.
type pageState struct {
	doc  *docResult
	body *pageBody
	// interactions is every comment and mention, pending and deleted ones
	// included, for the ledger; interactionsSum fingerprints them.
	interactions    *interactions.Set
	interactionsSum uint64
}

// state returns the build's state of a document's page (posts and
// standalone pages; nil for the pages a build makes, such as lists).
func (b *builder) state(p *pages.Page) *pageState { return b.pageStates[p] }

// pageBody is a page's rendered body (pages.Body). It is held in memory
// only until its own page is written, unless a feed needs it, which keeps
// a large blog's build small; a layout that shows other posts' bodies
// still gets them, rendered again on demand.
type pageBody struct {
	content atomic.Pointer[template.HTML]
	// keep is set for posts that a feed will show, during analysis.
	keep bool
	// rerender renders the body again from its source file.
	rerender func() template.HTML
}

// HTML is the body, rendered again when it was released.
func (pb *pageBody) HTML() template.HTML {
	if c := pb.content.Load(); c != nil {
		return *c
	}
	if pb.rerender == nil {
		return ""
	}
	html := pb.rerender()
	if pb.keep {
		pb.content.Store(&html) // feeds will ask again
	}
	return html
}

// hold keeps html until release.
func (pb *pageBody) hold(html template.HTML) { pb.content.Store(&html) }

// held reports whether the body is in memory.
func (pb *pageBody) held() bool { return pb.content.Load() != nil }

// release drops the held body unless a feed needs it.
func (pb *pageBody) release() {
	if !pb.keep {
		pb.content.Store(nil)
	}
}
