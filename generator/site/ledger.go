package site

import (
	"github.com/accruehq/accrue/generator/accounts"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/pages"
)

// connect opens the accounts (package accounts: the link graph and the
// ledger) once every output is planned (a link to a tag page or a static
// file is not broken) and before any is rendered: post pages show who
// references them and their counts.
func (b *builder) connect() diag.List {
	acc := b.last.accounts
	if acc == nil || b.last.global != b.global {
		acc = accounts.Open(b.accountsInput())
	}
	b.made.accounts, b.made.global = acc, b.global
	b.site.Open(acc)
	return acc.Broken
}

// accountsInput is what the accounts are made from: the published
// documents, the planned outputs and git's sweeping commits.
func (b *builder) accountsInput() accounts.Input {
	all := append(append([]*pages.Page(nil), b.posts...), b.pages...)
	in := accounts.Input{PublishedURL: b.publishedURL(), SiteAuthor: b.cfg.Author,
		Docs: make([]accounts.Doc, len(all)), Outputs: make(map[string]bool, len(b.outputs))}
	for i, p := range all {
		st := b.state(p)
		d := accounts.Doc{File: p.File, URL: p.URL, Aliases: st.doc.doc.Aliases, Title: p.Title, Author: p.Author,
			IsPost: p.IsPost(), Date: p.Date, Updated: p.Updated, Revisions: p.Revisions, Interactions: st.interactions}
		for _, l := range st.doc.render.Links {
			d.Links = append(d.Links, accounts.Link{Dest: b.resolveRef(l.Dest, p.File), Image: l.Image, Line: l.Line, Col: l.Col})
		}
		for _, c := range p.Changelog {
			d.Changelog = append(d.Changelog, accounts.Change(c))
		}
		if b.history != nil {
			f := b.history.Files[p.File]
			d.InGit = f != nil && !f.Truncated
		}
		in.Docs[i] = d
	}
	for _, o := range b.outputs {
		in.Outputs[o.Path] = true
	}
	if b.history != nil {
		in.Sweeps = b.history.Sweeps
	}
	return in
}
