package collect

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Kind is what a reader did to a post.
type Kind int

const (
	KindMention Kind = iota // linked to it
	KindReply               // answered it: becomes a comment
	KindLike
	KindRepost
	KindBookmark
	KindRSVP
)

var kindNames = [...]string{"mention", "reply", "like", "repost", "bookmark", "rsvp"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// Author is who wrote or did an item.
type Author struct {
	Name  string
	URL   string // their profile, http or https, or ""
	Photo string // their avatar's address, kept as a link, never fetched
}

// Item is one reply, like, repost or mention as a service reports it.
type Item struct {
	Source    string // the service: "webmentionio", "mastodon"
	RemoteID  string // the item's id at the service
	RemoteURL string // the item's own page
	// Target is the address of the post the item is about, as the
	// service gives it; Post, when the service already knows which post
	// it is, is that post's File.
	Target, Post string
	Kind         Kind
	Author       Author
	Published    time.Time // when the reader wrote it; zero when the service does not say
	// Received is when the service got it; zero when it does not say
	// (a Mastodon favourite), and then the day it was first collected
	// counts, kept from collection to collection.
	Received time.Time
	HTML     string // the reader's words as HTML from the service; "" for likes and reposts
	// ReplyTo is the FileID of the item this one answers, for threads.
	ReplyTo string
	// FileID is the id in the item's file name: unique within a post and
	// the same every time the item is collected.
	FileID string
}

// Post is a published post replies can be collected for.
type Post struct {
	File   string   // source file, slash path from the site root
	Title  string   // for GitHub discussions mapped by title
	Folder string   // slash path of the folder that holds comments/ and mentions/
	URLs   []string // its addresses on the published site, permalink first
	// Mastodon is the front matter's mastodon field: the toot that shared
	// the post, or "".
	Mastodon string
	// Bluesky is the front matter's bluesky field: the Bluesky post that
	// shared it, or "".
	Bluesky string
}

// Fetched is what one source returned.
type Fetched struct {
	Items []Item
	// Complete lists the posts (by File) for which Items holds every item
	// the service still has, so that a collected file missing from it was
	// deleted there. A source that asked only for new items lists none.
	Complete []string
}

// Source is one service readers reply through.
type Source interface {
	// Name is the one word used in --from, in file names and in files'
	// provenance.
	Name() string
	// Fetch asks the service for the items of posts.
	Fetch(ctx context.Context, posts []Post) (Fetched, error)
}

// fetchEach fetches the thread of each post that names one (thread(p) is
// not ""), for the sources that read one thread a post. One post's
// failure must not lose the others' items: each success is kept and
// listed as complete, and the failures are joined, naming their posts.
func fetchEach(ctx context.Context, posts []Post, thread func(Post) string, fetch func(context.Context, Post) ([]Item, error)) (Fetched, error) {
	var f Fetched
	var errs []error
	for _, p := range posts {
		if thread(p) == "" {
			continue
		}
		items, err := fetch(ctx, p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.File, err))
			if ctx.Err() != nil {
				break
			}
			continue
		}
		f.Items = append(f.Items, items...)
		f.Complete = append(f.Complete, p.File)
	}
	return f, errors.Join(errs...)
}
