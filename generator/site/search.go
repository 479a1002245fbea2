package site

import (
	"github.com/accruehq/accrue/generator/search"
	"github.com/accruehq/accrue/generator/theme"
)

// planSearch plans the search page and the index its script reads, unless
// [search] enabled = false.
func (b *builder) planSearch() {
	if !b.cfg.Search.Enabled {
		return
	}
	p := &Page{Site: b.site, Kind: "search", Title: "Search", URL: "/search/", Feeds: b.site.Feeds,
		Description: "Search the posts of " + b.cfg.Title + "."}
	p.Permalink = b.absURL(p.URL)
	// The origin names the way out of a clash with a page of the blog's own.
	b.add(indexPath(p.URL), "search page ([search] enabled = false leaves it out)", func() ([]byte, error) { return b.execute(theme.KindSearch, p) })
	b.planSearchIndex()
}

// planSearchIndex plans the index of every post. It depends on what any
// page shows of the posts and on every body, as the feed of all posts does.
func (b *builder) planSearchIndex() {
	if !b.cfg.Search.Enabled {
		return
	}
	posts := b.posts
	b.addKeyed(search.Path, "search index ([search] enabled = false leaves it out)", b.feedKey(posts), func() ([]byte, error) {
		entries := make([]search.Post, len(posts))
		for i, p := range posts {
			e := search.Post{Title: p.Title, URL: relURL(b.cfg.BasePath(), p.URL), Date: p.Date, Summary: p.Description, Body: p.searchBody()}
			for _, t := range p.Tags {
				e.Tags = append(e.Tags, t.Name)
			}
			entries[i] = e
		}
		return search.Write(entries), nil
	})
}

// searchBody scans the post's body for the index once per document: its
// own page's task does it while the body is at hand (see planPage), and a
// document the dev server reuses keeps it.
func (p *Page) searchBody() search.Body {
	d := p.doc
	d.searchOnce.Do(func() { d.search = search.Scan(string(p.Content())) })
	return d.search
}
