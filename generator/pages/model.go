package pages

import (
	"html/template"
	"sync"
	"time"

	"github.com/accruehq/accrue/generator/accounts"
	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/history"
	"github.com/accruehq/accrue/generator/interactions"
	"github.com/accruehq/accrue/generator/markdown"
)

// Site is the data every template sees as .Site. It is read-only once
// built.
type Site struct {
	Title       string
	Description string
	BaseURL     string
	Language    string
	Author      string
	AuthorURL   string
	// Posts are every published post, newest first.
	Posts []*Page
	// Pages are the standalone pages, by title.
	Pages      []*Page
	Tags       []*Term
	Categories []*Term
	Series     []*Term
	// Menu is the site navigation: the archive, tags and standalone pages.
	Menu []MenuItem
	// Feeds are the site-wide feeds, for autodiscovery links.
	Feeds []FeedLink
	// Year is the year of the newest post, for the copyright line; it does
	// not come from the clock so builds are reproducible.
	Year int
	// Webmention and Pingback are the endpoints that receive the site's
	// mentions, announced in every page's head: webmention.io's when
	// [collect.webmentionio] is set, else "".
	Webmention, Pingback string
	// Config is the full configuration, for themes that need more.
	Config config.Config
	// Ledger is every event of every post, in date order.
	Ledger *accounts.Ledger

	// accounts are the link graph and the ledger; the pages' methods
	// below read them. They are opened after the model is made, from it,
	// and given to the site once (Open) before anything renders.
	accounts   *accounts.Accounts
	byFileOnce sync.Once
	byFile     map[string]*Page
}

// Open gives the site its accounts: the link graph and the ledger made
// from this model. It is called once, before any page renders.
func (s *Site) Open(a *accounts.Accounts) {
	s.accounts = a
	s.Ledger = a.Ledger
}

// Accounts are the accounts Open gave the site.
func (s *Site) Accounts() *accounts.Accounts { return s.accounts }

// Post returns the published post whose source is file, or nil.
func (s *Site) Post(file string) *Page {
	s.byFileOnce.Do(func() {
		s.byFile = make(map[string]*Page, len(s.Posts))
		for _, p := range s.Posts {
			s.byFile[p.File] = p
		}
	})
	return s.byFile[file]
}

// ReferencedBy returns the posts that link to p, newest first.
func (p *Page) ReferencedBy() []*Page {
	if p.Site == nil {
		return nil
	}
	files := p.Site.accounts.ReferencedBy(p.File)
	out := make([]*Page, 0, len(files))
	for _, f := range files {
		if q := p.Site.Post(f); q != nil {
			out = append(out, q)
		}
	}
	return out
}

// Domains returns the other sites p links to, with the links.
func (p *Page) Domains() []accounts.Domain {
	if p.Site == nil {
		return nil
	}
	return p.Site.accounts.Domains(p.File)
}

// Counts totals p's ledger: comments, mentions, updates, references
// ({{ .Counts.Summary }} says them in words).
func (p *Page) Counts() accounts.Counts {
	if p.Site == nil {
		return accounts.Counts{}
	}
	return p.Site.accounts.Counts(p.File)
}

// Champion is someone who deposited in the blog, on the community page.
type Champion = accounts.Champion

// MenuItem is an entry of the site navigation.
type MenuItem struct {
	Name string
	URL  string
}

// FeedLink is a feed offered by a page.
type FeedLink struct {
	Type  string // MIME type
	Title string
	URL   string // absolute
}

// Term is a tag, category or series with its posts.
type Term struct {
	Name     string
	Slug     string
	Taxonomy string // "tags", "categories" or "series"
	URL      string
	// Posts are newest first, except in a series, which reads in order:
	// oldest first.
	Posts []*Page
}

// Count is the number of posts with the term.
func (t *Term) Count() int { return len(t.Posts) }

