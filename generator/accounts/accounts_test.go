package accounts

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/history"
	"github.com/accruehq/accrue/generator/interactions"
	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/report"
)

const (
	fileA     = "content/posts/a.md"
	fileB     = "content/posts/b.md"
	fileC     = "content/posts/c.md"
	fileAbout = "content/about.md"
)

// day reads "2024-03-01" or "2024-03-01T10:30" as a UTC time.
func day(t *testing.T, s string) time.Time {
	t.Helper()
	layout := "2006-01-02"
	if strings.Contains(s, "T") {
		layout = "2006-01-02T15:04"
	}
	d, err := time.Parse(layout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// line writes an event on one line, with every field that is set, so a
// test can compare a ledger exactly: "2024-03-01 publish actor=Ada
// src=content/posts/a.md".
func line(e Event) string {
	var b strings.Builder
	if h, m, s := e.Date.Clock(); h+m+s == 0 {
		b.WriteString(e.Date.Format("2006-01-02"))
	} else {
		b.WriteString(e.Date.Format("2006-01-02T15:04"))
	}
	b.WriteString(" " + e.Kind.String())
	for _, f := range []struct{ name, v string }{
		{"actor", e.Actor}, {"url", e.ActorURL}, {"src", e.Where()}, {"note", e.Note},
	} {
		if f.v != "" {
			b.WriteString(" " + f.name + "=" + f.v)
		}
	}
	if e.Withdrawn {
		b.WriteString(" withdrawn")
	}
	return b.String()
}

// events returns the ledger of the post in file as lines, and checks that
// each entry names the post and its title.
func events(t *testing.T, a *Accounts, file, title string) []string {
	t.Helper()
	var out []string
	for _, e := range a.Events(file) {
		if e.Post != file || e.Title != title {
			t.Errorf("event %q of %s has post %q, title %q; want %q, %q", line(e), file, e.Post, e.Title, file, title)
		}
		out = append(out, line(e))
	}
	return out
}

// only keeps the lines of the given kinds.
func only(lines []string, kinds ...ledger.Kind) []string {
	var out []string
	for _, l := range lines {
		for _, k := range kinds {
			if strings.Contains(l, " "+k.String()+" ") {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

func checkLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %s\n want %s", what, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

func TestOpenPublish(t *testing.T) {
	t.Parallel()
	a := Open(Input{Docs: []Doc{
		{File: fileB, URL: "/posts/b/", Title: "B", Author: "Ada", IsPost: true, Date: day(t, "2024-02-01")},
		{File: fileA, URL: "/posts/a/", Title: "A", Author: "Bob", IsPost: true, Date: day(t, "2024-01-01T09:30")},
		{File: fileAbout, URL: "/about/", Title: "About", Author: "Ada", Date: day(t, "2023-12-01")},
	}})
	checkLines(t, "Events(a)", events(t, a, fileA, "A"), []string{"2024-01-01T09:30 publish actor=Bob src=content/posts/a.md"})
	checkLines(t, "Events(b)", events(t, a, fileB, "B"), []string{"2024-02-01 publish actor=Ada src=content/posts/b.md"})
	checkLines(t, "Events(about)", events(t, a, fileAbout, "About"), nil)
	if n := len(a.Ledger.Events); n != 2 {
		t.Errorf("ledger has %d events; want 2, one per post", n)
	}
	if got := a.Counts(fileA).Count(ledger.KindPublish); got != 1 {
		t.Errorf("Counts(a) publish = %d; want 1", got)
	}
	if got := a.Counts(fileAbout); got != (Counts{}) {
		t.Errorf("Counts(about) = %+v; want none", got)
	}
	if a.Broken != nil {
		t.Errorf("Broken = %v; want none", a.Broken)
	}
}

func TestOpenInternalLinks(t *testing.T) {
	t.Parallel()
	rev := func(date, hash string) history.Revision {
		return history.Revision{Commit: history.Commit{Hash: hash, Author: "Ada", Date: day(t, date), Subject: "Edit"}, Added: 1}
	}
	for _, tt := range []struct {
		name      string
		published string // PublishedURL
		docs      []Doc
		target    string
		want      []string // the target's internal links
		refs      []string // ReferencedBy(target)
	}{
		{
			name: "a page's link makes no deposit",
			docs: []Doc{
				{File: fileA, URL: "/posts/a/", IsPost: true, Date: day(t, "2024-01-01")},
				{File: fileAbout, URL: "/about/", Links: []Link{{Dest: "/posts/a/", Line: 3, Col: 1}}},
			},
			target: fileA,
		},
		{
			name: "a post linking twice references once",
			docs: []Doc{
				{File: fileB, URL: "/posts/b/", IsPost: true, Date: day(t, "2024-02-01"), Links: []Link{
					{Dest: "/posts/a/", Line: 3, Col: 5}, {Dest: "/posts/a/#part", Line: 9, Col: 2}}},
				{File: fileA, URL: "/posts/a/", IsPost: true, Date: day(t, "2024-01-01")},
			},
			target: fileA,
			want:   []string{"2024-02-01 internal-link actor=content/posts/b.md url=/posts/b/ src=content/posts/b.md:3:5"},
			refs:   []string{fileB},
		},
		{
			name: "a link to itself is navigation",
			docs: []Doc{
				{File: fileA, URL: "/posts/a/", IsPost: true, Date: day(t, "2024-01-01"), Links: []Link{{Dest: "/posts/a/", Line: 2, Col: 1}}},
			},
			target: fileA,
		},
		{
			name: "referenced by newest first",
			docs: []Doc{
				{File: fileC, URL: "/posts/c/", IsPost: true, Date: day(t, "2024-03-01"), Links: []Link{{Dest: "/posts/a/", Line: 4, Col: 1}}},
				{File: fileB, URL: "/posts/b/", IsPost: true, Date: day(t, "2024-02-01"), Links: []Link{{Dest: "/posts/a/", Line: 5, Col: 1}}},
				{File: fileA, URL: "/posts/a/", IsPost: true, Date: day(t, "2024-01-01")},
			},
			target: fileA,
			want: []string{
				"2024-02-01 internal-link actor=content/posts/b.md url=/posts/b/ src=content/posts/b.md:5:1",
				"2024-03-01 internal-link actor=content/posts/c.md url=/posts/c/ src=content/posts/c.md:4:1",
			},
			refs: []string{fileC, fileB},
		},
		{
			name: "a link added by a later revision is dated at that revision",
			docs: []Doc{
				{File: fileB, URL: "/posts/b/", IsPost: true, Date: day(t, "2024-03-01")},
				{File: fileA, URL: "/posts/a/", IsPost: true, Date: day(t, "2024-01-01"),
					Revisions: []history.Revision{rev("2024-02-01", "r1"), rev("2024-04-01", "r2"), rev("2024-05-01", "r3")},
					Links:     []Link{{Dest: "/posts/b/", Line: 7, Col: 3}}},
			},
			target: fileB,
			want:   []string{"2024-04-01 internal-link actor=content/posts/a.md url=/posts/a/ src=content/posts/a.md:7:3"},
			refs:   []string{fileA},
		},
		{
			name: "a link from an older post never revised since is dated at the target",
			docs: []Doc{
				{File: fileB, URL: "/posts/b/", IsPost: true, Date: day(t, "2024-03-01")},
				{File: fileA, URL: "/posts/a/", IsPost: true, Date: day(t, "2024-01-01"),
					Revisions: []history.Revision{rev("2024-02-01", "r1")},
					Links:     []Link{{Dest: "/posts/b/", Line: 7, Col: 3}}},
			},
			target: fileB,
			want:   []string{"2024-03-01 internal-link actor=content/posts/a.md url=/posts/a/ src=content/posts/a.md:7:3"},
			refs:   []string{fileA},
		},
		{
			name: "an alias",
			docs: []Doc{
				{File: fileB, URL: "/posts/b/", IsPost: true, Date: day(t, "2024-02-01"), Links: []Link{{Dest: "/2019/05/a.html", Line: 2, Col: 8}}},
				{File: fileA, URL: "/posts/a/", Aliases: []string{"/2019/05/a.html"}, IsPost: true, Date: day(t, "2024-01-01")},
			},
			target: fileA,
			want:   []string{"2024-02-01 internal-link actor=content/posts/b.md url=/posts/b/ src=content/posts/b.md:2:8"},
			refs:   []string{fileB},
		},
		{
			name:      "an absolute link on the published address",
			published: "https://example.org/",
			docs: []Doc{
				{File: fileB, URL: "/posts/b/", IsPost: true, Date: day(t, "2024-02-01"), Links: []Link{{Dest: "http://www.example.org/posts/a/", Line: 2, Col: 1}}},
				{File: fileA, URL: "/posts/a/", IsPost: true, Date: day(t, "2024-01-01")},
			},
			target: fileA,
			want:   []string{"2024-02-01 internal-link actor=content/posts/b.md url=/posts/b/ src=content/posts/b.md:2:1"},
			refs:   []string{fileB},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := Open(Input{PublishedURL: tt.published, Docs: tt.docs})
			var title string
			for _, d := range tt.docs {
				if d.File == tt.target {
					title = d.Title
				}
			}
			checkLines(t, "internal links", only(events(t, a, tt.target, title), ledger.KindInternalLink), tt.want)
			if got := a.ReferencedBy(tt.target); !slices.Equal(got, tt.refs) {
				t.Errorf("ReferencedBy(%s) = %q; want %q", tt.target, got, tt.refs)
			}
			if got := a.Counts(tt.target).References(); got != len(tt.want) {
				t.Errorf("Counts(%s).References() = %d; want %d", tt.target, got, len(tt.want))
			}
			if a.Broken != nil {
				t.Errorf("Broken = %v; want none", a.Broken)
			}
		})
	}
}

func TestOpenBroken(t *testing.T) {
	t.Parallel()
	const missing = "content/posts/a.md:4:7: warning: link to %s does not match any page or file of this site"
	for _, tt := range []struct {
		name, dest string
		outputs    []string
		want       string // the warning, "" when the link is not broken
	}{
		{"a planned tag page", "/tags/go/", []string{"tags/go/index.html"}, ""},
		{"a planned tag page without its slash", "/tags/go", []string{"tags/go/index.html"}, ""},
		{"a planned static file", "/css/x.css", []string{"css/x.css"}, ""},
		{"the home page", "/", []string{"index.html"}, ""},
		{"a post", "/posts/b/", nil, ""},
		{"a post, relative", "../b/", nil, ""},
		{"an alias", "/2019/b.html", nil, ""},
		{"a page", "/about/", nil, ""},
		{"nothing", "/posts/missing/", nil, fmt.Sprintf(missing, "/posts/missing/")},
		{"a tag page not planned", "/tags/rust/", []string{"tags/go/index.html"}, fmt.Sprintf(missing, "/tags/rust/")},
		{"a file not planned", "/css/y.css", []string{"css/x.css"}, fmt.Sprintf(missing, "/css/y.css")},
		{"nothing on the published address", "https://www.example.org/nope", nil, fmt.Sprintf(missing, "/nope/")},
		{"a planned output on the published address", "https://example.org/tags/go/", []string{"tags/go/index.html"}, ""},
		{"another site", "https://other.net/nope/", nil, ""},
		{"mail", "mailto:ada@example.org", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			outputs := map[string]bool{}
			for _, o := range tt.outputs {
				outputs[o] = true
			}
			a := Open(Input{PublishedURL: "https://example.org/", Outputs: outputs, Docs: []Doc{
				{File: fileB, URL: "/posts/b/", Aliases: []string{"/2019/b.html"}, IsPost: true, Date: day(t, "2024-02-01")},
				{File: fileA, URL: "/posts/a/", IsPost: true, Date: day(t, "2024-01-01"), Links: []Link{{Dest: tt.dest, Line: 4, Col: 7}}},
				{File: fileAbout, URL: "/about/"},
			}})
			var got []string
			for _, d := range a.Broken {
				got = append(got, d.Error())
			}
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			checkLines(t, "Broken", got, want)
			if in := a.Report(config.Default(), day(t, "2025-01-01")); !slices.Equal(in.Broken, want) {
				t.Errorf("Report().Broken = %q; want %q", in.Broken, want)
			}
		})
	}
}

// Broken links are found in pages as well as posts, each at its file's
// line and column, sorted by file.
func TestOpenBrokenInPages(t *testing.T) {
	t.Parallel()
	a := Open(Input{Docs: []Doc{
		{File: fileA, URL: "/posts/a/", IsPost: true, Date: day(t, "2024-01-01"), Links: []Link{{Dest: "/nope/", Line: 9, Col: 1}, {Dest: "/gone/", Line: 2, Col: 4}}},
		{File: fileAbout, URL: "/about/", Links: []Link{{Dest: "/posts/old/", Line: 5, Col: 12}}},
	}})
	var got []string
	for _, d := range a.Broken {
		got = append(got, d.Error())
	}
	checkLines(t, "Broken", got, []string{
		"content/about.md:5:12: warning: link to /posts/old/ does not match any page or file of this site",
		"content/posts/a.md:2:4: warning: link to /gone/ does not match any page or file of this site",
		"content/posts/a.md:9:1: warning: link to /nope/ does not match any page or file of this site",
	})
}

func TestOpenUpdates(t *testing.T) {
	t.Parallel()
	fix := history.Revision{Commit: history.Commit{Hash: "1111", Author: "laptop", Email: "me@laptop", Date: day(t, "2024-02-01T08:00"), Subject: "Fix typo"},
		Added: 3, Removed: 1}
	chart := history.Revision{Commit: history.Commit{Hash: "2222", Author: "laptop", Date: day(t, "2024-03-01"), Subject: "Replace chart"},
		Binary: true}
	changelog := []Change{{Date: day(t, "2024-04-01"), Note: "Added a section"}, {Date: day(t, "2024-06-01"), Note: "Fixed the figures"}}
	for _, tt := range []struct {
		name string
		doc  func(d *Doc)
		want []string
	}{
		{
			name: "revisions win over changelog and updated date",
			doc: func(d *Doc) {
				d.Revisions, d.Changelog, d.Updated, d.InGit = []history.Revision{fix, chart}, changelog, day(t, "2024-07-01"), true
			},
			want: []string{
				"2024-02-01T08:00 update actor=Ada src=1111 note=Fix typo (+3 -1)",
				"2024-03-01 update actor=Ada src=2222 note=Replace chart",
			},
		},
		{
			name: "revisions outside git's whole history",
			doc:  func(d *Doc) { d.Revisions = []history.Revision{fix} },
			want: []string{"2024-02-01T08:00 update actor=Ada src=1111 note=Fix typo (+3 -1)"},
		},
		{
			name: "the commit's author when the post has none",
			doc:  func(d *Doc) { d.Author, d.Revisions, d.InGit = "", []history.Revision{fix, chart}, true },
			want: []string{
				"2024-02-01T08:00 update actor=laptop src=1111 note=Fix typo (+3 -1)",
				"2024-03-01 update actor=laptop src=2222 note=Replace chart",
			},
		},
		{
			name: "in git, never revised: the updated date is no update",
			doc:  func(d *Doc) { d.InGit, d.Updated = true, day(t, "2024-07-01") },
		},
		{
			name: "in git, never revised, with a changelog",
			doc:  func(d *Doc) { d.InGit, d.Changelog, d.Updated = true, changelog, day(t, "2024-07-01") },
			want: []string{
				"2024-04-01 update actor=Ada src=content/posts/a.md note=Added a section",
				"2024-06-01 update actor=Ada src=content/posts/a.md note=Fixed the figures",
			},
		},
		{
			name: "changelog without git",
			doc:  func(d *Doc) { d.Changelog, d.Updated = changelog, day(t, "2024-07-01") },
			want: []string{
				"2024-04-01 update actor=Ada src=content/posts/a.md note=Added a section",
				"2024-06-01 update actor=Ada src=content/posts/a.md note=Fixed the figures",
			},
		},
		{
			name: "front matter updated date alone",
			doc:  func(d *Doc) { d.Updated = day(t, "2024-07-01") },
			want: []string{"2024-07-01 update actor=Ada src=content/posts/a.md note=updated date in front matter"},
		},
		{
			name: "updated the day it was published",
			doc:  func(d *Doc) { d.Updated = d.Date },
		},
		{
			name: "updated before it was published",
			doc:  func(d *Doc) { d.Updated = day(t, "2023-12-01") },
		},
		{
			name: "nothing",
			doc:  func(d *Doc) {},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := Doc{File: fileA, URL: "/posts/a/", Title: "A", Author: "Ada", IsPost: true, Date: day(t, "2024-01-01")}
			tt.doc(&d)
			a := Open(Input{Docs: []Doc{d}})
			checkLines(t, "updates", only(events(t, a, fileA, "A"), ledger.KindUpdate), tt.want)
			if got := a.Counts(fileA).Updates(); got != len(tt.want) {
				t.Errorf("Counts().Updates() = %d; want %d", got, len(tt.want))
			}
		})
	}
}

func TestOpenComments(t *testing.T) {
	t.Parallel()
	comment := func(id, author, date string, status interactions.Status) *interactions.Comment {
		return &interactions.Comment{ID: id, Author: author, Date: day(t, date), Status: status,
			File: "content/posts/a/comments/" + id + ".md"}
	}
	bea := comment("c1", "Bea", "2024-01-12T10:00", interactions.StatusApproved)
	bea.AuthorURL = "https://bea.example/"
	withdrawn := comment("c5", "Dee", "2024-01-16", interactions.StatusApproved)
	withdrawn.Withdrawn = true
	set := &interactions.Set{Comments: []*interactions.Comment{
		comment("c6", "Eve", "2024-01-05", interactions.StatusApproved), // before the post: counted from its publication
		bea,
		comment("c2", "Ada", "2024-01-13", interactions.StatusApproved),      // the post's author
		comment("c3", "The Blog", "2024-01-14", interactions.StatusApproved), // the site's author
		comment("c4", "Cy", "2024-01-15", interactions.StatusPending),
		withdrawn,
	}}
	a := Open(Input{SiteAuthor: "The Blog", Docs: []Doc{
		{File: fileA, URL: "/posts/a/", Title: "A", Author: "Ada", IsPost: true, Date: day(t, "2024-01-10"), Interactions: set},
	}})
	checkLines(t, "Events(a)", events(t, a, fileA, "A"), []string{
		"2024-01-10 publish actor=Ada src=content/posts/a.md",
		"2024-01-10 comment actor=Eve src=content/posts/a/comments/c6.md",
		"2024-01-12T10:00 comment actor=Bea url=https://bea.example/ src=content/posts/a/comments/c1.md",
		"2024-01-13 author-reply actor=Ada src=content/posts/a/comments/c2.md",
		"2024-01-14 author-reply actor=The Blog src=content/posts/a/comments/c3.md",
		"2024-01-16 comment actor=Dee src=content/posts/a/comments/c5.md withdrawn",
	})
	c := a.Counts(fileA)
	if c.Comments() != 4 || c.Count(ledger.KindComment) != 2 || c.Count(ledger.KindAuthorReply) != 2 {
		t.Errorf("Counts: %d comments (%d from readers, %d replies by the author); want 4 (2, 2)",
			c.Comments(), c.Count(ledger.KindComment), c.Count(ledger.KindAuthorReply))
	}
}

func TestOpenMentions(t *testing.T) {
	t.Parallel()
	const published = "2024-01-10"
	base := func() *interactions.Mention {
		return &interactions.Mention{ID: "m1", Source: "https://www.Example.com/notes/1", Target: "https://example.org/posts/a/",
			Type: interactions.TypeMention, AuthorName: "Bea", AuthorURL: "https://bea.example/", Received: day(t, "2024-01-20"),
			Title: "Compounding", Excerpt: "a post about it", Status: interactions.StatusApproved,
			File: "content/posts/a/mentions/m1.yaml"}
	}
	type testCase struct {
		name string
		m    func(m *interactions.Mention)
		want string // the event, "" for none
	}
	var cases []testCase
	for _, k := range []struct {
		typ  interactions.MentionType
		kind ledger.Kind
	}{
		{interactions.TypeMention, ledger.KindMention},
		{interactions.TypeReply, ledger.KindReply},
		{interactions.TypeLike, ledger.KindLike},
		{interactions.TypeRepost, ledger.KindRepost},
		{interactions.TypeBookmark, ledger.KindBookmark},
		{interactions.TypePingback, ledger.KindPingback},
		{interactions.TypeTrackback, ledger.KindTrackback},
	} {
		cases = append(cases, testCase{"type " + k.typ.String(), func(m *interactions.Mention) { m.Type = k.typ },
			"2024-01-20 " + k.kind.String() + " actor=Bea url=https://bea.example/ src=https://www.Example.com/notes/1 note=Compounding"})
	}
	cases = append(cases, []testCase{
		{"replaced", func(m *interactions.Mention) { m.Replaced = true }, ""},
		{"pending", func(m *interactions.Mention) { m.Status = interactions.StatusPending }, ""},
		{"pending and withdrawn", func(m *interactions.Mention) { m.Status, m.Withdrawn = interactions.StatusPending, true }, ""},
		{"deleted", func(m *interactions.Mention) { m.Status = interactions.StatusDeleted },
			"2024-01-20 mention actor=Bea url=https://bea.example/ src=https://www.Example.com/notes/1 note=Compounding withdrawn"},
		{"withdrawn where it was collected", func(m *interactions.Mention) { m.Withdrawn = true },
			"2024-01-20 mention actor=Bea url=https://bea.example/ src=https://www.Example.com/notes/1 note=Compounding withdrawn"},
		{"no author: the source's domain", func(m *interactions.Mention) { m.AuthorName, m.AuthorURL = "", "" },
			"2024-01-20 mention actor=example.com src=https://www.Example.com/notes/1 note=Compounding"},
		{"no author, a bare host", func(m *interactions.Mention) { m.AuthorName, m.Source = "", "http://WWW.Blog.Example.net" },
			"2024-01-20 mention actor=blog.example.net url=https://bea.example/ src=http://WWW.Blog.Example.net note=Compounding"},
		{"no author, a port", func(m *interactions.Mention) { m.AuthorName, m.Source = "", "https://www.example.com:8443/x" },
			"2024-01-20 mention actor=example.com url=https://bea.example/ src=https://www.example.com:8443/x note=Compounding"},
		{"no title: the excerpt", func(m *interactions.Mention) { m.Title = "" },
			"2024-01-20 mention actor=Bea url=https://bea.example/ src=https://www.Example.com/notes/1 note=a post about it"},
		{"neither title nor excerpt", func(m *interactions.Mention) { m.Title, m.Excerpt = "", "" },
			"2024-01-20 mention actor=Bea url=https://bea.example/ src=https://www.Example.com/notes/1"},
		{"received before publication", func(m *interactions.Mention) { m.Received = day(t, "2023-11-02") },
			"2024-01-10 mention actor=Bea url=https://bea.example/ src=https://www.Example.com/notes/1 note=Compounding"},
	}...)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := base()
			tt.m(m)
			a := Open(Input{Docs: []Doc{{File: fileA, URL: "/posts/a/", Title: "A", Author: "Ada", IsPost: true, Date: day(t, published),
				Interactions: &interactions.Set{Mentions: []*interactions.Mention{m}}}}})
			want := []string{"2024-01-10 publish actor=Ada src=content/posts/a.md"}
			if tt.want != "" {
				want = append(want, tt.want)
			}
			checkLines(t, "Events(a)", events(t, a, fileA, "A"), want)
		})
	}
}

