package pages

import (
	"html/template"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/accounts"
	"github.com/accruehq/accrue/generator/config"
)

func TestPaginate(t *testing.T) {
	posts := make([]*Page, 5)
	for i := range posts {
		posts[i] = &Page{Title: string(rune('a' + i))}
	}
	pagers := Paginate(posts, "/tags/go/", 2)
	if len(pagers) != 3 {
		t.Fatalf("%d pages for 5 posts by 2; want 3", len(pagers))
	}
	want := []string{"/tags/go/", "/tags/go/page/2/", "/tags/go/page/3/"}
	if !slices.Equal(pagers[0].URLs, want) {
		t.Errorf("URLs %q; want %q", pagers[0].URLs, want)
	}
	if p := pagers[0]; p.PrevURL != "" || p.NextURL != want[1] || p.Number != 1 || p.Total != 3 || len(p.Posts) != 2 {
		t.Errorf("first page %+v", p)
	}
	if p := pagers[2]; p.PrevURL != want[1] || p.NextURL != "" || len(p.Posts) != 1 || p.Posts[0].Title != "e" {
		t.Errorf("last page %+v", p)
	}
	if empty := Paginate(nil, "/", 10); len(empty) != 1 || len(empty[0].Posts) != 0 || empty[0].URLs[0] != "/" {
		t.Errorf("no posts: %+v; want one empty page at /", empty)
	}
}

func TestAlias(t *testing.T) {
	target := &Page{Title: "A", URL: "/posts/a/", Permalink: "https://x.example/posts/a/", File: "content/posts/a.md"}
	for _, tc := range []struct{ alias, path string }{
		{"/old/a/", "old/a/index.html"},
		{"old/a", "old/a/index.html"},
		{"/2020/01/a.html", "2020/01/a.html"},
		{"/../../etc/a.htm", "etc/a.htm"}, // never above the output folder
	} {
		o := Alias(tc.alias, target)
		if o.Path != tc.path || o.Origin != target.File || o.Page.URL != target.URL || o.Page.Kind != "alias" {
			t.Errorf("Alias(%q) = %+v; want path %s", tc.alias, o, tc.path)
		}
	}
}

func TestCheckDuplicates(t *testing.T) {
	diags := CheckDuplicates([]Output{
		{Path: "posts/a/index.html", Origin: "content/posts/a.md"},
		{Path: "tags/index.html", Origin: "tags index"},
		{Path: "posts/a/index.html", Origin: "content/posts/a/index.md"},
	})
	if len(diags) != 1 {
		t.Fatalf("%d problems; want 1: %v", len(diags), diags)
	}
	if got := diags[0].Error(); !strings.Contains(got, "content/posts/a/index.md") || !strings.Contains(got, "which content/posts/a.md also writes") {
		t.Errorf("message %q names neither file", got)
	}
}

func TestRebase(t *testing.T) {
	for _, tc := range []struct{ base, u, want string }{
		{"https://x.example/", "/posts/a/", "https://x.example/posts/a/"},
		{"https://x.example/blog/", "/posts/a/", "https://x.example/blog/posts/a/"},
		{"https://x.example/blog", "posts/a/", "https://x.example/blog/posts/a/"},
		{"https://x.example/", "https://elsewhere.example/a", "https://elsewhere.example/a"},
	} {
		if got := Rebase(tc.base, tc.u); got != tc.want {
			t.Errorf("Rebase(%q, %q) = %q; want %q", tc.base, tc.u, got, tc.want)
		}
	}
}

// TestLists plans the lists of a small site: every list page, at its
// path, with its permalink on base_url and the site's feeds.
func TestLists(t *testing.T) {
	cfg := config.Default()
	cfg.Title, cfg.Paginate, cfg.BaseURL = "Notes", 2, "https://x.example/blog/"
	s := &Site{Title: cfg.Title, BaseURL: cfg.BaseURL, Config: cfg}
	day := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	a, b, c := &Page{Title: "a", Date: day(2024)}, &Page{Title: "b", Date: day(2023)}, &Page{Title: "c", Date: day(2023)}
	s.Posts = []*Page{a, b, c}
	goTag := &Term{Name: "Go", Slug: "go", Taxonomy: "tags", URL: "/tags/go/", Posts: []*Page{a, c}}
	s.Tags = []*Term{goTag}
	s.Feeds = s.FeedLinks("", s.Title)
	intro := &Page{Intro: template.HTML("<p>Hello</p>")}

	outs := s.Lists(intro)
	var paths []string
	for _, o := range outs {
		paths = append(paths, o.Path)
		if o.Make != Layout || o.Page == nil || o.Page.Site != s {
			t.Errorf("%s: planned %+v; want a layout over a page of the site", o.Path, o)
		}
		if o.Page != nil && o.Page.Permalink != Rebase(cfg.BaseURL, o.Page.URL) {
			t.Errorf("%s: permalink %q", o.Path, o.Page.Permalink)
		}
	}
	want := []string{"index.html", "page/2/index.html", "archive/index.html", "tags/index.html", "tags/go/index.html", "404.html"}
	if !slices.Equal(paths, want) {
		t.Fatalf("paths %q; want %q", paths, want)
	}
	if outs[0].Page.Intro != intro.Intro || outs[1].Page.Intro != "" {
		t.Errorf("the intro belongs on the first home page only")
	}
	if years := outs[2].Page.Years; len(years) != 2 || years[1].Year != 2023 || len(years[1].Posts) != 2 {
		t.Errorf("archive years %+v", years)
	}
	tagPage := outs[4].Page
	if tagPage.Term != goTag || len(tagPage.Feeds) != 6 || !strings.HasSuffix(tagPage.Feeds[0].URL, "/blog/tags/go/index.xml") {
		t.Errorf("tag page %+v: want its term, its own feeds then the site's", tagPage)
	}
}

func TestAllFeeds(t *testing.T) {
	s := &Site{Title: "Notes", BaseURL: "https://x.example/"}
	s.Posts = []*Page{{Title: "a"}, {Title: "b"}, {Title: "c"}}
	s.Tags = []*Term{{Name: "Go", URL: "/tags/go/", Posts: s.Posts[1:]}}
	feeds := s.AllFeeds(2)
	if len(feeds) != 2 || len(feeds[0].Posts) != 2 || feeds[1].Dir != "tags/go" || feeds[1].Title != "Notes: Go" || feeds[1].Link != "https://x.example/tags/go/" {
		t.Fatalf("feeds %+v", feeds)
	}
	var paths []string
	for _, o := range PlanFeed(feeds[1]) {
		paths = append(paths, o.Path)
	}
	if want := []string{"tags/go/index.xml", "tags/go/atom.xml", "tags/go/feed.json"}; !slices.Equal(paths, want) {
		t.Errorf("paths %q; want %q", paths, want)
	}
}

type fixedBody template.HTML

func (b fixedBody) HTML() template.HTML { return template.HTML(b) }

func TestContent(t *testing.T) {
	p := &Page{}
	if p.Content() != "" {
		t.Errorf("a page without a body has content %q", p.Content())
	}
	p.SetBody(fixedBody("<p>x</p>"))
	if p.Content() != "<p>x</p>" {
		t.Errorf("Content() = %q", p.Content())
	}
	if (&Page{}).Counts() != (accounts.Counts{}) || (&Page{}).ReferencedBy() != nil {
		t.Errorf("a page of no site has counts or references")
	}
}
