package site_test

import (
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/internal/sitetest"
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
