package site_test

import (
	"testing"

	"github.com/accruehq/accrue/testkit/sitetest"
)

// TestPermalinkPeerTokens checks the tokens a Jekyll or Hugo blog's
// patterns need, and posts kept in a section other than posts/.
func TestPermalinkPeerTokens(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, pattern, file, front, want string }{
		{"categories", "/:categories/:year/:month/:day/:slug/", "content/blog/2020-01-02-hello.md", "categories: [Go, Web Dev]", "go/web-dev/2020/01/02/hello/index.html"},
		{"filename keeps the file name", "/:year/:filename/", "content/blog/2020-01-02-hello.md", "slug: other", "2020/hello/index.html"},
		{"slugortitle without slug", "/:slugortitle/", "content/blog/2020-01-02-hello.md", "title: Hello, World", "hello-world/index.html"},
		{"slugortitle with slug", "/:slugortitle/", "content/blog/2020-01-02-hello.md", "title: Hello, World\nslug: hi", "hi/index.html"},
		{"path in a section", "/:path/", "content/blog/go/2020-01-02-hello.md", "title: x", "blog/go/hello/index.html"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := sitetest.Build(t, `
-- accrue.toml --
[content]
post_sections = ["blog"]
[permalinks]
posts = "`+tt.pattern+`"
-- `+tt.file+` --
---
`+tt.front+`
---
Text.
`)
			if r.Stats.Posts != 1 {
				t.Fatalf("built %d posts; want 1", r.Stats.Posts)
			}
			r.AssertFile(tt.want, "Text.")
		})
	}
}
