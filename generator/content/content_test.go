package content

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accruehq/accrue/generator/diag"
)

// mapFS builds a file system holding each path with a little content.
func mapFS(paths ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, p := range paths {
		fsys[p] = &fstest.MapFile{Data: []byte("x")}
	}
	return fsys
}

func TestKindString(t *testing.T) {
	t.Parallel()
	if got := KindPost.String(); got != "post" {
		t.Errorf("KindPost.String() = %q; want %q", got, "post")
	}
	if got := KindPage.String(); got != "page" {
		t.Errorf("KindPage.String() = %q; want %q", got, "page")
	}
}

func TestDiscover(t *testing.T) {
	t.Parallel()
	fsys := mapFS(
		"config.toml",
		"static/logo.png",
		"content/index.md",
		"content/about.md",
		"content/about/portrait.jpg",
		"content/docs/guide.md",
		"content/docs/guide/diagram.svg",
		"content/posts/hello.md",
		"content/posts/hello/cover.jpg",
		"content/posts/hello/comments/2024-01-02-ann.md",
		"content/posts/world/index.md",
		"content/posts/world/chart.png",
		"content/posts/world/img/b.png",
		"content/posts/world/img/a.png",
		"content/posts/world/comments/c1.yaml",
		"content/posts/world/comments/c2.md",
		"content/posts/world/mentions/m1.json",
		"content/posts/2019-05-01-old.markdown",
		"content/posts/2024/nested/index.md",
		"content/posts/2024/nested/data.csv",
		// ignored: hidden files and folders, editor backups
		"content/.DS_Store",
		"content/posts/.draft.md",
		"content/posts/hello.md~",
		"content/posts/world/index.md~",
		"content/posts/.obsidian/workspace.json",
		"content/posts/.hidden/secret.md",
		"content/posts/world/.chart.png.swp",
		// strays: in no document's folder
		"content/stray.txt",
		"content/posts/banner.png",
		"content/notes/orphan.pdf",
	)
	sources, diags, err := Discover(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{Path: "content/about.md", Kind: KindPage, Folder: "content/about", Resources: []string{"portrait.jpg"}},
		{Path: "content/docs/guide.md", Kind: KindPage, Folder: "content/docs/guide", Resources: []string{"diagram.svg"}, Section: "docs"},
		{Path: "content/index.md", Kind: KindPage, Folder: "content"},
		{Path: "content/posts/2019-05-01-old.markdown", Kind: KindPost, Folder: "content/posts/2019-05-01-old", Section: "posts"},
		{Path: "content/posts/2024/nested/index.md", Kind: KindPost, Folder: "content/posts/2024/nested", Bundle: true, Resources: []string{"data.csv"}, Section: "posts"},
		{Path: "content/posts/hello.md", Kind: KindPost, Folder: "content/posts/hello", Resources: []string{"cover.jpg"}, Section: "posts"},
		{Path: "content/posts/world/index.md", Kind: KindPost, Folder: "content/posts/world", Bundle: true,
			Resources: []string{"chart.png", "img/a.png", "img/b.png"}, Section: "posts"},
	}
	if !reflect.DeepEqual(sources, want) {
		t.Errorf("Discover sources:\n%s\nwant\n%s", dumpSources(sources), dumpSources(want))
	}
	const stray = "not part of any post or page, so not copied; put files to publish as they are in static/"
	wantDiags := "content/notes/orphan.pdf: warning: " + stray + "\n" +
		"content/posts/banner.png: warning: " + stray + "\n" +
		"content/stray.txt: warning: " + stray
	if got := diags.Error(); got != wantDiags {
		t.Errorf("Discover diagnostics:\n%s\nwant\n%s", got, wantDiags)
	}
	if diags.HasErrors() {
		t.Error("stray files must only warn")
	}
}

