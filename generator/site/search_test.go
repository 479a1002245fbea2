package site_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/internal/sitetest"
)

const searchSite = `
-- accrue.toml --
title = "Searchable"
base_url = "https://s.example/"
-- content/posts/old.md --
---
title: Old news
date: 2023-05-01
tags: [archive]
---
Nothing compounds like patience.
-- content/posts/new.md --
---
title: Fresh start
date: 2024-05-01
summary: A hand-written summary.
---
Patience again.
-- content/posts/draft.md --
---
title: Secret patience
date: 2024-06-01
draft: true
---
Not published.
-- content/about.md --
# About

A page, not a post.
`

// TestSearchIndex: the index holds the published posts, newest first,
// with the URLs and summaries the pages show; the page and the header box
// point at it.
func TestSearchIndex(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, searchSite)
	var ix struct {
		Posts [][]string `json:"posts"`
		Words []string   `json:"words"`
	}
	if err := json.Unmarshal([]byte(r.File("search/index.json")), &ix); err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Fresh start", "/posts/new/", "2024-05-01", "A hand-written summary."},
		{"Old news", "/posts/old/", "2023-05-01", "Nothing compounds like patience."},
	}
	if got, _ := json.Marshal(ix.Posts); string(got) != mustJSON(t, want) {
		t.Errorf("indexed posts = %s; want %s", got, mustJSON(t, want))
	}
	words := strings.Join(ix.Words, " ")
	for _, w := range []string{"patience", "archive", "fresh", "compounds"} {
		if !strings.Contains(" "+words+" ", " "+w+" ") {
			t.Errorf("the index has no %q; it has %s", w, words)
		}
	}
	for _, w := range []string{"secret", "published", "page"} {
		if strings.Contains(" "+words+" ", " "+w+" ") {
			t.Errorf("the index has %q, from a draft or a page; it has %s", w, words)
		}
	}
	r.AssertFile("search/index.html", `data-index="/search/index.json"`, `<script src="/js/search.js" defer></script>`,
		`role="search"`, `<label for="search-q">`, `aria-live="polite"`, `<a href="/archive/">archive</a>`)
	r.AssertFile("posts/new/index.html", `<form class="site-search" role="search" action="/search/" method="get">`, `name="q"`)
	r.AssertFile("js/search.js", "fetch(")
	if strings.Contains(r.File("search/index.html"), `class="site-search"`) {
		t.Error("the search page repeats the header's search box")
	}
}

func TestSearchDisabled(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, strings.Replace(searchSite, `base_url = "https://s.example/"`, "base_url = \"https://s.example/\"\n[search]\nenabled = false", 1))
	r.AssertNoFile("search/index.json")
	r.AssertNoFile("search/index.html")
	if strings.Contains(r.File("index.html"), "site-search") {
		t.Error("[search] enabled = false still shows the search box")
	}
}

func TestSearchPageClash(t *testing.T) {
	t.Parallel()
	r := sitetest.TryBuild(t, searchSite+`-- content/search.md --
# Search

My own.
`)
	if r.Err == nil || !strings.Contains(r.Diags.Error(), "writes search/index.html, which") {
		t.Errorf("a page at /search/ built with search on: %v\n%s; want an error naming the clash", r.Err, r.Diags.Error())
	}
	if !strings.Contains(r.Diags.Error(), "[search] enabled = false") {
		t.Errorf("the clash does not say search can be turned off:\n%s", r.Diags.Error())
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
