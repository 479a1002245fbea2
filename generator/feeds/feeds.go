package feeds

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/gorilla/feeds"
)

// Meta describes a feed as a whole.
type Meta struct {
	Title       string
	Link        string // the HTML page the feed mirrors
	Description string
	Author      string
	AuthorURL   string
	Language    string
	FeedURL     string // where the JSON feed itself lives (JSON Feed's feed_url)
}

// Item is one post in a feed.
type Item struct {
	Title     string
	Link      string
	Summary   string // plain text
	Content   string // HTML with absolute URLs
	Published time.Time
	Updated   time.Time // zero when never updated
	Author    string
	Tags      []string
}

// Feeds holds the three encodings of one feed.
type Feeds struct {
	RSS, Atom, JSON []byte
}

// Build encodes items, which the caller has sorted newest first and cut to
// the feed size. The feed's own updated date is the newest item change, so
// output does not depend on the clock.
func Build(m Meta, items []Item) (Feeds, error) {
	f := &feeds.Feed{
		Title:       m.Title,
		Link:        &feeds.Link{Href: m.Link},
		Description: m.Description,
		Author:      &feeds.Author{Name: m.Author},
		Id:          m.Link,
	}
	for _, it := range items {
		fi := &feeds.Item{
			Title:       it.Title,
			Link:        &feeds.Link{Href: it.Link},
			Description: it.Summary,
			Id:          it.Link,
			Created:     it.Published,
			Updated:     it.Updated,
			Content:     it.Content,
			Author:      &feeds.Author{Name: it.Author},
		}
		if it.Updated.IsZero() {
			fi.Updated = it.Published
		}
		if fi.Updated.After(f.Updated) {
			f.Updated = fi.Updated
		}
		f.Add(fi)
	}
	f.Created = f.Updated
	var out Feeds
	var b bytes.Buffer
	rss := (&feeds.Rss{Feed: f}).RssFeed()
	rss.Language = m.Language
	if err := feeds.WriteXML(rss, &b); err != nil {
		return out, err
	}
	out.RSS = append([]byte(nil), b.Bytes()...)
	b.Reset()
	atom := (&feeds.Atom{Feed: f}).AtomFeed()
	for i, e := range atom.Entries {
		// gorilla/feeds leaves out <published>; readers need it to tell a
		// new post from an updated one.
		e.Published = items[i].Published.Format(time.RFC3339)
	}
	if err := feeds.WriteXML(atom, &b); err != nil {
		return out, err
	}
	out.Atom = append([]byte(nil), b.Bytes()...)
	j := (&feeds.JSON{Feed: f}).JSONFeed()
	j.FeedUrl = m.FeedURL
	j.Language = m.Language
	if m.Author != "" {
		// JSON Feed 1.1 replaced "author" with "authors".
		j.Author = nil
		j.Authors = []*feeds.JSONAuthor{{Name: m.Author, Url: m.AuthorURL}}
	}
	for i, it := range items {
		j.Items[i].Tags = it.Tags
		j.Items[i].Author = nil
		if it.Author != "" {
			j.Items[i].Authors = []*feeds.JSONAuthor{{Name: it.Author}}
		}
		if it.Updated.IsZero() {
			j.Items[i].ModifiedDate = nil
		}
	}
	js, err := json.MarshalIndent(j, "", "  ")
	out.JSON = append(js, '\n')
	return out, err
}
