package collect

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkCollectWebmentionIO collects 10,000 mentions of 200 posts from
// a paginated webmention.io on loopback (100 pages of 100) and writes
// their files: a first run, which creates every file, then a second,
// which finds every file unchanged. The network here is loopback, so the
// time is accrue's own.
func BenchmarkCollectWebmentionIO(b *testing.B) {
	const posts, mentions = 200, 10_000
	var ps []Post
	for i := range posts {
		u := fmt.Sprintf("https://blog.example/posts/p%d/", i)
		ps = append(ps, Post{File: fmt.Sprintf("content/posts/p%d.md", i), Folder: fmt.Sprintf("content/posts/p%d", i), URLs: []string{u}})
	}
	kinds := []string{"in-reply-to", "like-of", "repost-of", "mention-of", "bookmark-of"}
	fake := &fakeWebmentionIO{}
	for id := 1; id <= mentions; id++ {
		html := ""
		if id%5 == 0 || id%5 == 3 {
			html = fmt.Sprintf("<p>Reply number %d, with a <a href=\"https://readers.example/%d\">link</a> and <em>some</em> words.</p>", id, id)
		}
		fake.entries = append(fake.entries, wmEntry(id, kinds[id%len(kinds)], ps[id%posts].URLs[0], html))
	}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	var sl sleeps
	collect := func(w *Writer) Report {
		src := &WebmentionIO{Client: testClient(&sl), BaseURL: srv.URL, Token: "T0KEN"}
		items, err := src.Fetch(context.Background(), ps)
		if err != nil {
			b.Fatal(err)
		}
		r, err := w.Write(src.Name(), ps, items)
		if err != nil {
			b.Fatal(err)
		}
		return r
	}
	var first, second time.Duration
	for b.Loop() {
		w := &Writer{Root: b.TempDir(), Status: "approved", Now: now}
		start := time.Now()
		r := collect(w)
		first += time.Since(start)
		if len(r.Unmatched) != 0 || counts(r) != fmt.Sprintf("created %d, updated 0, unchanged 0, withdrawn 0, kept 0, unmatched 0", mentions) {
			b.Fatalf("first run: %s", counts(r))
		}
		start = time.Now()
		r = collect(w)
		second += time.Since(start)
		if counts(r) != fmt.Sprintf("created 0, updated 0, unchanged %d, withdrawn 0, kept 0, unmatched 0", mentions) {
			b.Fatalf("second run: %s", counts(r))
		}
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "first-s/op")
	b.ReportMetric(second.Seconds()/float64(b.N), "second-s/op")
}