func dumpSources(ss []Source) string {
	var b bytes.Buffer
	for _, s := range ss {
		b.WriteString(s.Path)
		b.WriteString(": ")
		b.WriteString(s.Kind.String())
		b.WriteString(" folder=" + s.Folder + " section=" + s.Section)
		if s.Bundle {
			b.WriteString(" bundle")
		}
		for _, r := range s.Resources {
			b.WriteString(" +" + r)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestDiscoverHome(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"content/index.md", "content/_index.md"} {
		sources, diags, err := Discover(mapFS(name, "content/hero.png"))
		if err != nil || len(diags) != 1 {
			t.Fatalf("Discover(%s) = %v, %v; want one warning for hero.png", name, diags, err)
		}
		want := []Source{{Path: name, Kind: KindPage, Folder: "content"}}
		if !reflect.DeepEqual(sources, want) {
			t.Errorf("Discover(%s) =\n%s\nwant\n%s", name, dumpSources(sources), dumpSources(want))
		}
		// The home page's folder is content/ itself, but files there are
		// not its resources: content/ is everybody's folder.
		if got := diags[0].Pos.File; got != "content/hero.png" {
			t.Errorf("warning for %q; want content/hero.png", got)
		}
	}
}

func TestDiscoverDuplicate(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		files []string
		keep  string
		want  string
	}{
		{"file and bundle", []string{"content/posts/hello.md", "content/posts/hello/index.md"}, "content/posts/hello/index.md",
			"content/posts/hello.md: content/posts/hello/index.md and content/posts/hello.md are the same document; keep one"},
		{"md and markdown", []string{"content/about.md", "content/about.markdown"}, "content/about.markdown",
			"content/about.md: content/about.markdown and content/about.md are the same document; keep one"},
		{"index and _index", []string{"content/posts/a/index.md", "content/posts/a/_index.md"}, "content/posts/a/_index.md",
			"content/posts/a/index.md: content/posts/a/_index.md and content/posts/a/index.md are the same document; keep one"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sources, diags, err := Discover(mapFS(tt.files...))
			if err != nil {
				t.Fatal(err)
			}
			if got := diags.Error(); got != tt.want || !diags.HasErrors() {
				t.Errorf("diagnostics = %q; want the error %q", got, tt.want)
			}
			if len(sources) != 1 || sources[0].Path != tt.keep {
				t.Errorf("sources =\n%s\nwant only %s", dumpSources(sources), tt.keep)
			}
		})
	}
}

func TestDiscoverMissingContent(t *testing.T) {
	t.Parallel()
	sources, diags, err := Discover(mapFS("config.toml", "contents/posts/a.md"))
	const want = `content: no content/ folder here: is --source the site's root? (accrue new post "Title" starts one)`
	if err == nil || err.Error() != want {
		t.Fatalf("Discover error = %v; want %q", err, want)
	}
	var de *diag.Error
	if !errors.As(err, &de) || de.Pos.File != "content" || de.Severity != diag.SeverityError {
		t.Errorf("error %#v; want a *diag.Error at content", err)
	}
	if sources != nil || diags != nil {
		t.Errorf("Discover returned %v, %v with the error; want nil", sources, diags)
	}
}

func TestDiscoverEmpty(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{"content": &fstest.MapFile{Mode: os.ModeDir}}
	sources, diags, err := Discover(fsys)
	if err != nil || sources != nil || diags != nil {
		t.Errorf("Discover(empty content/) = %v, %v, %v; want nothing", sources, diags, err)
	}
}

