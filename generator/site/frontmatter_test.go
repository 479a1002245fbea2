package site_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/gittest"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// peerSite is a blog whose posts came from Jekyll, Hugo and Zola, front
// matter as those generators want it.
const peerSite = `
-- accrue.toml --
base_url = "https://blog.example/"
-- content/posts/jekyll.md --
---
layout: post
title: From Jekyll
date: 2024-01-02 10:00:00 +0100
permalink: /:year/:month/:title/
tags: go money
author: [Ada, Grace]
lang: fr
excerpt_separator: <!--cut-->
sitemap: false
mood: calm
---
Jekyll intro.

<!--cut-->

Jekyll rest.
-- content/posts/2024-01-05-hidden.md --
---
title: Hidden
published: false
---
Not for readers.
-- content/posts/hugo.md --
+++
title = "From Hugo"
publishDate = 2024-01-03
url = "/custom/hugo/"
weight = 2
keywords = ["a"]
summary = "Hugo summary."
mood = "tense"
colour = "red"
+++
Hugo body.
-- content/posts/zola.md --
+++
title = "From Zola"
path = "zola/here"
template = "page.html"
in_search_index = true
authors = ["Zed"]

[taxonomies]
tags = ["rust"]

[extra]
date = 2024-01-04
+++
Zola body.
-- content/posts/expired.md --
+++
title = "Expired"
date = 2024-01-01
expiryDate = 2025-01-01
+++
Gone.
`

func TestPeerFrontMatter(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, peerSite)
	want := `warning: front matter field "colour" is not one accrue reads; kept for templates as .Params.colour (in content/posts/hugo.md:9)
warning: front matter field "mood" is not one accrue reads; kept for templates as .Params.mood (in 2 files, first content/posts/hugo.md:8)`
	if got := r.Diags.Error(); got != want {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
	r.AssertFile("2024/01/jekyll/index.html", `<html lang="fr">`, "From Jekyll", "Ada, Grace")
	r.AssertFile("custom/hugo/index.html", "From Hugo")
	r.AssertFile("zola/here/index.html", "From Zola")
	r.AssertFile("tags/rust/index.html", "From Zola")
	r.AssertFile("tags/money/index.html", "From Jekyll")
	r.AssertFile("index.html", "Jekyll intro.", "Hugo summary.")
	for _, name := range []string{"posts/hidden/index.html", "posts/expired/index.html", "posts/jekyll/index.html"} {
		r.AssertNoFile(name)
	}
	for _, feed := range []string{"index.xml", "atom.xml", "feed.json", "index.html"} {
		if got := r.File(feed); strings.Contains(got, "Hidden") || strings.Contains(got, "Expired") {
			t.Errorf("%s shows an unpublished post:\n%s", feed, got)
		}
	}
	if strings.Contains(r.File("index.html"), "Jekyll rest") {
		t.Error("the home page shows more of a post than its excerpt")
	}
	// The date Hugo's publishDate gave, and Zola's [extra] date, order
	// the posts: newest first.
	home := r.File("index.html")
	if z, h, j := strings.Index(home, "From Zola"), strings.Index(home, "From Hugo"), strings.Index(home, "From Jekyll"); !(z < h && h < j) {
		t.Errorf("home page order: Zola at %d, Hugo at %d, Jekyll at %d; want newest first", z, h, j)
	}
}

func TestPeerFrontMatterStrict(t *testing.T) {
	t.Parallel()
	r := sitetest.TryBuild(t, peerSite+`
-- content/posts/typo.md --
---
date: 2024-01-01
permalnk: /x/
---
`, func(o *site.Options) { o.Strict = true })
	if r.Err == nil {
		t.Fatal("a --strict build with unknown fields succeeded")
	}
	want := `content/posts/hugo.md:8:1: front matter: unknown field "mood"; accrue does not read it (put what templates need under params)
content/posts/hugo.md:9:1: front matter: unknown field "colour"; accrue does not read it (put what templates need under params)
content/posts/jekyll.md:11:1: front matter: unknown field "mood"; accrue does not read it (put what templates need under params)
content/posts/typo.md:3:1: front matter: unknown field "permalnk" (did you mean "permalink"?)`
	if got := r.Diags.Errors().Error(); got != want {
		t.Errorf("errors =\n%s\nwant\n%s", got, want)
	}
	if n := len(r.Diags.Warnings()); n != 0 {
		t.Errorf("warnings = %v; want none: each unknown field is an error", r.Diags.Warnings())
	}
}

func TestFrontMatterURLCollision(t *testing.T) {
	t.Parallel()
	r := sitetest.TryBuild(t, `
-- content/posts/a.md --
---
date: 2024-01-01
url: /same/
---
-- content/posts/b.md --
+++
date = 2024-01-02
path = "same"
+++
`)
	if got := r.Diags.Errors().Error(); r.Err == nil || !strings.Contains(got, "content/posts/a.md") || !strings.Contains(got, "content/posts/b.md") || !strings.Contains(got, "same/index.html") {
		t.Errorf("two posts at /same/: err %v, diagnostics\n%s\nwant an error naming both", r.Err, r.Diags.Error())
	}
}

func TestUndatedPostsAreOneLine(t *testing.T) {
	g := gittest.New(t)
	g.Write("content/posts/a.md", "---\ntitle: A\n---\nA.\n")
	g.Write("content/posts/b.md", "+++\ntitle = \"B\"\n+++\nB.\n")
	g.Write("content/posts/c.md", "C.\n")
	g.Git("2022-02-03T04:05:06Z", "add", "content")
	g.Git("2022-02-03T04:05:06Z", "commit", "-q", "-m", "add")
	w := &site.MemWriter{}
	_, diags, err := site.Build(context.Background(), os.DirFS(g.Dir), w, site.Options{Now: sitetest.Now, BaseURL: "https://blog.example/", Theme: themes.Default(), Dir: g.Dir})
	if err != nil {
		t.Fatal(err)
	}
	want := `content/posts/a.md:1: warning: no date in front matter: 3 posts take their date from git history, this one 2022-02-03 (to keep it, add date: 2022-02-03 to its front matter)`
	if got := diags.Error(); got != want {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
	g.Write("content/posts/a.md", "+++\ntitle = \"A\"\n+++\nA.\n")
	g.Git("2022-02-04T04:05:06Z", "commit", "-q", "-am", "toml")
	_, diags, err = site.Build(context.Background(), os.DirFS(g.Dir), &site.MemWriter{}, site.Options{Now: sitetest.Now, BaseURL: "https://blog.example/", Theme: themes.Default(), Dir: g.Dir})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := diags.Error(), "(to keep it, add date = 2022-02-03 to its front matter)"; !strings.HasSuffix(got, want) {
		t.Errorf("diagnostics =\n%s\nwant the TOML hint %q", got, want)
	}
}

func TestSiteExcerptSeparator(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- accrue.toml --
[content]
excerpt_separator = "<!-- excerpt -->"
-- content/posts/a.md --
---
date: 2024-01-01
---
First *part*.
<!-- excerpt -->
Second part.
`)
	home := r.File("index.html")
	if !strings.Contains(home, "First <em>part</em>.") || strings.Contains(home, "Second part.") {
		t.Errorf("home page summary is not the text before the separator:\n%s", home)
	}
	r.AssertFile("posts/a/index.html", "Second part.")
}
