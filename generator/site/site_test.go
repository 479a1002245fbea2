package site_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accruehq/accrue/generator/output"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/gittest"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
	"github.com/mmcdole/gofeed"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "sites", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// skipThemeAssets leaves the theme's own stylesheets and scripts out of
// goldens, so a restyle does not rewrite every golden file.
func skipThemeAssets(name string) bool {
	return strings.HasPrefix(name, "css/") || strings.HasPrefix(name, "js/")
}

func TestBasicGolden(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, readFixture(t, "basic.txtar"))
	r.AssertGolden("testdata/sites/basic.golden.txtar", skipThemeAssets)
}

func TestBasicPages(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, readFixture(t, "basic.txtar"))
	if r.Stats.Posts != 4 || r.Stats.Pages != 1 {
		t.Errorf("stats = %+v; want 4 posts and 1 page", r.Stats)
	}
	r.AssertNoFile("posts/draft/index.html")
	r.AssertNoFile("posts/future/index.html")
	r.AssertNoFile("posts/bundle/comments/20240101T000000Z-abc.md")
	// Jekyll file name: date and slug.
	r.AssertFile("posts/jekyll-style/index.html", `datetime="2023-12-24T00:00:00Z"`)
	// The bundle's first heading is its front matter title's rival: front matter wins,
	// and the heading stays in the body.
	r.AssertFile("posts/bundle/index.html", "<h1 class=\"p-name\">A bundle</h1>", `id="not-the-title"`, `<img src="diagram.svg" alt="Diagram">`)
	r.AssertFile("posts/bundle/diagram.svg", "<svg")
	// Comments and mentions: threaded, escaped, pending and deleted ones hidden.
	bundle := r.File("posts/bundle/index.html")
	for _, want := range []string{
		`<span class="counts">2 comments, 1 mention, 1 like</span>`,
		`<li class="p-comment h-cite comment" id="comment-abc">`,
		`<ol class="comment-replies"><li class="p-comment h-cite comment" id="comment-def">`,
		`Comments are <em>data</em>, not content.`,
		`replied in <a class="u-url" href="https://other.example/notes/bundles" rel="nofollow ugc">On bundles</a>`,
		`<span class="reaction-kind">1 like</span>`,
	} {
		if !strings.Contains(bundle, want) {
			t.Errorf("bundle page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script>alert", "javascript:", "Buy things", "gone.example"} {
		if strings.Contains(bundle, bad) {
			t.Errorf("bundle page shows %q", bad)
		}
	}
	// A page without a front matter title takes it from its first heading, shown once.
	about := r.File("about/index.html")
	if !strings.Contains(about, "<h1>About me</h1>") || strings.Contains(about, `id="about-me"`) {
		t.Errorf("about page should take its title from its heading and show it once:\n%s", about)
	}
	r.AssertFile("index.html", "Welcome to <strong>Compound Notes</strong>", `href="/page/2/"`, "Page 1 of 2")
	r.AssertFile("page/2/index.html", `href="/"`, "Page 2 of 2")
	r.AssertFile("old/first/index.html", `url=/posts/first-deposit/`, `rel="canonical" href="https://blog.example.org/posts/first-deposit/"`)
	// Tags are merged by slug ("Writing" and "writing") under the first name seen.
	r.AssertFile("tags/writing/index.html", "3 posts")
	r.AssertFile("tags/index.html", `href="/tags/money/"`, `href="/tags/writing/"`)
	r.AssertFile("series/basics/index.html", "The first deposit", "Second thoughts")
	r.AssertFile("posts/second/index.html",
		`Part 2 of 2 in <a href="/series/basics/">basics</a>`,
		`<nav class="toc" aria-label="Table of contents">`, `<li><a href="#part-one">Part one</a><ol><li><a href="#a-detail">A detail</a></li></ol></li><li><a href="#part-two">Part two</a></li>`,
		`class="dt-updated" datetime="2024-03-05T10:00:00Z"`,
		`rel="prev" href="/posts/first-deposit/"`)
	r.AssertFile("posts/first-deposit/index.html", `<span class="line hl">`, `class="anchor" href="#why-it-compounds"`)
	r.AssertFile("archive/index.html", `<h2 id="y2024">2024</h2>`, `<h2 id="y2023">2023</h2>`)
	r.AssertFile("404.html", "Page not found")
	r.AssertFile("robots.txt", "Sitemap: https://blog.example.org/sitemap.xml")
	r.AssertFile("sitemap.xml", "<loc>https://blog.example.org/posts/second/</loc>\n    <lastmod>2024-03-05T10:00:00Z</lastmod>")
	r.AssertFile("css/syntax.css", ".chroma", "prefers-color-scheme: dark")
}

func TestDraftsAndFuture(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, readFixture(t, "basic.txtar"), func(o *site.Options) { o.Drafts, o.Future = true, true })
	r.AssertFile("posts/draft/index.html", "Unfinished")
	r.AssertFile("posts/future/index.html", "From the future")
}

