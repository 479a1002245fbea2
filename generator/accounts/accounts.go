package accounts

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/history"
	"github.com/accruehq/accrue/generator/interactions"
	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/links"
	"github.com/accruehq/accrue/generator/report"
)

// The ledger's and the link graph's types, as the rest of the build and
// the theme see them.
type (
	Ledger = ledger.Ledger
	Event  = ledger.Event
	Counts = ledger.Counts
	Domain = links.Domain
	Link   = links.Link
	// ReportInput is what the value report is computed from.
	ReportInput = report.Input
)

// Doc is a published post or page as the accounts see it.
type Doc struct {
	File    string // source file, slash path from the site root
	URL     string // site-relative
	Aliases []string
	Title   string
	Author  string // the front matter's, else the site's
	IsPost  bool   // a dated post; pages link for navigation only
	Date    time.Time
	Updated time.Time // zero when never updated
	// Links are the document's links, cross-references resolved.
	Links []Link
	// Revisions are git's commits that changed it after its creation.
	Revisions []history.Revision
	// Changelog is its front matter's dated notes on updates.
	Changelog []Change
	// InGit says git holds the file's whole history: then an updated
	// date that no revision made is not an update of its own.
	InGit bool
	// Interactions are its comments and mentions, nil when none was read.
	Interactions *interactions.Set
}

// post is what the report reads of a published post.
type post struct {
	File, Title, URL, Author string
	Date                     time.Time
	Interactions             *interactions.Set
}

// Change is one entry of a document's changelog.
type Change struct {
	Date time.Time
	Note string
}

func (d *Doc) hasUpdate() bool { return !d.Updated.IsZero() && d.Updated.After(d.Date) }

// Input is what the accounts are made from.
type Input struct {
	// PublishedURL is the site's published address: posts link to it,
	// whatever address a build serves at.
	PublishedURL string
	// Docs are the published posts, newest first, then the pages.
	Docs []Doc
	// Outputs are the output files the build plans ("posts/a/index.html",
	// "css/x.css"): a link to one of them is not broken.
	Outputs map[string]bool
	// Sweeps are git's commits that touched many posts at once.
	Sweeps []history.Sweep
	// SiteAuthor is the blog's author, who may answer comments too.
	SiteAuthor string
}

// Accounts are the link graph and the ledger of a site. They are
// read-only once made.
type Accounts struct {
	Ledger *Ledger
	// Broken are the links to no page or file of the site, as warnings
	// at the link.
	Broken       diag.List
	referencedBy map[string][]string // post file -> linking post files, newest first
	domains      map[string][]Domain
	counts       map[string]Counts
	posts        []post // the published posts, newest first, for the report
	siteAuthor   string
}

// ReferencedBy returns the source files of the posts that link to file,
// newest first.
func (a *Accounts) ReferencedBy(file string) []string {
	if a == nil {
		return nil
	}
	return a.referencedBy[file]
}

// Domains returns the other sites file links to, with the links.
func (a *Accounts) Domains(file string) []Domain {
	if a == nil {
		return nil
	}
	return a.domains[file]
}

// Counts totals the ledger of the post in file.
func (a *Accounts) Counts(file string) Counts {
	if a == nil {
		return Counts{}
	}
	return a.counts[file]
}

// Events are the ledger entries of the post in file, oldest first.
func (a *Accounts) Events(file string) []Event {
	if a == nil || a.Ledger == nil {
		return nil
	}
	return a.Ledger.ForPost(file)
}

