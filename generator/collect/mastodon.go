package collect

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// Mastodon collects the replies, favourites and boosts of the toots that
// posts name in their front matter (mastodon: https://host/@user/ID),
// through the server's public API:
//
//	GET /api/v1/statuses/ID/context        descendants: the replies, threaded by in_reply_to_id
//	GET /api/v1/statuses/ID/favourited_by  accounts, paged by the Link header's rel="next"
//	GET /api/v1/statuses/ID/reblogged_by   the same, for boosts
//
// Only public replies are seen: no token is sent. Every reply, favourite
// and boost of a post is read each time, so the result is complete for
// each post that worked.
type Mastodon struct {
	Client *Client
	// Likes and Reposts collect favourites and boosts.
	Likes, Reposts bool
}

var _ Source = (*Mastodon)(nil)

func (m *Mastodon) Name() string { return "mastodon" }

type mastoAccount struct {
	ID          string `json:"id"`
	Acct        string `json:"acct"`
	DisplayName string `json:"display_name"`
	URL         string `json:"url"`
	Avatar      string `json:"avatar"`
}

type mastoStatus struct {
	ID          string       `json:"id"`
	URL         string       `json:"url"`
	URI         string       `json:"uri"`
	CreatedAt   string       `json:"created_at"`
	EditedAt    string       `json:"edited_at"`
	Content     string       `json:"content"`
	InReplyToID string       `json:"in_reply_to_id"`
	Visibility  string       `json:"visibility"`
	Account     mastoAccount `json:"account"`
}

// maxAccountPages bounds the pages of favourites or boosts of one toot.
const maxAccountPages = 200

// tootPath matches the addresses of a toot: /@user/ID (the web page) and
// /users/user/statuses/ID (its ActivityPub id).
var tootPath = regexp.MustCompile(`^/(?:@[^/]+|users/[^/]+/statuses)/([0-9A-Za-z]+)/?$`)

// toot is where a post was shared.
type toot struct {
	base, host, id, url string
}

func parseToot(s string) (toot, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return toot{}, fmt.Errorf("mastodon: %q is not a toot's address; want https://host/@user/ID", s)
	}
	m := tootPath.FindStringSubmatch(u.Path)
	if m == nil {
		return toot{}, fmt.Errorf("mastodon: %q is not a toot's address; want https://host/@user/ID", s)
	}
	return toot{base: u.Scheme + "://" + u.Host, host: strings.ToLower(u.Host), id: m[1], url: u.String()}, nil
}

func (m *Mastodon) Fetch(ctx context.Context, posts []Post) (Fetched, error) {
	return fetchEach(ctx, posts, func(p Post) string { return p.Mastodon }, m.fetchPost)
}

func (m *Mastodon) fetchPost(ctx context.Context, p Post) ([]Item, error) {
	t, err := parseToot(p.Mastodon)
	if err != nil {
		return nil, err
	}
	api := t.base + "/api/v1/statuses/" + url.PathEscape(t.id)
	body, _, err := m.Client.Do(ctx, get(api+"/context"))
	if err != nil {
		return nil, err
	}
	var c struct {
		Descendants []mastoStatus `json:"descendants"`
	}
	if err := json.Unmarshal(body, &c); err != nil {
		return nil, fmt.Errorf("%s/context: not a Mastodon context: %v", api, err)
	}
	prefix := mastodonPrefix(t.host)
	// Descendants come in thread order, parents first; a reply to one
	// that is not collected becomes a top-level comment.
	ids := map[string]bool{}
	var items []Item
	for _, s := range c.Descendants {
		if s.Visibility != "" && s.Visibility != "public" && s.Visibility != "unlisted" {
			continue
		}
		ids[s.ID] = true
		it := Item{
			Source: "mastodon", RemoteID: s.ID, RemoteURL: firstOf(s.URL, s.URI), Target: p.URLs[0], Post: p.File,
			Kind: KindReply, Author: account(s.Account), Published: parseTime(s.CreatedAt), Received: parseTime(s.CreatedAt),
			HTML: s.Content, FileID: prefix + strings.ToLower(s.ID),
		}
		if s.InReplyToID != "" && s.InReplyToID != t.id && ids[s.InReplyToID] {
			it.ReplyTo = prefix + strings.ToLower(s.InReplyToID)
		}
		items = append(items, it)
	}
	for _, r := range []struct {
		on       bool
		path     string
		kind     Kind
		fragment string
	}{
		{m.Likes, "/favourited_by", KindLike, "favourited-by"},
		{m.Reposts, "/reblogged_by", KindRepost, "reblogged-by"},
	} {
		if !r.on {
			continue
		}
		accounts, err := m.accounts(ctx, api+r.path)
		if err != nil {
			return nil, err
		}
		for _, a := range accounts {
			items = append(items, Item{
				Source: "mastodon", RemoteID: r.fragment + "-" + a.ID,
				// Bridgy's way: the toot's address, told apart by a fragment.
				RemoteURL: t.url + "#" + r.fragment + "-" + a.ID, Target: p.URLs[0], Post: p.File,
				Kind: r.kind, Author: account(a), FileID: prefix + r.fragment[:3] + "-" + strings.ToLower(a.ID),
			})
		}
	}
	return items, nil
}

// accounts reads every page of an account list.
func (m *Mastodon) accounts(ctx context.Context, next string) ([]mastoAccount, error) {
	var out []mastoAccount
	for page := 0; next != ""; page++ {
		if page == maxAccountPages {
			return nil, fmt.Errorf("%s: more than %d pages; stopped", next, maxAccountPages)
		}
		body, h, err := m.Client.Do(ctx, get(next))
		if err != nil {
			return nil, err
		}
		var as []mastoAccount
		if err := json.Unmarshal(body, &as); err != nil {
			return nil, fmt.Errorf("%s: not a list of Mastodon accounts: %v", next, err)
		}
		if len(as) == 0 {
			break
		}
		out = append(out, as...)
		next = nextLink(h)
	}
	return out, nil
}

func account(a mastoAccount) Author {
	name := a.DisplayName
	if strings.TrimSpace(name) == "" {
		name = a.Acct
	}
	return Author{Name: name, URL: a.URL, Photo: a.Avatar}
}

// mastodonPrefix starts the file ids of one server's items:
// "mastodon-social-example-". A host too long for the 64-character id is
// shortened to a hash.
func mastodonPrefix(host string) string {
	h := strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return r
		}
		return '-'
	}, host)
	if len(h) > 24 {
		sum := sha256.Sum256([]byte(host))
		h = hex.EncodeToString(sum[:6])
	}
	return "mastodon-" + h + "-"
}

func get(u string) func() (*http.Request, error) {
	return func() (*http.Request, error) {
		r, err := http.NewRequest(http.MethodGet, u, nil)
		if err == nil {
			r.Header.Set("Accept", "application/json")
		}
		return r, err
	}
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
