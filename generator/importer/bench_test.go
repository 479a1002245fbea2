package importer

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// writeLargeWXR writes a WordPress export of posts posts with
// commentsPer comments each, every other one a reply, with paragraphs,
// links, a shortcode and code, as a real blog's export has.
func writeLargeWXR(tb testing.TB, file string, posts, commentsPer int) {
	tb.Helper()
	f, err := os.Create(file)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version>
`)
	cid := 0
	for i := range posts {
		fmt.Fprintf(w, `<item><title><![CDATA[Post number %d]]></title>
<link>https://old.example.com/%d/01/post-%d/</link>
<content:encoded><![CDATA[First paragraph of post %d with <strong>bold</strong> and <a href="https://example.org/%d">a link</a>.
A second line.

Second paragraph, a bit longer, about compound interest and why writing every week adds up over the years.

<!--more-->

[caption id="attachment_%d" width="300"]<img src="https://old.example.com/img/%d.png" alt="Chart" /> A chart[/caption]

<pre><code>value = principal * (1 + rate)^years</code></pre>

<ul><li>one</li><li>two</li></ul>]]></content:encoded>
<wp:post_id>%d</wp:post_id><wp:post_date>2019-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2019-01-01 09:00:00</wp:post_date_gmt>
<wp:post_name>post-%d</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="post_tag" nicename="money"><![CDATA[money]]></category>
`, i, 2000+i%20, i, i, i, i, i, i+1, i)
		for j := range commentsPer {
			cid++
			parent := 0
			if j%2 == 1 {
				parent = cid - 1
			}
			fmt.Fprintf(w, `<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[Reader %d]]></wp:comment_author>
<wp:comment_author_url>https://reader%d.example/</wp:comment_author_url><wp:comment_date>2019-02-01 10:00:00</wp:comment_date><wp:comment_date_gmt>2019-02-01 09:%02d:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Thanks for post %d. I <em>agree</em> with most of it.

Another paragraph of the comment.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>%d</wp:comment_parent></wp:comment>
`, cid, j, j, j, i, parent)
		}
		fmt.Fprint(w, "</item>\n")
	}
	fmt.Fprint(w, "</channel></rss>\n")
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkWordPress imports a 5,000-post export with 50,000 comments
// into an empty site. The target is under 10 s an import:
//
//	go test ./generator/importer -run XXX -bench . -benchtime 1x
func BenchmarkWordPress(b *testing.B) {
	dir := b.TempDir()
	export := filepath.Join(dir, "export.xml")
	writeLargeWXR(b, export, 5000, 10)
	st, _ := os.Stat(export)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		root := filepath.Join(b.TempDir(), "site")
		if err := os.MkdirAll(root, 0o755); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := WordPress(context.Background(), root, export, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if n := res.Written(); n != 55000 {
			b.Fatalf("wrote %d files; want 55000", n)
		}
	}
}
