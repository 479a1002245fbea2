package feeds

import (
	"encoding/json"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hostileText are plain-text values that look like markup. A feed must
// carry each one as the text itself: shown literally by a reader that
// reads the field as HTML, never parsed into elements.
var hostileText = []struct{ name, text string }{
	{"img onerror", "<img src=x onerror=alert(1)>"},
	{"escaped markup stays literal", "&lt;b&gt;bold?&lt;/b&gt;"},
	{"script", `Intro <script>alert(document.cookie)</script> outro`},
	{"attribute break-out", `"><svg onload=alert(1)> 'x'`},
	{"CDATA end", "a ]]><script>alert(1)</script> b"},
	{"ampersands", "Tom & Jerry &amp; friends &#60;3 &unknown;"},
	{"comment opener", "<!-- hidden --> <![CDATA[x]]>"},
	{"javascript link", `<a href="javascript:alert(1)">click</a>`},
	{"no markup", "Just words, and a < b > c."},
}

// textFeeds builds feeds whose every text field holds s.
func textFeeds(t *testing.T, s string) Feeds {
	t.Helper()
	m := Meta{
		Title: s, Link: "https://blog.example.org/", Description: s, Author: s,
		AuthorURL: "https://blog.example.org/about/", Language: "en", FeedURL: "https://blog.example.org/feed.json",
	}
	items := []Item{{
		Title:     s,
		Link:      "https://blog.example.org/posts/x/",
		Summary:   s,
		Content:   "<p>Body.</p>",
		Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		Author:    s,
		Tags:      []string{s, "plain"},
	}}
	return build(t, m, items)
}

// htmlText parses fragment as HTML in a <div>, the way a reader fills an
// element with innerHTML, and returns its text; it fails the test if the
// fragment holds any element.
func htmlText(t *testing.T, where, fragment string) string {
	t.Helper()
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		t.Fatalf("%s: parsing %q as HTML: %v", where, fragment, err)
	}
	var b strings.Builder
	for _, n := range nodes {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			t.Errorf("%s: %q is HTML with a <%s> element; want text", where, fragment, n.Data)
		case html.CommentNode:
			t.Errorf("%s: %q is HTML with a comment; want text", where, fragment)
		}
	}
	return b.String()
}

