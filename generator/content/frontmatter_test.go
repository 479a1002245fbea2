package content

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/frontmatter"
)

// berlin is a fixed zone, so tests do not depend on the tz database.
var berlin = time.FixedZone("CEST", 2*60*60)

// splitSeeds returns the files under testdata/frontmatter and a few
// hand-written edge cases.
func splitSeeds(t testing.TB) [][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "frontmatter", "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seeds in testdata/frontmatter: %v", err)
	}
	var seeds [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	for _, s := range []string{"", "\ufeff", "---", "+++ ", "---\n---\n", "+++\n+++", "---\r\n---\r\n", "--- \n\n---\t\nx", "---\n+++\n"} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

func TestDecodeFrontMatterYAML(t *testing.T) {
	t.Parallel()
	fm := `title: "Compound: interest"
date: 2019-05-01 10:00:00 +0200
updated: 2024-03-05T10:00:00Z
draft: true
tags: [money, " writing ", ""]
categories:
  - finance
  - personal
series: basics
slug: compound
aliases: [/old/compound/, /c/]
summary: Short.
description: >-
  A longer
  description.
author: Ada
image: img/cover.png
toc: yes
layout: post
params:
  mood: calm
  rating: 5
`
	got, diags := DecodeFrontMatter([]byte(fm), FormatYAML, "content/posts/a.md", 2, berlin)
	if len(diags) != 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	want := FrontMatter{
		Title:       "Compound: interest",
		Date:        time.Date(2019, 5, 1, 8, 0, 0, 0, time.UTC),
		Updated:     time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC),
		Draft:       true,
		Tags:        []string{"money", "writing"},
		Categories:  []string{"finance", "personal"},
		Series:      []string{"basics"},
		Slug:        "compound",
		Aliases:     []string{"/old/compound/", "/c/"},
		Summary:     "Short.",
		Description: "A longer description.",
		Author:      "Ada",
		Authors:     []string{"Ada"},
		Image:       "img/cover.png",
		TOC:         true,
		Params:      map[string]any{"layout": "post", "mood": "calm", "rating": 5},
	}
	assertFrontMatter(t, got, want)
	if _, off := got.Date.Zone(); off != 2*60*60 {
		t.Errorf("Date offset = %ds; want +0200 as written", off)
	}
}

func TestDecodeFrontMatterTOML(t *testing.T) {
	t.Parallel()
	fm := `title = "Compound"
date = 2024-05-01
lastmod = 2024-05-02T09:30:00
draft = false
tags = "money"
categories = ["finance", " personal "]
series = ["basics"]
slug = "compound"
aliases = ["/old/"]
summary = "Short."
description = """
Longer."""
author = "Ada"
image = "cover.png"
toc = true
weight = 3

[params]
rating = 5
nested = { a = "b" }
`
	got, diags := DecodeFrontMatter([]byte(fm), FormatTOML, "content/posts/a.md", 2, berlin)
	if len(diags) != 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	want := FrontMatter{
		Title:       "Compound",
		Date:        time.Date(2024, 5, 1, 0, 0, 0, 0, berlin),
		Updated:     time.Date(2024, 5, 2, 9, 30, 0, 0, berlin),
		Tags:        []string{"money"},
		Categories:  []string{"finance", "personal"},
		Series:      []string{"basics"},
		Slug:        "compound",
		Aliases:     []string{"/old/"},
		Summary:     "Short.",
		Description: "Longer.",
		Author:      "Ada",
		Authors:     []string{"Ada"},
		Image:       "cover.png",
		TOC:         true,
		Params:      map[string]any{"weight": int64(3), "rating": int64(5), "nested": map[string]any{"a": "b"}},
	}
	assertFrontMatter(t, got, want)
	// TOML local dates have no zone: they are read in the site's location.
	if got.Date.Location() != berlin || got.Updated.Location() != berlin {
		t.Errorf("local dates in %v and %v; want %v", got.Date.Location(), got.Updated.Location(), berlin)
	}
}

func assertFrontMatter(t *testing.T, got, want FrontMatter) {
	t.Helper()
	if !got.Date.Equal(want.Date) {
		t.Errorf("Date = %v; want %v", got.Date, want.Date)
	}
	if !got.Updated.Equal(want.Updated) {
		t.Errorf("Updated = %v; want %v", got.Updated, want.Updated)
	}
	got.Date, got.Updated, want.Date, want.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FrontMatter =\n%#v\nwant\n%#v", got, want)
	}
}

func TestDecodeFrontMatterDates(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, yaml string
		want       time.Time
	}{
		{"date only", "2024-05-01", time.Date(2024, 5, 1, 0, 0, 0, 0, berlin)},
		{"quoted date", `"2024-05-01"`, time.Date(2024, 5, 1, 0, 0, 0, 0, berlin)},
		{"rfc3339 utc", "2024-05-01T09:30:00Z", time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)},
		{"rfc3339 offset", "2024-05-01T09:30:00+05:30", time.Date(2024, 5, 1, 9, 30, 0, 0, time.FixedZone("", 19800))},
		{"rfc3339 nanoseconds", "2024-05-01T09:30:00.25Z", time.Date(2024, 5, 1, 9, 30, 0, 250e6, time.UTC)},
		{"offset without colon", "2024-05-01T09:30:00-0700", time.Date(2024, 5, 1, 9, 30, 0, 0, time.FixedZone("", -7*3600))},
		{"jekyll", "2019-05-01 10:00:00 +0200", time.Date(2019, 5, 1, 10, 0, 0, 0, time.FixedZone("", 7200))},
		{"jekyll with colon", "2019-05-01 10:00:00 -03:00", time.Date(2019, 5, 1, 10, 0, 0, 0, time.FixedZone("", -3*3600))},
		{"space and Z", "2024-05-01 09:30:00Z", time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)},
		{"local seconds", "2024-05-01T09:30:00", time.Date(2024, 5, 1, 9, 30, 0, 0, berlin)},
		{"local with space", "2024-05-01 09:30:00", time.Date(2024, 5, 1, 9, 30, 0, 0, berlin)},
		{"local minutes", "2024-05-01T09:30", time.Date(2024, 5, 1, 9, 30, 0, 0, berlin)},
		{"local minutes with space", "2024-05-01 09:30", time.Date(2024, 5, 1, 9, 30, 0, 0, berlin)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fm := "date: " + tt.yaml + "\nlastmod: " + tt.yaml + "\n"
			got, diags := DecodeFrontMatter([]byte(fm), FormatYAML, "a.md", 2, berlin)
			if len(diags) != 0 {
				t.Fatalf("diagnostics:\n%v", diags)
			}
			for _, g := range []time.Time{got.Date, got.Updated} {
				_, gotOff := g.Zone()
				_, wantOff := tt.want.Zone()
				if !g.Equal(tt.want) || gotOff != wantOff {
					t.Errorf("date %s = %v; want %v", tt.yaml, g, tt.want)
				}
			}
		})
	}
}