func TestDiscoverInteractionsOnlyInPostFolders(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		files []string
		want  []Source
		diags string
	}{
		{"no post of that name", []string{"content/posts/2024/comments/why.md"},
			[]Source{{Path: "content/posts/2024/comments/why.md", Kind: KindPost, Folder: "content/posts/2024/comments/why", Section: "posts"}}, ""},
		{"a stray file in it is reported", []string{"content/posts/2024/mentions/m.json"},
			nil, "content/posts/2024/mentions/m.json: warning: not part of any post or page, so not copied; put files to publish as they are in static/"},
		{"a page's folder", []string{"content/about.md", "content/about/comments/c.md"},
			[]Source{
				{Path: "content/about.md", Kind: KindPage, Folder: "content/about"},
				{Path: "content/about/comments/c.md", Kind: KindPage, Folder: "content/about/comments/c", Section: "about"},
			}, ""},
		{"a post file", []string{"content/posts/2024.md", "content/posts/2024/comments/c.md", "content/posts/2024/mentions/deep/m.json"},
			[]Source{{Path: "content/posts/2024.md", Kind: KindPost, Folder: "content/posts/2024", Section: "posts"}}, ""},
		{"a post bundle", []string{"content/posts/2024/index.md", "content/posts/2024/comments/c.md"},
			[]Source{{Path: "content/posts/2024/index.md", Kind: KindPost, Folder: "content/posts/2024", Bundle: true, Section: "posts"}}, ""},
		{"below a post's folder", []string{"content/posts/a.md", "content/posts/a/b/comments/c.md"},
			[]Source{
				{Path: "content/posts/a.md", Kind: KindPost, Folder: "content/posts/a", Section: "posts"},
				{Path: "content/posts/a/b/comments/c.md", Kind: KindPost, Folder: "content/posts/a/b/comments/c", Section: "posts"},
			}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sources, diags, err := Discover(mapFS(tt.files...))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sources, tt.want) {
				t.Errorf("Discover sources:\n%s\nwant\n%s", dumpSources(sources), dumpSources(tt.want))
			}
			if got := diags.Error(); got != tt.diags {
				t.Errorf("Discover diagnostics = %q; want %q", got, tt.diags)
			}
		})
	}
}

