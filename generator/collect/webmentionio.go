package collect

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// WebmentionIO collects the webmentions webmention.io received for the
// site, through its jf2 API:
//
//	GET {base}/api/mentions.jf2?token=T&domain=D&since_id=N&per-page=100&page=P
//
// Pages are read from 0 until one comes back empty. SinceID makes the
// run ask only for mentions newer than the last one seen; with SinceID 0
// every mention is read, and the result is then complete: a collected
// mention missing from it was deleted at webmention.io.
type WebmentionIO struct {
	Client  *Client
	BaseURL string // https://webmention.io
	Token   string // from ACCRUE_WEBMENTIONIO_TOKEN
	Domain  string // optional: only this domain's mentions
	SinceID int64
	// LastID is the largest wm-id seen, after Fetch: the next run's SinceID.
	LastID int64
}

var _ Source = (*WebmentionIO)(nil)

func (w *WebmentionIO) Name() string { return "webmentionio" }

// jf2Feed is webmention.io's answer.
type jf2Feed struct {
	Type     string     `json:"type"`
	Children []jf2Entry `json:"children"`
}

type jf2Entry struct {
	Type   string `json:"type"`
	Author struct {
		Name  string `json:"name"`
		Photo string `json:"photo"`
		URL   string `json:"url"`
	} `json:"author"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Received  string `json:"wm-received"`
	ID        int64  `json:"wm-id"`
	Source    string `json:"wm-source"`
	Target    string `json:"wm-target"`
	Property  string `json:"wm-property"`
	Private   bool   `json:"wm-private"`
	Name      string `json:"name"`
	RSVP      string `json:"rsvp"`
	Content   *struct {
		HTML string `json:"html"`
		Text string `json:"text"`
	} `json:"content"`
}

// perPage is the largest page webmention.io serves.
const perPage = 100

// maxPages stops a service that never sends the empty last page.
const maxPages = 10000

func (w *WebmentionIO) Fetch(ctx context.Context, posts []Post) (Fetched, error) {
	if w.Token == "" && w.Domain == "" {
		return Fetched{}, fmt.Errorf("%w: set ACCRUE_WEBMENTIONIO_TOKEN, or domain in [collect.webmentionio]", errNoToken)
	}
	base := strings.TrimSuffix(w.BaseURL, "/") + "/api/mentions.jf2"
	var f Fetched
	w.LastID = w.SinceID
	for page := 0; page < maxPages; page++ {
		q := url.Values{}
		if w.Token != "" {
			q.Set("token", w.Token)
		}
		if w.Domain != "" {
			q.Set("domain", w.Domain)
		}
		if w.SinceID > 0 {
			q.Set("since_id", strconv.FormatInt(w.SinceID, 10))
		}
		q.Set("per-page", strconv.Itoa(perPage))
		q.Set("page", strconv.Itoa(page))
		body, _, err := w.Client.Do(ctx, func() (*http.Request, error) {
			return http.NewRequest(http.MethodGet, base+"?"+q.Encode(), nil)
		})
		if err != nil {
			return Fetched{}, err
		}
		var feed jf2Feed
		if err := json.Unmarshal(body, &feed); err != nil {
			return Fetched{}, fmt.Errorf("%s page %d: not a jf2 feed: %v", base, page, err)
		}
		if len(feed.Children) == 0 {
			if w.SinceID == 0 {
				for _, p := range posts {
					f.Complete = append(f.Complete, p.File)
				}
			}
			return f, nil
		}
		for _, e := range feed.Children {
			w.LastID = max(w.LastID, e.ID)
			if e.Private || e.ID <= 0 {
				continue // private mentions are the recipient's alone, never published
			}
			f.Items = append(f.Items, e.item())
		}
	}
	return Fetched{}, fmt.Errorf("%s: more than %d pages; stopped", base, maxPages)
}

func (e jf2Entry) item() Item {
	it := Item{
		Source:    "webmentionio",
		RemoteID:  strconv.FormatInt(e.ID, 10),
		RemoteURL: e.Source,
		Target:    e.Target,
		Author:    Author{Name: e.Author.Name, URL: e.Author.URL, Photo: e.Author.Photo},
		Published: parseTime(e.Published),
		Received:  parseTime(e.Received),
		FileID:    "wm-" + strconv.FormatInt(e.ID, 10),
	}
	if it.RemoteURL == "" {
		it.RemoteURL = e.URL
	}
	switch e.Property {
	case "in-reply-to":
		it.Kind = KindReply
	case "like-of":
		it.Kind = KindLike
	case "repost-of":
		it.Kind = KindRepost
	case "bookmark-of":
		it.Kind = KindBookmark
	case "rsvp":
		it.Kind = KindRSVP
	default:
		it.Kind = KindMention
	}
	if e.Content != nil {
		it.HTML = e.Content.HTML
		if it.HTML == "" {
			it.HTML = textHTML(e.Content.Text)
		}
	}
	if it.Kind == KindRSVP && it.HTML == "" && e.RSVP != "" {
		it.HTML = textHTML("RSVP " + e.RSVP)
	}
	if it.Kind == KindMention && it.HTML == "" {
		it.HTML = textHTML(e.Name)
	}
	return it
}

// parseTime reads the times services send: RFC 3339, with or without
// fractions, or webmention.io's "2006-01-02T15:04:05-07:00" and
// "2006-01-02 15:04:05 UTC"; zero when there is none.
func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05 MST", "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