func TestOpenSweeps(t *testing.T) {
	t.Parallel()
	a := Open(Input{
		Docs: []Doc{{File: fileA, URL: "/posts/a/", Title: "A", Author: "Ada", IsPost: true, Date: day(t, "2024-01-01")}},
		Sweeps: []history.Sweep{
			{Commit: history.Commit{Hash: "ffff", Author: "bot", Date: day(t, "2024-08-01"), Subject: "Replace http with https"}, Files: 3, SameEdit: true},
			{Commit: history.Commit{Hash: "abcd", Author: "Ada", Date: day(t, "2024-06-01"), Subject: "Reformat front matter"}, Files: 42},
		},
	})
	var got []string
	for _, e := range a.Ledger.ForPost("") {
		if e.Title != "" {
			t.Errorf("maintenance %q has title %q; want none", line(e), e.Title)
		}
		got = append(got, line(e))
	}
	checkLines(t, "site-wide events", got, []string{
		"2024-06-01 maintenance actor=Ada src=abcd note=Reformat front matter (42 files)",
		"2024-08-01 maintenance actor=bot src=ffff note=Replace http with https (3 files)",
	})
	checkLines(t, "Events(a)", events(t, a, fileA, "A"), []string{"2024-01-01 publish actor=Ada src=content/posts/a.md"})
	if got := a.Counts(fileA).Count(ledger.KindMaintenance); got != 0 {
		t.Errorf("Counts(a) maintenance = %d; want 0", got)
	}
}