// OutboundLinks are the post's links to other sites, as written, sorted
// and each once: what accrue send mentions.
func (a *Accounts) OutboundLinks(file string) []string {
	var out []string
	for _, e := range a.Events(file) {
		if e.Kind == ledger.KindOutboundLink {
			out = append(out, e.ActorURL)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Open makes the accounts of in.
func Open(in Input) *Accounts {
	byFile := make(map[string]*Doc, len(in.Docs))
	docs := make([]links.Doc, len(in.Docs))
	files := make(map[string]string, len(in.Docs))
	var posts []Doc
	for i := range in.Docs {
		d := &in.Docs[i]
		byFile[d.File] = d
		files[d.File] = d.File
		docs[i] = links.Doc{ID: d.File, URL: d.URL, Aliases: d.Aliases, Links: d.Links}
		if d.IsPost {
			posts = append(posts, *d)
		}
	}
	g := links.Build(in.PublishedURL, docs, files, func(p string) bool { return in.Outputs[outputPath(p)] })
	a := &Accounts{referencedBy: map[string][]string{}, domains: map[string][]Domain{}, Broken: g.Broken,
		posts: make([]post, len(posts)), siteAuthor: in.SiteAuthor}
	for i, p := range posts {
		// Only what the report reads: the accounts live as long as the
		// build, and a post's links and revisions are most of its Doc.
		a.posts[i] = post{File: p.File, Title: p.Title, URL: p.URL, Author: p.Author, Date: p.Date, Interactions: p.Interactions}
	}

	// Sized for the most events the posts can make: the ledger lives
	// through the whole build, and growing a slice of 10,000s of events
	// copies it again and again.
	n := len(in.Sweeps)
	for _, p := range posts {
		n += 2 + len(p.Revisions) + len(p.Changelog) + len(g.Inbound[p.File]) + len(g.External[p.File])
		if s := p.Interactions; s != nil {
			n += len(s.Comments) + len(s.Mentions)
		}
	}
	events := make([]Event, 0, n)
	for _, p := range posts {
		events = append(events, Event{Date: p.Date, Post: p.File, Title: p.Title, Kind: ledger.KindPublish,
			Actor: p.Author, Source: p.File})
		events = append(events, updateEvents(&p)...)
		var refs []*Doc
		for _, ref := range g.Inbound[p.File] {
			from := byFile[ref.From]
			if from == nil || !from.IsPost || slices.Contains(refs, from) {
				continue // pages link for navigation; a post that links twice references once
			}
			refs = append(refs, from)
			date, _ := ledger.LinkDate(from.Date, revisionDates(from), p.Date)
			events = append(events, Event{Date: date, Post: p.File, Title: p.Title, Kind: ledger.KindInternalLink,
				Actor: from.File, ActorURL: from.URL, Source: ref.From, Line: int32(ref.Line), Col: int32(ref.Col)})
		}
		sort.SliceStable(refs, func(i, j int) bool { return refs[i].Date.After(refs[j].Date) })
		for _, r := range refs {
			a.referencedBy[p.File] = append(a.referencedBy[p.File], r.File)
		}
		for _, e := range g.External[p.File] {
			events = append(events, Event{Date: p.Date, Post: p.File, Title: p.Title, Kind: ledger.KindOutboundLink,
				Actor: e.Domain, ActorURL: e.URL, Source: p.File, Line: int32(e.Line), Col: int32(e.Col)})
		}
		if d := g.Domains(p.File); len(d) > 0 {
			a.domains[p.File] = d
		}
		events = append(events, interactionEvents(&p, in.SiteAuthor)...)
	}
	for _, sw := range in.Sweeps {
		events = append(events, Event{Date: sw.Date, Kind: ledger.KindMaintenance, Actor: sw.Author,
			Source: sw.Hash, Note: sw.Subject + " (" + strconv.Itoa(sw.Files) + " files)"})
	}
	a.Ledger = ledger.New(events)
	a.counts = make(map[string]Counts, len(posts))
	for _, p := range posts {
		a.counts[p.File] = a.Ledger.CountsFor(p.File)
	}
	return a
}

// updateEvents are a post's updates. git knows the real ones; front
// matter notes stay a changelog. An update is the post's author's
// deposit, as its publish is: the git identity that committed it (a
// laptop's, a bot's) is only the fallback, with .mailmap applied.
func updateEvents(p *Doc) []Event {
	var out []Event
	switch {
	case len(p.Revisions) > 0:
		for _, r := range p.Revisions {
			out = append(out, Event{Date: r.Date, Post: p.File, Title: p.Title, Kind: ledger.KindUpdate,
				Actor: cmp.Or(p.Author, r.Author), Source: r.Hash, Note: revisionNote(r)})
		}
	case p.InGit && len(p.Changelog) == 0:
		// In git and never revised (in a shallow clone older revisions are
		// missing: then front matter speaks): its updated date is not
		// an update of its own.
	case len(p.Changelog) > 0:
		for _, c := range p.Changelog {
			out = append(out, Event{Date: c.Date, Post: p.File, Title: p.Title, Kind: ledger.KindUpdate,
				Actor: p.Author, Source: p.File, Note: c.Note})
		}
	case p.hasUpdate():
		out = append(out, Event{Date: p.Updated, Post: p.File, Title: p.Title, Kind: ledger.KindUpdate,
			Actor: p.Author, Source: p.File, Note: "updated date in front matter"})
	}
	return out
}

func revisionNote(r history.Revision) string {
	if r.Binary {
		return r.Subject
	}
	return r.Subject + " (+" + strconv.Itoa(r.Added) + " -" + strconv.Itoa(r.Removed) + ")"
}

func revisionDates(d *Doc) []time.Time {
	out := make([]time.Time, len(d.Revisions))
	for i, r := range d.Revisions {
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
