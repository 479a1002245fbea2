package site_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/gittest"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// TestPeers builds a Jekyll, a Hugo and a Zola blog in place, as their
// generators left them: every post at the URL that generator gave it,
// old addresses redirecting, static files copied, the generator's
// templates, includes and output left alone, and not one warning.
func TestPeers(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, peer string
		posts      int
		urls       []string // pages that must be built
		redirects  map[string]string
		static     []string
		absent     []string
	}{
		{
			name: "jekyll", posts: 2,
			peer:      "read Jekyll's _config.yml (no accrue.toml): title, description, url, baseurl, author, paginate, permalink",
			urls:      []string{"2020/01/02/welcome-to-jekyll/index.html", "notes/own-address/index.html", "about/index.html"},
			redirects: map[string]string{"welcome/index.html": "https://notes.example.org/blog/2020/01/02/welcome-to-jekyll/"},
			static:    []string{"assets/img.png"},
			absent:    []string{"2020/05/06/unpublished/index.html", "2020/05/06/not-yet/index.html", "idea/index.html", "feed.xml", "README.md", "readme/index.html", "Gemfile", "assets/main.scss", "scripts/deploy.sh", "footer.html", "_site/index.html"},
		},
		{
			name: "hugo", posts: 3,
			peer:      "read Hugo's hugo.toml (no accrue.toml): title, languagecode, baseURL, params.description, params.author, permalinks, taxonomies",
			urls:      []string{"2021/02/first-post/index.html", "2021/03/chosen/index.html", "2021/04/a-page-bundle/index.html", "about/index.html", "tags/hello/index.html"},
			redirects: map[string]string{"old/first/index.html": "https://hugo.example.org/2021/02/first-post/"},
			static:    []string{"favicon.ico", "2021/04/a-page-bundle/chart.png"},
			absent:    []string{"2021/05/draft/index.html", "posts/index.html", "home/index.html", "theme.toml", "single.html"},
		},
		{
			name: "zola", posts: 4,
			peer:      "read Zola's config.toml (no accrue.toml): title, description, base_url, extra.author, taxonomies",
			urls:      []string{"blog/dated-name/index.html", "blog/extra-date/index.html", "elsewhere/own/index.html", "blog/bundle/index.html", "pages/about/index.html", "tags/zola/index.html"},
			redirects: map[string]string{"old/extra/index.html": "https://zola.example.org/blog/extra-date/"},
			static:    []string{"favicon.svg", "blog/bundle/diagram.png"},
			absent:    []string{"blog/index.html", "pages/index.html", "site.scss"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := sitetest.Build(t, readPeer(t, tt.name))
			if len(r.Diags) != 0 {
				t.Errorf("diagnostics:\n%s\nwant none", r.Diags.Error())
			}
			if r.Stats.Peer != tt.peer {
				t.Errorf("Stats.Peer = %q; want %q", r.Stats.Peer, tt.peer)
			}
			if r.Stats.Posts != tt.posts {
				t.Errorf("built %d posts; want %d", r.Stats.Posts, tt.posts)
			}
			for _, u := range append(tt.urls, tt.static...) {
				r.File(u)
			}
			for from, to := range tt.redirects {
				r.AssertFile(from, to)
			}
			names := r.Names()
			for _, a := range tt.absent {
				if slices.Contains(names, a) {
					t.Errorf("%s was built; want it left out", a)
				}
			}
			r.AssertGolden("testdata/peers/"+tt.name+".golden.txtar", skipThemeAssets)
		})
	}
}

// TestPeerDrafts: Jekyll's _drafts/ are built with --drafts only, dated
// as Jekyll dates them, by the file's time.
func TestPeerDrafts(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, readPeer(t, "jekyll"), func(o *site.Options) { o.Drafts = true })
	if got := r.File("2025/12/31/idea/index.html"); !strings.Contains(got, "Someday.") {
		t.Errorf("the draft's page does not hold its text:\n%s", got)
	}
}

// TestPeerAccrueTOMLWins: a folder with accrue.toml is read as accrue's
// own, whatever else is there.
func TestPeerAccrueTOMLWins(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, readPeer(t, "zola")+"-- accrue.toml --\ntitle = \"Mine\"\n")
	if r.Stats.Peer != "" {
		t.Errorf("Stats.Peer = %q; want none", r.Stats.Peer)
	}
	r.AssertFile("blog/dated-name/index.html", "Mine")
}

func readPeer(t *testing.T, name string) string {
	t.Helper()
	return readFixture(t, "../peers/"+name+".txtar")
}

// TestPeerJekyllDefaultPermalink: Jekyll's default style published
// /:categories/:year/:month/:day/:title.html and pages as /about.html;
// each is built at that folder, and the .html address redirects to it.
func TestPeerJekyllDefaultPermalink(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- _config.yml --
title: Default
url: https://d.example.org
-- _posts/2020-01-02-welcome.md --
---
title: Welcome
categories: [jekyll, update]
---
Hello.
-- about.md --
---
title: About
---
Me.
`)
	if len(r.Diags) != 0 {
		t.Errorf("diagnostics:\n%s", r.Diags.Error())
	}
	r.AssertFile("jekyll/update/2020/01/02/welcome/index.html", "Hello.")
	r.AssertFile("jekyll/update/2020/01/02/welcome.html", `https://d.example.org/jekyll/update/2020/01/02/welcome/`)
	r.AssertFile("about/index.html", "Me.")
	r.AssertFile("about.html", `https://d.example.org/about/`)
}

// TestPeerJekyllGit: a Jekyll blog read in place has its git history (a
// later edit is an update in the ledger), and what the build says about
// a file names it as it is on disk.
func TestPeerJekyllGit(t *testing.T) {
	t.Parallel()
	g := gittest.New(t)
	g.Write("_config.yml", "title: T\nurl: https://t.example.org\npermalink: pretty\n")
	g.Write("_posts/2020-01-02-a.md", "---\ntitle: A\n---\nFirst version.\n")
	g.Write("_posts/2020-03-04-b.md", "---\ntitle: B\nmood: happy\n---\nB.\n")
	g.Commit("2020-03-04T10:00:00Z", "two posts")
	g.Write("_posts/2020-01-02-a.md", "---\ntitle: A\n---\nFirst version.\n\nAnd a second paragraph, added later.\n")
	g.Commit("2021-05-06T10:00:00Z", "a: more")
	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: g.Dir}
	l, diags, err := site.Ledger(context.Background(), os.DirFS(g.Dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	var updates []string
	for _, e := range l.ForPost("content/posts/2020-01-02-a.md") {
		if e.Kind == ledger.KindUpdate {
			updates = append(updates, e.Date.Format("2006-01-02"))
		}
	}
	if !slices.Equal(updates, []string{"2021-05-06"}) {
		t.Errorf("updates of _posts/2020-01-02-a.md = %v; want [2021-05-06]", updates)
	}
	want := `warning: front matter field "mood" is not one accrue reads; kept for templates as .Params.mood (in _posts/2020-03-04-b.md:3)`
	if got := diags.Error(); got != want {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
	_, diags, _ = site.Build(context.Background(), os.DirFS(g.Dir), &site.MemWriter{}, func() site.Options { o := opts; o.Strict = true; return o }())
	if got := diags.Error(); !strings.HasPrefix(got, "_posts/2020-03-04-b.md:3:") {
		t.Errorf("--strict diagnostics = %s; want the error at _posts/2020-03-04-b.md:3", got)
	}
}
