package interactions

import (
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/frontmatter"
)

// Comment is one comments/<time>-<id>.md file.
type Comment struct {
	ID        string // the id in the file name
	Author    string // one line of plain text
	AuthorURL string // http or https, or ""
	// AuthorPhoto is the author's avatar at the service it came from
	// (http or https, or ""). The default theme does not show it: each
	// would be a request to another site from every reader's browser.
	AuthorPhoto string
	Source      string // how it arrived, one lowercase word ("form", "wordpress"), or ""
	Date        time.Time
	DatePos     diag.Pos      // where the date is written, for messages about it
	ReplyTo     string        // the id of the comment this one answers, or ""
	Status      Status        // StatusApproved or StatusPending
	Body        string        // Markdown as written
	HTML        template.HTML // Body rendered and sanitized: safe to place in a page as it is
	File        string        // path in the site's file system
	// Withdrawn is true when the reader deleted it where it was
	// collected from: it is no longer shown, and its deposit is withdrawn.
	Withdrawn bool
	Origin    Origin // where a collected comment came from; zero for others
	// Replies are the approved replies by date then id. They are filled in
	// only for comments reachable from Set.Threads.
	Replies []*Comment

	replyPos diag.Pos // of the reply_to value, for messages about the thread
	skipped  bool     // the body is beyond the guard's limits; a warning says so
}

// Shown reports whether the comment appears on the page.
func (c *Comment) Shown() bool { return c.Status == StatusApproved && !c.Withdrawn }

var commentFields = []string{"id", "author", "author_url", "author_photo", "date", "reply_to", "source", "status", "withdrawn", "remote_id", "remote_url", "content_hash"}

var sourceWord = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

// parseComment reads one comment file named name at path file. It returns
// nil when not even an id can be found; otherwise a comment with the fields
// that were valid, and diagnostics for the rest.
func parseComment(file, name string, src []byte, loc *time.Location) (*Comment, diag.List) {
	var diags diag.List
	nameID, d := parseName("comment", file, name, "md")
	diags.Add(d)
	if d := checkUTF8("comment", file, src); d != nil {
		return nil, append(diags, d)
	}
	top := diag.Pos{File: file, Line: 1, Col: 1}
	fm, format, body, bodyLine, err := frontmatter.Split(src)
	if format != frontmatter.YAML { // no front matter, or TOML
		diags.Add(diag.Errorf(top, `comment: want a line "---", fields such as "author: Ada", another "---", then the comment in Markdown`))
		return nil, diags
	}
	if err != nil { // Split's only error: the block is never closed
		diags.Add(diag.Errorf(top, `comment: front matter opened with "---" on line 1 is never closed; add a line "---" after the last field`))
		return nil, diags
	}
	closing := bodyLine - 1
	dec := &decoder{kind: "comment", file: file, line: 2, last: max(closing-1, 2), loc: loc}
	c := &Comment{ID: nameID, File: file, Body: string(body)}
	root := dec.mapping(fm)
	seen := map[string]bool{}
	if root != nil {
		for _, e := range dec.fields(root, commentFields, "") {
			seen[e.key] = true
			c.set(dec, e, nameID)
		}
		for _, f := range []string{"author", "date"} {
			if !seen[f] {
				dec.diags.Add(diag.Errorf(top, "comment: field %q is required", f))
			}
		}
		if !seen["status"] {
			dec.diags.Add(diag.Warnf(top, `comment: no status; the comment stays pending until you add "status: approved"`))
		}
	}
	diags = append(diags, dec.diags...)
	if strings.TrimSpace(c.Body) == "" {
		diags.Add(diag.Errorf(diag.Pos{File: file, Line: closing, Col: 1}, `comment: the comment has no text; write it in Markdown after the closing "---"`))
	} else {
		html, refused, err := renderComment(body)
		switch {
		case refused != nil:
			// A stranger's comment must not fail the owner's build: it is
			// left out, and the warning says which and why.
			at := diag.Pos{File: file, Line: closing + refused.Pos.Line, Col: refused.Pos.Col}
			diags.Add(diag.Warnf(at, "comment: skipped, not published: %s", refused.Msg))
			c.skipped = true
		case err != nil:
			diags.Add(diag.Errorf(top, "comment: internal error rendering Markdown: %v", err))
		}
		c.HTML = html
	}
	if c.ID == "" {
		return nil, diags
	}
	return c, diags
}

