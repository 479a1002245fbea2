package interactions

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accruehq/accrue/generator/diag"
)

// post is the folder of the post every fixture belongs to.
const post = "content/posts/hello"

// postURLs are the addresses that count as the post: permalink first.
var postURLs = []string{"https://example.com/posts/hello/", "https://example.com/posts/hello", "https://example.com/2025/hello/"}

// load builds a post folder from files (paths under the post folder) and
// loads it.
func load(t *testing.T, files map[string]string) (*Set, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{post + "/index.md": {Data: []byte("---\ntitle: Hello\n---\n")}}
	for name, body := range files {
		fsys[post+"/"+name] = &fstest.MapFile{Data: []byte(body)}
	}
	return Load(fsys, post, postURLs, time.UTC)
}

// lines prints a diagnostic list one entry a line, for exact comparison.
func lines(l diag.List) string {
	return l.Error()
}

// goodFolder is a post with a thread two replies deep, a pending comment,
// an approved reply to it, and every kind of mention.
var goodFolder = map[string]string{
	"comments/20250918T140502Z-k7m2qx.md": `---
id: k7m2qx
author: Ada Lovelace
author_url: https://ada.example/
date: 2025-09-18T14:05:02Z
source: form
status: approved
---
Compound interest is the *eighth* wonder.
`,
	"comments/20250918T150000Z-r2d2aa.md": `---
id: r2d2aa
author: Grace Hopper
date: 2025-09-18 15:00:00
reply_to: k7m2qx
status: approved
---
Only if you [reinvest](https://example.org/reinvest).
`,
	"comments/20250918T160000Z-p3nd1n.md": `---
author: Mallory
date: 2025-09-18 16:00:00
status: pending
---
Buy cheap pills.
`,
	"comments/20250919T090000Z-b0b0b0.md": `---
author: Bob
date: 2025-09-19
status: approved
---
Second thread.
`,
	"comments/20250919T100000Z-c3c3c3.md": `---
author: Carol
date: 2025-09-19T10:00:00+02:00
reply_to: r2d2aa
status: approved
---
Agreed.
`,
	"comments/20250919T110000Z-d4d4d4.md": `---
author: Dave
date: 2025-09-19 11:00:00
reply_to: p3nd1n
status: approved
---
Where?
`,
	"mentions/20250918T141200Z-m1.yaml": `source: https://blog.example/2025/09/reply
target: https://example.com/posts/hello/
type: reply
author:
  name: Eve Example
  url: https://blog.example/
  photo: https://blog.example/eve.jpg
published: 2025-09-18T13:00:00Z
received: 2025-09-18T14:12:00Z
title: "Re: <b>Hello</b>"
excerpt: "<p>I <em>disagree</em> &amp; here is why.</p>"
status: approved
`,
	"mentions/20250918T150000Z-l1.yaml": `source: https://social.example/@bob/1#liked-by-7
target: https://example.com/posts/hello
type: like
received: 2025-09-18 15:00:00
status: approved
`,
	"mentions/20250918T160000Z-l2.yaml": `source: https://social.example/@bob/1#liked-by-8
target: https://EXAMPLE.com/posts/hello/#comments
type: like
received: 2025-09-18 16:00:00
status: approved
`,
	"mentions/20250918T170000Z-l3.yaml": `source: https://social.example/@bob/1#liked-by-9
target: https://example.com/2025/hello/
type: like
received: 2025-09-18 17:00:00
status: approved
`,
	"mentions/20250919T170000Z-l3gone.yaml": `source: https://social.example/@bob/1#liked-by-9
target: https://example.com/2025/hello/
type: like
received: 2025-09-19 17:00:00
status: deleted
`,
	"mentions/20250918T180000Z-r1.yaml": `source: https://social.example/@carol/2
target: https://example.com/posts/hello/
type: repost
received: 2025-09-18 18:00:00
status: approved
`,
	"mentions/20250918T190000Z-b1.yaml": `source: https://social.example/@dan/3
target: https://example.com/posts/hello/
type: bookmark
received: 2025-09-18 19:00:00
status: pending
`,
	"mentions/20250918T200000Z-d1.yaml": `source: https://spam.example/
target: https://example.com/posts/hello/
received: 2025-09-18 20:00:00
status: deleted
`,
	"mentions/20250918T210000Z-p1.yaml": `source: https://old.example/?p=12
target: https://example.com/posts/hello/
type: pingback
received: 2025-09-18 21:00:00
title: Old blog
status: approved
`,
}