func TestDecodeFrontMatterTOMLDates(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, toml string
		want       time.Time
		loc        *time.Location
	}{
		{"local date", "2024-05-01", time.Date(2024, 5, 1, 0, 0, 0, 0, berlin), berlin},
		{"local datetime", "2024-05-01T09:30:00", time.Date(2024, 5, 1, 9, 30, 0, 0, berlin), berlin},
		{"local datetime with space", "2024-05-01 09:30:00", time.Date(2024, 5, 1, 9, 30, 0, 0, berlin), berlin},
		{"local in utc", "2024-05-01T09:30:00", time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC), time.UTC},
		{"offset datetime kept", "2024-05-01T09:30:00-04:00", time.Date(2024, 5, 1, 13, 30, 0, 0, time.UTC), berlin},
		{"utc datetime", "2024-05-01T09:30:00Z", time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC), berlin},
		{"date as a string", `"2019-05-01 10:00:00 +0200"`, time.Date(2019, 5, 1, 8, 0, 0, 0, time.UTC), berlin},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, diags := DecodeFrontMatter([]byte("date = "+tt.toml+"\nupdated = "+tt.toml+"\n"), FormatTOML, "a.md", 2, tt.loc)
			if len(diags) != 0 {
				t.Fatalf("diagnostics:\n%v", diags)
			}
			if !got.Date.Equal(tt.want) || !got.Updated.Equal(tt.want) {
				t.Errorf("date = %s: Date %v, Updated %v; want %v", tt.toml, got.Date, got.Updated, tt.want)
			}
		})
	}
}

func TestDecodeFrontMatterValues(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		format Format
		fm     string
		want   FrontMatter
	}{
		{"empty yaml", FormatYAML, "", FrontMatter{}},
		{"comment only yaml", FormatYAML, "# nothing\n", FrontMatter{}},
		{"empty toml", FormatTOML, "", FrontMatter{}},
		{"keys are case-insensitive", FormatYAML, "Title: T\nDRAFT: true\n", FrontMatter{Title: "T", Draft: true}},
		{"toml keys are case-insensitive", FormatTOML, "Title = \"T\"\nTOC = true\n", FrontMatter{Title: "T", TOC: true}},
		{"null title", FormatYAML, "title:\n", FrontMatter{}},
		{"number title", FormatYAML, "title: 2024\n", FrontMatter{Title: "2024"}},
		{"toml number title", FormatTOML, "title = 1.5\n", FrontMatter{Title: "1.5"}},
		{"single tag", FormatYAML, "tags: go\n", FrontMatter{Tags: []string{"go"}}},
		{"empty tag string", FormatYAML, "tags: ''\n", FrontMatter{}},
		{"empty tag list", FormatYAML, "tags: []\n", FrontMatter{Tags: []string{}}},
		{"number tags", FormatYAML, "tags: [2024, 1.5]\n", FrontMatter{Tags: []string{"2024", "1.5"}}},
		{"toml number tags", FormatTOML, "tags = [2024, 7]\n", FrontMatter{Tags: []string{"2024", "7"}}},
		{"block list of tags", FormatYAML, "tags:\n  - a b\n  - c\n", FrontMatter{Tags: []string{"a b", "c"}}},
		{"draft no", FormatYAML, "draft: no\n", FrontMatter{}},
		{"draft on", FormatYAML, "draft: On\n", FrontMatter{Draft: true}},
		{"draft yes", FormatYAML, "draft: yes\n", FrontMatter{Draft: true}},
		{"draft bool", FormatYAML, "draft: True\n", FrontMatter{Draft: true}},
		{"toml draft", FormatTOML, "draft = true\n", FrontMatter{Draft: true}},
		{"year as title", FormatTOML, "title = 1984\n", FrontMatter{Title: "1984"}},
		{"null tags", FormatYAML, "tags:\n", FrontMatter{}},
		{"date at the floor", FormatYAML, "date: 1800-01-01\n", FrontMatter{Date: time.Date(1800, 1, 1, 0, 0, 0, 0, berlin)}},
		{"toml date at the ceiling", FormatTOML, "date = 2199-12-31T23:59:59Z\n", FrontMatter{Date: time.Date(2199, 12, 31, 23, 59, 59, 0, time.UTC)}},
		{"alias", FormatYAML, "series: &s [basics]\ntags: *s\n", FrontMatter{Series: []string{"basics"}, Tags: []string{"basics"}}},
		{"lastmod then updated", FormatTOML, "lastmod = 2024-01-01T00:00:00Z\nupdated = 2024-02-01T00:00:00Z\n", FrontMatter{Updated: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}},
		{"fields other generators use are silent", FormatYAML, "permalink: /x/\nweight: 2\nkeywords: [a]\nlayout: post\n",
			FrontMatter{URL: "/x/", Keywords: []string{"a"}, Params: map[string]any{"weight": 2, "layout": "post"}}},
		{"yaml params", FormatYAML, "params:\n  list: [1, 2]\n  flag: true\n",
			FrontMatter{Params: map[string]any{"list": []any{1, 2}, "flag": true}}},
		{"toml params", FormatTOML, "[params]\nlist = [1, 2]\nflag = true\n",
			FrontMatter{Params: map[string]any{"list": []any{int64(1), int64(2)}, "flag": true}}},
		{"empty yaml params", FormatYAML, "params: {}\n", FrontMatter{Params: map[string]any{}}},
		{"null yaml params", FormatYAML, "params:\n", FrontMatter{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "a.md", 2, berlin)
			if len(diags) != 0 {
				t.Fatalf("diagnostics:\n%v", diags)
			}
			assertFrontMatter(t, got, tt.want)
		})
	}
}

