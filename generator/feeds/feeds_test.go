package feeds

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

var update = flag.Bool("update", false, "update golden files")

var testMeta = Meta{
	Title:       "Compound Notes & Co",
	Link:        "https://blog.example.org/",
	Description: "Notes on <compounding>",
	Author:      "Ada Lovelace",
	AuthorURL:   "https://blog.example.org/about/",
	Language:    "en",
	FeedURL:     "https://blog.example.org/feed.json",
}

var (
	paris = time.FixedZone("CET", 60*60)
	// newestChange is the second item's update: later than every other
	// publication or update, though that item is not first.
	newestChange = time.Date(2024, 4, 1, 8, 30, 0, 0, time.UTC)
)

func testItems() []Item {
	return []Item{
		{
			Title:     "Second thoughts",
			Link:      "https://blog.example.org/posts/second/",
			Summary:   "Why I changed my mind.",
			Content:   `<p>See <a href="https://blog.example.org/posts/first/">the first</a>; a CDATA end ]]> inside.</p>`,
			Published: time.Date(2024, 2, 1, 9, 0, 0, 0, paris),
			Updated:   time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC),
			Author:    "Ada Lovelace",
			Tags:      []string{"money", "writing"},
		},
		{
			Title:     "The first deposit",
			Link:      "https://blog.example.org/posts/first/",
			Summary:   "Where it starts.",
			Content:   `<p>Start <em>early</em>.</p><img src="https://blog.example.org/posts/first/chart.png" alt="chart">`,
			Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			Updated:   newestChange,
			Author:    "Bob",
			Tags:      []string{"money"},
		},
		{
			Title:     "Hello & welcome <3",
			Link:      "https://blog.example.org/posts/hello/",
			Summary:   "A first post.",
			Content:   "<p>Hello.</p>",
			Published: time.Date(2023, 12, 24, 12, 0, 0, 0, time.UTC),
			Author:    "Ada Lovelace",
		},
	}
}

func build(t *testing.T, m Meta, items []Item) Feeds {
	t.Helper()
	f, err := Build(m, items)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return f
}

func parse(t *testing.T, name string, data []byte) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		t.Fatalf("parsing the %s feed: %v\n%s", name, err, data)
	}
	return f
}

func TestBuildGolden(t *testing.T) {
	t.Parallel()
	f := build(t, testMeta, testItems())
	for _, g := range []struct {
		name string
		got  []byte
	}{
		{"basic.rss.golden.xml", f.RSS},
		{"basic.atom.golden.xml", f.Atom},
		{"basic.golden.json", f.JSON},
	} {
		path := filepath.Join("testdata", g.name)
		if *update {
			if err := os.WriteFile(path, g.got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./generator/feeds -run TestBuildGolden -update)", err)
		}
		if !bytes.Equal(g.got, want) {
			t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, g.got, want)
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	t.Parallel()
	a, b := build(t, testMeta, testItems()), build(t, testMeta, testItems())
	if !reflect.DeepEqual(a, b) {
		t.Error("two builds of the same items differ")
	}
}

// wantItem is what every encoding must carry for one item.
type wantItem struct {
	title, link, summary, content string
	published, updated            time.Time
	author                        string
}

func wantItems() []wantItem {
	var out []wantItem
	for _, it := range testItems() {
		w := wantItem{it.Title, it.Link, it.Summary, it.Content, it.Published, it.Updated, it.Author}
		out = append(out, w)
	}
	return out
}

func TestBuildParsesBack(t *testing.T) {
	t.Parallel()
	f := build(t, testMeta, testItems())
	for _, tt := range []struct {
		name, feedType string
		data           []byte
	}{
		{"rss", "rss", f.RSS},
		{"atom", "atom", f.Atom},
		{"json", "json", f.JSON},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			feed := parse(t, tt.name, tt.data)
			if feed.FeedType != tt.feedType {
				t.Errorf("FeedType = %q; want %q", feed.FeedType, tt.feedType)
			}
			if feed.Title != testMeta.Title || feed.Link != testMeta.Link || feed.Description != testMeta.Description {
				t.Errorf("feed title, link, description = %q, %q, %q; want %q, %q, %q",
					feed.Title, feed.Link, feed.Description, testMeta.Title, testMeta.Link, testMeta.Description)
			}
			if tt.name != "atom" && feed.Language != "en" {
				t.Errorf("Language = %q; want en", feed.Language)
			}
			if tt.name != "json" {
				// The feed's own date is the newest change of any item, not
				// the first item's and not the clock.
				if feed.UpdatedParsed == nil || !feed.UpdatedParsed.Equal(newestChange) {
					t.Errorf("feed updated = %v; want %v", feed.UpdatedParsed, newestChange)
				}
			}
			// The RSS channel author is checked in TestBuildRSSManagingEditor.
			if tt.name != "rss" && (len(feed.Authors) != 1 || feed.Authors[0].Name != "Ada Lovelace") {
				t.Errorf("feed authors = %v; want Ada Lovelace", feed.Authors)
			}
			want := wantItems()
			if len(feed.Items) != len(want) {
				t.Fatalf("%d items; want %d", len(feed.Items), len(want))
			}
			for i, w := range want {
				got := feed.Items[i]
				if got.Title != w.title || got.Link != w.link || got.GUID != w.link {
					t.Errorf("item %d title, link, id = %q, %q, %q; want %q, %q, %q", i, got.Title, got.Link, got.GUID, w.title, w.link, w.link)
				}
				if got.Description != w.summary || got.Content != w.content {
					t.Errorf("item %d summary, content = %q, %q; want %q, %q", i, got.Description, got.Content, w.summary, w.content)
				}
				if got.PublishedParsed == nil || !got.PublishedParsed.Equal(w.published) {
					t.Errorf("item %d published = %v; want %v", i, got.PublishedParsed, w.published)
				}
				if len(got.Authors) != 1 || got.Authors[0].Name != w.author {
					t.Errorf("item %d authors = %+v; want %s", i, got.Authors, w.author)
				}
				switch tt.name {
				case "rss":
					// RSS 2.0 has no per-item updated date.
					if got.UpdatedParsed != nil {
						t.Errorf("item %d RSS updated = %v; want none", i, got.UpdatedParsed)
					}
				case "atom":
					// Atom requires <updated>: a post never updated gives
					// its publication date.
					wantUpdated := w.updated
					if wantUpdated.IsZero() {
						wantUpdated = w.published
					}
					if got.UpdatedParsed == nil || !got.UpdatedParsed.Equal(wantUpdated) {
						t.Errorf("item %d updated = %v; want %v", i, got.UpdatedParsed, wantUpdated)
					}
				case "json":
					if w.updated.IsZero() {
						if got.UpdatedParsed != nil {
							t.Errorf("item %d date_modified = %v; want none: never updated", i, got.UpdatedParsed)
						}
					} else if got.UpdatedParsed == nil || !got.UpdatedParsed.Equal(w.updated) {
						t.Errorf("item %d updated = %v; want %v", i, got.UpdatedParsed, w.updated)
					}
					if wantTags := testItems()[i].Tags; !slices.Equal(got.Categories, wantTags) {
						t.Errorf("item %d tags = %q; want %q", i, got.Categories, wantTags)
					}
				}
			}
		})
	}
}