func TestOpenOutbound(t *testing.T) {
	t.Parallel()
	a := Open(Input{PublishedURL: "https://example.org/", Docs: []Doc{
		{File: fileB, URL: "/posts/b/", Title: "B", Author: "Ada", IsPost: true, Date: day(t, "2024-02-01")},
		{File: fileA, URL: "/posts/a/", Title: "A", Author: "Ada", IsPost: true, Date: day(t, "2024-01-01"), Links: []Link{
			{Dest: "https://b.example/x", Line: 3, Col: 1},
			{Dest: "https://a.example/y", Line: 4, Col: 1},
			{Dest: "https://b.example/x", Line: 5, Col: 9},
			{Dest: "https://www.a.example/z", Line: 6, Col: 1},
			{Dest: "https://example.org/posts/b/", Line: 7, Col: 1},
			{Dest: "mailto:ada@example.org", Line: 8, Col: 1},
		}},
		{File: fileAbout, URL: "/about/", Links: []Link{{Dest: "https://c.example/", Line: 1, Col: 1}}},
	}})
	checkLines(t, "Events(a)", events(t, a, fileA, "A"), []string{
		"2024-01-01 publish actor=Ada src=content/posts/a.md",
		"2024-01-01 outbound-link actor=b.example url=https://b.example/x src=content/posts/a.md:3:1",
		"2024-01-01 outbound-link actor=a.example url=https://a.example/y src=content/posts/a.md:4:1",
		"2024-01-01 outbound-link actor=b.example url=https://b.example/x src=content/posts/a.md:5:9",
		"2024-01-01 outbound-link actor=a.example url=https://www.a.example/z src=content/posts/a.md:6:1",
	})
	checkLines(t, "OutboundLinks(a)", a.OutboundLinks(fileA), []string{"https://a.example/y", "https://b.example/x", "https://www.a.example/z"})
	checkLines(t, "OutboundLinks(b)", a.OutboundLinks(fileB), nil)
	checkLines(t, "OutboundLinks(about)", a.OutboundLinks(fileAbout), nil)

	var domains []string
	for _, d := range a.Domains(fileA) {
		domains = append(domains, fmt.Sprintf("%s:%d", d.Name, len(d.Links)))
	}
	checkLines(t, "Domains(a)", domains, []string{"a.example:2", "b.example:2"})
	if got := a.Domains(fileB); got != nil {
		t.Errorf("Domains(b) = %v; want nil", got)
	}

	ca, cb := a.Counts(fileA), a.Counts(fileB)
	if ca.Count(ledger.KindPublish) != 1 || ca.Count(ledger.KindOutboundLink) != 4 || ca.References() != 0 {
		t.Errorf("Counts(a) = %+v; want 1 publish, 4 outbound links", ca.ByKind)
	}
	if cb.Count(ledger.KindPublish) != 1 || cb.References() != 1 || cb.Count(ledger.KindOutboundLink) != 0 {
		t.Errorf("Counts(b) = %+v; want 1 publish, 1 reference", cb.ByKind)
	}
}

