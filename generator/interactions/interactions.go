package interactions

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/litter"
)

// Status says whether an interaction is shown. Only approved ones are; the
// zero value is StatusPending, so a record that says nothing stays hidden.
type Status int

const (
	StatusPending Status = iota
	StatusApproved
	StatusDeleted // mentions only: the source withdrew it; kept so the ledger can withdraw its deposit
)

var statusNames = [...]string{"pending", "approved", "deleted"}

func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return "unknown"
	}
	return statusNames[s]
}

// MentionType is the kind of a mention, from the Webmention vocabulary
// (in-reply-to, like-of, repost-of, bookmark-of) plus the older pingback
// and trackback.
type MentionType int

const (
	TypeMention MentionType = iota
	TypeReply
	TypeLike
	TypeRepost
	TypeBookmark
	TypePingback
	TypeTrackback
)

var typeNames = [...]string{"mention", "reply", "like", "repost", "bookmark", "pingback", "trackback"}

func (t MentionType) String() string {
	if t < 0 || int(t) >= len(typeNames) {
		return "unknown"
	}
	return typeNames[t]
}

// isReaction reports whether a mention is shown as a count (likes,
// reposts, bookmarks) rather than as a card with the author's words.
func (t MentionType) isReaction() bool {
	return t == TypeLike || t == TypeRepost || t == TypeBookmark
}

// Set is every interaction of one post. It is read-only after Load.
type Set struct {
	// Comments is every comment that passed validation, pending ones
	// included, by date then id.
	Comments []*Comment
	// Threads is the approved top-level comments by date then id, each
	// with its approved replies nested in Replies. A reply to a pending
	// comment is not shown (Load warns about it).
	Threads []*Comment
	// Mentions is every mention that passed validation, pending, deleted
	// and replaced ones included, by received date then file.
	Mentions []*Mention
}

// Counts are the numbers of interactions a page shows.
type Counts struct {
	Comments int // comments in Threads, replies included
	// Mentions shown, by type.
	Mentions, Replies, Likes, Reposts, Bookmarks, Pingbacks, Trackbacks int
}

// Total is the number of comments and mentions shown.
func (c Counts) Total() int {
	return c.Comments + c.Mentions + c.Replies + c.Likes + c.Reposts + c.Bookmarks + c.Pingbacks + c.Trackbacks
}

// Counts counts what the post's page shows.
func (s *Set) Counts() Counts {
	var c Counts
	var walk func([]*Comment)
	walk = func(cs []*Comment) {
		for _, x := range cs {
			c.Comments++
			walk(x.Replies)
		}
	}
	walk(s.Threads)
	for _, m := range s.Mentions {
		if !m.Shown() {
			continue
		}
		switch m.Type {
		case TypeMention:
			c.Mentions++
		case TypeReply:
			c.Replies++
		case TypeLike:
			c.Likes++
		case TypeRepost:
			c.Reposts++
		case TypeBookmark:
			c.Bookmarks++
		case TypePingback:
			c.Pingbacks++
		case TypeTrackback:
			c.Trackbacks++
		}
	}
	return c
}

// Cards returns the shown mentions that carry someone's words (mentions,
// replies, pingbacks, trackbacks), by received date.
func (s *Set) Cards() []*Mention {
	var out []*Mention
	for _, m := range s.Mentions {
		if m.Shown() && !m.Type.isReaction() {
			out = append(out, m)
		}
	}
	return out
}

// Reaction is one row of likes, reposts or bookmarks.
type Reaction struct {
	Type     MentionType
	Mentions []*Mention // by received date
}

// Count is the number of people who reacted.
func (r Reaction) Count() int { return len(r.Mentions) }

// Reactions returns the shown likes, reposts and bookmarks, in that order,
// leaving out types nobody used.
func (s *Set) Reactions() []Reaction {
	var out []Reaction
	for _, t := range []MentionType{TypeLike, TypeRepost, TypeBookmark} {
		r := Reaction{Type: t}
		for _, m := range s.Mentions {
			if m.Shown() && m.Type == t {
				r.Mentions = append(r.Mentions, m)
			}
		}
		if len(r.Mentions) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// MaxRecordSize bounds one comment or mention file. Readers write a few
// KiB at most; a larger record is a broken tool's output or an attempt to
// slow the build, and a stranger's file must not fail the owner's build,
// so it is skipped with a warning that names it.
const MaxRecordSize = 64 << 10

// Load reads the comments/ and mentions/ folders of the post folder
// folder in fsys. postURLs are the addresses that count as the post for a
// mention's target: its permalink first (named in messages), with and
// without a trailing slash, and its aliases. Dates without an offset are
// read in loc (UTC when nil).
//
// Every problem is in the returned list; a file with errors is left out
// of the Set. The Set is never nil.
func Load(fsys fs.FS, folder string, postURLs []string, loc *time.Location) (*Set, diag.List) {
	if loc == nil {
		loc = time.UTC
	}
	var diags diag.List
	s := &Set{}
	s.Comments, s.Threads = loadComments(fsys, path.Join(folder, "comments"), loc, &diags)
	s.Mentions = loadMentions(fsys, path.Join(folder, "mentions"), postURLs, loc, &diags)
	diags.Sort()
	return s, diags
}

// file is one record read from disk.
type file struct {
	name, path string
	src        []byte
}

// readDir reads the record files of dir in name order, which is time
// order. A missing folder holds nothing; hidden files and editor backups
// ("~") are skipped, as content.Discover skips them.
func readDir(fsys fs.FS, dir, kind string, diags *diag.List) []file {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: dir}, "%s: cannot read the folder: %v", kind, unwrapPath(err)))
		return nil
	}
	var out []file
	for _, e := range entries {
		name := e.Name()
		p := path.Join(dir, name)
		if litter.Is(name) {
			continue
		}
		if e.IsDir() {
			diags.Add(diag.Warnf(diag.Pos{File: p}, "%s: folder ignored; %s files go directly in %s/", kind, kind, path.Base(dir)))
			continue
		}
		if info, err := e.Info(); err == nil && info.Size() > MaxRecordSize {
			diags.Add(tooLarge(p, kind, info.Size()))
			continue
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: p}, "%s: cannot read the file: %v", kind, unwrapPath(err)))
			continue
		}
		if len(src) > MaxRecordSize { // the size was unknown or has changed
			diags.Add(tooLarge(p, kind, int64(len(src))))
			continue
		}
		out = append(out, file{name: name, path: p, src: src})
	}
	return out
}

func tooLarge(file, kind string, size int64) *diag.Error {
	return diag.Warnf(diag.Pos{File: file}, "%s: skipped, not published: the file is %d bytes and records are limited to %d KiB", kind, size, MaxRecordSize>>10)
}

// unwrapPath drops the path from an fs.PathError, which the position
// already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// sortBy orders records by time, then by a unique key.
func sortBy[T any](xs []T, key func(T) (time.Time, string)) {
	sort.SliceStable(xs, func(i, j int) bool {
		ti, ki := key(xs[i])
		tj, kj := key(xs[j])
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return ki < kj
	})
}
