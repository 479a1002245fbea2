package pages

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/theme"
)

// Make says what produces an output file. The plan is data: the builder
// reads it and makes each file its way.
type Make int

const (
	// Layout renders Page with the theme's Layout.
	Layout Make = iota
	// Copy copies Source, a file of the site, as it is: a post's resource.
	Copy
	// Static copies Static, a file of a theme layer's static/ folder.
	Static
	// FeedFile writes Feed in Format: "index.xml" (RSS), "atom.xml" or
	// "feed.json".
	FeedFile
	// SearchIndex writes file Shard of the search index (search.Paths).
	SearchIndex
	// Community renders Page, the community page, with the champions of
	// the accounts, which no page key covers: it is made by every build.
	Community
	// Sitemap, Robots, SyntaxCSS and Report are the site's own files:
	// sitemap.xml, robots.txt, the highlight style and the published
	// value report.
	Sitemap
	Robots
	SyntaxCSS
	Report
)

// Output is one file to write, planned before anything renders.
type Output struct {
	Path string // slash path in the output folder: "posts/a/index.html"
	// Origin names what asks for the file, for messages: a source file,
	// "home page", "feed Title".
	Origin string
	Make   Make
	// Layout and Page, for Layout and Community.
	Layout theme.Kind
	Page   *Page
	Source string            // for Copy
	Static *theme.StaticFile // for Static
	Feed   *Feed             // for FeedFile
	Format string            // for FeedFile
	Shard  int               // for SearchIndex
	// Key fingerprints every input of the file, for a build that may
	// take it from the last one unchanged (the builder fills it when it
	// keeps keys); Fresh files are made by every build.
	Key   uint64
	Fresh bool
}

// Feed is a feed of the newest posts under Dir ("" or "tags/go").
type Feed struct {
	Dir, Title string
	Link       string // the page the feed is of, absolute
	Posts      []*Page
}

// Paginate splits posts into pages of size, the first at base and the
// rest at base/page/N/. An empty list still gets one page.
func Paginate(posts []*Page, base string, size int) []*Pager {
	n := max(1, (len(posts)+size-1)/size)
	urls := make([]string, n)
	for i := range urls {
		urls[i] = base
		if i > 0 {
			urls[i] = base + "page/" + strconv.Itoa(i+1) + "/"
		}
	}
	pagers := make([]*Pager, n)
	for i := range pagers {
		lo, hi := i*size, min((i+1)*size, len(posts))
		pg := &Pager{Posts: posts[lo:hi], Number: i + 1, Total: n, URLs: urls}
		if i > 0 {
			pg.PrevURL = urls[i-1]
		}
		if i+1 < n {
			pg.NextURL = urls[i+1]
		}
		pagers[i] = pg
	}
	return pagers
}

// IndexPath is the file that serves a pretty URL.
func IndexPath(u string) string {
	return strings.TrimPrefix(path.Join(u, "index.html"), "/")
}