// Accounts not opened (a build that stopped before them) answer every
// question with nothing.
func TestNilAccounts(t *testing.T) {
	t.Parallel()
	var a *Accounts
	if a.ReferencedBy(fileA) != nil || a.Domains(fileA) != nil || a.Counts(fileA) != (Counts{}) || a.Events(fileA) != nil || a.OutboundLinks(fileA) != nil {
		t.Error("nil accounts answered something")
	}
}

func TestReport(t *testing.T) {
	t.Parallel()
	comment := func(id, author, date string, replies ...*interactions.Comment) *interactions.Comment {
		return &interactions.Comment{ID: id, Author: author, Date: day(t, date), Status: interactions.StatusApproved,
			File: "content/posts/b/comments/" + id + ".md", Replies: replies}
	}
	r4 := comment("r4", "Ada", "2024-01-09")
	r3 := comment("r3", "Dee", "2024-01-08", r4) // a reader answering a reader
	r2 := comment("r2", "The Blog", "2024-01-06")
	r1 := comment("r1", "Ada", "2024-01-07")
	c1 := comment("c1", "Bea", "2024-01-05", r2, r1, r3)
	c1.AuthorURL = "https://bea.example/"
	c2 := comment("c2", "Cy", "2024-01-10")
	c3 := comment("c3", "Ada", "2024-01-11")
	set := &interactions.Set{Comments: []*interactions.Comment{c1, r2, r1, r3, r4, c2, c3}, Threads: []*interactions.Comment{c1, c2, c3}}

	acc := Open(Input{PublishedURL: "https://example.org/", SiteAuthor: "The Blog", Docs: []Doc{
		{File: fileA, URL: "/posts/a/", Title: "A", Author: "Ada", IsPost: true, Date: day(t, "2024-03-01"),
			Links: []Link{{Dest: "/posts/missing/", Line: 2, Col: 3}}},
		{File: fileB, URL: "/posts/b/", Title: "B", Author: "Ada", IsPost: true, Date: day(t, "2024-01-01"), Interactions: set},
		{File: fileAbout, URL: "/about/", Title: "About", Author: "Ada"},
	}})
	cfg := config.Default()
	cfg.Title, cfg.BaseURL, cfg.Author = "T", "https://example.org/", "The Blog"
	asOf := day(t, "2024-12-31")
	in := acc.Report(cfg, asOf)

	if want := (report.Site{Title: "T", URL: "https://example.org/", Author: "The Blog"}); in.Site != want {
		t.Errorf("Site = %+v; want %+v", in.Site, want)
	}
	if !in.AsOf.Equal(asOf) || in.Ledger != acc.Ledger || in.Location != time.UTC {
		t.Errorf("AsOf, Ledger, Location = %v, %p, %v; want %v, %p, UTC", in.AsOf, in.Ledger, in.Location, asOf, acc.Ledger)
	}
	if m, th := ValueModel(cfg); in.Model != m || in.Thresholds != th {
		t.Errorf("Model, Thresholds = %+v, %+v; want accrue.toml's", in.Model, in.Thresholds)
	}
	wantPosts := []report.Post{
		{File: fileA, Title: "A", URL: "/posts/a/", Published: day(t, "2024-03-01")},
		{File: fileB, Title: "B", URL: "/posts/b/", Published: day(t, "2024-01-01")},
	}
	if !reflect.DeepEqual(in.Posts, wantPosts) {
		t.Errorf("Posts = %+v;\nwant %+v", in.Posts, wantPosts)
	}
	wantComments := []report.Comment{
		{Post: fileB, Author: "Bea", URL: "https://bea.example/", Date: day(t, "2024-01-05"), File: c1.File, Answered: day(t, "2024-01-06")},
		{Post: fileB, Author: "Dee", Date: day(t, "2024-01-08"), File: r3.File, Answered: day(t, "2024-01-09")},
		{Post: fileB, Author: "Cy", Date: day(t, "2024-01-10"), File: c2.File},
	}
	if !reflect.DeepEqual(in.Comments, wantComments) {
		t.Errorf("Comments =\n%+v;\nwant\n%+v", in.Comments, wantComments)
	}
	checkLines(t, "Broken", in.Broken, []string{
		"content/posts/a.md:2:3: warning: link to /posts/missing/ does not match any page or file of this site"})

	champions := acc.Champions(cfg, asOf)
	var names []string
	for _, c := range champions {
		names = append(names, c.Name)
		if c.Name == "Ada" || c.Name == "The Blog" {
			t.Errorf("the author %q is a champion", c.Name)
		}
	}
	slices.Sort(names)
	checkLines(t, "Champions", names, []string{"Bea", "Cy", "Dee"})
	for _, c := range champions {
		if c.Name == "Bea" && (c.Deposits != 1 || c.Posts != 1 || !c.First.Equal(day(t, "2024-01-05")) || c.URL != "https://bea.example/") {
			t.Errorf("champion Bea = %+v; want 1 deposit in 1 post on 2024-01-05, with her URL", c)
		}
	}

	html, err := acc.ReportHTML(cfg, asOf)
	if err != nil || !strings.Contains(string(html), "bea.example") {
		t.Errorf("ReportHTML() = %d bytes without Bea's site, %v", len(html), err)
	}
}

func TestOutputPath(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"/", "index.html"},
		{"/posts/a/", "posts/a/index.html"},
		{"/css/x.css", "css/x.css"},
		{"/2019/05/a.html", "2019/05/a.html"},
	} {
		if got := outputPath(tt.in); got != tt.want {
			t.Errorf("outputPath(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