// rssAuthor returns the text of the first item's <author>.
func rssAuthor(t *testing.T, data []byte) string {
	t.Helper()
	var doc struct {
		Items []struct {
			Author string `xml:"author"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil || len(doc.Items) == 0 {
		t.Fatalf("reading the RSS item author: %v, %d items", err, len(doc.Items))
	}
	return doc.Items[0].Author
}

// jsonAuthor returns the name of the first item's first author.
func jsonAuthor(t *testing.T, data []byte) string {
	t.Helper()
	var doc struct {
		Items []struct {
			Authors []struct{ Name string }
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Items) == 0 || len(doc.Items[0].Authors) == 0 {
		t.Fatalf("reading the JSON Feed item author: %v\n%s", err, data)
	}
	return doc.Items[0].Authors[0].Name
}

func TestBuildTextFields(t *testing.T) {
	t.Parallel()
	for _, tt := range hostileText {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := tt.text
			f := textFeeds(t, s)
			for _, enc := range []struct {
				name string
				data []byte
			}{{"rss", f.RSS}, {"atom", f.Atom}, {"json", f.JSON}} {
				feed := parse(t, enc.name, enc.data)
				text := func(field, got string) {
					t.Helper()
					if got != s {
						t.Errorf("%s %s = %q; want the text %q", enc.name, field, got, s)
					}
				}
				text("feed title", feed.Title)
				text("feed description", feed.Description)
				if len(feed.Items) != 1 {
					t.Fatalf("%s: %d items; want 1", enc.name, len(feed.Items))
				}
				it := feed.Items[0]
				text("item title", it.Title)
				// The post's own HTML is left as it is.
				if it.Content != "<p>Body.</p>" {
					t.Errorf("%s item content = %q; want %q", enc.name, it.Content, "<p>Body.</p>")
				}
				switch {
				// gofeed reads RSS's <author> as an address and a JSON
				// Feed author's name as "Name <address>".
				case enc.name == "rss":
					text("item author", rssAuthor(t, enc.data))
				case enc.name == "json":
					text("item author", jsonAuthor(t, enc.data))
				case len(it.Authors) != 1:
					t.Errorf("%s item authors = %+v; want one", enc.name, it.Authors)
				default:
					text("item author", it.Authors[0].Name)
				}
				// RSS <description> and Atom <summary type="html"> are read
				// as HTML; JSON Feed's summary is plain text.
				if enc.name == "json" {
					text("item summary", it.Description)
					if !slices.Equal(it.Categories, []string{s, "plain"}) {
						t.Errorf("json tags = %q; want %q", it.Categories, []string{s, "plain"})
					}
				} else {
					text("item summary as HTML", htmlText(t, enc.name+" item summary", it.Description))
				}
			}
		})
	}
}

// TestBuildSummaryInlineCode is the case a post's first paragraph makes
// when it shows markup as code: the summary is the code's text.
func TestBuildSummaryInlineCode(t *testing.T) {
	t.Parallel()
	const s = "Never write <img src=x onerror=alert(1)> in a template."
	f := textFeeds(t, s)
	if strings.Contains(string(f.RSS), "<img") || strings.Contains(string(f.Atom), "<img") {
		t.Errorf("a summary wrote a raw <img> into a feed:\n%s\n%s", f.RSS, f.Atom)
	}
	for _, enc := range []struct {
		name string
		data []byte
	}{{"rss", f.RSS}, {"atom", f.Atom}} {
		got := parse(t, enc.name, enc.data).Items[0].Description
		if want := "Never write &lt;img src=x onerror=alert(1)&gt; in a template."; got != want {
			t.Errorf("%s summary = %q; want %q", enc.name, got, want)
		}
	}
	var doc struct {
		Items []struct{ Summary string }
	}
	if err := json.Unmarshal(f.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) != 1 || doc.Items[0].Summary != s {
		t.Errorf("JSON Feed items = %+v; want one with the summary %q", doc.Items, s)
	}
}

// TestBuildInvalidXMLCharacters checks that text XML cannot carry (NUL,
// other C0 controls) still gives well-formed feeds, each showing a
// replacement character where the control was.
func TestBuildInvalidXMLCharacters(t *testing.T) {
	t.Parallel()
	const s = "java\x00script:\x0calert(1)\x1b <b\x00>"
	const want = "java\uFFFDscript:\uFFFDalert(1)\uFFFD <b\uFFFD>"
	f := textFeeds(t, s)
	for _, enc := range []struct {
		name string
		data []byte
	}{{"rss", f.RSS}, {"atom", f.Atom}} {
		feed := parse(t, enc.name, enc.data)
		if feed.Title != want || feed.Items[0].Title != want {
			t.Errorf("%s titles = %q, %q; want %q", enc.name, feed.Title, feed.Items[0].Title, want)
		}
		if got := htmlText(t, enc.name+" summary", feed.Items[0].Description); got != want {
			t.Errorf("%s summary = %q; want %q", enc.name, got, want)
		}
	}
	if feed := parse(t, "json", f.JSON); feed.Items[0].Description != s {
		t.Errorf("json summary = %q; want %q", feed.Items[0].Description, s)
	}
}

// TestBuildContentControlCharacters checks that a post whose HTML holds
// characters XML cannot carry (a code block showing a NUL, a form feed,
// bytes that are not UTF-8) still gives feeds every reader can parse.
func TestBuildContentControlCharacters(t *testing.T) {
	t.Parallel()
	items := testItems()
	items[0].Content = "<pre><code>a\x00b\x01c\x0cd\x1be\uFFFEf\xffg ]]> h</code></pre>"
	const want = "<pre><code>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg ]]> h</code></pre>"
	f := build(t, testMeta, items)
	for _, enc := range []struct {
		name string
		data []byte
	}{{"rss", f.RSS}, {"atom", f.Atom}, {"json", f.JSON}} {
		if got := parse(t, enc.name, enc.data).Items[0].Content; got != want {
			t.Errorf("%s content = %q; want %q", enc.name, got, want)
		}
	}
}
