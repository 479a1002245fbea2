package dialect

import (
	"strings"
	"testing"
)

func TestIndexLookup(t *testing.T) {
	x := NewIndex(map[string]string{
		"content/posts/2010-07-21-name.md":  "/2010/07/21/name/",
		"content/about.md":                  "/about/",
		"content/blog/post.md":              "/blog/post/",
		"content/blog/bundle/index.md":      "/blog/bundle/",
		"content/notes/post.md":             "/notes/post/",
		"content/posts/2011-01-01_zola.md":  "/posts/zola/",
		"content/docs/install/_index.md":    "/docs/install/",
		"content/posts/2012-02-02-other.md": "/other/",
	})
	for _, tt := range []struct{ target, from, want, err string }{
		{"2010-07-21-name", "", "/2010/07/21/name/", ""},                                        // post_url
		{"_posts/2010-07-21-name.md", "", "/2010/07/21/name/", ""},                              // link
		{"about.md", "", "/about/", ""},                                                         // link
		{"blog/post.md", "", "/blog/post/", ""},                                                 // @/
		{"/blog/post", "", "/blog/post/", ""},                                                   // ref
		{"/blog/post/", "", "/blog/post/", ""},                                                  // ref with a slash
		{"post.md", "content/blog/other.md", "/blog/post/", ""},                                 // relref from its folder
		{"name", "", "/2010/07/21/name/", ""},                                                   // without the date
		{"bundle", "", "/blog/bundle/", ""},                                                     // a bundle by its folder
		{"blog/bundle/index.md", "", "/blog/bundle/", ""},                                       // and by its file
		{"zola.md", "", "/posts/zola/", ""},                                                     // Zola's date_name
		{"docs/install", "", "/docs/install/", ""},                                              // a section
		{"content/posts/2012-02-02-other.md", "", "/other/", ""},                                // from the site root
		{"post.md", "", "", `"post.md" could be content/blog/post.md or content/notes/post.md`}, // ambiguous
		{"missing.md", "", "", `no post or page "missing.md"`},
	} {
		got, err := x.Lookup(tt.target, tt.from)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Lookup(%q, %q) = %q, %v; want %q, %q", tt.target, tt.from, got, err, tt.want, tt.err)
		}
	}
}

func TestResolve(t *testing.T) {
	urls := map[string]string{"a.md": "/a/"}
	lookup := func(target string) (string, bool) { u, ok := urls[target]; return u, ok }
	for _, tt := range []struct{ name, in, want string }{
		{"none", "<p>plain</p>", "<p>plain</p>"},
		{"href", `<a href="` + RefURL("a.md") + `#x">a</a>`, `<a href="/a/#x">a</a>`},
		{"broken", `<a href="` + RefURL("b <\".md") + `">b</a>`, `<a href="#broken-reference:b%20%3C%22.md">b</a>`},
		{"two and text", RefURL("a.md") + " " + RefURL("a.md") + "!", "/a/ /a/!"},
		{"scheme alone", "see " + RefScheme + " here", "see " + RefScheme + " here"},
		{"odd hex", RefScheme + "616", "/a/" + "6"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "odd hex" {
				urls["a"] = "/a/"
			}
			if got := Resolve(tt.in, lookup); got != tt.want {
				t.Errorf("Resolve(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
