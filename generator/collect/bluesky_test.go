package collect

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeAppView answers the Bluesky AppView's XRPC methods as the lexicons
// describe them.
type fakeAppView struct {
	mu      sync.Mutex
	replies []map[string]any // the root's replies, nested
	likes   []map[string]any
	limited int // answer getLikes this many times with 429 first
}

const rootURI = "at://did:plc:me/app.bsky.feed.post/3kroot"

func (f *fakeAppView) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := r.URL.Query()
	w.Header().Set("Content-Type", "application/json")
	fail := func(code int, name, msg string) {
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(map[string]string{"error": name, "message": msg})
	}
	switch r.URL.Path {
	case "/xrpc/com.atproto.identity.resolveHandle":
		if q.Get("handle") != "me.example" {
			fail(400, "InvalidRequest", "Unable to resolve handle")
			return
		}
		fmt.Fprint(w, `{"did":"did:plc:me"}`)
	case "/xrpc/app.bsky.feed.getPostThread":
		if q.Get("uri") != rootURI {
			fail(400, "NotFound", "Post not found: "+q.Get("uri"))
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"thread": map[string]any{
			"$type": "app.bsky.feed.defs#threadViewPost", "post": bskyPostJSON("did:plc:me", "me.example", "3kroot", "The post."), "replies": f.replies}})
	case "/xrpc/app.bsky.feed.getLikes":
		if f.limited > 0 {
			f.limited--
			w.Header().Set("Retry-After", "3")
			fail(429, "RateLimitExceeded", "Rate Limit Exceeded")
			return
		}
		// One like a page, with a cursor to the next.
		i := 0
		fmt.Sscan(q.Get("cursor"), &i)
		out := map[string]any{"uri": q.Get("uri"), "likes": []any{}}
		if i < len(f.likes) {
			out["likes"] = []any{f.likes[i]}
			out["cursor"] = fmt.Sprint(i + 1)
		}
		json.NewEncoder(w).Encode(out)
	case "/xrpc/app.bsky.feed.getRepostedBy":
		json.NewEncoder(w).Encode(map[string]any{"uri": q.Get("uri"), "repostedBy": []any{bskyActorJSON("did:plc:cy", "cy.example")}})
	default:
		fail(404, "MethodNotImplemented", "no such method")
	}
}

func bskyActorJSON(did, handle string) map[string]any {
	return map[string]any{"did": did, "handle": handle, "displayName": strings.TrimSuffix(handle, ".example"), "avatar": "https://cdn.example/" + handle + ".jpg"}
}

func bskyPostJSON(did, handle, rkey, text string) map[string]any {
	return map[string]any{"uri": "at://" + did + "/app.bsky.feed.post/" + rkey, "cid": "bafy" + rkey, "author": bskyActorJSON(did, handle),
		"record": map[string]any{"$type": "app.bsky.feed.post", "text": text, "createdAt": "2025-09-20T10:00:00.000Z"}, "indexedAt": "2025-09-20T10:00:01.000Z"}
}

func bskyReply(did, handle, rkey, text string, replies ...map[string]any) map[string]any {
	return map[string]any{"$type": "app.bsky.feed.defs#threadViewPost", "post": bskyPostJSON(did, handle, rkey, text), "replies": append([]map[string]any{}, replies...)}
}

// bskyLinked gives a reply's text a link facet, as the Bluesky app makes
// one for a URL it shortens.
func bskyLinked(reply map[string]any, start, end int, uri string) map[string]any {
	rec := reply["post"].(map[string]any)["record"].(map[string]any)
	rec["facets"] = []any{map[string]any{"index": map[string]any{"byteStart": start, "byteEnd": end},
		"features": []any{map[string]any{"$type": "app.bsky.richtext.facet#link", "uri": uri}}}}
	return reply
}