func TestDecodeFrontMatterDiagnostics(t *testing.T) {
	t.Parallel()
	const dateHelp = "write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00"
	for _, tt := range []struct {
		name   string
		format Format
		fm     string
		want   string // diag.List.Error(): every diagnostic, one a line
	}{
		{"bad date", FormatYAML, "date: next tuesday\n",
			`post.md:2:1: front matter: date: cannot read "next tuesday" as a date; ` + dateHelp},
		{"impossible date", FormatYAML, "updated: 2024-02-30\n",
			`post.md:2:1: front matter: updated: "2024-02-30" is not a real date (day out of range)`},
		{"bad toml date string", FormatTOML, "lastmod = \"2024/05/01\"\n",
			`post.md:2:1: front matter: lastmod: cannot read "2024/05/01" as a date; ` + dateHelp},
		{"date list", FormatYAML, "date: [2024-01-01]\n",
			`post.md:2:1: front matter: date: want a date such as 2024-05-01 or 2024-05-01T09:30:00Z`},
		{"toml local time is not a date", FormatTOML, "date = 10:00:00\n",
			`post.md:2:1: front matter: date: want a date such as 2024-05-01 or 2024-05-01T09:30:00Z`},
		{"tags map", FormatYAML, "tags:\n  money: 1\n",
			`post.md:2:1: front matter: tags: want a list such as [a, b]`},
		{"toml tags table", FormatTOML, "[tags]\nmoney = 1\n",
			`post.md:2:1: front matter: tags: want a list such as [a, b]`},
		{"nested tag list", FormatYAML, "tags: [a, [b]]\n",
			`post.md:2:1: front matter: tags: want a list of text values`},
		{"title list", FormatYAML, "title: [a, b]\n",
			`post.md:2:1: front matter: title: want a single value, not a list`},
		{"toml bool title", FormatTOML, "title = true\n",
			`post.md:2:1: front matter: title: want text, not true`},
		{"draft number", FormatYAML, "draft: 1\n",
			`post.md:2:1: front matter: draft: want true or false, not the number 1`},
		{"slug with a slash", FormatYAML, "slug: posts/hello\n",
			`post.md:2:1: front matter: slug: must be a single URL segment without / \ ? #, not "posts/hello"`},
		{"slug with a query", FormatTOML, "slug = \"a?b\"\n",
			`post.md:2:1: front matter: slug: must be a single URL segment without / \ ? #, not "a?b"`},
		{"slug dot dot", FormatYAML, "slug: ..\n",
			`post.md:2:1: front matter: slug: must be a single URL segment without / \ ? #, not ".."`},
		{"yaml syntax error", FormatYAML, "title: x\n  bad: indent\n",
			`post.md:3: front matter: mapping values are not allowed in this context`},
		{"yaml bad tag", FormatYAML, "date: !!timestamp soon\n",
			"post.md:2:1: front matter: date: yaml: cannot decode !!str `soon` as a !!timestamp"},
		{"toml syntax error", FormatTOML, "title = \"x\"\ndate = \n",
			`post.md:3:8: front matter: unexpected character U+000A at start of value`},
		{"toml duplicate key", FormatTOML, "title = \"x\"\ntitle = \"y\"\n",
			`post.md:3:1: front matter: key title is already defined`},
		{"yaml list document", FormatYAML, "- title: x\n- date: y\n",
			`post.md:2:1: front matter: want fields such as "title: Hello", not a list`},
		{"yaml scalar document", FormatYAML, "\n  just some text\n",
			`post.md:3:3: front matter: want fields such as "title: Hello", not a single value`},
		{"every problem is reported", FormatYAML, "date: x\nslug: a/b\ntags:\n  a: 1\ncolour: blue\n",
			`post.md:2:1: front matter: date: cannot read "x" as a date; ` + dateHelp + "\n" +
				`post.md:3:1: front matter: slug: must be a single URL segment without / \ ? #, not "a/b"` + "\n" +
				`post.md:4:1: front matter: tags: want a list such as [a, b]`},
		{"toml problems in source order", FormatTOML, "draft = 1\nslug = 'a/b'\nalpha = 2\ntitle = []\n[params]\nx = 1\n",
			`post.md:2:1: front matter: draft: want true or false, not the number 1` + "\n" +
				`post.md:3:1: front matter: slug: must be a single URL segment without / \ ? #, not "a/b"` + "\n" +
				`post.md:5:1: front matter: title: want a single value, not a list`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "post.md", 2, berlin)
			if got := diags.Error(); got != tt.want {
				t.Errorf("DecodeFrontMatter(%q) diagnostics =\n%s\nwant\n%s", tt.fm, got, tt.want)
			}
		})
	}
}

