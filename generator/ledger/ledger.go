package ledger

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kind is the kind of an event.
type Kind int

const (
	KindPublish      Kind = iota // the post was published
	KindUpdate                   // the author revised it
	KindComment                  // a reader commented
	KindAuthorReply              // the blog's author answered a comment
	KindReply                    // another site replied (webmention)
	KindMention                  // another site mentioned it
	KindLike                     // someone liked it
	KindRepost                   // someone reposted it
	KindBookmark                 // someone bookmarked it
	KindPingback                 // a pingback arrived
	KindTrackback                // a trackback arrived
	KindInternalLink             // another post of the blog links to it
	KindOutboundLink             // it links to another site
	KindMaintenance              // a site-wide commit: a reformat or a migration
	kindCount
)

var kindNames = [kindCount]string{"publish", "update", "comment", "author-reply", "reply", "mention", "like",
	"repost", "bookmark", "pingback", "trackback", "internal-link", "outbound-link", "maintenance"}

// String is the kind's name in the ledger's files: stable, lowercase.
func (k Kind) String() string {
	if k < 0 || k >= kindCount {
		return "kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// ParseKind reads a kind's name.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), true
		}
	}
	return 0, false
}

// Kinds lists every kind in order.
func Kinds() []Kind {
	out := make([]Kind, kindCount)
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}

// FromOthers reports whether the kind is a deposit made by someone other
// than the author: what makes a post compound.
func (k Kind) FromOthers() bool {
	switch k {
	case KindPublish, KindUpdate, KindAuthorReply, KindOutboundLink, KindMaintenance:
		return false
	}
	return true
}

// Event is one entry of the ledger.
type Event struct {
	Date time.Time
	// Post is the post's source path ("content/posts/hello.md"); empty for
	// a site-wide event.
	Post  string
	Title string // the post's title, for readers of the dump
	Kind  Kind
	// Actor is who made the event: the author's name, a commenter, the
	// linking site's domain or the linking post's source path.
	Actor    string
	ActorURL string
	// Source references where the event is recorded: a commit hash, a
	// file, a URL. Line and Col, when set, place it in the file (a link);
	// the dump writes them as file:line:col.
	Source    string
	Line, Col int32
	// Note says more: a commit subject, lines changed, an excerpt.
	Note string
	// Withdrawn marks a deposit taken back (a deleted mention).
	Withdrawn bool
}

// Ledger is a site's events, sorted by date, then post, kind and source.
// It is read-only once built.
type Ledger struct {
	Events []Event
	byPost map[string][]int
}

// New sorts events into a ledger.
func New(events []Event) *Ledger {
	l := &Ledger{Events: events, byPost: map[string][]int{}}
	// A total order, so the sort needs no stability and output never
	// depends on the order events came in.
	slices.SortFunc(l.Events, func(a, b Event) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.Post, b.Post); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Line, b.Line); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Col, b.Col); c != 0 {
			return c
		}
		if c := strings.Compare(a.Actor, b.Actor); c != 0 {
			return c
		}
		return strings.Compare(a.ActorURL+"\x00"+a.Note, b.ActorURL+"\x00"+b.Note)
	})
	for i, e := range l.Events {
		l.byPost[e.Post] = append(l.byPost[e.Post], i)
	}
	return l
}

// ForPost returns a post's events in order.
func (l *Ledger) ForPost(post string) []Event {
	idx := l.byPost[post]
	out := make([]Event, len(idx))
	for i, j := range idx {
		out[i] = l.Events[j]
	}
	return out
}

// Counts are the totals readers see on a post ("4 comments, 3 mentions,
// updated 5 times, referenced by 2 posts"). Withdrawn events do not count.
type Counts struct {
	ByKind [kindCount]int
}

// Count returns the number of events of kind k.
func (c Counts) Count(k Kind) int { return c.ByKind[k] }