func TestDiscoverSortedByPath(t *testing.T) {
	t.Parallel()
	sources, _, err := Discover(mapFS("content/posts/a-b.md", "content/posts/a/index.md", "content/posts/a.b.md"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sources {
		got = append(got, s.Path)
	}
	want := []string{"content/posts/a-b.md", "content/posts/a.b.md", "content/posts/a/index.md"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Discover order = %q; want %q", got, want)
	}
	if !sort.SliceIsSorted(sources, func(i, j int) bool { return sources[i].Path < sources[j].Path }) {
		t.Errorf("Discover order:\n%s\nwant sorted by path", dumpSources(sources))
	}
}

func TestDiscoverSectionIndex(t *testing.T) {
	t.Parallel()
	const warn = ": warning: section index pages are not supported; move it to content/_index.md or remove it"
	sources, diags, err := Discover(mapFS(
		"content/_index.md",
		"content/posts/_index.md",
		"content/posts/a.md",
		"content/docs/_index.markdown",
		"content/docs/guide.md",
		"content/posts/2024/_index.md", // a bundle, as content/posts/2024/index.md
	))
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{Path: "content/_index.md", Kind: KindPage, Folder: "content"},
		{Path: "content/docs/guide.md", Kind: KindPage, Folder: "content/docs/guide", Section: "docs"},
		{Path: "content/posts/2024/_index.md", Kind: KindPost, Folder: "content/posts/2024", Bundle: true, Section: "posts"},
		{Path: "content/posts/a.md", Kind: KindPost, Folder: "content/posts/a", Section: "posts"},
	}
	if !reflect.DeepEqual(sources, want) {
		t.Errorf("Discover sources:\n%s\nwant\n%s", dumpSources(sources), dumpSources(want))
	}
	wantDiags := "content/docs/_index.markdown" + warn + "\ncontent/posts/_index.md" + warn
	if got := diags.Error(); got != wantDiags || diags.HasErrors() {
		t.Errorf("Discover diagnostics =\n%s\nwant the warnings\n%s", got, wantDiags)
	}
}

func TestRead(t *testing.T) {
	t.Parallel()
	post := func(path string) Source {
		folder := path[:len(path)-len(filepath.Ext(path))]
		if filepath.Base(folder) == "index" {
			return Source{Path: path, Kind: KindPost, Folder: filepath.Dir(path), Bundle: true, Section: "posts"}
		}
		return Source{Path: path, Kind: KindPost, Folder: folder, Section: "posts"}
	}
	for _, tt := range []struct {
		name string
		src  Source
		in   string
		want Doc // Source is filled from src
	}{
		{"jekyll file name", post("content/posts/2019-05-01-hello-world.md"), "Body.\n",
			Doc{Format: FormatNone, Body: []byte("Body.\n"), BodyLine: 1, Slug: "hello-world", DateFromFile: true,
				FrontMatter: FrontMatter{Title: "Hello world", Date: time.Date(2019, 5, 1, 0, 0, 0, 0, berlin)}}},
		{"jekyll bundle", post("content/posts/2019-05-01-hello/index.md"), "---\ntitle: Hi\n---\nBody.\n",
			Doc{Format: FormatYAML, Body: []byte("Body.\n"), BodyLine: 4, Slug: "hello", DateFromFile: true,
				FrontMatter: FrontMatter{Title: "Hi", Date: time.Date(2019, 5, 1, 0, 0, 0, 0, berlin)}}},
		{"front matter date wins over the file name", post("content/posts/2019-05-01-hello.md"), "+++\ndate = 2020-02-02T10:00:00Z\n+++\n",
			Doc{Format: FormatTOML, Body: []byte{}, BodyLine: 4, Slug: "hello",
				FrontMatter: FrontMatter{Title: "Hello", Date: time.Date(2020, 2, 2, 10, 0, 0, 0, time.UTC)}}},
		{"front matter slug wins", post("content/posts/2019-05-01-hello.md"), "---\nslug: custom-name\n---\n",
			Doc{Format: FormatYAML, Body: []byte{}, BodyLine: 4, Slug: "custom-name", DateFromFile: true,
				FrontMatter: FrontMatter{Title: "Custom name", Slug: "custom-name", Date: time.Date(2019, 5, 1, 0, 0, 0, 0, berlin)}}},
		{"zola file name with an underscore", post("content/posts/2019-05-01_hello.md"), "+++\ntitle = \"Hi\"\n+++\n",
			Doc{Format: FormatTOML, Body: []byte{}, BodyLine: 4, Slug: "hello", DateFromFile: true,
				FrontMatter: FrontMatter{Title: "Hi", Date: time.Date(2019, 5, 1, 0, 0, 0, 0, berlin)}}},
		{"zola file name with a date and time", post("content/posts/2019-05-01T10:30:00Z-hello.md"), "",
			Doc{Format: FormatNone, Body: []byte{}, BodyLine: 1, Slug: "hello", DateFromFile: true,
				FrontMatter: FrontMatter{Title: "Hello", Date: time.Date(2019, 5, 1, 10, 30, 0, 0, time.UTC)}}},
		{"zola file name with a local time", post("content/posts/2019-05-01T10:30_hello.md"), "",
			Doc{Format: FormatNone, Body: []byte{}, BodyLine: 1, Slug: "hello", DateFromFile: true,
				FrontMatter: FrontMatter{Title: "Hello", Date: time.Date(2019, 5, 1, 10, 30, 0, 0, berlin)}}},
		{"zola co-located variant", post("content/posts/chart@2.md"), "",
			Doc{Format: FormatNone, Body: []byte{}, BodyLine: 1, Slug: "chart-2", FrontMatter: FrontMatter{Title: "Chart 2"}}},
		{"excerpt separator", post("content/posts/a.md"), "---\nexcerpt_separator: <!--cut-->\n---\nIntro.\n<!--cut-->\nRest.\n",
			Doc{Format: FormatYAML, Body: []byte("Intro.\n<!--cut-->\nRest.\n"), BodyLine: 4, Slug: "a", Excerpt: "Intro.\n",
				FrontMatter: FrontMatter{Title: "A", ExcerptSeparator: "<!--cut-->"}}},
		{"excerpt separator not in the body", post("content/posts/a.md"), "+++\nexcerpt_separator = \"<!--cut-->\"\n+++\nAll.\n",
			Doc{Format: FormatTOML, Body: []byte("All.\n"), BodyLine: 4, Slug: "a",
				FrontMatter: FrontMatter{Title: "A", ExcerptSeparator: "<!--cut-->"}}},
		{"not a date prefix", post("content/posts/2019-5-1-x.md"), "",
			Doc{Format: FormatNone, Body: []byte{}, BodyLine: 1, Slug: "2019-5-1-x", FrontMatter: FrontMatter{Title: "2019 5 1 x"}}},
		{"title from heading", post("content/posts/a.md"), "---\ndate: 2024-01-02\n---\n\n# Hello *there* ##\n\nText.\n",
			Doc{Format: FormatYAML, Body: []byte("\n\n\nText.\n"), BodyLine: 4, Slug: "a", TitleFromHeading: true,
				FrontMatter: FrontMatter{Title: "Hello *there*", Date: time.Date(2024, 1, 2, 0, 0, 0, 0, berlin)}}},
		{"title from heading without front matter", post("content/posts/a.md"), "  # Spaced  \r\nText.",
			Doc{Format: FormatNone, Body: []byte("\nText."), BodyLine: 1, Slug: "a", TitleFromHeading: true,
				FrontMatter: FrontMatter{Title: "Spaced"}}},
		{"heading indented by three spaces", post("content/posts/a.md"), "   # Three\nText.\n",
			Doc{Format: FormatNone, Body: []byte("\nText.\n"), BodyLine: 1, Slug: "a", TitleFromHeading: true,
				FrontMatter: FrontMatter{Title: "Three"}}},
		{"tab after the hash", post("content/posts/a.md"), "#\tTabbed\t#\n",
			Doc{Format: FormatNone, Body: []byte("\n"), BodyLine: 1, Slug: "a", TitleFromHeading: true,
				FrontMatter: FrontMatter{Title: "Tabbed"}}},
		{"hash at the end of a word stays", post("content/posts/a.md"), "# Why C#\n",
			Doc{Format: FormatNone, Body: []byte("\n"), BodyLine: 1, Slug: "a", TitleFromHeading: true,
				FrontMatter: FrontMatter{Title: "Why C#"}}},
		{"only a closing sequence", post("content/posts/a-b.md"), "# ###\nText\n",
			Doc{Format: FormatNone, Body: []byte("# ###\nText\n"), BodyLine: 1, Slug: "a-b", FrontMatter: FrontMatter{Title: "A b"}}},
		{"heading is the last line", post("content/posts/a.md"), "# Only",
			Doc{Format: FormatNone, Body: []byte("\n"), BodyLine: 1, Slug: "a", TitleFromHeading: true,
				FrontMatter: FrontMatter{Title: "Only"}}},
		{"front matter title keeps the heading", post("content/posts/a.md"), "---\ntitle: FM\n---\n# Heading\n",
			Doc{Format: FormatYAML, Body: []byte("# Heading\n"), BodyLine: 4, Slug: "a", FrontMatter: FrontMatter{Title: "FM"}}},
		{"heading after text is not the title", post("content/posts/my-first_post.md"), "Intro.\n\n# Later\n",
			Doc{Format: FormatNone, Body: []byte("Intro.\n\n# Later\n"), BodyLine: 1, Slug: "my-first_post",
				FrontMatter: FrontMatter{Title: "My first post"}}},
		{"level two heading is not the title", post("content/posts/a-b.md"), "## Sub\n",
			Doc{Format: FormatNone, Body: []byte("## Sub\n"), BodyLine: 1, Slug: "a-b", FrontMatter: FrontMatter{Title: "A b"}}},
		{"hash without space is not a heading", post("content/posts/a-b.md"), "#hashtag\n",
			Doc{Format: FormatNone, Body: []byte("#hashtag\n"), BodyLine: 1, Slug: "a-b", FrontMatter: FrontMatter{Title: "A b"}}},
		{"empty heading", post("content/posts/a-b.md"), "# \nText\n",
			Doc{Format: FormatNone, Body: []byte("# \nText\n"), BodyLine: 1, Slug: "a-b", FrontMatter: FrontMatter{Title: "A b"}}},
		{"title from slug", post("content/posts/compound-interest/index.md"), "Text\n",
			Doc{Format: FormatNone, Body: []byte("Text\n"), BodyLine: 1, Slug: "compound-interest", FrontMatter: FrontMatter{Title: "Compound interest"}}},
		{"page", Source{Path: "content/about.md", Kind: KindPage, Folder: "content/about"}, "+++\ntitle = \"About me\"\ndraft = true\n+++\nHi\n",
			Doc{Format: FormatTOML, Body: []byte("Hi\n"), BodyLine: 5, Slug: "about", FrontMatter: FrontMatter{Title: "About me", Draft: true}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, diags := Read(tt.src, []byte(tt.in), berlin)
			if len(diags) != 0 {
				t.Fatalf("Read diagnostics:\n%v", diags)
			}
			want := tt.want
			want.Source = tt.src
			assertDoc(t, got, &want)
		})
	}
}

func assertDoc(t *testing.T, got, want *Doc) {
	t.Helper()
	if !got.Date.Equal(want.Date) {
		t.Errorf("Date = %v; want %v", got.Date, want.Date)
	}
	g, w := *got, *want
	g.Date, w.Date = time.Time{}, time.Time{}
	if string(g.Body) != string(w.Body) {
		t.Errorf("Body = %q; want %q", g.Body, w.Body)
	}
	g.Body, w.Body = nil, nil
	if !reflect.DeepEqual(g, w) {
		t.Errorf("Doc =\n%+v\nwant\n%+v", g, w)
	}
}

func TestReadTitleFromHeadingKeepsLines(t *testing.T) {
	t.Parallel()
	in := "---\ntitle:\n---\n\n\n# The Title\nFirst [link](/x).\n\nSecond.\n"
	doc, diags := Read(Source{Path: "content/posts/a.md", Folder: "content/posts/a"}, []byte(in), berlin)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if doc.Title != "The Title" || !doc.TitleFromHeading {
		t.Fatalf("Title = %q (from heading %v); want %q from the heading", doc.Title, doc.TitleFromHeading, "The Title")
	}
	// The link is on line 7 of the file: line BodyLine + (its line in Body) - 1.
	lines := bytes.Split(doc.Body, []byte("\n"))
	for i, l := range lines {
		if bytes.Contains(l, []byte("[link]")) {
			if got := doc.BodyLine + i; got != 7 {
				t.Errorf("link line in file = %d; want 7", got)
			}
		}
	}
	if len(lines) != 7 {
		t.Errorf("Body has %d lines; want 7 as in the file: %q", len(lines), doc.Body)
	}
}

func TestReadDiagnostics(t *testing.T) {
	t.Parallel()
	src := Source{Path: "content/posts/x.md", Folder: "content/posts/x"}
	for _, tt := range []struct {
		name, in string
		ok       bool // a Doc comes back (only warnings)
		want     string
	}{
		{"unclosed", "---\ntitle: A\n", false,
			`content/posts/x.md:1:1: front matter opened with "---" on line 1 is never closed; add a line with "---" after the last field`},
		{"yaml syntax error", "---\ntitle: A\n  b: c\n---\n", false,
			`content/posts/x.md:3: front matter: mapping values are not allowed in this context`},
		{"toml syntax error after a bom", "\ufeff+++\ntitle = \n+++\n", false,
			`content/posts/x.md:2:9: front matter: unexpected character U+000A at start of value`},
		{"warning only", "+++\ntitle = \"A\"\npermalink = \"/a.html\"\n+++\n", true,
			`content/posts/x.md:3:1: warning: front matter: permalink: accrue publishes each page as a folder, so this one is at /a/ rather than /a.html`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := Read(src, []byte(tt.in), berlin)
			if got := diags.Error(); got != tt.want {
				t.Errorf("Read diagnostics = %q; want %q", got, tt.want)
			}
			if (doc != nil) != tt.ok {
				t.Errorf("Read doc = %+v; want a doc: %v", doc, tt.ok)
			}
			if tt.ok && (doc.Title != "A" || doc.URL != "/a/") {
				t.Errorf("Title, URL = %q, %q; want A, /a/", doc.Title, doc.URL)
			}
		})
	}
}