// Rebase joins a site-relative URL to base, keeping base's path; an
// absolute URL is left as it is.
func Rebase(base, u string) string {
	if strings.Contains(u, "://") {
		return u
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(u, "/")
}

// AbsURL joins a site-relative URL to the site's base_url.
func (s *Site) AbsURL(u string) string { return Rebase(s.BaseURL, u) }

// FeedLinks returns the three feeds under dir ("" or "tags/go").
func (s *Site) FeedLinks(dir, title string) []FeedLink {
	base := "/"
	if dir != "" {
		base = "/" + dir + "/"
	}
	return []FeedLink{
		{Type: "application/rss+xml", Title: title + " (RSS)", URL: s.AbsURL(base + "index.xml")},
		{Type: "application/atom+xml", Title: title + " (Atom)", URL: s.AbsURL(base + "atom.xml")},
		{Type: "application/feed+json", Title: title + " (JSON Feed)", URL: s.AbsURL(base + "feed.json")},
	}
}

// FeedFormats are the files of every feed, in the order they are planned.
var FeedFormats = []string{"index.xml", "atom.xml", "feed.json"}

// PlanFeed plans f's three files.
func PlanFeed(f *Feed) []Output {
	out := make([]Output, len(FeedFormats))
	for i, name := range FeedFormats {
		out[i] = Output{Path: path.Join(f.Dir, name), Origin: "feed " + f.Title, Make: FeedFile, Feed: f, Format: name}
	}
	return out
}

// AllFeeds are the site's feeds, each of its newest size posts: the
// blog's, then each tag's.
func (s *Site) AllFeeds(size int) []*Feed {
	feeds := []*Feed{s.feed("", s.Title, s.AbsURL("/"), s.Posts, size)}
	for _, t := range s.Tags {
		feeds = append(feeds, s.TagFeed(t, size))
	}
	return feeds
}

// TagFeed is the feed of t's newest size posts.
func (s *Site) TagFeed(t *Term, size int) *Feed {
	return s.feed(strings.Trim(t.URL, "/"), s.Title+": "+t.Name, s.AbsURL(t.URL), t.Posts, size)
}

func (s *Site) feed(dir, title, link string, posts []*Page, size int) *Feed {
	return &Feed{Dir: dir, Title: title, Link: link, Posts: posts[:min(len(posts), size)]}
}

// Lists plans the pages that list posts: the home page (with intro, the
// text of content/_index.md, on its first page), the archive, each
// taxonomy's index and term pages, and the 404 page.
func (s *Site) Lists(intro *Page) []Output {
	cfg := &s.Config
	var out []Output
	add := func(p *Page, layout theme.Kind, origin string) {
		p.Site = s
		p.Permalink = s.AbsURL(p.URL)
		out = append(out, Output{Path: IndexPath(p.URL), Origin: origin, Layout: layout, Page: p})
	}
	for _, pg := range Paginate(s.Posts, "/", cfg.Paginate) {
		p := &Page{Kind: "home", Title: cfg.Title, URL: pg.URLs[pg.Number-1], Pager: pg,
			Description: cfg.Description, Feeds: s.Feeds}
		if intro != nil && pg.Number == 1 {
			p.Intro = intro.Intro
		}
		add(p, theme.KindHome, "home page")
	}
	archive := &Page{Kind: "archive", Title: "Archive", URL: "/archive/", Feeds: s.Feeds,
		Description: "Every post on " + cfg.Title + ", by year."}
	for _, p := range s.Posts {
		if n := len(archive.Years); n == 0 || archive.Years[n-1].Year != p.Date.Year() {
			archive.Years = append(archive.Years, Year{Year: p.Date.Year()})
		}
		y := &archive.Years[len(archive.Years)-1]
		y.Posts = append(y.Posts, p)
	}
	add(archive, theme.KindArchive, "archive page")
	for _, tax := range []struct {
		name, title string
		terms       []*Term
	}{{"tags", "Tags", s.Tags}, {"categories", "Categories", s.Categories}, {"series", "Series", s.Series}} {
		if len(tax.terms) == 0 {
			continue
		}
		list := &Page{Kind: "terms", Title: tax.title, URL: "/" + tax.name + "/", Terms: tax.terms, Feeds: s.Feeds,
			Description: tax.title + " on " + cfg.Title + "."}
		add(list, theme.KindTerms, tax.name+" index")
		for _, t := range tax.terms {
			feeds := s.Feeds
			if tax.name == "tags" {
				feeds = append(s.FeedLinks(strings.Trim(t.URL, "/"), cfg.Title+": "+t.Name), s.Feeds...)
			}
			for _, pg := range Paginate(t.Posts, t.URL, cfg.Paginate) {
				p := &Page{Kind: "term", Title: t.Name, URL: pg.URLs[pg.Number-1], Pager: pg, Term: t,
					Feeds: feeds, Description: fmt.Sprintf("Posts about %s on %s.", t.Name, cfg.Title)}
				add(p, theme.KindTerm, tax.name+" "+t.Name)
			}
		}
	}
	notFound := &Page{Site: s, Kind: "404", Title: "Page not found", URL: "/404.html", Feeds: s.Feeds}
	notFound.Permalink = s.AbsURL(notFound.URL)
	return append(out, Output{Path: "404.html", Origin: "404 page", Layout: theme.KindNotFound, Page: notFound})
}

// Alias plans the redirect from an old address of target: a folder's
// index.html, or the .html file named.
func Alias(alias string, target *Page) Output {
	u := "/" + strings.Trim(path.Clean("/"+alias), "/")
	out := IndexPath(u)
	if strings.HasSuffix(u, ".html") || strings.HasSuffix(u, ".htm") {
		out = strings.TrimPrefix(u, "/")
	}
	data := &Page{Site: target.Site, Kind: "alias", Title: target.Title, URL: target.URL, Permalink: target.Permalink}
	return Output{Path: out, Origin: target.File, Layout: theme.KindAlias, Page: data}
}

// CheckDuplicates reports each output whose path an earlier one has.
func CheckDuplicates(outs []Output) diag.List {
	var diags diag.List
	first := make(map[string]string, len(outs))
	for _, o := range outs {
		if prev, dup := first[o.Path]; dup {
			diags.Add(diag.Errorf(diag.Pos{File: o.Origin}, "writes %s, which %s also writes; change a slug, permalink or alias", o.Path, prev))
			continue
		}
		first[o.Path] = o.Origin
	}
	return diags
}
