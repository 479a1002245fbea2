package site_test

import (
	"strings"
	"testing"

	"github.com/accruehq/accrue/testkit/sitetest"
)

// One build reports every problem: a broken post does not hide a broken
// comment on another post, nor a clash of URLs.
func TestOneBuildReportsEveryProblem(t *testing.T) {
	r := sitetest.TryBuild(t, `
-- content/posts/broken.md --
---
title: Broken
date: not a date
---
Body.
-- content/posts/fine/index.md --
---
title: Fine
date: 2024-01-01
---
Body.
-- content/posts/fine/comments/20240102T100000Z-ann.md --
---
author: Ann
date: 2024-01-02T10:00:00Z
status: maybe
---
Nice.
`)
	if r.Err == nil {
		t.Fatal("a build with errors succeeded")
	}
	var files []string
	for _, d := range r.Diags.Errors() {
		files = append(files, d.Pos.File)
	}
	got := strings.Join(files, " ")
	for _, want := range []string{"content/posts/broken.md", "content/posts/fine/comments/20240102T100000Z-ann.md"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors name %q; want %s among them:\n%s", got, want, r.Diags.Error())
		}
	}
}

// A body the renderer refuses is reported at the line of the file, front
// matter counted, not at the line of the body.
func TestBodyErrorsPointIntoTheFile(t *testing.T) {
	r := sitetest.TryBuild(t, `
-- content/posts/deep.md --
---
title: Deep
date: 2024-01-01
---
First paragraph.

`+strings.Repeat(">", 200)+` too deep
`)
	if r.Err == nil {
		t.Fatal("a build of 200 nested quotes succeeded")
	}
	errs := r.Diags.Errors()
	if len(errs) != 1 {
		t.Fatalf("got %d errors, want 1:\n%s", len(errs), r.Diags.Error())
	}
	if p := errs[0].Pos; p.File != "content/posts/deep.md" || p.Line != 7 || p.Col == 0 {
		t.Errorf("error at %s, want content/posts/deep.md:7:<column>\n%s", p, errs[0])
	}
	if !strings.Contains(errs[0].Msg, "nest deeper") {
		t.Errorf("message %q does not say what is wrong", errs[0].Msg)
	}
}