func TestBuildRSSDates(t *testing.T) {
	t.Parallel()
	feed := parse(t, "rss", build(t, testMeta, testItems()).RSS)
	if feed.PublishedParsed == nil || !feed.PublishedParsed.Equal(newestChange) {
		t.Errorf("channel pubDate = %v; want %v", feed.PublishedParsed, newestChange)
	}
	// The offset the author wrote is kept.
	if got := feed.Items[0].Published; got != "Thu, 01 Feb 2024 09:00:00 +0100" {
		t.Errorf("first pubDate = %q; want %q", got, "Thu, 01 Feb 2024 09:00:00 +0100")
	}
}

func TestBuildAtomPublished(t *testing.T) {
	t.Parallel()
	atom := string(build(t, testMeta, testItems()).Atom)
	for _, want := range []string{
		"<published>2024-02-01T09:00:00+01:00</published>",
		"<published>2024-01-01T00:00:00Z</published>",
		"<published>2023-12-24T12:00:00Z</published>",
		"<updated>2024-04-01T08:30:00Z</updated>\n  <subtitle>",
	} {
		if !strings.Contains(atom, want) {
			t.Errorf("Atom lacks %q:\n%s", want, atom)
		}
	}
}

func TestBuildJSONFeed(t *testing.T) {
	t.Parallel()
	var doc map[string]any
	if err := json.Unmarshal(build(t, testMeta, testItems()).JSON, &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"version":       "https://jsonfeed.org/version/1.1",
		"title":         "Compound Notes & Co",
		"language":      "en",
		"home_page_url": "https://blog.example.org/",
		"feed_url":      "https://blog.example.org/feed.json",
		"description":   "Notes on <compounding>",
		// JSON Feed 1.1 replaced "author" with "authors".
		"authors": []any{map[string]any{"name": "Ada Lovelace", "url": "https://blog.example.org/about/"}},
	}
	items, _ := doc["items"].([]any)
	delete(doc, "items")
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("JSON Feed top level =\n%v\nwant\n%v", doc, want)
	}
	if len(items) != 3 {
		t.Fatalf("%d items; want 3", len(items))
	}
	wantItems := []map[string]any{
		{
			"id": "https://blog.example.org/posts/second/", "url": "https://blog.example.org/posts/second/",
			"title": "Second thoughts", "summary": "Why I changed my mind.", "content_html": testItems()[0].Content,
			"date_published": "2024-02-01T09:00:00+01:00", "date_modified": "2024-03-05T10:00:00Z",
			"authors": []any{map[string]any{"name": "Ada Lovelace"}}, "tags": []any{"money", "writing"},
		},
		{
			"id": "https://blog.example.org/posts/first/", "url": "https://blog.example.org/posts/first/",
			"title": "The first deposit", "summary": "Where it starts.", "content_html": testItems()[1].Content,
			"date_published": "2024-01-01T00:00:00Z", "date_modified": "2024-04-01T08:30:00Z",
			"authors": []any{map[string]any{"name": "Bob"}}, "tags": []any{"money"},
		},
		{
			"id": "https://blog.example.org/posts/hello/", "url": "https://blog.example.org/posts/hello/",
			"title": "Hello & welcome <3", "summary": "A first post.", "content_html": "<p>Hello.</p>",
			"date_published": "2023-12-24T12:00:00Z",
			"authors":        []any{map[string]any{"name": "Ada Lovelace"}},
		},
	}
	for i, w := range wantItems {
		if !reflect.DeepEqual(items[i], w) {
			t.Errorf("item %d =\n%v\nwant\n%v", i, items[i], w)
		}
	}
}