func ids[T any](xs []T, id func(T) string) string {
	var out []string
	for _, x := range xs {
		out = append(out, id(x))
	}
	return strings.Join(out, " ")
}

func commentID(c *Comment) string { return c.ID }
func mentionID(m *Mention) string { return m.ID }

// tree prints threads as id(reply(reply)) for comparison.
func tree(cs []*Comment) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.ID)
		if len(c.Replies) > 0 {
			b.WriteString("(" + tree(c.Replies) + ")")
		}
	}
	return b.String()
}

func TestLoadGoodFolder(t *testing.T) {
	t.Parallel()
	s, diags := load(t, goodFolder)
	wantDiags := post + `/comments/20250919T110000Z-d4d4d4.md:4:11: warning: comment: this approved reply is hidden while the comment it answers, "p3nd1n", is pending`
	if got := lines(diags); got != wantDiags {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, wantDiags)
	}
	// Bob wrote 2025-09-19 (00:00 UTC), Carol 10:00+02:00 (08:00 UTC).
	if got, want := ids(s.Comments, commentID), "k7m2qx r2d2aa p3nd1n b0b0b0 c3c3c3 d4d4d4"; got != want {
		t.Errorf("Comments = %s; want %s", got, want)
	}
	if got, want := tree(s.Threads), "k7m2qx(r2d2aa(c3c3c3)) b0b0b0"; got != want {
		t.Errorf("Threads = %s; want %s", got, want)
	}
	if got, want := ids(s.Mentions, mentionID), "m1 l1 l2 l3 r1 b1 d1 p1 l3gone"; got != want {
		t.Errorf("Mentions = %s; want %s", got, want)
	}

	c := s.Comments[0]
	want := Comment{
		ID: "k7m2qx", Author: "Ada Lovelace", AuthorURL: "https://ada.example/", Source: "form",
		Date: time.Date(2025, 9, 18, 14, 5, 2, 0, time.UTC), Status: StatusApproved,
		Body: "Compound interest is the *eighth* wonder.\n",
		HTML: "<p>Compound interest is the <em>eighth</em> wonder.</p>\n",
		File: post + "/comments/20250918T140502Z-k7m2qx.md",
	}
	if c.ID != want.ID || c.Author != want.Author || c.AuthorURL != want.AuthorURL || c.Source != want.Source ||
		!c.Date.Equal(want.Date) || c.DatePos.Line != 5 || c.ReplyTo != "" || c.Status != want.Status || c.Body != want.Body || c.HTML != want.HTML || c.File != want.File {
		t.Errorf("first comment = %+v; want %+v", *c, want)
	}
	if got, want := string(s.Comments[1].HTML), `<p>Only if you <a href="https://example.org/reinvest" rel="nofollow ugc">reinvest</a>.</p>`+"\n"; got != want {
		t.Errorf("reply HTML = %q; want %q", got, want)
	}
	if got := s.Comments[2].Status; got != StatusPending {
		t.Errorf("Mallory's status = %v; want pending", got)
	}
	if got, want := s.Comments[4].Date, time.Date(2025, 9, 19, 8, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Carol's date = %v; want %v", got, want)
	}

	m := s.Mentions[0]
	wantM := Mention{
		ID: "m1", Source: "https://blog.example/2025/09/reply", Target: "https://example.com/posts/hello/", Type: TypeReply,
		AuthorName: "Eve Example", AuthorURL: "https://blog.example/", AuthorPhoto: "https://blog.example/eve.jpg",
		Published: time.Date(2025, 9, 18, 13, 0, 0, 0, time.UTC), Received: time.Date(2025, 9, 18, 14, 12, 0, 0, time.UTC),
		ReceivedPos: diag.Pos{File: post + "/mentions/20250918T141200Z-m1.yaml", Line: 9, Col: 11},
		Title:       "Re: Hello", Excerpt: "I disagree & here is why.", Status: StatusApproved,
		File: post + "/mentions/20250918T141200Z-m1.yaml",
	}
	if !m.Published.Equal(wantM.Published) || !m.Received.Equal(wantM.Received) {
		t.Errorf("mention dates = %v, %v; want %v, %v", m.Published, m.Received, wantM.Published, wantM.Received)
	}
	m2 := *m
	m2.Published, m2.Received = wantM.Published, wantM.Received
	if m2 != wantM {
		t.Errorf("first mention = %+v; want %+v", m2, wantM)
	}

	byID := map[string]*Mention{}
	for _, m := range s.Mentions {
		byID[m.ID] = m
	}
	for _, tt := range []struct {
		id       string
		status   Status
		replaced bool
		shown    bool
	}{
		{"l3", StatusApproved, true, false},
		{"l3gone", StatusDeleted, false, false},
		{"d1", StatusDeleted, false, false},
		{"b1", StatusPending, false, false},
		{"l1", StatusApproved, false, true},
	} {
		m := byID[tt.id]
		if m.Status != tt.status || m.Replaced != tt.replaced || m.Shown() != tt.shown {
			t.Errorf("%s: status %v, replaced %v, shown %v; want %v, %v, %v", tt.id, m.Status, m.Replaced, m.Shown(), tt.status, tt.replaced, tt.shown)
		}
	}
	if got := byID["d1"].Type; got != TypeMention {
		t.Errorf("a mention without type has type %v; want mention", got)
	}

	wantCounts := Counts{Comments: 4, Replies: 1, Likes: 2, Reposts: 1, Pingbacks: 1}
	if got := s.Counts(); got != wantCounts {
		t.Errorf("Counts() = %+v; want %+v", got, wantCounts)
	}
	if got := s.Counts().Total(); got != 9 {
		t.Errorf("Total() = %d; want 9", got)
	}
	if got, want := ids(s.Cards(), mentionID), "m1 p1"; got != want {
		t.Errorf("Cards() = %s; want %s", got, want)
	}
	var rows []string
	for _, r := range s.Reactions() {
		rows = append(rows, r.Type.String()+":"+ids(r.Mentions, mentionID))
		if r.Count() != len(r.Mentions) {
			t.Errorf("%v Count() = %d; want %d", r.Type, r.Count(), len(r.Mentions))
		}
	}
	if got, want := strings.Join(rows, " "), "like:l1 l2 repost:r1"; got != want {
		t.Errorf("Reactions() = %s; want %s", got, want)
	}
}