func TestReadTestdata(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		file  string
		title string
		date  time.Time
		line  int
		diags int
	}{
		{"yaml.md", "Compound: interest", time.Date(2019, 5, 1, 8, 0, 0, 0, time.UTC), 22, 0},
		{"toml.md", "Compound", time.Date(2024, 5, 1, 0, 0, 0, 0, berlin), 12, 0},
		{"none.md", "Just Markdown", time.Time{}, 1, 0},
		{"crlf.md", "Windows", time.Date(2024, 1, 2, 0, 0, 0, 0, berlin), 5, 0},
		{"bom.md", "BOM", time.Time{}, 4, 0},
	} {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			in, err := os.ReadFile(filepath.Join("testdata", "frontmatter", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, diags := Read(Source{Path: tt.file, Folder: "x"}, in, berlin)
			if len(diags) != tt.diags || doc == nil {
				t.Fatalf("Read(%s) = %v; want %d diagnostics", tt.file, diags, tt.diags)
			}
			if doc.Title != tt.title || !doc.Date.Equal(tt.date) || doc.BodyLine != tt.line {
				t.Errorf("Read(%s) = %q, %v, line %d; want %q, %v, line %d", tt.file, doc.Title, doc.Date, doc.BodyLine, tt.title, tt.date, tt.line)
			}
		})
	}
}

