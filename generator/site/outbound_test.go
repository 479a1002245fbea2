package site_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

func TestOutbound(t *testing.T) {
	t.Parallel()
	const files = `
-- accrue.toml --
title = "Notes"
base_url = "https://notes.example/blog/"
-- content/posts/a.md --
---
title: A
date: 2024-01-01
---
See [x](https://other.example/x), [x again](https://other.example/x),
[http](http://plain.example/), [scheme-less](//cdn.example/y?q=1),
[B](/blog/posts/b/), [self](https://notes.example/blog/posts/a/),
[mail](mailto:a@b.example) and ![pic](https://img.example/p.png).
-- content/posts/b.md --
---
title: B
date: 2024-02-01
---
No links out.
-- content/posts/draft.md --
---
title: Draft
date: 2024-02-02
draft: true
---
[hidden](https://hidden.example/)
`
	src := sitetest.FS(files)
	got, _, err := site.Outbound(context.Background(), src, site.Options{Now: sitetest.Now, Theme: themes.Default(), BaseURL: "http://localhost:1313/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d posts; want 2 (drafts are not published): %+v", len(got), got)
	}
	if got[0].File != "content/posts/b.md" {
		t.Errorf("first post is %s; want the newest, b", got[0].File)
	}
	byFile := map[string]site.OutboundPost{}
	for _, p := range got {
		if p.Version == "" {
			t.Errorf("%s has no version", p.File)
		}
		byFile[p.File] = p
	}
	a := byFile["content/posts/a.md"]
	// The permalink is the published address, whatever --base-url serves.
	if want := "https://notes.example/blog/posts/a/"; a.Permalink != want {
		t.Errorf("permalink = %q; want %q", a.Permalink, want)
	}
	want := []string{"http://plain.example/", "https://cdn.example/y?q=1", "https://img.example/p.png", "https://other.example/x"}
	if !reflect.DeepEqual(a.Links, want) {
		t.Errorf("links = %q; want %q", a.Links, want)
	}
	if b := byFile["content/posts/b.md"]; len(b.Links) != 0 {
		t.Errorf("b links = %q; want none", b.Links)
	}

	// An edit changes the version; the same source keeps it.
	again, _, _ := site.Outbound(context.Background(), src, site.Options{Now: sitetest.Now, Theme: themes.Default()})
	for _, p := range again {
		if p.Version != byFile[p.File].Version {
			t.Errorf("%s: version changed without an edit", p.File)
		}
	}
	src["content/posts/b.md"].Data = []byte("---\ntitle: B\ndate: 2024-02-01\n---\nEdited.\n")
	edited, _, err := site.Outbound(context.Background(), src, site.Options{Now: sitetest.Now, Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range edited {
		if changed := p.Version != byFile[p.File].Version; changed != (p.File == "content/posts/b.md") {
			t.Errorf("%s: version changed = %v after editing b only", p.File, changed)
		}
	}
}