// Updates, Comments, Mentions and References are the totals most themes
// show.
func (c Counts) Updates() int  { return c.ByKind[KindUpdate] }
func (c Counts) Comments() int { return c.ByKind[KindComment] + c.ByKind[KindAuthorReply] }

// Mentions counts what other sites sent: mentions, replies, pingbacks and
// trackbacks (likes, reposts and bookmarks are counted apart).
func (c Counts) Mentions() int {
	return c.ByKind[KindMention] + c.ByKind[KindReply] + c.ByKind[KindPingback] + c.ByKind[KindTrackback]
}
func (c Counts) References() int { return c.ByKind[KindInternalLink] }

// CountsFor totals a post's events.
func (l *Ledger) CountsFor(post string) Counts {
	var c Counts
	for _, i := range l.byPost[post] {
		if e := l.Events[i]; !e.Withdrawn {
			c.ByKind[e.Kind]++
		}
	}
	return c
}

// LinkDate dates an internal link: the linking post's publication, or,
// when the target was published after that, the linking post's first
// revision after the target's publication (a link cannot predate its
// target). revisions must be sorted. ok is false when no revision came
// after the target: the link's date is then the target's publication.
func LinkDate(linkPublished time.Time, linkRevisions []time.Time, targetPublished time.Time) (date time.Time, ok bool) {
	if !linkPublished.Before(targetPublished) {
		return linkPublished, true
	}
	for _, r := range linkRevisions {
		if !r.Before(targetPublished) {
			return r, true
		}
	}
	return targetPublished, false
}

// Columns are the fields of the dump, in order: the stable schema of
// `accrue ledger --format csv` and the keys of the JSON lines.
var Columns = []string{"date", "post", "title", "kind", "actor", "actor_url", "source", "note", "withdrawn"}

// record is one event as written in the dump.
type record struct {
	Date      string `json:"date"`
	Post      string `json:"post"`
	Title     string `json:"title"`
	Kind      string `json:"kind"`
	Actor     string `json:"actor"`
	ActorURL  string `json:"actor_url"`
	Source    string `json:"source"`
	Note      string `json:"note"`
	Withdrawn bool   `json:"withdrawn"`
}

func (e Event) record() record {
	return record{Date: e.Date.Format(time.RFC3339), Post: e.Post, Title: e.Title, Kind: e.Kind.String(),
		Actor: e.Actor, ActorURL: e.ActorURL, Source: e.Where(), Note: e.Note, Withdrawn: e.Withdrawn}
}

// Where is Source with the position when there is one: file:line:col.
func (e Event) Where() string {
	if e.Line == 0 {
		return e.Source
	}
	return e.Source + ":" + strconv.Itoa(int(e.Line)) + ":" + strconv.Itoa(int(e.Col))
}

// WriteJSONL writes one JSON object a line, with the keys of Columns.
func (l *Ledger) WriteJSONL(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range l.Events {
		if err := enc.Encode(e.record()); err != nil {
			return err
		}
	}
	return nil
}

// WriteCSV writes a header row of Columns and one row an event.
func (l *Ledger) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, e := range l.Events {
		r := e.record()
		if err := cw.Write([]string{r.Date, r.Post, r.Title, r.Kind, r.Actor, r.ActorURL, r.Source, r.Note, strconv.FormatBool(r.Withdrawn)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Summary describes a post's counts in words, as readers see them:
// "4 comments, 3 mentions, updated 5 times, referenced by 2 posts".
func (c Counts) Summary() string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			if n == 1 {
				parts = append(parts, one)
			} else {
				parts = append(parts, fmt.Sprintf(many, n))
			}
		}
	}
	add(c.Comments(), "1 comment", "%d comments")
	add(c.Mentions(), "1 mention", "%d mentions")
	add(c.ByKind[KindLike], "1 like", "%d likes")
	add(c.ByKind[KindRepost], "1 repost", "%d reposts")
	add(c.Updates(), "updated once", "updated %d times")
	add(c.References(), "referenced by 1 post", "referenced by %d posts")
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += ", "
		}
		out += p
	}
	return out
}
