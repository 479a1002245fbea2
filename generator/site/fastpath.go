package site

import (
	"context"
	"hash/fnv"
	"slices"

	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/pages"
	"github.com/accruehq/accrue/generator/theme"
)

// fast rebuilds after edits to posts that change nothing any other page
// shows: the usual save while writing. It reuses the previous build's
// model and renders only the edited posts' pages and the feeds that carry
// them. ok is false when the edits need the full incremental path: a new,
// removed, undated, unpublished or warned-about document, a change to
// what other pages show (title, date, summary, tags, links...), or
// anything outside the posts' Markdown.
func (inc *Incremental) fast(ctx context.Context, o Options, changed []string) (files map[string][]byte, ok bool) {
	b := inc.prev
	if b == nil || inc.rediscover || len(inc.dirtySets) > 0 {
		return nil, false
	}
	if !o.Future {
		// A post that was in the future may be due now: the list changes.
		for _, d := range inc.kept.docs {
			if d.doc.Kind == content.KindPost && d.doc.Date.After(b.opts.Now) && !d.doc.Date.After(o.Now) {
				return nil, false
			}
		}
	}
	type edit struct {
		page *pages.Page
		doc  *docResult
		// tmp is the edited document's page as analyze would make it.
		tmp      *pages.Page
		tmpState *pageState
	}
	// Documents held by an earlier build are still dirty: they count too.
	paths := slices.Clone(changed)
	for p := range inc.dirty {
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	var edits []edit
	for _, path := range paths {
		if slices.Contains(inc.held, path) {
			continue // as it was: its page stays
		}
		old := inc.kept.docs[path]
		page := b.site.Post(path)
		if old == nil || page == nil || b.state(page).doc != old || len(old.diags) > 0 || old.dateFrom != dateWritten || len(old.doc.Unknown) > 0 {
			return nil, false
		}
		d := inc.fresh[path] // settle loaded every changed document it had
		if d == nil || len(d.diags) > 0 || d.doc.Date.IsZero() || len(d.doc.Unknown) > 0 {
			return nil, false
		}
		// Still published, by the same rules as analyze.
		if !published(d.doc, o) {
			return nil, false
		}
		d.derive(b)
		tmp, tmpState := b.newPage(d)
		b.historyOf(tmp)
		// Terms as analyze would name them; writePage hashes the names.
		tmp.Tags, tmp.Categories, tmp.Series = namedTerms(d, taxTags), namedTerms(d, taxCategories), namedTerms(d, taxSeries)
		tmpState.interactionsSum = b.state(page).interactionsSum
		if b.fingerprint(tmp, tmpState) != old.fp {
			return nil, false
		}
		edits = append(edits, edit{page, d, tmp, tmpState})
	}
	if ctx.Err() != nil {
		return nil, false
	}
	// Commit: the edited pages take their new bodies; nothing else moves.
	b.outputs = b.outputs[:0]
	b.feedBuilds = map[*pages.Feed]*feedBuild{}
	for _, e := range edits {
		p, st, t := e.page, b.state(e.page), e.tmp
		e.doc.fpOnce.Do(func() { e.doc.fp = st.doc.fp })
		st.doc = e.doc
		st.body.hold(e.doc.render.HTML)
		st.body.rerender = e.tmpState.body.rerender
		b.resolvePage(p)
		p.Headings, p.TOC, p.ShowTOC, p.WordCount, p.ReadingTime = t.Headings, t.TOC, t.ShowTOC, t.WordCount, t.ReadingTime
		inc.kept.docs[p.File] = e.doc
		b.planPage(p, theme.KindPost)
	}
	b.planFeedsShowing(func(p *pages.Page) bool {
		return slices.ContainsFunc(edits, func(e edit) bool { return e.page == p })
	})
	if len(edits) > 0 && b.cfg.Search.Enabled {
		edited := make([]*pages.Page, len(edits))
		for i, e := range edits {
			edited[i] = e.page
		}
		b.planSearchEdits(edited) // it holds every body's words
	}
	files = make(map[string][]byte, len(inc.kept.files))
	for k, v := range inc.kept.files {
		files[k] = v
	}
	w := &memStore{files: files}
	// Render everything planned, as a one-shot build would: nothing here
	// is reusable.
	b.dev, b.last = false, &phases{}
	rdiags, err := b.renderPlanned(ctx, w)
	b.dev = true
	if err != nil || len(rdiags) > 0 {
		return nil, false
	}
	for _, out := range b.outputs {
		inc.kept.keys[out.Path] = out.Key
	}
	inc.kept.files = files
	inc.Last.Rendered = len(b.outputs)
	inc.settled()
	b.opts.Now = o.Now
	return files, true
}

func namedTerms(d *docResult, tax int) []*pages.Term {
	var out []*pages.Term
	for _, r := range d.derived.terms[tax] {
		out = append(out, &pages.Term{Name: r.name})
	}
	return out
}

// fingerprint is writePage's hash of p, whose state is st, with the
// build's shared fields.
func (b *builder) fingerprint(p *pages.Page, st *pageState) uint64 {
	h := fnv.New64a()
	writePage(h, p, st, b.sharedReadingTime, b.sharedSource)
	return h.Sum64()
}

// historyOf gives one page its revisions, as applyHistory does.
func (b *builder) historyOf(p *pages.Page) {
	if b.history == nil {
		return
	}
	if f := b.history.Files[p.File]; f != nil {
		p.Revisions = f.Revisions
		if n := len(f.Revisions); n > 0 && f.Revisions[n-1].Date.After(p.Updated) {
			p.Updated = f.Revisions[n-1].Date
		}
	}
}
