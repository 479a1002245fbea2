package site_test

import (
	"strings"
	"testing"

	"github.com/accruehq/accrue/testkit/sitetest"
)

const communitySite = `
-- accrue.toml --
title = "Notes"
base_url = "https://notes.example/"
author = "Ada"
[community]
enabled = true
-- content/posts/a.md --
---
title: A
date: 2024-01-01
---
Hello.
-- content/posts/a/comments/20240102T100000Z-c1.md --
---
author: Grace
author_url: https://grace.example/
date: 2024-01-02T10:00:00Z
status: approved
---
Nice.
-- content/posts/a/comments/20240103T100000Z-c2.md --
---
author: Grace
author_url: https://grace.example/
date: 2024-01-03T10:00:00Z
status: approved
---
Again.
-- content/posts/a/comments/20240104T100000Z-c3.md --
---
author: <b>Mallory</b>
date: 2024-01-04T10:00:00Z
status: approved
---
Hi.
-- content/posts/a/comments/20240105T100000Z-c4.md --
---
author: Ada
date: 2024-01-05T10:00:00Z
reply_to: c1
status: approved
---
Thanks.
`

// [community] enabled writes a page that credits the readers who
// deposited most, linked to their sites, and puts it in the menu; the
// author's own replies do not make her a champion.
func TestCommunityPage(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, communitySite)
	page := r.File("community/index.html")
	for _, want := range []string{
		`<a class="p-name u-url" href="https://grace.example/" rel="ugc">Grace</a> <span class="champion-site">grace.example</span>`,
		`2 contributions to 1 post, since <time datetime="2024-01-02T10:00:00Z">January 2024</time>`,
		`<span class="p-name">&lt;b&gt;Mallory&lt;/b&gt;</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("community page lacks %s:\n%s", want, page)
		}
	}
	list := page[strings.Index(page, `<ol class="champions">`):]
	list = list[:strings.Index(list, "</ol>")]
	if strings.Contains(list, `>Ada<`) {
		t.Error("the author is listed among her own blog's champions")
	}
	if strings.Index(page, "Grace") > strings.Index(page, "Mallory") {
		t.Error("champions are not listed most first")
	}
	r.AssertFile("index.html", `<a href="/community/">Community</a>`)

	off := sitetest.Build(t, strings.Replace(communitySite, "enabled = true", "enabled = false", 1))
	off.AssertNoFile("community/index.html")
	if strings.Contains(off.File("index.html"), "/community/") {
		t.Error("the menu links to a community page that is not there")
	}
}