func TestReadSiteExcerptSeparator(t *testing.T) {
	t.Parallel()
	o := Options{ExcerptSeparator: "<!-- excerpt -->"}
	src := Source{Path: "content/posts/a.md", Folder: "content/posts/a", Kind: KindPost}
	for _, tt := range []struct{ name, in, want string }{
		{"the site's", "Intro.\n<!-- excerpt -->\nRest.\n", "Intro.\n"},
		{"the post's wins", "---\nexcerpt_separator: ~~\n---\nA ~~ B <!-- excerpt -->\n", "A "},
		{"none in the body", "All.\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := o.Read(src, []byte(tt.in))
			if doc == nil {
				t.Fatal(diags)
			}
			if doc.Excerpt != tt.want {
				t.Errorf("Excerpt = %q; want %q", doc.Excerpt, tt.want)
			}
		})
	}
}

func TestReadTitleFromNonASCIISlug(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"über-uns": "Über uns", "élan-vital": "Élan vital", "привет-мир": "Привет мир",
		"日本語-メモ": "日本語 メモ", "ǆungla": "ǅungla", "_-x": "X", "\xffab": "Ab"} {
		doc, _ := Read(Source{Path: "content/posts/" + in + ".md", Folder: "content/posts/" + in}, nil, berlin)
		if doc.Title != want {
			t.Errorf("title from slug %q = %q; want %q", in, doc.Title, want)
		}
	}
}