func TestBuildFeedUpdated(t *testing.T) {
	t.Parallel()
	// Without any update, the feed's date is the newest publication.
	items := testItems()
	for i := range items {
		items[i].Updated = time.Time{}
	}
	f := build(t, testMeta, items)
	newest := items[0].Published
	for _, enc := range []struct {
		name string
		data []byte
	}{{"rss", f.RSS}, {"atom", f.Atom}} {
		feed := parse(t, enc.name, enc.data)
		if feed.UpdatedParsed == nil || !feed.UpdatedParsed.Equal(newest) {
			t.Errorf("%s feed updated = %v; want %v", enc.name, feed.UpdatedParsed, newest)
		}
	}
	if bytes.Contains(f.JSON, []byte("date_modified")) {
		t.Errorf("JSON Feed has date_modified for posts never updated:\n%s", f.JSON)
	}
}

func TestBuildEmpty(t *testing.T) {
	t.Parallel()
	for _, items := range [][]Item{nil, {}} {
		f := build(t, testMeta, items)
		for _, enc := range []struct {
			name string
			data []byte
		}{{"rss", f.RSS}, {"atom", f.Atom}, {"json", f.JSON}} {
			feed := parse(t, enc.name, enc.data)
			if feed.Title != testMeta.Title || len(feed.Items) != 0 {
				t.Errorf("%s: title %q, %d items; want %q and no items", enc.name, feed.Title, len(feed.Items), testMeta.Title)
			}
		}
		if !bytes.Contains(f.JSON, []byte(`"version": "https://jsonfeed.org/version/1.1"`)) {
			t.Errorf("empty JSON Feed lacks the version:\n%s", f.JSON)
		}
	}
}

func TestBuildEmptyIsValid(t *testing.T) {
	t.Parallel()
	f := build(t, testMeta, nil)
	var doc map[string]any
	if err := json.Unmarshal(f.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	if items, ok := doc["items"].([]any); !ok || len(items) != 0 {
		t.Errorf(`JSON Feed "items" = %v; want []`, doc["items"])
	}
	if bytes.Contains(f.Atom, []byte("<updated></updated>")) {
		t.Errorf("Atom feed has an empty <updated>:\n%s", f.Atom)
	}
}

func TestBuildWithoutAuthors(t *testing.T) {
	t.Parallel()
	m := testMeta
	m.Author, m.AuthorURL = "", ""
	items := testItems()
	for i := range items {
		items[i].Author = ""
	}
	f := build(t, m, items)
	for _, bad := range []string{`"author"`, `"authors"`, "{}"} {
		if bytes.Contains(f.JSON, []byte(bad)) {
			t.Errorf("JSON Feed holds %s:\n%s", bad, f.JSON)
		}
	}
	if bytes.Contains(f.Atom, []byte("<author></author>")) {
		t.Errorf("Atom feed holds an empty author:\n%s", f.Atom)
	}
}

func TestBuildRSSManagingEditor(t *testing.T) {
	t.Parallel()
	rss := build(t, testMeta, testItems()).RSS
	if bytes.Contains(rss, []byte("<managingEditor> (")) {
		t.Errorf("RSS managingEditor holds a name without an email:\n%s", rss)
	}
	if feed := parse(t, "rss", rss); feed.Author != nil && feed.Author.Name != "Ada Lovelace" {
		t.Errorf("RSS feed author reads back as %+v; want Ada Lovelace or no author", *feed.Author)
	}
}