// Page is the data a layout renders as ".". Post and standalone pages use
// the content fields; lists use Pager, Term, Terms or Years.
type Page struct {
	Site *Site
	// Kind is "post", "page", "home", "term", "terms", "archive", "404" or
	// "search".
	Kind        string
	Title       string
	URL         string // site-relative, e.g. "/posts/hello/"
	Permalink   string // absolute
	Date        time.Time
	Updated     time.Time // zero when never updated
	Summary     template.HTML
	Description string // plain text for meta tags
	// Author is the name to show: the front matter's author or authors
	// (joined with commas), else the site's author. Authors are the
	// front matter's names one by one.
	Author  string
	Authors []string
	// Lang is the page's language when its front matter names one ("" for
	// the site's, Site.Language).
	Lang string
	// Keywords are the front matter's keywords, for a meta tag.
	Keywords   []string
	Image      string // absolute URL, for Open Graph
	Tags       []*Term
	Categories []*Term
	Series     []*Term
	Headings   []markdown.Heading
	// TOC is the table of contents as nested lists; ShowTOC is true when
	// front matter asks for it.
	TOC         template.HTML
	ShowTOC     bool
	WordCount   int
	ReadingTime int // minutes
	Draft       bool
	Params      map[string]any
	// Threads are the post's announcements on social networks, where
	// readers can reply (front matter mastodon and bluesky).
	Threads []Thread
	// Prev is the next older post and Next the next newer one.
	Prev, Next *Page
	// SeriesNav places a post within its first series.
	SeriesNav *SeriesNav
	// File is the source file, slash path from the site root.
	File string

	Pager *Pager
	Term  *Term
	Terms []*Term
	// TermsTitle names the taxonomy on a terms page ("Tags").
	Years []Year
	// Feeds are this page's feeds, for autodiscovery.
	Feeds []FeedLink
	// Intro is the home page text from content/_index.md or index.md.
	Intro template.HTML

	// Revisions are the commits that changed the post after it was
	// created, oldest first (git; sweeping commits excluded).
	Revisions []history.Revision
	// Changelog is the author's dated notes on the post's updates, oldest
	// first (front matter "updates").
	Changelog []Change
	// Comments are the approved comments, threaded: replies under their
	// parent in .Replies.
	Comments []*interactions.Comment
	// Mentions are the approved mentions that carry words (mentions,
	// replies, pingbacks, trackbacks); Reactions the likes, reposts and
	// bookmarks, a row a type.
	Mentions  []*interactions.Mention
	Reactions []interactions.Reaction

	// Champions are, on the community page, the readers and sites whose
	// deposits added most to the blog, most first.
	Champions []Champion

	// Dir is the page's output folder: URL unescaped, without slashes
	// ("posts/hello"); "" for pages that are not a document's.
	Dir string

	// body gives Content; the builder sets it (SetBody).
	body Body
}

// Body gives a page's rendered body when a layout asks for it. The
// builder decides where the body waits meanwhile: in memory, or in the
// render cache, released once its own page is written, which keeps a
// large blog's build small.
type Body interface {
	HTML() template.HTML
}

// SetBody gives p its body. The builder calls it while it makes the
// model, before any layout reads the page.
func (p *Page) SetBody(b Body) { p.body = b }

// Content is the rendered body ("" for pages without one).
func (p *Page) Content() template.HTML {
	if p.body == nil {
		return ""
	}
	return p.body.HTML()
}

// Events are the post's ledger entries, oldest first.
func (p *Page) Events() []accounts.Event {
	if p.Site == nil {
		return nil
	}
	return p.Site.accounts.Events(p.File)
}

// IsPost reports whether p is a dated post.
func (p *Page) IsPost() bool { return p.Kind == "post" }

// HasUpdate reports whether the post was updated after it was published.
func (p *Page) HasUpdate() bool { return !p.Updated.IsZero() && p.Updated.After(p.Date) }

// Lastmod is the last change: Updated when set, else Date.
func (p *Page) Lastmod() time.Time {
	if p.HasUpdate() {
		return p.Updated
	}
	return p.Date
}

// Change is one entry of a post's changelog.
type Change struct {
	Date time.Time
	Note string
}

// SeriesNav says where a post stands in a series.
type SeriesNav struct {
	Term  *Term
	Index int // 1-based
	Total int
}

// Pager is one page of a paginated list.
type Pager struct {
	Posts   []*Page
	Number  int // 1-based
	Total   int
	PrevURL string // newer posts; "" on the first page
	NextURL string // older posts; "" on the last page
	// URLs of every page, for numbered links.
	URLs []string
}

// Year groups the archive.
type Year struct {
	Year  int
	Posts []*Page
}

// Thread is a post's announcement on a social network: the theme links
// to it so readers can reply there.
type Thread struct {
	Network string // "Mastodon", "Bluesky"
	URL     string // a web address a browser opens
}
