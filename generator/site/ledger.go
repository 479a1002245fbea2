package site

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/history"
	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/links"
)

// connect builds the link graph and the ledger once every output is
// planned (a link to a tag page or a static file is not broken) and before
// any is rendered: post pages show who references them and their counts.
func (b *builder) connect() diag.List {
	if c := b.inc.connection(b.global); c != nil {
		return b.apply(c)
	}
	c := b.connectAll()
	b.inc.rememberConnection(b.global, c)
	return b.apply(c)
}

// connection is what connect computes, by source file, so the dev server
// can reuse it while nothing that links or dates pages changed.
type connection struct {
	referencedBy map[string][]string // post file -> linking post files, newest first
	domains      map[string][]links.Domain
	counts       map[string]ledger.Counts
	ledger       *ledger.Ledger
	broken       diag.List
}

// apply makes c the site's: pages read it through their methods.
func (b *builder) apply(c *connection) diag.List {
	b.site.conn, b.site.Ledger = c, c.ledger
	return c.broken
}

func (b *builder) connectAll() *connection {
	all := append(append([]*Page(nil), b.posts...), b.pages...)
	byFile := make(map[string]*Page, len(all))
	docs := make([]links.Doc, len(all))
	files := make(map[string]string, len(all))
	for i, p := range all {
		byFile[p.File] = p
		files[p.File] = p.File
		d := links.Doc{ID: p.File, URL: p.URL, Aliases: p.doc.doc.Aliases}
		for _, l := range p.doc.render.Links {
			d.Links = append(d.Links, links.Link{Dest: b.resolveRef(l.Dest, p.File), Image: l.Image, Line: l.Line, Col: l.Col})
		}
		docs[i] = d
	}
	outputs := make(map[string]bool, len(b.outputs))
	for _, o := range b.outputs {
		outputs[o.path] = true
	}
	// Posts link to the published address, whatever this build serves at.
	g := links.Build(b.publishedURL(), docs, files, func(p string) bool { return outputs[outputPath(p)] })
	c := &connection{referencedBy: map[string][]string{}, domains: map[string][]links.Domain{}, broken: g.Broken}

	// Sized for the most events the posts can make: the ledger lives
	// through the whole build, and growing a slice of 10,000s of events
	// copies it again and again.
	n := 0
	for _, p := range b.posts {
		n += 2 + len(p.Revisions) + len(p.Changelog) + len(g.Inbound[p.File]) + len(g.External[p.File])
		if s := p.interactions; s != nil {
			n += len(s.Comments) + len(s.Mentions)
		}
	}
	if b.history != nil {
		n += len(b.history.Sweeps)
	}
	events := make([]ledger.Event, 0, n)
	for _, p := range b.posts {
		events = append(events, ledger.Event{Date: p.Date, Post: p.File, Title: p.Title, Kind: ledger.KindPublish,
			Actor: p.Author, Source: p.File})
		switch {
		case len(p.Revisions) > 0:
			// git knows the real updates; front matter notes stay a changelog.
			// An update is the post's author's deposit, as its publish
			// is: the git identity that committed it (a laptop's, a
			// bot's) is only the fallback, with .mailmap applied.
			for _, r := range p.Revisions {
				events = append(events, ledger.Event{Date: r.Date, Post: p.File, Title: p.Title, Kind: ledger.KindUpdate,
					Actor: cmp.Or(p.Author, r.Author), Source: r.Hash, Note: revisionNote(r)})
			}
		case b.history != nil && b.history.Files[p.File] != nil && !b.history.Files[p.File].Truncated && len(p.Changelog) == 0:
			// In git and never revised (in a shallow clone older revisions are
			// missing: then front matter speaks): its updated date is not
			// an update of its own.
		case len(p.Changelog) > 0:
			for _, c := range p.Changelog {
				events = append(events, ledger.Event{Date: c.Date, Post: p.File, Title: p.Title, Kind: ledger.KindUpdate,
					Actor: p.Author, Source: p.File, Note: c.Note})
			}
		case p.HasUpdate():
			events = append(events, ledger.Event{Date: p.Updated, Post: p.File, Title: p.Title, Kind: ledger.KindUpdate,
				Actor: p.Author, Source: p.File, Note: "updated date in front matter"})
		}
		var refs []*Page
		for _, ref := range g.Inbound[p.File] {
			from := byFile[ref.From]
			if from == nil || !from.IsPost() || slices.Contains(refs, from) {
				continue // pages link for navigation; a post that links twice references once
			}
			refs = append(refs, from)
			date, _ := ledger.LinkDate(from.Date, revisionDates(from), p.Date)
			events = append(events, ledger.Event{Date: date, Post: p.File, Title: p.Title, Kind: ledger.KindInternalLink,
				Actor: from.File, ActorURL: from.URL, Source: ref.From, Line: int32(ref.Line), Col: int32(ref.Col)})
		}
		sort.SliceStable(refs, func(i, j int) bool { return refs[i].Date.After(refs[j].Date) })
		for _, r := range refs {
			c.referencedBy[p.File] = append(c.referencedBy[p.File], r.File)
		}
		for _, e := range g.External[p.File] {
			events = append(events, ledger.Event{Date: p.Date, Post: p.File, Title: p.Title, Kind: ledger.KindOutboundLink,
				Actor: e.Domain, ActorURL: e.URL, Source: p.File, Line: int32(e.Line), Col: int32(e.Col)})
		}
		if d := g.Domains(p.File); len(d) > 0 {
			c.domains[p.File] = d
		}
		events = append(events, interactionEvents(p, b.cfg.Author)...)
	}
	if b.history != nil {
		for _, sw := range b.history.Sweeps {
			events = append(events, ledger.Event{Date: sw.Date, Kind: ledger.KindMaintenance, Actor: sw.Author,
				Source: sw.Hash, Note: sw.Subject + " (" + strconv.Itoa(sw.Files) + " files)"})
		}
	}
	c.ledger = ledger.New(events)
	c.counts = make(map[string]ledger.Counts, len(b.posts))
	for _, p := range b.posts {
		c.counts[p.File] = c.ledger.CountsFor(p.File)
	}
	return c
}

func revisionNote(r history.Revision) string {
	if r.Binary {
		return r.Subject
	}
	return r.Subject + " (+" + strconv.Itoa(r.Added) + " -" + strconv.Itoa(r.Removed) + ")"
}

func revisionDates(p *Page) []time.Time {
	out := make([]time.Time, len(p.Revisions))
	for i, r := range p.Revisions {
		out[i] = r.Date
	}
	return out
}

// outputPath is the output file that answers a site path: "/posts/a/" is
// "posts/a/index.html", "/css/x.css" is "css/x.css".
func outputPath(sitePath string) string {
	p := strings.TrimPrefix(sitePath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}