func TestFeeds(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, readFixture(t, "basic.txtar"))
	p := gofeed.NewParser()
	for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		t.Run(name, func(t *testing.T) {
			f, err := p.ParseString(r.File(name))
			if err != nil {
				t.Fatalf("parsing %s: %v", name, err)
			}
			if f.Title != "Compound Notes" {
				t.Errorf("title = %q", f.Title)
			}
			if len(f.Items) != 2 { // feed_size = 2
				t.Fatalf("%d items; want 2", len(f.Items))
			}
			second, first := f.Items[0], f.Items[1]
			if second.Title != "Second thoughts" || second.Link != "https://blog.example.org/posts/second/" {
				t.Errorf("newest item = %q %q", second.Title, second.Link)
			}
			if second.PublishedParsed == nil || !second.PublishedParsed.Equal(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("published = %v; want 2024-02-01", second.PublishedParsed)
			}
			if name != "index.xml" { // RSS has no updated date per item
				if second.UpdatedParsed == nil || !second.UpdatedParsed.Equal(time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)) {
					t.Errorf("updated = %v; want 2024-03-05T10:00:00Z", second.UpdatedParsed)
				}
			}
			if !strings.Contains(second.Content, `src="https://blog.example.org/posts/second/chart.png"`) {
				t.Errorf("relative image not made absolute in content:\n%s", second.Content)
			}
			if !strings.Contains(first.Content, `href="https://blog.example.org/posts/second/"`) ||
				!strings.Contains(first.Content, `href="https://blog.example.org/about/"`) {
				t.Errorf("links not made absolute in content:\n%s", first.Content)
			}
			if strings.Contains(first.Content, "<!--more-->") {
				t.Error("feed content still holds the <!--more--> marker")
			}
		})
	}
	tagFeed, err := p.ParseString(r.File("tags/money/feed.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tagFeed.Items) != 1 || tagFeed.Items[0].Title != "The first deposit" {
		t.Errorf("money tag feed items = %v", tagFeed.Items)
	}
	r.AssertFile("feed.json", `"version": "https://jsonfeed.org/version/1.1"`)
	r.AssertFile("tags/money/index.html", `type="application/rss&#43;xml" title="Compound Notes: money (RSS)" href="https://blog.example.org/tags/money/index.xml"`)
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	fixture := readFixture(t, "basic.txtar")
	a := sitetest.Build(t, fixture).Archive(nil)
	for range 3 {
		if b := sitetest.Build(t, fixture).Archive(nil); !bytes.Equal(a, b) {
			t.Fatal("two builds of the same site differ")
		}
	}
}

func TestPermalinkPattern(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- accrue.toml --
[permalinks]
posts = "/:year/:month/:slug/"
-- content/posts/hello.md --
---
title: Hello
date: 2024-03-09
---
Hi.
-- content/docs/install.md --
# Install
Steps.
`)
	r.AssertFile("2024/03/hello/index.html", "Hello")
	r.AssertFile("docs/install/index.html", "Install")
}

func TestThemeOverrides(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- accrue.toml --
theme = "plain"
-- themes/plain/layouts/post.html --
{{ define "main" }}PLAIN {{ .Title }}{{ end }}
-- themes/plain/static/css/extra.css --
body{}
-- layouts/partials/footer.html --
<footer>SITE FOOTER</footer>
-- static/favicon.ico --
icon
-- content/posts/a.md --
---
title: A
date: 2024-01-01
---
Body.
`)
	r.AssertFile("posts/a/index.html", "PLAIN A", "SITE FOOTER")
	r.AssertFile("archive/index.html", "SITE FOOTER", `href="/posts/a/"`)
	r.AssertFile("css/extra.css", "body{}")
	r.AssertFile("favicon.ico", "icon")
	r.AssertFile("css/theme.css", "--measure")
}

func TestErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, archive, want string
	}{
		{"malformed yaml", `
-- content/posts/bad.md --
---
title: "unclosed
date: 2024-01-01
---
`, "content/posts/bad.md:2: front matter: the double quote that opens the value of title is never closed: end the value with \""},
		{"unclosed front matter", `
-- content/posts/bad.md --
---
title: x
`, `content/posts/bad.md:1:1: front matter opened with "---" on line 1 is never closed; add a line with "---" after the last field`},
		{"bad date", `
-- content/posts/bad.md --
+++
title = "x"
date = "yesterday"
+++
`, `content/posts/bad.md:3:1: front matter: date: cannot read "yesterday" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`},
		{"unknown template function", `
-- layouts/post.html --
{{ define "main" }}
{{ sumary .Title }}
{{ end }}
-- content/posts/a.md --
---
date: 2024-01-01
---
`, `layouts/post.html:2: template: undefined function "sumary"`},
		{"template execution", `
-- layouts/post.html --
{{ define "main" }}{{ .Nope }}{{ end }}
-- content/posts/a.md --
---
date: 2024-01-01
---
`, `layouts/post.html:1:22: template: executing "main" at <.Nope>: can't evaluate field Nope in type *pages.Page`},
		{"duplicate url", `
-- content/posts/a.md --
---
date: 2024-01-01
slug: same
---
-- content/posts/b.md --
---
date: 2024-01-02
slug: same
---
`, "content/posts/a.md: writes posts/same/index.html, which content/posts/b.md also writes; change a slug, permalink or alias"},
		{"missing theme", `
-- accrue.toml --
theme = "nope"
-- content/posts/a.md --
`, `accrue.toml:1:1: theme "nope" not found: there is no folder themes/nope/ (remove theme to use the built-in default)`},
		{"unknown config key", `
-- accrue.toml --
title = "x"
paginte = 3
`, `accrue.toml:2:1: unknown key "paginte" (did you mean "paginate"?)`},
		{"no content", `
-- accrue.toml --
title = "x"
`, `content: no content/ folder here: is --source the site's root? (accrue new post "Title" starts one)`},
		{"bad highlight style", `
-- accrue.toml --
[highlight]
style = "nope"
-- content/posts/a.md --
---
date: 2024-01-01
---
`, `accrue.toml:1:1: unknown highlight style "nope"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := sitetest.TryBuild(t, tt.archive)
			if r.Err == nil {
				t.Fatalf("build succeeded; want error %q", tt.want)
			}
			if got := r.Diags.Errors().Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("errors =\n%s\nwant prefix\n%s", got, tt.want)
			}
		})
	}
}

func TestErrorsAreAllReportedSorted(t *testing.T) {
	t.Parallel()
	r := sitetest.TryBuild(t, `
-- content/posts/z.md --
---
date: nope
---
-- content/posts/a.md --
---
draft: 1
---
`)
	got := r.Diags.Errors().Error()
	want := `content/posts/a.md:2:1: front matter: draft: want true or false, not the number 1
content/posts/z.md:2:1: front matter: date: cannot read "nope" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`
	if got != want {
		t.Errorf("errors =\n%s\nwant\n%s", got, want)
	}
}

func TestStrict(t *testing.T) {
	t.Parallel()
	fixture := `
-- accrue.toml --
base_url = "https://blog.example/"
-- content/posts/a.md --
---
date: 2024-01-01
colour: blue
---
`
	if r := sitetest.Build(t, fixture); len(r.Diags.Warnings()) != 1 {
		t.Errorf("warnings = %v; want the unknown field", r.Diags)
	}
	r := sitetest.TryBuild(t, fixture, func(o *site.Options) { o.Strict = true })
	if r.Err == nil {
		t.Error("--strict build with a warning succeeded")
	}
}

func TestBuildDirIsAtomic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	build := func(fsys fs.FS) error {
		return output.BuildDir(dest, output.Options{}, func(w *output.DirWriter) error {
			_, _, err := site.Build(context.Background(), fsys, w, site.Options{Now: sitetest.Now, Theme: themes.Default()})
			return err
		})
	}
	if err := os.MkdirAll(filepath.Join(dest, "stale"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "stale", "old.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, output.Marker), nil, 0o644); err != nil { // an earlier build's
		t.Fatal(err)
	}
	good := sitetest.FS(readFixture(t, "basic.txtar"))
	if err := build(good); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "stale")); !os.IsNotExist(err) {
		t.Errorf("a stale file from an earlier build survived: %v", err)
	}
	before := snapshot(t, dest)
	if before["posts/second/index.html"] == "" {
		t.Fatal("good build wrote no post page")
	}
	bad := sitetest.FS(readFixture(t, "basic.txtar"))
	bad["content/posts/broken.md"] = &fstest.MapFile{Data: []byte("---\ndate: never\n---\n")}
	if err := build(bad); err == nil {
		t.Fatal("build of a broken site succeeded")
	}
	after := snapshot(t, dest)
	if len(after) != len(before) {
		t.Fatalf("failed build changed the file count: %d -> %d", len(before), len(after))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("failed build changed %s", name)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

// snapshot reads every file under root.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p) // p is under root
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSummaryAndDescription(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- content/posts/a.md --
---
title: A
date: 2024-01-01
summary: A *short* note about "quotes" & ampersands.
---
Body.
-- content/posts/b.md --
---
title: B
date: 2024-01-02
---
Fish "and" chips & more.

Second paragraph.
`)
	r.AssertFile("index.html", `<div class="p-summary"><p>A <em>short</em> note about &ldquo;quotes&rdquo; &amp; ampersands.</p></div>`)
	r.AssertFile("posts/a/index.html", `<meta name="description" content="A short note about “quotes” &amp; ampersands.">`)
	r.AssertFile("posts/b/index.html", `<meta name="description" content="Fish “and” chips &amp; more.">`)
}