func TestDecodeFrontMatterUnknownFieldKept(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		format Format
		fm     string
	}{
		{"yaml", FormatYAML, "title: T\ncolour: blue\nrating: [1, 2]\nlayout: post\n"},
		{"toml", FormatTOML, "title = 'T'\ncolour = 'blue'\nrating = [1, 2]\nlayout = 'post'\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "a.md", 2, berlin)
			if len(diags) != 0 {
				t.Fatalf("diagnostics:\n%v\nwant none: package site reports unknown fields once a name", diags)
			}
			if got.Title != "T" || got.Params["colour"] != "blue" || got.Params["rating"] == nil || got.Params["layout"] != "post" {
				t.Errorf("Title, Params = %q, %#v; want T with colour, rating and layout", got.Title, got.Params)
			}
			want := []Field{{"colour", diag.Pos{File: "a.md", Line: 3, Col: 1}}, {"rating", diag.Pos{File: "a.md", Line: 4, Col: 1}}}
			if !reflect.DeepEqual(got.Unknown, want) {
				t.Errorf("Unknown = %v; want %v (layout is Jekyll's, known and ignored)", got.Unknown, want)
			}
		})
	}
}

func TestUnknownFieldError(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		format Format
		fm     string
		want   string
	}{
		{"misspelled", FormatYAML, "title: T\ndtae: 2024-01-02\n", `post.md:3:1: front matter: unknown field "dtae" (did you mean "date"?)`},
		{"misspelled in toml", FormatTOML, "title = 'T'\n  tilte = 'x'\n", `post.md:3:3: front matter: unknown field "tilte" (did you mean "title"?)`},
		{"flow mapping", FormatYAML, "{title: T, sumary: S}\n", `post.md:2:12: front matter: unknown field "sumary" (did you mean "summary"?)`},
		{"short", FormatYAML, "tag: go\n", `post.md:2:1: front matter: unknown field "tag" (did you mean "tags"?)`},
		{"a peer's name", FormatYAML, "permalnk: /a/\n", `post.md:2:1: front matter: unknown field "permalnk" (did you mean "permalink"?)`},
		{"far from any", FormatTOML, "title = 'T'\n\ncolour = 'blue'\n", `post.md:4:1: front matter: unknown field "colour"; accrue does not read it (put what templates need under params)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fm, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "post.md", 2, berlin)
			if len(diags) != 0 || len(fm.Unknown) != 1 {
				t.Fatalf("diagnostics %v, unknown %v; want none and one", diags, fm.Unknown)
			}
			if got := UnknownFieldError(fm.Unknown[0]).Error(); got != tt.want {
				t.Errorf("UnknownFieldError = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestDecodeFrontMatterLineOffset(t *testing.T) {
	t.Parallel()
	// The front matter may start anywhere in the file: line is added to
	// every position the decoders report.
	for _, tt := range []struct {
		name   string
		format Format
		fm     string
		want   string
	}{
		{"yaml field", FormatYAML, "title: 1\n\ndate: x\n", `f.md:12:1: front matter: date: cannot read "x" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`},
		{"yaml syntax", FormatYAML, "a: 1\n b: 2\n", `f.md:11: front matter: mapping values are not allowed in this context`},
		{"toml field", FormatTOML, "title = 1\n\ndate = 2\n", `f.md:12:1: front matter: date: want a date such as 2024-05-01 or 2024-05-01T09:30:00Z`},
		{"toml syntax", FormatTOML, "a = 1\nb = [\n", `f.md:11:6: front matter: array is incomplete`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "f.md", 10, berlin)
			if got := diags.Error(); got != tt.want {
				t.Errorf("diagnostics = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestDecodeFrontMatterParamsNotATable(t *testing.T) {
	t.Parallel()
	const want = "a.md:2:1: front matter: params: want a table of fields"
	for _, tt := range []struct {
		name   string
		format Format
		fm     string
	}{
		{"yaml list", FormatYAML, "params: [1]\n"},
		{"yaml text", FormatYAML, "params: calm\n"},
		{"toml number", FormatTOML, "params = 3\n"},
		{"toml array of tables", FormatTOML, "[[params]]\na = 1\n"},
	} {
		_, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "a.md", 2, berlin)
		if got := diags.Error(); got != want {
			t.Errorf("%s: diagnostics = %q; want %q", tt.name, got, want)
		}
	}
}

func TestDecodeFrontMatterDuplicateField(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		format Format
		fm     string
		want   string
	}{
		{"twice", FormatYAML, "title: A\ntitle: B\n",
			`a.md:3:1: front matter: field "title" is already defined on line 2; keep one`},
		{"in a flow mapping", FormatYAML, "{tags: [a], draft: true, tags: b}\n",
			`a.md:2:26: front matter: field "tags" is already defined on line 2; keep one`},
		{"other case", FormatYAML, "Title: A\n\ntitle: B\n",
			`a.md:4:1: front matter: field "title" is already defined on line 2; keep one`},
		{"unknown field", FormatYAML, "colour: red\ncolour: blue\n",
			`a.md:3:1: front matter: field "colour" is already defined on line 2; keep one`},
		{"toml other case", FormatTOML, "title = 'A'\nTITLE = 'B'\n",
			`a.md:3:1: front matter: field "title" is already defined on line 2; keep one`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "a.md", 2, berlin)
			if got := diags.Error(); got != tt.want {
				t.Errorf("DecodeFrontMatter(%q) diagnostics =\n%s\nwant\n%s", tt.fm, got, tt.want)
			}
		})
	}
}

func TestDecodeFrontMatterYAMLErrorLine(t *testing.T) {
	t.Parallel()
	// Hugo hit the same go-yaml behaviour: gohugoio/hugo#9857. go-yaml
	// names the line where the construct with the problem starts.
	// What it means is said as what to change (package yamlhint).
	for _, tt := range []struct{ fm, want string }{
		{"title: x\ndate: 2024-01-01\n\tslug: y\n", `post.md:4: front matter: found a tab character that violates indentation: indent with spaces, YAML does not allow tabs there`},
		{"title: x\n\tslug: y\n", `post.md:3: front matter: found a tab character that violates indentation: indent with spaces, YAML does not allow tabs there`},
		{"title: x\ntags: [a\n", `post.md:3: front matter: the list in tags opens with [ and is not closed: end it with ] on the same line`},
		// With the list on the first line, go-yaml names where it ran out;
		// the hint names the line the list opens on.
		{"tags: [a\n", `post.md:2: front matter: the list in tags opens with [ and is not closed: end it with ] on the same line`},
		{"a: 1\nb: 2\nc: {x: y\nd: 3\n", `post.md:4: front matter: the list in c opens with { and is not closed: end it with } on the same line`},
		{"a: 1\n- b\n", `post.md:3: front matter: did not find expected key`},
		{"a: b: c\n", `post.md:2: front matter: the value of a contains ": ", which YAML reads as the start of another field: put the value in quotes, a: "b: c"`},
		{"a: 1\nb: \"x\n", `post.md:3: front matter: the double quote that opens the value of b is never closed: end the value with "`},
		{"title: Git: a guide\n", `post.md:2: front matter: the value of title contains ": ", which YAML reads as the start of another field: put the value in quotes, title: "Git: a guide"`},
		{"title: x\nauthor: @ada\n", `post.md:3: front matter: a value cannot start with "@" in YAML: put it in quotes, author: "@ada"`},
	} {
		_, diags := DecodeFrontMatter([]byte(tt.fm), FormatYAML, "post.md", 2, berlin)
		if got := diags.Error(); got != tt.want {
			t.Errorf("DecodeFrontMatter(%q) = %q; want %q", tt.fm, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want time.Time
	}{
		{"2024-05-01", time.Date(2024, 5, 1, 0, 0, 0, 0, berlin)},
		{"  2024-05-01\t", time.Date(2024, 5, 1, 0, 0, 0, 0, berlin)},
		{"2019-05-01 10:00:00 +0200", time.Date(2019, 5, 1, 8, 0, 0, 0, time.UTC)},
		{"2024-05-01T09:30:00+02:00", time.Date(2024, 5, 1, 7, 30, 0, 0, time.UTC)},
		{"2024-05-01T09:30", time.Date(2024, 5, 1, 9, 30, 0, 0, berlin)},
	} {
		got, err := ParseDate(tt.in, berlin)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseDate("2024-05-01T25:00", berlin); err == nil || err.Error() != `"2024-05-01T25:00" is not a real date (hour out of range)` {
		t.Errorf("ParseDate of an impossible hour: error = %v", err)
	}
	for _, in := range []string{"", "May 1, 2024", "2024-5-1", "01/05/2024", "2024-05-01 10:00:00 CEST"} {
		_, err := ParseDate(in, berlin)
		want := `cannot read "` + strings.TrimSpace(in) + `" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`
		if err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q) error = %v; want %q", in, err, want)
		}
	}
}

func FuzzDecodeFrontMatter(f *testing.F) {
	for _, s := range splitSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"---\n{a: [b, {c: d}]}\n---\n", "---\n&a x: *a\n---\n", "+++\n[a.b]\nc = 1\n[[d]]\ne = 2\n+++\n",
		"---\n? [a]\n: b\n---\n", "+++\na = \"\"\"\nx\n\"\"\"\n+++\n", "---\ntags: !!binary aGk=\n---\n",
		"---\ntaxonomies: {tags: [a]}\nextra: {date: 2024-01-01}\npermalink: /:year/:title/\nmood: x\n---\n",
		"+++\npath = \"a\"\nauthors = [\"b\"]\n[taxonomies]\ntags = [\"x\"]\n[extra]\ndate = 2024-01-01\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		fm, format, _, _, err := frontmatter.Split(in)
		if err != nil || format == FormatNone {
			return
		}
		lines := bytes.Count(bytes.TrimPrefix(in, []byte("\ufeff")), []byte("\n")) + 1
		m, diags := DecodeFrontMatter(fm, format, "f.md", 2, berlin)
		for _, u := range m.Unknown {
			if u.Pos.File != "f.md" || u.Pos.Line < 1 || u.Pos.Line > lines {
				t.Errorf("unknown field %q at %v; want a position in f.md, lines 1 to %d", u.Name, u.Pos, lines)
			}
		}
		for _, d := range diags {
			if d.Pos.File != "f.md" || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 0 {
				t.Errorf("diagnostic %q at %v; want a position in f.md, lines 1 to %d", d.Msg, d.Pos, lines)
			}
			if !strings.HasPrefix(d.Msg, "front matter: ") {
				t.Errorf("diagnostic %q does not say it is about the front matter", d.Msg)
			}
		}
	})
}

