package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWXRVersions checks that every WXR version reads, with the wp
// namespace on http or https, and CDATA or plain text.
func TestWXRVersions(t *testing.T) {
	for _, tt := range []struct{ name, ns, version, title string }{
		{"1.0 http", "http://wordpress.org/export/1.0/", "1.0", "Plain &amp; simple"},
		{"1.1 http", "http://wordpress.org/export/1.1/", "1.1", "<![CDATA[Plain & simple]]>"},
		{"1.2 http", "http://wordpress.org/export/1.2/", "1.2", "<![CDATA[Plain & simple]]>"},
		{"1.2 https", "https://wordpress.org/export/1.2/", "1.2", "Plain &amp; simple"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := newSite(t)
			src := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="` + tt.ns + `">
<channel><wp:wxr_version>` + tt.version + `</wp:wxr_version>
<item><title>` + tt.title + `</title><content:encoded><![CDATA[Body.]]></content:encoded>
<wp:post_id>1</wp:post_id><wp:post_date_gmt>2020-01-02 03:04:05</wp:post_date_gmt><wp:post_name>plain</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_author>A</wp:comment_author><wp:comment_date_gmt>2020-01-03 00:00:00</wp:comment_date_gmt>
<wp:comment_content>Nice.</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment></item>
</channel></rss>`
			file := filepath.Join(t.TempDir(), "export.xml")
			if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := WordPress(context.Background(), root, file, Options{}); err != nil {
				t.Fatal(err)
			}
			post, err := os.ReadFile(filepath.Join(root, "content/posts/plain/index.md"))
			if err != nil {
				t.Fatal(err)
			}
			want := "---\ntitle: Plain & simple\ndate: 2020-01-02T03:04:05Z\nparams:\n  wordpress_id: 1\n---\n\nBody.\n"
			if string(post) != want {
				t.Errorf("post =\n%s\nwant\n%s", post, want)
			}
			if _, err := os.Stat(filepath.Join(root, "content/posts/plain/comments/20200103T000000Z-wp-2.md")); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestAutop(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"bare paragraphs", "one\ntwo\n\nthree", "<p>one<br>\ntwo</p>\n\n<p>three</p>\n\n"},
		{"blocks kept", "<h2>T</h2>\n\n<ul><li>a</li></ul>", "<h2>T</h2>\n\n<ul><li>a</li></ul>\n\n"},
		{"pre kept whole", "a\n\n<pre>x\n\ny</pre>\n\nb", "<p>a</p>\n\n<pre>x\n\ny</pre>\n\n<p>b</p>\n\n"},
		{"crlf", "a\r\n\r\nb", "<p>a</p>\n\n<p>b</p>\n\n"},
		{"empty", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := autop(tt.in); got != tt.want {
				t.Errorf("autop(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestToMarkdownMore(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"more kept", "Intro.\n\n<!--more-->\n\nRest.", "Intro.\n\n<!--more-->\n\nRest.\n"},
		{"more with text", "Intro.<!--more Read on-->Rest.", "Intro.\n\n<!--more-->\n\nRest.\n"},
		{"more at the end", "Intro.\n\n<!--more-->", "Intro.\n\n<!--more-->\n"},
		{"shortcodes visible", `[embed]https://video.example/1[/embed]`, "\\[embed]https://video.example/1\\[/embed]\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := toMarkdown(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("toMarkdown(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzWordPress checks that no export makes the import panic or plan a
// file outside the site.
func FuzzWordPress(f *testing.F) {
	for _, seed := range []string{"testdata/wordpress/export-1.2.xml", "testdata/wordpress/export-1.1.xml"} {
		src, err := os.ReadFile(seed)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		root := newSite(t)
		file := filepath.Join(t.TempDir(), "export.xml")
		if err := os.WriteFile(file, src, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := WordPress(context.Background(), root, file, Options{}); err != nil {
			if !strings.Contains(err.Error(), "export.xml:") {
				t.Errorf("error without a position: %v", err)
			}
			return
		}
		for _, f := range tree(t, root).Files {
			if f.Name != "accrue.toml" && !strings.HasPrefix(f.Name, "content/") {
				t.Errorf("wrote %s, outside content/", f.Name)
			}
		}
	})
}
