package site

import (
	"slices"
	"sync"

	"github.com/accruehq/accrue/generator/pages"
	"github.com/accruehq/accrue/generator/search"
	"github.com/accruehq/accrue/generator/theme"
)

// planSearch plans the search page and the index its script reads, unless
// [search] enabled = false.
func (b *builder) planSearch() {
	if !b.cfg.Search.Enabled {
		return
	}
	p := &pages.Page{Site: b.site, Kind: "search", Title: "Search", URL: "/search/", Feeds: b.site.Feeds,
		Description: "Search the posts of " + b.cfg.Title + "."}
	p.Permalink = b.absURL(p.URL)
	// The origin names the way out of a clash with a page of the blog's own.
	b.addGlobal(pages.Output{Path: pages.IndexPath(p.URL), Origin: "search page ([search] enabled = false leaves it out)", Layout: theme.KindSearch, Page: p})
	b.planSearchIndex()
}

// searchIndex is the index a build wrote, with the key it was written
// for, kept by the dev server so that an edit re-encodes only the edited
// posts' words (see planSearchEdits).
type searchIndex struct {
	key   uint64
	index *search.Index // nil until the index is made
	// from is the last build's index, this build's to update when the
	// posts are as many; it is taken from that build, so a build that
	// fails leaves no index half updated behind.
	from *search.Index
	// plan makes the files this build planned.
	plan *searchPlan
}

// planSearchIndex plans the index of every post. It depends on what any
// page shows of the posts and on every body, as the feed of all posts does.
func (b *builder) planSearchIndex() {
	if !b.cfg.Search.Enabled {
		return
	}
	posts := b.posts
	st := &searchIndex{key: b.feedKey(posts)}
	if last := b.last.search; last != nil {
		if last.key == st.key {
			st.index = last.index // the same posts: its output is reused too
		} else {
			st.from, last.index = last.index, nil
		}
	}
	b.search = st
	b.planSearchFiles(st.key, nil, func() {
		if st.index != nil {
			return
		}
		entries := make([]search.Post, len(posts))
		for i, p := range posts {
			entries[i] = b.searchPost(p)
		}
		if st.from != nil && st.from.Update(entries) {
			st.index = st.from
		} else {
			st.index = search.New(entries)
		}
		st.from = nil
	})
}

// planSearchFiles plans the index's files, made once by update and the
// index it leaves in b.search; with chunks, only the index proper and
// those chunks of posts.
func (b *builder) planSearchFiles(key uint64, chunks []int, update func()) {
	sp := &searchPlan{st: b.search, update: update, files: map[int][]byte{}}
	paths := search.Paths(len(b.posts))
	for i := range paths {
		if i == 0 || chunks == nil || slices.Contains(chunks, i-1) {
			sp.planned = append(sp.planned, i)
		}
	}
	b.search.plan = sp
	for _, i := range sp.planned {
		b.add(pages.Output{Path: paths[i], Origin: searchOrigin, Make: pages.SearchIndex, Shard: i}, key)
	}
}

// searchPlan makes the planned files of the index together, once, for the
// first of them to be written.
type searchPlan struct {
	st      *searchIndex
	update  func() // leaves the index to write in st
	planned []int
	once    sync.Once
	files   map[int][]byte
}

// file returns the index's file i.
func (sp *searchPlan) file(i int) []byte {
	sp.once.Do(func() {
		sp.update()
		for _, j := range sp.planned { // an Index is not safe for concurrent use
			sp.files[j] = sp.st.index.File(j)
		}
	})
	return sp.files[i]
}

// planSearchEdits plans the index again after edits of the bodies of
// edited, which leave every post where it was (the dev server's fast
// path): the last index changes only their words, and only their chunks
// of posts are written again.
func (b *builder) planSearchEdits(edited []*pages.Page) {
	st := b.search
	if st == nil || st.index == nil || st.index.Len() != len(b.posts) {
		b.planSearchIndex()
		return
	}
	key := b.feedKey(b.posts)
	var at []int // of each edited post in b.posts, found once
	chunks := []int{}
	for _, p := range edited {
		if i := slices.Index(b.posts, p); i >= 0 {
			at = append(at, i)
			chunks = append(chunks, i/search.ChunkSize)
		}
	}
	b.planSearchFiles(key, chunks, func() {
		for _, i := range at {
			st.index.Set(i, b.searchPost(b.posts[i]))
		}
		st.key = key
	})
}

// The origin names the way out of a clash with a page of the blog's own.
const searchOrigin = "search index ([search] enabled = false leaves it out)"

// searchPost is what the index reads of p.
func (b *builder) searchPost(p *pages.Page) search.Post {
	// The script links to these URLs as they are: under a sub-path they
	// carry it (the pass over pages does not read JSON).
	e := search.Post{Title: p.Title, URL: relURL(b.cfg.BasePath(), p.URL), Date: p.Date, Summary: p.Description, Body: b.searchBody(p)}
	for _, t := range p.Tags {
		e.Tags = append(e.Tags, t.Name)
	}
	return e
}

// searchBody scans the post's body for the index once per document: its
// own page's task does it while the body is at hand (see planPage), and a
// document the dev server reuses keeps it. The render cache keeps the
// words between builds, so a build that renders no page of a post does
// not load its body for the index either.
func (b *builder) searchBody(p *pages.Page) search.Body {
	d := b.state(p).doc
	d.searchOnce.Do(func() {
		if blob, ok := b.cache.Words(d.key); ok {
			if body, ok := search.DecodeBody(blob); ok {
				d.search = body
				return
			}
		}
		d.search = search.Scan(string(p.Content()))
		b.cache.PutWords(d.key, d.search.Encode)
	})
	return d.search
}
