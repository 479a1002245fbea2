package feeds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorilla/feeds"
)

// Meta describes a feed as a whole.
type Meta struct {
	Title       string
	Link        string // the HTML page the feed mirrors
	Description string
	Author      string
	AuthorURL   string
	// AuthorEmail goes in RSS's managingEditor, which must be an address;
	// without it RSS names no editor.
	AuthorEmail string
	Language    string
	FeedURL     string // where the JSON feed itself lives (JSON Feed's feed_url)
}

// Item is one post in a feed. Every field but Content is plain text, and
// Build writes it so that readers show it as text: escaped where a format
// reads HTML, as it is where a format reads text.
type Item struct {
	Title     string
	Link      string
	Summary   string // plain text, even when it looks like markup
	Content   string // HTML with absolute URLs, the post's own: written as it is
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
		Author:      author(m.Author, m.AuthorEmail),
		Id:          m.Link,
		// A feed without items has changed never: the epoch keeps Atom's
		// required <updated> valid and the output independent of the clock.
		Updated: time.Unix(0, 0).UTC(),
	}
	for _, it := range items {
		fi := &feeds.Item{
			Title: it.Title,
			Link:  &feeds.Link{Href: it.Link},
			// RSS <description> and Atom <summary type="html"> are HTML:
			// a summary that shows code such as <img onerror=...> must
			// reach the reader as those characters, not as an element.
			// JSON Feed's summary is text; it gets it.Summary below.
			Description: html.EscapeString(it.Summary),
			Id:          it.Link,
			Created:     it.Published,
			Updated:     it.Updated,
			Content:     xmlChars(it.Content),
			Author:      author(it.Author, ""),
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
	// RSS wants an address in managingEditor; gorilla/feeds writes
	// " (Name)" without one.
	rss.ManagingEditor = ""
	if m.AuthorEmail != "" {
		rss.ManagingEditor = fmt.Sprintf("%s (%s)", m.AuthorEmail, m.Author)
	}
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
	// JSON Feed 1.1 replaced "author" with "authors", whose entries need
	// a name, url or avatar.
	j.Author = nil
	if m.Author != "" {
		j.Authors = []*feeds.JSONAuthor{{Name: m.Author, Url: m.AuthorURL}}
	}
	for i, it := range items {
		j.Items[i].Summary = it.Summary
		j.Items[i].Tags = it.Tags
		j.Items[i].Author = nil
		if it.Author != "" {
			j.Items[i].Authors = []*feeds.JSONAuthor{{Name: it.Author}}
		}
		if it.Updated.IsZero() {
			j.Items[i].ModifiedDate = nil
		}
	}
	// JSON Feed requires "items", even empty; gorilla/feeds omits an
	// empty list. The outer field wins over the embedded one.
	doc := struct {
		*feeds.JSONFeed
		Items []*feeds.JSONItem `json:"items"`
	}{j, j.Items}
	if doc.Items == nil {
		doc.Items = []*feeds.JSONItem{}
	}
	js, err := json.MarshalIndent(doc, "", "  ")
	out.JSON = append(js, '\n')
	return out, err
}

// xmlChars replaces what XML 1.0 cannot carry (invalid UTF-8, NUL and
// the other C0 controls but tab and line ends, U+FFFE and U+FFFF) with
// U+FFFD. encoding/xml does so in text, but RSS content:encoded is a CDATA
// section, written as it is: one control character in a code block would
// make the whole feed unreadable.
func xmlChars(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexFunc(s, notXML) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if notXML(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

func notXML(r rune) bool {
	return !(r == '\t' || r == '\n' || r == '\r' || 0x20 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF)
}

// author returns a feed author, or nil when there is no name: feeds must
// not carry empty author elements.
func author(name, email string) *feeds.Author {
	if name == "" {
		return nil
	}
	return &feeds.Author{Name: name, Email: email}
}
