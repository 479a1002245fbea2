package collect

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Bluesky collects the replies, likes and reposts of the Bluesky posts
// that posts name in front matter (bluesky: https://bsky.app/profile/HANDLE/post/RKEY,
// or an at:// URI), through a public AppView:
//
//	GET /xrpc/com.atproto.identity.resolveHandle?handle=H         {"did"}
//	GET /xrpc/app.bsky.feed.getPostThread?uri=U&depth=D           the thread, replies nested
//	GET /xrpc/app.bsky.feed.getLikes?uri=U&limit=100&cursor=C     {"likes":[{createdAt, actor}], "cursor"}
//	GET /xrpc/app.bsky.feed.getRepostedBy?uri=U&limit=100&cursor=C {"repostedBy":[actor], "cursor"}
//
// Replies are plain text, escaped as such, with the links, mentions and
// hashtags their rich-text facets mark made links (facetHTML). Replies that are deleted
// (#notFoundPost) or hidden by a block (#blockedPost) are left out, and
// so is what answers them. The result is complete for each post that
// worked.
type Bluesky struct {
	Client         *Client
	BaseURL        string // https://public.api.bsky.app
	Likes, Reposts bool
}

var _ Source = (*Bluesky)(nil)

func (b *Bluesky) Name() string { return "bluesky" }

type bskyActor struct {
	DID         string `json:"did"`
	Handle      string `json:"handle"`
	DisplayName string `json:"displayName"`
	Avatar      string `json:"avatar"`
}

type bskyThread struct {
	Type string `json:"$type"`
	Post *struct {
		URI    string    `json:"uri"`
		Author bskyActor `json:"author"`
		Record struct {
			Text      string      `json:"text"`
			Facets    []bskyFacet `json:"facets"`
			CreatedAt string      `json:"createdAt"`
		} `json:"record"`
		IndexedAt string `json:"indexedAt"`
	} `json:"post"`
	Replies []bskyThread `json:"replies"`
}

// threadDepth is how deep a thread is read; the AppView allows 1000.
const threadDepth = 100

var (
	bskyWeb = regexp.MustCompile(`^/profile/([^/]+)/post/([a-z0-9]+)/?$`)
	bskyAt  = regexp.MustCompile(`^at://([^/]+)/app\.bsky\.feed\.post/([a-z0-9]+)$`)
)

func (b *Bluesky) Fetch(ctx context.Context, posts []Post) (Fetched, error) {
	return fetchEach(ctx, posts, func(p Post) string { return p.Bluesky }, b.fetchPost)
}

func (b *Bluesky) xrpc(method string, q url.Values) string {
	return strings.TrimSuffix(b.BaseURL, "/") + "/xrpc/" + method + "?" + q.Encode()
}

// postURI turns the front matter's address into an at:// URI.
func (b *Bluesky) postURI(ctx context.Context, s string) (string, error) {
	s = strings.TrimSpace(s)
	if m := bskyAt.FindStringSubmatch(s); m != nil {
		return s, nil
	}
	u, err := url.Parse(s)
	var m []string
	if err == nil {
		m = bskyWeb.FindStringSubmatch(u.Path)
	}
	if m == nil {
		return "", fmt.Errorf("bluesky: %q is not a post's address; want https://bsky.app/profile/HANDLE/post/RKEY or at://DID/app.bsky.feed.post/RKEY", s)
	}
	did := m[1]
	if !strings.HasPrefix(did, "did:") {
		body, _, err := b.Client.Do(ctx, get(b.xrpc("com.atproto.identity.resolveHandle", url.Values{"handle": {did}})))
		if err != nil {
			return "", err
		}
		var r struct {
			DID string `json:"did"`
		}
		if err := json.Unmarshal(body, &r); err != nil || !strings.HasPrefix(r.DID, "did:") {
			return "", fmt.Errorf("bluesky: resolving %s gave no DID", did)
		}
		did = r.DID
	}
	return "at://" + did + "/app.bsky.feed.post/" + m[2], nil
}