func TestDecodeUpdates(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, fm string
		format   Format
	}{
		{"yaml", "updates:\n  - {date: 2024-06-01, note: Second}\n  - date: 2024-05-01\n    note: First\n", FormatYAML},
		{"toml", "[[updates]]\ndate = 2024-06-01\nnote = \"Second\"\n[[updates]]\ndate = \"2024-05-01\"\nnote = \"First\"\n", FormatTOML},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "a.md", 2, time.UTC)
			if len(diags) != 0 {
				t.Fatal(diags)
			}
			want := []Update{{Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Note: "First"}, {Date: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), Note: "Second"}}
			if len(m.Updates) != 2 || !m.Updates[0].Date.Equal(want[0].Date) || m.Updates[0].Note != "First" || !m.Updates[1].Date.Equal(want[1].Date) || m.Updates[1].Note != "Second" {
				t.Errorf("Updates = %+v; want %+v", m.Updates, want)
			}
		})
	}
	for _, tt := range []struct{ fm, want string }{
		{"updates: yesterday\n", "a.md:2:1: front matter: updates: want a list of entries such as {date: 2024-05-01, note: Fixed the example}"},
		{"updates:\n  - {note: no date}\n", "a.md:2:1: front matter: updates: entry 1: date is required"},
		{"updates:\n  - {date: soon, note: x}\n", `a.md:2:1: front matter: updates: entry 1: date: cannot read "soon" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`},
		{"updates:\n  - {date: 2024-01-01, mood: x}\n", `a.md:2:1: front matter: updates: entry 1: unknown field "mood" (an entry has date and note)`},
	} {
		_, diags := DecodeFrontMatter([]byte(tt.fm), FormatYAML, "a.md", 2, time.UTC)
		if got := diags.Error(); got != tt.want {
			t.Errorf("DecodeFrontMatter(%q) = %q; want %q", tt.fm, got, tt.want)
		}
	}
}