func TestLoadEmpty(t *testing.T) {
	t.Parallel()
	s, diags := Load(fstest.MapFS{}, post, postURLs, nil)
	if s == nil || len(s.Comments)+len(s.Threads)+len(s.Mentions) != 0 || diags != nil {
		t.Errorf("Load of a folder without interactions = %+v, %v; want an empty set and no diagnostics", s, diags)
	}
	if got := s.Counts(); got != (Counts{}) {
		t.Errorf("Counts() = %+v; want zero", got)
	}
	if s.Cards() != nil || s.Reactions() != nil {
		t.Errorf("Cards, Reactions = %v, %v; want nil", s.Cards(), s.Reactions())
	}
}

func TestLoadFolderOddities(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		post + "/comments/.DS_Store":                      {Data: []byte{0, 1}},
		post + "/comments/20250918T140502Z-k7m2qx.md~":    {Data: []byte("backup")},
		post + "/comments/old/20250918T140502Z-k7m2qx.md": {Data: []byte("---\n---\n")},
		post + "/mentions":                                {Data: []byte("a file, not a folder")},
		post + "/comments/20250918T140502Z-big.md":        {Data: make([]byte, MaxRecordSize+1)},
	}
	_, diags := Load(fsys, post, postURLs, nil)
	want := post + `/comments/20250918T140502Z-big.md: warning: comment: skipped, not published: the file is 65537 bytes and records are limited to 64 KiB
` + post + `/comments/old: warning: comment: folder ignored; comment files go directly in comments/
` + post + `/mentions: mention: cannot read the folder: `
	// The reason after the colon is the file system's own.
	if got := lines(diags); !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 2 {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
}

func TestStrings(t *testing.T) {
	t.Parallel()
	var got []string
	for s := StatusPending; s <= StatusDeleted+1; s++ {
		got = append(got, s.String())
	}
	for ty := TypeMention; ty <= TypeTrackback+1; ty++ {
		got = append(got, ty.String())
	}
	want := "pending approved deleted unknown mention reply like repost bookmark pingback trackback unknown"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("String() values = %s; want %s", g, want)
	}
	var zero Status
	if zero != StatusPending {
		t.Error("the zero Status must be pending, so a record that says nothing is not shown")
	}
}
