package site_test

import (
	"strings"
	"testing"

	"github.com/accruehq/accrue/testkit/sitetest"
)

func TestThreadsAreLinkedForReplies(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- content/posts/hello.md --
---
title: Hello
date: 2024-01-01
mastodon: https://mastodon.example/@ann/111222333
bluesky: at://did:plc:abc123/app.bsky.feed.post/3kxyz
---
Body.
-- content/posts/quiet.md --
---
title: Quiet
date: 2024-01-02
---
Body.
`)
	r.AssertFile("posts/hello/index.html",
		`<p class="reply-elsewhere">Reply on <a class="u-syndication" rel="syndication" href="https://mastodon.example/@ann/111222333">Mastodon</a> or <a class="u-syndication" rel="syndication" href="https://bsky.app/profile/did:plc:abc123/post/3kxyz">Bluesky</a></p>`)
	if strings.Contains(r.File("posts/quiet/index.html"), "reply-elsewhere") {
		t.Error("a post with no thread offers to reply elsewhere")
	}
}

func TestThreadMustBeAnAddress(t *testing.T) {
	t.Parallel()
	r := sitetest.TryBuild(t, `
-- content/posts/hello.md --
---
title: Hello
date: 2024-01-01
mastodon: javascript:alert(1)
---
Body.
`)
	if r.Err == nil {
		t.Fatal("a javascript: thread address was accepted")
	}
	if got := r.Diags.Error(); !strings.Contains(got, "content/posts/hello.md:4") || !strings.Contains(got, "mastodon") {
		t.Errorf("error = %q, want it at content/posts/hello.md:4 naming mastodon", got)
	}
}

func TestWebmentionEndpointsAreAnnounced(t *testing.T) {
	t.Parallel()
	post := "-- content/posts/hello.md --\n---\ntitle: Hello\ndate: 2024-01-01\n---\nBody.\n"
	r := sitetest.Build(t, post+"-- accrue.toml --\nbase_url = \"https://blog.example/\"\n[collect.webmentionio]\n")
	r.AssertFile("posts/hello/index.html",
		`<link rel="webmention" href="https://webmention.io/blog.example/webmention">`,
		`<link rel="pingback" href="https://webmention.io/blog.example/xmlrpc">`)
	r = sitetest.Build(t, post+"-- accrue.toml --\nbase_url = \"https://blog.example/\"\n[collect.webmentionio]\ndomain = \"other.example\"\n")
	r.AssertFile("index.html", `<link rel="webmention" href="https://webmention.io/other.example/webmention">`)
	r = sitetest.Build(t, post+"-- accrue.toml --\nbase_url = \"https://blog.example/\"\n")
	if strings.Contains(r.File("posts/hello/index.html"), `rel="webmention"`) {
		t.Error("a site that collects no webmentions announces an endpoint")
	}
}