// TestDecodeFrontMatterOneTypeCheck writes each mistake in YAML and in
// TOML: both formats must give the same message at the same place.
func TestDecodeFrontMatterOneTypeCheck(t *testing.T) {
	t.Parallel()
	tooMany := make([]string, 101)
	for i := range tooMany {
		tooMany[i] = "t" + strconv.Itoa(i)
	}
	list := "[" + strings.Join(tooMany, ", ") + "]"
	tomlList := `["` + strings.Join(tooMany, `", "`) + `"]`
	for _, tt := range []struct {
		name, yaml, toml, want string
	}{
		{"quoted yes is not a flag", `draft: "yes"`, `draft = "yes"`,
			`post.md:2:1: front matter: draft: want true or false without quotes, not the text "yes"`},
		{"quoted true is not a flag", `draft: 'true'`, `draft = 'true'`,
			`post.md:2:1: front matter: draft: want true or false without quotes, not the text "true"`},
		{"other text is not a flag", `toc: "maybe"`, `toc = "maybe"`,
			`post.md:2:1: front matter: toc: want true or false, not the text "maybe"`},
		{"a number is not a flag", `draft: 0`, `draft = 0`,
			`post.md:2:1: front matter: draft: want true or false, not the number 0`},
		{"a lone number is not a tag", `tags: 5`, `tags = 5`,
			`post.md:2:1: front matter: tags: want a list such as [a, b], not the number 5`},
		{"a flag is not a category", `categories: true`, `categories = true`,
			`post.md:2:1: front matter: categories: want a list such as [a, b], not true`},
		{"a date is not a series", `series: 2024-05-01`, `series = 2024-05-01`,
			`post.md:2:1: front matter: series: want a list such as [a, b], not the date 2024-05-01`},
		{"flags in a tag list", `tags: [go, false]`, `tags = ["go", false]`,
			`post.md:2:1: front matter: tags: want a list of text values, not one holding false`},
		{"a flag is not a title", `title: false`, `title = false`,
			`post.md:2:1: front matter: title: want text, not false`},
		{"too many tags", `tags: ` + list, `tags = ` + tomlList,
			`post.md:2:1: front matter: tags: 101 names, more than the 100 a post may have (each is a page and feeds of its own); keep the ones readers browse by, or raise [content] max_terms in accrue.toml`},
		{"too many categories", `categories: ` + list, `categories = ` + tomlList,
			`post.md:2:1: front matter: categories: 101 names, more than the 100 a post may have (each is a page and feeds of its own); keep the ones readers browse by, or raise [content] max_terms in accrue.toml`},
		{"year zero", `date: 0000-01-01`, `date = 0000-01-01`,
			`post.md:2:1: front matter: date: "0000-01-01" is too early: dates run from 1800 to 2199; check the year`},
		{"go's zero time is not 'no date'", `date: 0001-01-01`, `date = 0001-01-01`,
			`post.md:2:1: front matter: date: "0001-01-01" is too early: dates run from 1800 to 2199; check the year`},
		{"year 9999", `updated: 9999-12-31`, `updated = 9999-12-31`,
			`post.md:2:1: front matter: updated: "9999-12-31" is too late: dates run from 1800 to 2199; check the year`},
		{"quoted year zero", `date: "0000-01-01"`, `date = "0000-01-01"`,
			`post.md:2:1: front matter: date: "0000-01-01" is too early: dates run from 1800 to 2199; check the year`},
		{"changelog date", `updates: [{date: 1024-05-01, note: x}]`, `updates = [{date = 1024-05-01, note = "x"}]`,
			`post.md:2:1: front matter: updates: entry 1: date: "1024-05-01" is too early: dates run from 1800 to 2199; check the year`},
		{"control character in a slug", `slug: "a\tb"`, `slug = "a\tb"`,
			`post.md:2:1: front matter: slug: must be a single URL segment without control characters, not "a\tb"`},
		{"a slug longer than a folder name", `slug: ` + strings.Repeat("s", 256), `slug = "` + strings.Repeat("s", 256) + `"`,
			`post.md:2:1: front matter: slug: is 256 bytes, more than the 255 a folder name may have; shorten it`},
		{"a tag longer than a folder name", `tags: [go, "` + strings.Repeat("Ж", 128) + `"]`, `tags = ["go", "` + strings.Repeat("Ж", 128) + `"]`,
			`post.md:2:1: front matter: tags: "` + strings.Repeat("Ж", 40) + `…" makes a URL segment of 256 bytes, more than the 255 a folder name may have; shorten it`},
		{"a series longer than a folder name", `series: ` + strings.Repeat("x", 300), `series = "` + strings.Repeat("x", 300) + `"`,
			`post.md:2:1: front matter: series: "` + strings.Repeat("x", 40) + `…" makes a URL segment of 300 bytes, more than the 255 a folder name may have; shorten it`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, c := range []struct {
				format Format
				fm     string
			}{{FormatYAML, tt.yaml}, {FormatTOML, tt.toml}} {
				_, diags := DecodeFrontMatter([]byte(c.fm+"\n"), c.format, "post.md", 2, berlin)
				if got := diags.Error(); got != tt.want {
					t.Errorf("%v %q: diagnostics =\n%s\nwant\n%s", c.format, c.fm, got, tt.want)
				}
			}
		})
	}
}

