package site

import (
	"path"
	"sort"
	"strings"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/links"
)

// connect builds the link graph and the ledger once every output is
// planned (a link to a tag page or a static file is not broken) and before
// any is rendered: post pages show who references them and their counts.
func (b *builder) connect() diag.List {
	all := append(append([]*Page(nil), b.posts...), b.pages...)
	byFile := make(map[string]*Page, len(all))
	docs := make([]links.Doc, len(all))
	files := make(map[string]string, len(all))
	for i, p := range all {
		byFile[p.File] = p
		files[p.File] = p.File
		d := links.Doc{ID: p.File, URL: p.URL, Aliases: p.doc.doc.Aliases}
		for _, l := range p.doc.render.Links {
			d.Links = append(d.Links, links.Link{Dest: l.Dest, Image: l.Image, Line: l.Line, Col: l.Col})
		}
		docs[i] = d
	}
	outputs := make(map[string]bool, len(b.outputs))
	for _, o := range b.outputs {
		outputs[sitePath(o.path)] = true
	}
	g := links.Build(b.cfg.BaseURL, docs, files, func(p string) bool { return outputs[p] })

	var events []ledger.Event
	for _, p := range b.posts {
		events = append(events, ledger.Event{Date: p.Date, Post: p.File, Title: p.Title, Kind: ledger.KindPublish,
			Actor: p.Author, Source: p.File})
		if p.HasUpdate() {
			events = append(events, ledger.Event{Date: p.Updated, Post: p.File, Title: p.Title, Kind: ledger.KindUpdate,
				Actor: p.Author, Source: p.File, Note: "updated date in front matter"})
		}
		seen := map[string]bool{}
		for _, ref := range g.Inbound[p.File] {
			from := byFile[ref.From]
			if from == nil || !from.IsPost() || seen[ref.From] {
				continue // pages link for navigation; a post that links twice references once
			}
			seen[ref.From] = true
			p.ReferencedBy = append(p.ReferencedBy, from)
			date, _ := ledger.LinkDate(from.Date, nil, p.Date)
			events = append(events, ledger.Event{Date: date, Post: p.File, Title: p.Title, Kind: ledger.KindInternalLink,
				Actor: from.File, ActorURL: from.URL, Source: positioned(ref.From, ref.Line, ref.Col)})
		}
		sort.SliceStable(p.ReferencedBy, func(i, j int) bool { return p.ReferencedBy[i].Date.After(p.ReferencedBy[j].Date) })
		for _, e := range g.External[p.File] {
			events = append(events, ledger.Event{Date: p.Date, Post: p.File, Title: p.Title, Kind: ledger.KindOutboundLink,
				Actor: e.Domain, ActorURL: e.URL, Source: positioned(p.File, e.Line, e.Col)})
		}
		p.Domains = g.Domains(p.File)
	}
	b.site.Ledger = ledger.New(events)
	for _, p := range b.posts {
		p.Counts = b.site.Ledger.CountsFor(p.File)
	}
	return g.Broken
}

// sitePath is the site path an output file answers: "posts/a/index.html"
// is "/posts/a/", "css/x.css" is "/css/x.css".
func sitePath(out string) string {
	if out == "index.html" {
		return "/"
	}
	if strings.HasSuffix(out, "/index.html") {
		return "/" + path.Dir(out) + "/"
	}
	return "/" + out
}

func positioned(file string, line, col int) string {
	return diag.Pos{File: file, Line: line, Col: col}.String()
}