func (c *Comment) set(d *decoder, e entry, nameID string) {
	switch e.key {
	case "id":
		s, ok := d.text(e)
		switch {
		case !ok:
		case nameID != "" && s != nameID:
			d.errorf(e.v, "id %q does not match the id %q in the file name", s, nameID)
		case nameID == "" && !validID.MatchString(s):
			d.errorf(e.v, "id %q is not 1 to 64 lowercase letters, digits and hyphens", s)
		case nameID == "":
			c.ID = s // lets replies find a comment whose file name is wrong
		}
	case "author":
		c.Author, _ = d.required(e)
	case "author_url":
		c.AuthorURL, _ = d.url(e)
	case "author_photo":
		c.AuthorPhoto, _ = d.url(e)
	case "date":
		c.Date, _ = d.date(e)
		c.DatePos = d.pos(e.v)
	case "reply_to":
		if s, ok := d.text(e); ok {
			c.ReplyTo, c.replyPos = strings.TrimSpace(s), d.pos(e.v)
		}
	case "source":
		if s, ok := d.text(e); ok {
			if w := strings.ToLower(strings.TrimSpace(s)); sourceWord.MatchString(w) {
				c.Source = w
			} else {
				d.errorf(e.v, "source: want one word such as form, wordpress, disqus or email, not %q", s)
			}
		}
	case "withdrawn":
		c.Withdrawn, _ = d.flag(e)
	case "remote_id", "remote_url", "content_hash":
		d.origin(e, &c.Origin)
	case "status":
		if s, ok := d.text(e); ok {
			switch strings.ToLower(strings.TrimSpace(s)) {
			case "approved":
				c.Status = StatusApproved
			case "pending":
				c.Status = StatusPending
			case "deleted":
				d.errorf(e.v, `status: comments are approved or pending, not "deleted"; delete the file to remove a comment`)
			default:
				d.errorf(e.v, "status: want approved or pending, not %q%s", s, didYouMean(s, []string{"approved", "pending"}))
			}
		}
	}
}

func didYouMean(s string, cands []string) string {
	if m := diag.Suggest(strings.ToLower(s), cands); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

// loadComments reads dir, checks what spans files (duplicate ids, replies,
// cycles) and builds the threads.
func loadComments(fsys fs.FS, dir string, loc *time.Location, diags *diag.List) (all, threads []*Comment) {
	var comments []*Comment
	bad := map[*Comment]bool{}
	byID := map[string]*Comment{}
	for _, f := range readDir(fsys, dir, "comment", diags) {
		c, ds := parseComment(f.path, f.name, f.src, loc)
		*diags = append(*diags, ds...)
		if c == nil {
			continue
		}
		bad[c] = ds.HasErrors() || c.skipped
		if prev, dup := byID[c.ID]; dup {
			diags.Add(diag.Errorf(diag.Pos{File: c.File}, "comment: id %q is already used by %s; give this comment another id", c.ID, prev.File))
			continue
		}
		byID[c.ID] = c
		comments = append(comments, c)
	}

	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids) // suggestions must not depend on map order
	parent := func(c *Comment) *Comment {
		if p := byID[c.ReplyTo]; p != c {
			return p
		}
		return nil
	}
	for _, c := range comments {
		switch {
		case c.ReplyTo == "":
		case c.ReplyTo == c.ID:
			diags.Add(diag.Errorf(c.replyPos, "comment: reply_to %q is this comment itself; remove reply_to to make it a top-level comment", c.ReplyTo))
			bad[c] = true
		case byID[c.ReplyTo] == nil:
			diags.Add(diag.Errorf(c.replyPos, "comment: reply_to %q names no comment of this post%s", c.ReplyTo, didYouMean(c.ReplyTo, ids)))
			bad[c] = true
		}
	}
	for _, cycle := range cycles(comments, parent) {
		ids := make([]string, 0, len(cycle)+1)
		for _, c := range cycle {
			ids = append(ids, c.ID)
			bad[c] = true
		}
		ids = append(ids, cycle[0].ID)
		diags.Add(diag.Errorf(cycle[0].replyPos, "comment: reply_to %q makes a cycle: %s; remove reply_to from one of them to make it a top-level comment",
			cycle[0].ReplyTo, strings.Join(ids, " → ")))
	}

	children := map[string][]*Comment{}
	for _, c := range comments {
		if bad[c] {
			continue
		}
		all = append(all, c)
		if !c.Shown() {
			continue
		}
		if c.ReplyTo == "" {
			threads = append(threads, c)
			continue
		}
		if p := byID[c.ReplyTo]; !p.Shown() && !bad[p] {
			state := p.Status.String()
			if p.Withdrawn {
				state = "withdrawn"
			}
			diags.Add(diag.Warnf(c.replyPos, "comment: this approved reply is hidden while the comment it answers, %q, is %s", p.ID, state))
		}
		children[c.ReplyTo] = append(children[c.ReplyTo], c)
	}
	byDate := func(c *Comment) (time.Time, string) { return c.Date, c.ID }
	sortBy(all, byDate)
	sortBy(threads, byDate)
	// Cycles are bad, so this walk from the top-level comments ends.
	var attach func([]*Comment)
	attach = func(cs []*Comment) {
		for _, c := range cs {
			c.Replies = children[c.ID]
			sortBy(c.Replies, byDate)
			attach(c.Replies)
		}
	}
	attach(threads)
	return all, threads
}

// cycles returns each cycle of reply_to links once, starting at the
// comment whose file sorts first, so the message is the same every build.
func cycles(comments []*Comment, parent func(*Comment) *Comment) [][]*Comment {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*Comment]int{}
	var out [][]*Comment
	for _, c := range comments {
		var path []*Comment
		for x := c; x != nil && state[x] != done; x = parent(x) {
			if state[x] == onPath {
				for i, y := range path {
					if y == x {
						out = append(out, rotate(path[i:]))
						break
					}
				}
				break
			}
			state[x] = onPath
			path = append(path, x)
		}
		for _, x := range path {
			state[x] = done
		}
	}
	return out
}

func rotate(cycle []*Comment) []*Comment {
	first := 0
	for i, c := range cycle {
		if c.File < cycle[first].File {
			first = i
		}
	}
	return append(append([]*Comment{}, cycle[first:]...), cycle[:first]...)
}