func TestDecodeFrontMatterMaxTerms(t *testing.T) {
	t.Parallel()
	o := Options{MaxTerms: 2}
	if _, diags := o.decode([]byte("tags: [a, b]\n"), FormatYAML, "post.md", 2); len(diags) != 0 {
		t.Errorf("two tags with MaxTerms 2: %v", diags)
	}
	_, diags := o.decode([]byte("tags: [a, b, c]\n"), FormatYAML, "post.md", 2)
	want := `post.md:2:1: front matter: tags: 3 names, more than the 2 a post may have (each is a page and feeds of its own); keep the ones readers browse by, or raise [content] max_terms in accrue.toml`
	if got := diags.Error(); got != want {
		t.Errorf("three tags with MaxTerms 2: %s; want %s", got, want)
	}
}

// TestDecodePeerFields reads the fields of Jekyll, Hugo and Zola as those
// generators do, in both formats. Params and Unknown are checked apart.
func TestDecodePeerFields(t *testing.T) {
	t.Parallel()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, berlin) }
	for _, tt := range []struct {
		name, yaml, toml string
		want             FrontMatter
	}{
		{"jekyll published false is a draft", "published: false\n", "published = false\n", FrontMatter{Draft: true}},
		{"jekyll published true", "published: true\n", "published = true\n", FrontMatter{}},
		{"jekyll permalink with tokens", "permalink: /:year/:month/:title/\n", "permalink = \"/:year/:month/:title/\"\n",
			FrontMatter{URL: "/:year/:month/:title/", URLTokens: true}},
		{"jekyll fixed permalink", "permalink: /about-me\n", "permalink = \"/about-me\"\n", FrontMatter{URL: "/about-me/"}},
		{"jekyll permalink to an index file", "permalink: /a/index.html\n", "permalink = \"/a/index.html\"\n", FrontMatter{URL: "/a/"}},
		{"jekyll excerpt", "excerpt: In short.\n", "excerpt = \"In short.\"\n", FrontMatter{Summary: "In short."}},
		{"summary wins over excerpt", "excerpt: E\nsummary: S\n", "excerpt = \"E\"\nsummary = \"S\"\n", FrontMatter{Summary: "S"}},
		{"jekyll lang", "lang: pt-BR\n", "lang = \"pt-BR\"\n", FrontMatter{Lang: "pt-BR"}},
		{"author list", "author: [Ada, Grace]\n", "author = [\"Ada\", \"Grace\"]\n",
			FrontMatter{Author: "Ada, Grace", Authors: []string{"Ada", "Grace"}}},
		{"author table", "author:\n  name: Ada\n  email: a@example.com\n", "[author]\nname = \"Ada\"\nemail = \"a@example.com\"\n",
			FrontMatter{Author: "Ada", Authors: []string{"Ada"}}},
		{"space-separated tags and categories", "tags: go money\ncategories: web dev\n", "tags = \"go money\"\ncategories = \"web dev\"\n",
			FrontMatter{Tags: []string{"go", "money"}, Categories: []string{"web", "dev"}}},
		{"a series name keeps its spaces", "series: Go basics\n", "series = \"Go basics\"\n", FrontMatter{Series: []string{"Go basics"}}},
		{"jekyll date with an offset", "date: 2014-03-02 10:00:00 +0100\n", "date = \"2014-03-02 10:00:00 +0100\"\n",
			FrontMatter{Date: time.Date(2014, 3, 2, 9, 0, 0, 0, time.UTC)}},
		{"jekyll redirect_from", "redirect_from: [/old/]\n", "redirect_from = [\"/old/\"]\n", FrontMatter{Aliases: []string{"/old/"}}},
		{"jekyll last_modified_at", "last_modified_at: 2024-02-01\n", "last_modified_at = 2024-02-01\n", FrontMatter{Updated: day(2024, 2, 1)}},
		{"hugo url", "url: /blog/hello/\n", "url = \"/blog/hello/\"\n", FrontMatter{URL: "/blog/hello/"}},
		{"hugo url keeps a colon", "url: /c:d/\n", "url = \"/c:d/\"\n", FrontMatter{URL: "/c:d/"}},
		{"hugo publishDate stands for date", "publishDate: 2024-01-02\n", "publishDate = 2024-01-02\n", FrontMatter{Date: day(2024, 1, 2)}},
		{"hugo date wins over publishDate", "publishDate: 2024-01-02\ndate: 2023-01-01\n", "publishDate = 2024-01-02\ndate = 2023-01-01\n",
			FrontMatter{Date: day(2023, 1, 1)}},
		{"hugo expiryDate", "expiryDate: 2030-01-01\n", "expiryDate = 2030-01-01\n", FrontMatter{Expires: day(2030, 1, 1)}},
		{"hugo images", "images: [a.png, b.png]\n", "images = [\"a.png\", \"b.png\"]\n", FrontMatter{Image: "a.png"}},
		{"hugo keywords", "keywords: [compound, interest]\n", "keywords = [\"compound\", \"interest\"]\n",
			FrontMatter{Keywords: []string{"compound", "interest"}}},
		{"hugo lastmod", "lastmod: 2024-03-01\n", "lastmod = 2024-03-01\n", FrontMatter{Updated: day(2024, 3, 1)}},
		{"zola path is from the root", "path: notes/hello\n", "path = \"notes/hello\"\n", FrontMatter{URL: "/notes/hello/"}},
		{"zola authors", "authors: [Ada]\n", "authors = [\"Ada\"]\n", FrontMatter{Author: "Ada", Authors: []string{"Ada"}}},
		{"zola taxonomies", "taxonomies:\n  tags: [go, web dev]\n  categories: [notes]\n",
			"[taxonomies]\ntags = [\"go\", \"web dev\"]\ncategories = [\"notes\"]\n",
			FrontMatter{Tags: []string{"go", "web dev"}, Categories: []string{"notes"}}},
		{"zola extra date", "extra:\n  date: 2024-01-02\n  updated: 2024-02-03\n",
			"[extra]\ndate = 2024-01-02\nupdated = 2024-02-03\n", FrontMatter{Date: day(2024, 1, 2), Updated: day(2024, 2, 3)}},
		{"zola top-level date wins over extra", "date: 2023-01-01\nextra:\n  date: 2024-01-02\n",
			"date = 2023-01-01\n[extra]\ndate = 2024-01-02\n", FrontMatter{Date: day(2023, 1, 1)}},
	} {
		for _, f := range []struct {
			format Format
			fm     string
		}{{FormatYAML, tt.yaml}, {FormatTOML, tt.toml}} {
			t.Run(tt.name+"/"+f.format.String(), func(t *testing.T) {
				t.Parallel()
				got, diags := DecodeFrontMatter([]byte(f.fm), f.format, "a.md", 2, berlin)
				if len(diags) != 0 {
					t.Fatalf("diagnostics:\n%v", diags)
				}
				if len(got.Unknown) != 0 {
					t.Errorf("Unknown = %v; want none", got.Unknown)
				}
				got.Params = nil
				assertFrontMatter(t, got, tt.want)
			})
		}
	}
}