func (b *Bluesky) fetchPost(ctx context.Context, p Post) ([]Item, error) {
	uri, err := b.postURI(ctx, p.Bluesky)
	if err != nil {
		return nil, err
	}
	body, _, err := b.Client.Do(ctx, get(b.xrpc("app.bsky.feed.getPostThread", url.Values{"uri": {uri}, "depth": {fmt.Sprint(threadDepth)}})))
	if err != nil {
		return nil, err
	}
	var r struct {
		Thread bskyThread `json:"thread"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("getPostThread: not a thread: %v", err)
	}
	if r.Thread.Type != "app.bsky.feed.defs#threadViewPost" || r.Thread.Post == nil {
		return nil, fmt.Errorf("bluesky: %s is %s", uri, strings.TrimPrefix(r.Thread.Type, "app.bsky.feed.defs#"))
	}
	var items []Item
	var walk func(t bskyThread, parent string)
	walk = func(t bskyThread, parent string) {
		for _, c := range t.Replies {
			if c.Type != "app.bsky.feed.defs#threadViewPost" || c.Post == nil {
				continue
			}
			m := bskyAt.FindStringSubmatch(c.Post.URI)
			if m == nil {
				continue
			}
			id := "bluesky-" + m[2] + "-" + shortHash(m[1])
			items = append(items, Item{
				Source: "bluesky", RemoteID: c.Post.URI, RemoteURL: bskyPostURL(c.Post.Author, m[2]), Target: p.URLs[0], Post: p.File,
				Kind: KindReply, Author: bskyAuthor(c.Post.Author), Published: parseTime(c.Post.Record.CreatedAt),
				Received: parseTime(c.Post.IndexedAt), HTML: facetHTML(c.Post.Record.Text, c.Post.Record.Facets), ReplyTo: parent, FileID: id,
			})
			walk(c, id)
		}
	}
	walk(r.Thread, "")
	web := bskyPostURL(r.Thread.Post.Author, uri[strings.LastIndex(uri, "/")+1:])
	if b.Likes {
		err := b.pages(ctx, "app.bsky.feed.getLikes", uri, func(body []byte) (int, string, error) {
			var r struct {
				Likes []struct {
					CreatedAt string    `json:"createdAt"`
					IndexedAt string    `json:"indexedAt"`
					Actor     bskyActor `json:"actor"`
				} `json:"likes"`
				Cursor string `json:"cursor"`
			}
			err := json.Unmarshal(body, &r)
			for _, l := range r.Likes {
				items = append(items, Item{Source: "bluesky", RemoteID: "liked-by-" + l.Actor.DID, RemoteURL: web + "#liked-by-" + l.Actor.DID,
					Target: p.URLs[0], Post: p.File, Kind: KindLike, Author: bskyAuthor(l.Actor),
					Published: parseTime(l.CreatedAt), Received: parseTime(l.IndexedAt), FileID: "bluesky-like-" + shortHash(l.Actor.DID)})
			}
			return len(r.Likes), r.Cursor, err
		})
		if err != nil {
			return nil, err
		}
	}
	if b.Reposts {
		err := b.pages(ctx, "app.bsky.feed.getRepostedBy", uri, func(body []byte) (int, string, error) {
			var r struct {
				RepostedBy []bskyActor `json:"repostedBy"`
				Cursor     string      `json:"cursor"`
			}
			err := json.Unmarshal(body, &r)
			for _, a := range r.RepostedBy {
				items = append(items, Item{Source: "bluesky", RemoteID: "reposted-by-" + a.DID, RemoteURL: web + "#reposted-by-" + a.DID,
					Target: p.URLs[0], Post: p.File, Kind: KindRepost, Author: bskyAuthor(a), FileID: "bluesky-repost-" + shortHash(a.DID)})
			}
			return len(r.RepostedBy), r.Cursor, err
		})
		if err != nil {
			return nil, err
		}
	}
	return items, nil
}

// pages reads a cursor-paged list until a page is empty or has no cursor.
func (b *Bluesky) pages(ctx context.Context, method, uri string, read func([]byte) (n int, cursor string, err error)) error {
	cursor := ""
	for page := 0; ; page++ {
		if page == maxAccountPages {
			return fmt.Errorf("%s: more than %d pages; stopped", method, maxAccountPages)
		}
		q := url.Values{"uri": {uri}, "limit": {"100"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		body, _, err := b.Client.Do(ctx, get(b.xrpc(method, q)))
		if err != nil {
			return err
		}
		n, next, err := read(body)
		if err != nil {
			return fmt.Errorf("%s: %v", method, err)
		}
		if n == 0 || next == "" || next == cursor {
			return nil
		}
		cursor = next
	}
}

func bskyAuthor(a bskyActor) Author {
	name := a.DisplayName
	if strings.TrimSpace(name) == "" {
		name = a.Handle
	}
	return Author{Name: name, URL: "https://bsky.app/profile/" + firstOf(a.Handle, a.DID), Photo: a.Avatar}
}

func bskyPostURL(a bskyActor, rkey string) string {
	return "https://bsky.app/profile/" + firstOf(a.Handle, a.DID) + "/post/" + rkey
}

// shortHash names a DID in a file id: DIDs hold colons and may be long.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:5])
}

// bskyFacet marks a range of a post's text, in UTF-8 bytes, as a link, a
// mention or a hashtag (app.bsky.richtext.facet).
type bskyFacet struct {
	Index struct {
		ByteStart int `json:"byteStart"`
		ByteEnd   int `json:"byteEnd"`
	} `json:"index"`
	Features []struct {
		Type string `json:"$type"`
		URI  string `json:"uri"` // #link
		DID  string `json:"did"` // #mention
		Tag  string `json:"tag"` // #tag
	} `json:"features"`
}

// facetHTML is text as paragraphs, like textHTML, with each facet's range
// a link: a #link to its URI (http and https only), a #mention to the
// account's profile, a #tag to the hashtag's page. Bluesky shortens a
// link's text ("example.org/a-long-pa..."), so the URI must come from the
// facet. A facet that overlaps another, falls outside the text or splits
// a character is ignored, and its text stays plain.
func facetHTML(text string, facets []bskyFacet) string {
	type span struct {
		start, end int
		href       string
	}
	var spans []span
	for _, f := range facets {
		start, end := f.Index.ByteStart, f.Index.ByteEnd
		if start < 0 || end > len(text) || start >= end || !utf8.RuneStart(text[start]) || end < len(text) && !utf8.RuneStart(text[end]) {
			continue
		}
		href := ""
		for _, ft := range f.Features {
			switch ft.Type {
			case "app.bsky.richtext.facet#link":
				if u, err := url.Parse(ft.URI); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
					href = u.String()
				}
			case "app.bsky.richtext.facet#mention":
				if strings.HasPrefix(ft.DID, "did:") {
					href = "https://bsky.app/profile/" + url.PathEscape(ft.DID)
				}
			case "app.bsky.richtext.facet#tag":
				if ft.Tag != "" {
					href = "https://bsky.app/hashtag/" + url.PathEscape(ft.Tag)
				}
			}
			if href != "" {
				break
			}
		}
		if href != "" {
			spans = append(spans, span{start, end, href})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.start < at {
			continue // overlaps the one before
		}
		b.WriteString(html.EscapeString(text[at:sp.start]))
		fmt.Fprintf(&b, `<a href="%s">%s</a>`, html.EscapeString(sp.href), html.EscapeString(strings.ReplaceAll(text[sp.start:sp.end], "\n", " ")))
		at = sp.end
	}
	b.WriteString(html.EscapeString(text[at:]))
	return paragraphs(b.String())
}
