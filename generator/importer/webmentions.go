package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
)

// jf2Feed is a webmention.io export: GET /api/mentions.jf2.
type jf2Feed struct {
	Type     string     `json:"type"`
	Children []jf2Entry `json:"children"`
}

type jf2Entry struct {
	WMID      json.Number `json:"wm-id"`
	Source    string      `json:"wm-source"`
	Target    string      `json:"wm-target"`
	Property  string      `json:"wm-property"`
	Received  string      `json:"wm-received"`
	Private   bool        `json:"wm-private"`
	Published string      `json:"published"`
	URL       string      `json:"url"`
	Name      string      `json:"name"`
	RSVP      string      `json:"rsvp"`
	Author    jf2Author   `json:"author"`
	Content   jf2Content  `json:"content"`
}

type jf2Author struct {
	Name  string `json:"name"`
	URL   string `json:"url"`
	Photo string `json:"photo"`
}

type jf2Content struct {
	HTML string `json:"html"`
	Text string `json:"text"`
}

// mentionTypes maps webmention.io's wm-property to the type of a mention
// file. An RSVP is a mention that says its answer.
var mentionTypes = map[string]string{
	"in-reply-to": "reply",
	"like-of":     "like",
	"repost-of":   "repost",
	"bookmark-of": "bookmark",
	"mention-of":  "mention",
	"rsvp":        "mention",
}

// Webmentions imports a webmention.io jf2 export into the posts of the
// site at root: a reply with words becomes a comment, everything else a
// mention, each in the folder of the post its wm-target names. Private
// mentions are left out: they were never meant for the page.
func Webmentions(ctx context.Context, root, file string, o Options) (*Result, error) {
	site, err := openSite(root, o)
	if err != nil {
		return nil, err
	}
	entries, err := readJF2(file)
	if err != nil {
		return nil, err
	}
	ix, err := loadPosts(site)
	if err != nil {
		return nil, err
	}
	res := newResult("webmentions", o.DryRun)
	var plan []planned
	seen := map[string]bool{}
	unmatched := map[string]int{}
	for i := range entries {
		e := &entries[i]
		k, p, why := webmentionPlan(site, ix, e)
		if why == "" && seen[p.id] {
			why = "same wm-id twice in the export"
		}
		if why != "" {
			res.skip(k, why)
			if why == "target matches no post" {
				unmatched[e.Target]++
			}
			continue
		}
		seen[p.id] = true
		plan = append(plan, p)
		o.progress("converting", i+1, len(entries))
	}
	for t, n := range unmatched {
		res.note(KindMention, t, fmt.Sprintf("%d %s for an address that matches no post; add it as an alias of its post and import again", n, plural(n, "mention", "mentions")))
	}
	if err := write(ctx, site, plan, res, o); err != nil {
		return nil, err
	}
	return res.finish(), nil
}

// webmentionPlan makes the file of one entry, or says why there is none.
func webmentionPlan(site siteInfo, ix *postIndex, e *jf2Entry) (Kind, planned, string) {
	typ, known := mentionTypes[e.Property]
	k := KindMention
	if typ == "reply" && plainWords(e.Content.HTML+" "+e.Content.Text, 1) != "" {
		k = KindComment
	}
	wmID, err := strconv.ParseInt(e.WMID.String(), 10, 64)
	switch {
	case e.Private:
		return k, planned{}, "private"
	case err != nil || wmID <= 0:
		return k, planned{}, "no wm-id"
	case !known:
		return k, planned{}, "wm-property " + strconv.Quote(e.Property)
	case webURL(e.Source) == "":
		return k, planned{}, "no http(s) wm-source"
	}
	received, err := time.Parse(time.RFC3339, strings.TrimSpace(e.Received))
	if err != nil {
		return k, planned{}, "no wm-received date"
	}
	sp := ix.match(e.Target)
	if sp == nil {
		return k, planned{}, "target matches no post"
	}
	id := "wm-" + strconv.FormatInt(wmID, 10)
	rel := WebmentionFileName(wmID, e.Property, received)
	if k == KindMention {
		rel = WebmentionFileName(wmID, "", received)
	}
	dir, name, _ := strings.Cut(rel, "/")
	var published *time.Time
	if t, err := time.Parse(time.RFC3339, strings.TrimSpace(e.Published)); err == nil {
		published = &t
	}
	if k == KindComment {
		body, err := toMarkdown(e.Content.HTML)
		if err != nil || strings.TrimSpace(body) == "" {
			body = e.Content.Text
		}
		date := received
		if published != nil {
			date = published.UTC()
		}
		c := comment{ID: id, Author: clip(oneLine(e.Author.Name), 200), AuthorURL: webURL(e.Author.URL), Date: date, Source: "webmention", Status: "approved", body: body}
		if c.Author == "" {
			c.Author = "Anonymous"
		}
		return k, planned{kind: k, dir: sp.folder + "/" + dir, name: name, id: id, data: c.file()}, ""
	}
	if sp.target == "" {
		return k, planned{}, "its post has no address without the build (a permalink pattern with a date)"
	}
	m := mention{
		Source:    webURL(e.Source),
		Target:    site.abs(sp.target),
		Type:      typ,
		Published: published,
		Received:  received.UTC(),
		Title:     clip(oneLine(e.Name), 200),
		Excerpt:   clip(oneLine(e.Content.Text), 300),
		Status:    "approved",
	}
	if m.Excerpt == "" {
		m.Excerpt = clip(oneLine(e.Content.HTML), 300)
	}
	if e.Property == "rsvp" && e.RSVP != "" {
		m.Excerpt = strings.TrimSpace("RSVP " + oneLine(e.RSVP) + ". " + m.Excerpt)
	}
	if a := (author{Name: clip(oneLine(e.Author.Name), 200), URL: webURL(e.Author.URL), Photo: webURL(e.Author.Photo)}); a != (author{}) {
		m.Author = &a
	}
	return k, planned{kind: k, dir: sp.folder + "/" + dir, name: name, id: id, data: m.file()}, ""
}

// readJF2 reads the export. A mistake in it is an error at its line.
func readJF2(file string) ([]jf2Entry, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var feed jf2Feed
	dec := json.NewDecoder(strings.NewReader(string(src)))
	dec.UseNumber()
	if err := dec.Decode(&feed); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		off := int64(0)
		switch {
		case errors.As(err, &se):
			off = se.Offset
		case errors.As(err, &te):
			off = te.Offset
		default:
			off = int64(len(src))
		}
		line, col := diag.NewLineIndex(src).Position(int(max(off-1, 0)))
		return nil, diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, "JSON: %v", err)
	}
	if feed.Type != "feed" {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, `not a webmention.io jf2 export: want {"type": "feed", "children": [...]} (webmention.io/api/mentions.jf2?token=...)`)
	}
	return feed.Children, nil
}