func TestDecodePeerParams(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		format Format
		fm     string
		want   map[string]any
	}{
		{"zola extra and other taxonomies", FormatTOML,
			"weight = 3\ntemplate = \"page.html\"\nin_search_index = false\n[taxonomies]\ntags = [\"go\"]\nauthors = [\"ada\"]\n[extra]\nmood = \"calm\"\n",
			map[string]any{"weight": int64(3), "template": "page.html", "in_search_index": false, "authors": []any{"ada"},
				"extra": map[string]any{"mood": "calm"}}},
		{"zola extra in yaml", FormatYAML, "taxonomies:\n  genres: [jazz]\nextra:\n  mood: calm\n",
			map[string]any{"genres": []any{"jazz"}, "extra": map[string]any{"mood": "calm"}}},
		{"jekyll layout and hugo images", FormatYAML, "layout: post\nimages: [a.png]\nweight: 1\n",
			map[string]any{"layout": "post", "images": []any{"a.png"}, "weight": 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "a.md", 2, berlin)
			if len(diags) != 0 || len(got.Unknown) != 0 {
				t.Fatalf("diagnostics %v, unknown %v; want none", diags, got.Unknown)
			}
			if !reflect.DeepEqual(got.Params, tt.want) {
				t.Errorf("Params = %#v; want %#v", got.Params, tt.want)
			}
		})
	}
}

func TestDecodePeerFieldErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		format Format
		fm     string
		want   string
	}{
		{"two URLs", FormatYAML, "permalink: /a/\nurl: /b/\n",
			`a.md:3:1: front matter: url: the URL is already set by permalink on line 2; keep one`},
		{"an address is no path", FormatTOML, "url = \"https://example.com/a/\"\n",
			`a.md:2:1: front matter: url: want a path from the site's root such as /about/, not the address "https://example.com/a/"`},
		{"a path out of the site", FormatTOML, "path = \"../../etc\"\n",
			`a.md:2:1: front matter: path: want a path inside the site, not "../../etc"`},
		{"a query", FormatYAML, "url: /a?b\n",
			`a.md:2:1: front matter: url: want a path without ? # \ or control characters, not "/a?b"`},
		{"an unknown token", FormatYAML, "permalink: /:year/:name/\n",
			`a.md:2:1: front matter: permalink: unknown token :name; accrue expands :year :short_year :month :i_month :day :i_day :hour :minute :second :title :slug :categories`},
		{"a taxonomy that is no list", FormatTOML, "[taxonomies]\ntags = 5\n",
			`a.md:2:1: front matter: taxonomies: tags: want a list such as [a, b], not the number 5`},
		{"a bad extra date", FormatTOML, "[extra]\ndate = \"soon\"\n",
			`a.md:2:1: front matter: extra: date: cannot read "soon" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`},
		{"published is a flag", FormatYAML, "published: nope\n",
			`a.md:2:1: front matter: published: want true or false, not the text "nope"`},
		{"an html permalink is a folder", FormatYAML, "permalink: /2024/a.html\n",
			`a.md:2:1: warning: front matter: permalink: accrue publishes each page as a folder, so this one is at /2024/a/ rather than /2024/a.html`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, diags := DecodeFrontMatter([]byte(tt.fm), tt.format, "a.md", 2, berlin)
			if got := diags.Error(); got != tt.want {
				t.Errorf("diagnostics =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
