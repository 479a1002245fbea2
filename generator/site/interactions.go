package site

import (
	"context"
	"fmt"
	"hash/fnv"
	"runtime"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/interactions"
	"github.com/accruehq/accrue/generator/pages"
	"golang.org/x/sync/errgroup"
)

// loadInteractions reads every published post's comments and mentions, in
// parallel, once URLs are known (a mention must target its post). The dev
// server reuses a post's set until a file in its comments/ or mentions/
// folder changes.
func (b *builder) loadInteractions(ctx context.Context) diag.List {
	perPost := make([]diag.List, len(b.posts))
	sets := make(map[string]*cachedSet, len(b.posts))
	var todo []int
	for i, p := range b.posts {
		st := b.state(p)
		if c := b.last.set(st.doc.doc.Folder, p.Permalink); c != nil {
			sets[st.doc.doc.Folder] = c
			st.interactions, st.interactionsSum = c.set, c.sum
			p.Comments, p.Mentions, p.Reactions = c.set.Threads, c.cards, c.reactions
			perPost[i] = c.diags
			continue
		}
		todo = append(todo, i)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, i := range todo {
		p := b.posts[i]
		st := b.state(p)
		g.Go(func() error {
			// Mentions point at the published site, also when it is served
			// elsewhere (the dev server, --base-url); the published address
			// comes first, for messages.
			var urls []string
			for _, base := range b.baseURLs() {
				permalink := pages.Rebase(base, p.URL)
				urls = append(urls, permalink, strings.TrimSuffix(permalink, "/"))
				for _, a := range st.doc.doc.Aliases {
					urls = append(urls, pages.Rebase(base, a))
				}
			}
			set, diags := interactions.Load(b.src, st.doc.doc.Folder, urls, b.cfg.Location)
			diags = append(diags, earlyDeposits(set, p.Date, b.cfg.Location)...)
			setInteractions(p, st, set, interactionsSum(set))
			perPost[i] = diags
			return gctx.Err()
		})
	}
	if err := g.Wait(); err != nil {
		return nil
	}
	if b.dev { // only the dev server builds again
		for _, i := range todo {
			p := b.posts[i]
			st := b.state(p)
			sets[st.doc.doc.Folder] = &cachedSet{set: st.interactions, sum: st.interactionsSum,
				diags: perPost[i], cards: p.Mentions, reactions: p.Reactions, permalink: p.Permalink}
		}
		b.made.sets = sets
	}
	return diag.Join(perPost...)
}

// setInteractions keeps s in st for the accounts and fills the page
// fields templates read.
func setInteractions(p *pages.Page, st *pageState, s *interactions.Set, sum uint64) {
	st.interactions, st.interactionsSum = s, sum
	p.Comments = s.Threads
	p.Mentions = s.Cards()
	p.Reactions = s.Reactions()
}

// earlyDeposits warns about each deposit (an approved comment, a mention
// not pending) dated before the post's publication, which
// the ledger dates at publication instead. Such a date is an
// import's or a clock's mistake, and left as it is a comment dated years
// early would earn interest for years the post did not exist. Re-dating
// rather than refusing keeps the comment on the page and in the ledger:
// nothing is lost, and the warning says where to fix the date.
func earlyDeposits(s *interactions.Set, published time.Time, loc *time.Location) diag.List {
	if published.IsZero() {
		return nil
	}
	if loc == nil {
		loc = time.UTC
	}
	day := func(t time.Time) string { return t.In(loc).Format(time.DateOnly) }
	var out diag.List
	for _, c := range s.Comments {
		if c.Status == interactions.StatusApproved && c.Date.Before(published) {
			out.Add(diag.Warnf(c.DatePos, "comment: dated %s, before its post was published on %s; the ledger counts it from %s, so correct the date if it is wrong",
				day(c.Date), day(published), day(published)))
		}
	}
	for _, m := range s.Mentions {
		if !m.Replaced && m.Status != interactions.StatusPending && m.Received.Before(published) {
			out.Add(diag.Warnf(m.ReceivedPos, "mention: received %s, before its post was published on %s; the ledger counts it from %s, so correct the date if it is wrong",
				day(m.Received), day(published), day(published)))
		}
	}
	return out
}

// interactionsSum fingerprints what a post's page and counts show of its
// interactions, for the dev server's keys.
func interactionsSum(s *interactions.Set) uint64 {
	if len(s.Comments) == 0 && len(s.Mentions) == 0 {
		return 0
	}
	h := fnv.New64a()
	for _, c := range s.Comments {
		fmt.Fprintf(h, "c\x00%s\x00%s\x00%d\x00%t\x00%s\x00%s\x00%s\x00%s\n", c.File, c.ID, c.Status, c.Withdrawn, c.Date, c.Author, c.AuthorURL, c.HTML)
	}
	for _, m := range s.Mentions {
		fmt.Fprintf(h, "m\x00%s\x00%d\x00%t\x00%t\x00%d\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\n", m.File, m.Status, m.Replaced, m.Withdrawn, m.Type,
			m.Received, m.Source, m.AuthorName, m.AuthorURL, m.AuthorPhoto, m.Title, m.Excerpt)
	}
	return h.Sum64()
}

// publishedURL is where the site is published: base_url as accrue.toml
// sets it, whatever address this build serves it at.
func (b *builder) publishedURL() string {
	if b.cfg.PublishedURL != "" {
		return b.cfg.PublishedURL
	}
	return b.cfg.BaseURL
}

// baseURLs are the addresses of the site: where it is published, then
// where this build serves it, when that differs.
func (b *builder) baseURLs() []string {
	if p := b.publishedURL(); p != b.cfg.BaseURL {
		return []string{p, b.cfg.BaseURL}
	}
	return []string{b.cfg.BaseURL}
}