func TestUndatedPostTakesGitDate(t *testing.T) {
	g := gittest.New(t)
	dir := g.Dir
	g.Write("content/posts/committed.md", "# Committed\n\nIn git.\n")
	g.Git("2022-02-03T04:05:06Z", "add", "content/posts/committed.md")
	g.Git("2022-02-03T04:05:06Z", "commit", "-q", "-m", "add")
	g.Write("content/posts/loose.md", "# Loose\n\nNot in git.\n")
	mtime := time.Date(2023, 7, 8, 9, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, "content/posts/loose.md"), mtime, mtime); err != nil {
		t.Fatal(err)
	}
	w := &site.MemWriter{}
	_, diags, err := site.Build(context.Background(), os.DirFS(dir), w, site.Options{Now: sitetest.Now, BaseURL: "https://blog.example/", Theme: themes.Default(), Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(w.Files["posts/committed/index.html"]); !strings.Contains(got, `datetime="2022-02-03T04:05:06Z"`) {
		t.Errorf("committed post is not dated by its first commit:\n%s", got)
	}
	if got := string(w.Files["posts/loose/index.html"]); !strings.Contains(got, `datetime="2023-07-08T09:00:00Z"`) {
		t.Errorf("uncommitted post is not dated by its modification time:\n%s", got)
	}
	want := `content/posts/committed.md:1: warning: no date in front matter: this post takes its date from git history, 2022-02-03 (to keep it, start the file with the lines "---", "date: 2022-02-03" and "---")
content/posts/loose.md:1: warning: no date in front matter and no git history: this post takes its date from the file's modification time, 2023-07-08 (to keep it, start the file with the lines "---", "date: 2023-07-08" and "---")`
	if got := diags.Error(); got != want {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
}

func TestLinksAndLedger(t *testing.T) {
	t.Parallel()
	fixture := `
-- accrue.toml --
base_url = "https://blog.example.org/"
author = "Ada"
-- content/posts/old.md --
---
title: Old
date: 2024-01-01
---
The first post.
-- content/posts/new.md --
---
title: New
date: 2024-02-01
---
See [the old one](../old/), [again](https://blog.example.org/posts/old/index.html),
[a tag](/tags/x/), [nothing](/posts/nope/) and [Go](https://go.dev/).
-- content/posts/tagged.md --
---
title: Tagged
date: 2024-03-01
tags: [x]
---
Links [old](/posts/old/).
`
	r := sitetest.Build(t, fixture)
	r.AssertFile("posts/old/index.html",
		`<span class="counts">referenced by 2 posts</span>`,
		`<h2 id="referenced-by">Referenced by</h2>`,
		`<li><a href="/posts/tagged/">Tagged</a>`, `<li><a href="/posts/new/">New</a>`)
	r.AssertFile("index.html", `<span class="counts">referenced by 2 posts</span>`)
	if got, want := r.Diags.Error(), "content/posts/new.md:6:20: warning: link to /posts/nope/ does not match any page or file of this site"; got != want {
		t.Errorf("diagnostics = %q; want %q", got, want)
	}
	if r := sitetest.TryBuild(t, fixture, func(o *site.Options) { o.Strict = true }); r.Err == nil {
		t.Error("a broken link must fail a --strict build")
	}

	l, _, err := site.Ledger(context.Background(), sitetest.FS(fixture), site.Options{Now: sitetest.Now, Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := l.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := `date,post,title,kind,actor,actor_url,source,note,withdrawn
2024-01-01T00:00:00Z,content/posts/old.md,Old,publish,Ada,,content/posts/old.md,,false
2024-02-01T00:00:00Z,content/posts/new.md,New,publish,Ada,,content/posts/new.md,,false
2024-02-01T00:00:00Z,content/posts/new.md,New,outbound-link,go.dev,https://go.dev/,content/posts/new.md:6:48,,false
2024-02-01T00:00:00Z,content/posts/old.md,Old,internal-link,content/posts/new.md,/posts/new/,content/posts/new.md:5:5,,false
2024-03-01T00:00:00Z,content/posts/old.md,Old,internal-link,content/posts/tagged.md,/posts/tagged/,content/posts/tagged.md:6:7,,false
2024-03-01T00:00:00Z,content/posts/tagged.md,Tagged,publish,Ada,,content/posts/tagged.md,,false
`
	if b.String() != want {
		t.Errorf("ledger =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestChangelog(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- content/posts/a.md --
---
title: A
date: 2024-01-01
updates:
  - {date: 2024-03-01, note: Added a section on feeds}
  - {date: 2024-02-01, note: Fixed the example}
---
Body.
`)
	r.AssertFile("posts/a/index.html",
		`class="dt-updated" datetime="2024-03-01T00:00:00Z"`,
		`<h2 id="changelog">Changelog</h2>`,
		`<li><time datetime="2024-02-01T00:00:00Z">February 1, 2024</time> Fixed the example</li>`,
		`<span class="counts">updated 2 times</span>`)
	r.AssertFile("feed.json", `"date_modified": "2024-03-01T00:00:00Z"`)
}

func TestGitHistory(t *testing.T) {
	t.Parallel()
	g := gittest.New(t)
	post := func(title, date, body string) string {
		return "---\ntitle: " + title + "\ndate: " + date + "\n---\n" + body
	}
	g.Write("accrue.toml", "author = \"Ada\"\n[history]\nsweep_threshold = 3\n")
	g.Write("content/posts/old.md", post("Old", "2024-01-01", "Old post.\n"))
	g.Commit("2024-01-01T10:00:00Z", "add old")
	g.Write("content/posts/new.md", post("New", "2024-03-01", "New post.\n"))
	g.Commit("2024-03-01T10:00:00Z", "add new")
	// old is revised after new exists, and links to it then.
	g.Write("content/posts/old.md", post("Old", "2024-01-01", "Old post.\n\nNow see [new](/posts/new/).\n"))
	g.Commit("2024-04-01T10:00:00Z", "old: link to new")
	g.Write("content/posts/third.md", post("Third", "2024-04-15", "Third.\n"))
	g.Commit("2024-04-15T10:00:00Z", "add third")
	// A sweep over three posts is maintenance, not an update of each.
	for _, n := range []string{"old", "new", "third"} {
		b, err := os.ReadFile(filepath.Join(g.Dir, "content/posts", n+".md"))
		if err != nil {
			t.Fatal(err)
		}
		g.Write("content/posts/"+n+".md", string(b)+"\n<!-- reformatted -->\n")
	}
	g.Commit("2024-05-01T10:00:00Z", "reformat every post")

	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: g.Dir}
	w := &site.MemWriter{}
	if _, diags, err := site.Build(context.Background(), os.DirFS(g.Dir), w, opts); err != nil {
		t.Fatal(err, diags)
	}
	if got := string(w.Files["posts/old/index.html"]); !strings.Contains(got, `class="dt-updated" datetime="2024-04-01T10:00:00Z"`) ||
		!strings.Contains(got, `<span class="counts">updated once</span>`) {
		t.Errorf("old post does not show its one revision as its update:\n%s", got)
	}
	if got := string(w.Files["posts/new/index.html"]); strings.Contains(got, "dt-updated") || !strings.Contains(got, `referenced by 1 post`) {
		t.Errorf("new post: the sweep must not count as an update, and old's link must:\n%s", got)
	}
	l, _, err := site.Ledger(context.Background(), os.DirFS(g.Dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range l.Events {
		if e.Kind.String() != "publish" {
			fmt.Fprintf(&b, "%s %s %s %s %s\n", e.Date.Format("2006-01-02"), e.Post, e.Kind, e.Actor, e.Note)
		}
	}
	want := `2024-04-01 content/posts/new.md internal-link content/posts/old.md 
2024-04-01 content/posts/old.md update Ada old: link to new (+2 -0)
2024-05-01  maintenance Ada reformat every post (3 files)
`
	if b.String() != want {
		t.Errorf("ledger =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestLedgerGolden(t *testing.T) {
	t.Parallel()
	l, _, err := site.Ledger(context.Background(), sitetest.FS(readFixture(t, "basic.txtar")), site.Options{Now: sitetest.Now, Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := l.WriteJSONL(&b); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/sites/basic.ledger.golden.jsonl"
	if *sitetest.Update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("ledger differs from %s:\n%s", golden, sitetest.FirstDiff(b.String(), string(want)))
	}
}

// A post's raw HTML is the author's and is rendered as written; a
// comment's is a stranger's and never is, whatever the setting.
func TestRawHTMLIsTheAuthors(t *testing.T) {
	t.Parallel()
	fixture := `
-- content/posts/chart/index.md --
---
title: Chart
date: 2024-01-01
---
<img src="chart.svg" alt="Chart"> Growth, <abbr title="compound interest">CI</abbr>.

<figure><img src="chart.svg" alt="Chart"><figcaption>Growth</figcaption></figure>
-- content/posts/chart/chart.svg --
<svg xmlns="http://www.w3.org/2000/svg"></svg>
-- content/posts/chart/comments/20240102T000000Z-abc.md --
---
author: Visitor
date: 2024-01-02T00:00:00Z
status: approved
---
<img src=x onerror=alert(1)> <b>bold</b>
`
	r := sitetest.Build(t, fixture)
	r.AssertFile("posts/chart/index.html",
		`<figure><img src="chart.svg" alt="Chart"><figcaption>Growth</figcaption></figure>`,
		`<abbr title="compound interest">CI</abbr>`)
	// On the home page the summary's image still finds the post's folder.
	r.AssertFile("index.html", `<img src="/posts/chart/chart.svg" alt="Chart">`)
	for _, page := range []string{"posts/chart/index.html", "index.html"} {
		if html := r.File(page); strings.Contains(html, "<img src=x") || strings.Contains(html, "<b>bold</b>") {
			t.Errorf("%s: the comment's raw HTML got through:\n%s", page, html)
		}
	}

	r = sitetest.Build(t, fixture+"-- accrue.toml --\n[markdown]\nunsafe = false\n")
	if html := r.File("posts/chart/index.html"); strings.Contains(html, "<figure>") || strings.Contains(html, "<abbr") {
		t.Error("unsafe = false rendered the post's raw HTML")
	}
}

// A site without base_url builds with the dev server's address in its
// canonical URLs: a build says so once, --strict refuses it, and
// --base-url or the dev server (which serves at that address) does not.
func TestBaseURLUnset(t *testing.T) {
	t.Parallel()
	fixture := `
-- content/posts/a.md --
---
date: 2024-01-01
---
Hello.
`
	r := sitetest.Build(t, fixture)
	if got := r.Diags.Error(); !strings.Contains(got, `base_url is not set, so canonical URLs, feeds and the sitemap point at http://localhost:1313/: set base_url = "https://your.domain/" in accrue.toml, or pass --base-url`) || len(r.Diags) != 1 {
		t.Errorf("diagnostics = %q; want the one warning about base_url", got)
	}
	if s := sitetest.TryBuild(t, fixture, func(o *site.Options) { o.Strict = true }); s.Err == nil {
		t.Error("--strict built a site without base_url")
	}
	if s := sitetest.Build(t, fixture, func(o *site.Options) { o.BaseURL = "https://blog.example/" }); len(s.Diags) != 0 {
		t.Errorf("with --base-url: %v; want no warning", s.Diags)
	}
	if s := sitetest.Build(t, "-- accrue.toml --\nbase_url = \"https://blog.example/\"\n"+fixture); len(s.Diags) != 0 {
		t.Errorf("with base_url: %v; want no warning", s.Diags)
	}
}
