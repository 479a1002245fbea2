package site_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/search"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
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
		Posts int      `json:"posts"`
		Words []string `json:"words"`
	}
	if err := json.Unmarshal([]byte(r.File("search/index.json")), &ix); err != nil {
		t.Fatal(err)
	}
	var posts [][]string
	if err := json.Unmarshal([]byte(r.File("search/posts-0.json")), &posts); err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Fresh start", "/posts/new/", "2024-05-01", "A hand-written summary."},
		{"Old news", "/posts/old/", "2023-05-01", "Nothing compounds like patience."},
	}
	if got, _ := json.Marshal(posts); ix.Posts != 2 || string(got) != mustJSON(t, want) {
		t.Errorf("indexed posts = %d, %s; want 2, %s", ix.Posts, got, mustJSON(t, want))
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

// TestSearchIncremental: the dev server's index follows every edit and
// equals a full build's; an edit of a body alone re-renders the post, its
// feeds and the index, nothing more.
func TestSearchIncremental(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, data := range sitetest.FS(searchSite) {
		writeFile(t, dir, name, string(data.Data))
	}
	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: dir}
	inc := site.NewIncremental(os.DirFS(dir), opts)
	build := func(step string, changed []string) map[string][]byte {
		t.Helper()
		got, full := sitetest.Rebuild(t, step, inc, dir, opts, changed)
		for _, p := range search.Paths(2) {
			if g, f := string(got[p]), string(full[p]); g != f || g == "" {
				t.Fatalf("%s: incremental %s differs from a full build's:\n%s\nwant\n%s", step, p, g, f)
			}
		}
		return got
	}
	build("first build", nil)
	post := "---\ntitle: Old news\ndate: 2023-05-01\ntags: [archive]\n---\nNothing compounds like patience.\n\nZeppelins, though.\n"
	for i, step := range []struct{ name, text, word string }{
		{"a new word in the body", post, "zeppelins"},
		{"another", strings.Replace(post, "Zeppelins", "Airships", 1), "airships"},
		{"a retitle", strings.Replace(post, "Old news", "Older news", 1), "older"},
	} {
		writeFile(t, dir, "content/posts/old.md", step.text)
		files := build(step.name, []string{"content/posts/old.md"})
		if !strings.Contains(string(files[search.Path]), `"`+step.word+`"`) {
			t.Errorf("%s: the index has no %q", step.name, step.word)
		}
		if i < 2 && inc.Last.Rendered > 9 {
			t.Errorf("%s: rendered %d files; want the post, its feeds, the index and its posts", step.name, inc.Last.Rendered)
		}
	}
}