func TestBluesky(t *testing.T) {
	fake := &fakeAppView{limited: 1,
		replies: []map[string]any{
			bskyReply("did:plc:ann", "ann.example", "3kann", "Good <one> & *true*.", bskyLinked(bskyReply("did:plc:ben", "ben.example", "3kben", "Agreed, see example.org/more-on-th..."), 12, 37, "https://example.org/more-on-this?from=bsky")),
			{"$type": "app.bsky.feed.defs#blockedPost", "uri": "at://did:plc:x/app.bsky.feed.post/3kx", "blocked": true},
		},
		likes: []map[string]any{
			{"createdAt": "2025-09-21T00:00:00Z", "indexedAt": "2025-09-21T00:00:01Z", "actor": bskyActorJSON("did:plc:ann", "ann.example")},
			{"createdAt": "2025-09-22T00:00:00Z", "indexedAt": "2025-09-22T00:00:01Z", "actor": bskyActorJSON("did:plc:ben", "ben.example")},
		},
	}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	posts := testPosts("")
	posts[0].Bluesky = "https://bsky.app/profile/me.example/post/3kroot"
	posts[1].Bluesky = "at://did:plc:me/app.bsky.feed.post/3kgone"
	root := t.TempDir()
	var sl sleeps
	w := &Writer{Root: root, Status: "pending", Now: now}
	run := func() Report {
		t.Helper()
		src := &Bluesky{Client: testClient(&sl), BaseURL: srv.URL, Likes: true, Reposts: true}
		f, err := src.Fetch(context.Background(), posts)
		if err == nil || !strings.Contains(err.Error(), `content/posts/other/index.md: `+srv.URL+`/xrpc/app.bsky.feed.getPostThread: HTTP 400: {"error":"NotFound","message":"Post not found: at://did:plc:me/app.bsky.feed.post/3kgone"}`) {
			t.Errorf("error = %v; want the failing post named with the service's error", err)
		}
		r, err := w.Write(src.Name(), posts, f)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := run()
	if got := counts(r); got != "created 5, updated 0, unchanged 0, withdrawn 0, kept 0, unmatched 0" {
		t.Errorf("first run: %s\n%+v", got, r.Changes)
	}
	if fmt.Sprint(sl.d) != fmt.Sprint([]time.Duration{3 * time.Second}) {
		t.Errorf("waits = %v; want 3s after the 429", sl.d)
	}
	// Ann edits nothing (Bluesky posts cannot be edited) but deletes her
	// reply: it and Ben's answer to it are gone from the thread.
	fake.replies[0] = map[string]any{"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://did:plc:ann/app.bsky.feed.post/3kann", "notFound": true}
	r = run()
	if got := counts(r); got != "created 0, updated 0, unchanged 3, withdrawn 2, kept 0, unmatched 0" {
		t.Errorf("second run: %s\n%+v", got, r.Changes)
	}
	golden(t, root, "testdata/bluesky.golden.txtar")
	r = run()
	if got := counts(r); got != "created 0, updated 0, unchanged 3, withdrawn 0, kept 0, unmatched 0" {
		t.Errorf("third run: %s", got)
	}
	load(t, root, "content/posts/hello", posts[0].URLs)
}

func TestFacetHTML(t *testing.T) {
	facet := func(start, end int, typ, key, value string) bskyFacet {
		var f bskyFacet
		f.Index.ByteStart, f.Index.ByteEnd = start, end
		f.Features = append(f.Features, struct {
			Type string `json:"$type"`
			URI  string `json:"uri"`
			DID  string `json:"did"`
			Tag  string `json:"tag"`
		}{Type: "app.bsky.richtext.facet#" + typ})
		switch key {
		case "uri":
			f.Features[0].URI = value
		case "did":
			f.Features[0].DID = value
		case "tag":
			f.Features[0].Tag = value
		}
		return f
	}
	link := "read example.org/a-long-pa... now"
	emoji := "🎉 look"
	for _, c := range []struct {
		name, text string
		facets     []bskyFacet
		want       string
	}{
		{"no facets", "a <b> & c\n\nnext\nline", nil, "<p>a &lt;b&gt; &amp; c</p><p>next<br>line</p>"},
		{"link text shortened, URI whole", link, []bskyFacet{facet(5, 29, "link", "uri", "https://example.org/a-long-path?q=1&r=2")},
			`<p>read <a href="https://example.org/a-long-path?q=1&amp;r=2">example.org/a-long-pa...</a> now</p>`},
		{"mention", "hi @ann.example", []bskyFacet{facet(3, 15, "mention", "did", "did:plc:ann")},
			`<p>hi <a href="https://bsky.app/profile/did:plc:ann">@ann.example</a></p>`},
		{"hashtag", "so #golang", []bskyFacet{facet(3, 10, "tag", "tag", "golang")},
			`<p>so <a href="https://bsky.app/hashtag/golang">#golang</a></p>`},
		{"byte offsets after an emoji", emoji, []bskyFacet{facet(5, 9, "link", "uri", "https://x.example/")},
			`<p>🎉 <a href="https://x.example/">look</a></p>`},
		{"facets out of order", "a b", []bskyFacet{facet(2, 3, "tag", "tag", "b"), facet(0, 1, "tag", "tag", "a")},
			`<p><a href="https://bsky.app/hashtag/a">a</a> <a href="https://bsky.app/hashtag/b">b</a></p>`},
		{"javascript: stays text", "click me", []bskyFacet{facet(0, 5, "link", "uri", "javascript:alert(1)")}, "<p>click me</p>"},
		{"overlap: the first wins", "abcdef", []bskyFacet{facet(0, 4, "tag", "tag", "x"), facet(2, 6, "tag", "tag", "y")},
			`<p><a href="https://bsky.app/hashtag/x">abcd</a>ef</p>`},
		{"outside the text", "short", []bskyFacet{facet(2, 99, "tag", "tag", "x"), facet(-1, 2, "tag", "tag", "y")}, "<p>short</p>"},
		{"splits a character", emoji, []bskyFacet{facet(1, 6, "tag", "tag", "x")}, "<p>🎉 look</p>"},
		{"a link's text with a quote", `say "hi"`, []bskyFacet{facet(4, 8, "link", "uri", `https://x.example/"><script>`)},
			`<p>say <a href="https://x.example/%22%3E%3Cscript%3E">&#34;hi&#34;</a></p>`},
		{"empty", "  ", nil, ""},
		{"blank lines and spaces between paragraphs", "a\r\n\r\n\r\n  b \n\n", []bskyFacet{facet(9, 10, "tag", "tag", "b")},
			`<p>a</p><p><a href="https://bsky.app/hashtag/b">b</a></p>`},
	} {
		if got := facetHTML(c.text, c.facets); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
		// Without facets, a reply reads as a webmention.io text does.
		if got, want := facetHTML(c.text, nil), textHTML(c.text); got != want {
			t.Errorf("%s: facetHTML without facets = %s; textHTML = %s", c.name, got, want)
		}
	}
}