func TestReadIndentedCodeIsNotATitle(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"    # install\n    go get example.com/x\n",
		"\t# install\n",
		"  \t# install\n",
		"\n\n     # install\n",
	} {
		doc, _ := Read(Source{Path: "content/posts/setup.md", Folder: "content/posts/setup"}, []byte(in), berlin)
		if doc.Title != "Setup" || string(doc.Body) != in || doc.TitleFromHeading {
			t.Errorf("Read(%q): Title, Body = %q, %q; want %q and the body unchanged", in, doc.Title, doc.Body, "Setup")
		}
	}
}

func TestLayoutDiscover(t *testing.T) {
	t.Parallel()
	fsys := mapFS(
		"content/_index.md",
		"content/about.md",
		"content/blog/_index.md",
		"content/blog/2020-01-02-first.md",
		"content/blog/rust/_index.md",
		"content/blog/rust/borrow.md",
		"content/til/git/rebase.md",
		"content/posts/not-a-post-here.md",
	)
	sources, diags, err := Layout{Posts: []string{"blog", "til"}, Peer: true}.Discover(fsys)
	if err != nil || len(diags) != 0 {
		t.Fatalf("Discover = %v, %v; want no diagnostics", diags, err)
	}
	want := []Source{
		{Path: "content/about.md", Kind: KindPage, Folder: "content/about"},
		{Path: "content/blog/2020-01-02-first.md", Kind: KindPost, Folder: "content/blog/2020-01-02-first", Section: "blog"},
		{Path: "content/blog/rust/borrow.md", Kind: KindPost, Folder: "content/blog/rust/borrow", Section: "blog"},
		{Path: "content/posts/not-a-post-here.md", Kind: KindPage, Folder: "content/posts/not-a-post-here", Section: "posts"},
		{Path: "content/til/git/rebase.md", Kind: KindPost, Folder: "content/til/git/rebase", Section: "til"},
	}
	if !reflect.DeepEqual(sources, want) {
		t.Errorf("Discover =\n%s\nwant\n%s", dumpSources(sources), dumpSources(want))
	}
}
