package importer

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
)

// dsqThread is a <thread> of a Disqus export: the page comments were on.
type dsqThread struct {
	Attrs      []xml.Attr `xml:",any,attr"`
	Identifier string     `xml:"id"`
	Link       string     `xml:"link"`
	Title      string     `xml:"title"`
}

// dsqPost is a <post> of a Disqus export: one comment.
type dsqPost struct {
	Attrs     []xml.Attr `xml:",any,attr"`
	Message   string     `xml:"message"`
	CreatedAt string     `xml:"createdAt"`
	IsDeleted string     `xml:"isDeleted"`
	IsSpam    string     `xml:"isSpam"`
	Author    struct {
		Name     string `xml:"name"`
		Username string `xml:"username"`
	} `xml:"author"`
	Thread dsqRef `xml:"thread"`
	Parent dsqRef `xml:"parent"`

	line int
}

type dsqRef struct {
	Attrs []xml.Attr `xml:",any,attr"`
}

// dsqID is the dsq:id attribute, whatever prefix the export binds.
func dsqID(attrs []xml.Attr) string {
	for _, a := range attrs {
		if a.Name.Local == "id" {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// Disqus imports the comments of a Disqus export into the posts of the
// site at root. A thread is matched to a post by its link (the path
// against each post's permalink and aliases, or a WordPress ?p=ID) or by
// its identifier (the WordPress plugin writes "ID URL"); the comments of
// a thread that matches no post are counted and the thread listed.
func Disqus(ctx context.Context, root, file string, o Options) (*Result, error) {
	site, err := openSite(root, o)
	if err != nil {
		return nil, err
	}
	threads, posts, err := readDisqus(file, o)
	if err != nil {
		return nil, err
	}
	ix, err := loadPosts(site)
	if err != nil {
		return nil, err
	}
	res := newResult("disqus", o.DryRun)
	skip := func(p *dsqPost) string {
		switch {
		case isTrue(p.IsDeleted):
			return "deleted in Disqus"
		case isTrue(p.IsSpam):
			return "spam"
		case remoteID("dsq", dsqID(p.Attrs)) == "":
			return "no comment id"
		case plainWords(p.Message, 1) == "":
			return "empty"
		}
		if _, err := time.Parse(time.RFC3339, strings.TrimSpace(p.CreatedAt)); err != nil {
			return "no date"
		}
		return ""
	}
	kept := map[string]bool{}
	parentOf := map[string]string{}
	for _, p := range posts {
		id := dsqID(p.Attrs)
		parentOf[id] = dsqID(p.Parent.Attrs)
		kept[id] = skip(p) == ""
	}
	matched := map[string]*sitePost{}
	unmatched := map[string]int{}
	for id, t := range threads {
		if sp := matchThread(ix, t); sp != nil {
			matched[id] = sp
		}
	}
	plans := make([]planned, len(posts))
	if err := parallel(ctx, len(posts), o, func(i int) error {
		p := posts[i]
		sp := matched[dsqID(p.Thread.Attrs)]
		if sp == nil || !kept[dsqID(p.Attrs)] {
			return nil
		}
		body, err := toMarkdown(p.Message)
		if err != nil {
			return diag.Errorf(diag.Pos{File: displayPath(root, file), Line: p.line}, "%v", err)
		}
		date, _ := time.Parse(time.RFC3339, strings.TrimSpace(p.CreatedAt))
		id := remoteID("dsq", dsqID(p.Attrs))
		c := comment{ID: id, Author: clip(oneLine(p.Author.Name), 200), Date: date.UTC(), Source: "disqus", Status: "approved", body: body}
		if c.Author == "" {
			c.Author = clip(oneLine(p.Author.Username), 200)
		}
		if c.Author == "" {
			c.Author = "Anonymous"
		}
		parent := parentOf[dsqID(p.Attrs)]
		seen := map[string]bool{}
		for parent != "" && !kept[parent] && !seen[parent] {
			seen[parent] = true
			parent = parentOf[parent]
		}
		if parent != "" && kept[parent] {
			c.ReplyTo = remoteID("dsq", parent)
		}
		plans[i] = planned{kind: KindComment, dir: sp.folder + "/comments", name: recordName(date, id, "md"), id: id, data: c.file()}
		return nil
	}); err != nil {
		return nil, err
	}
	var plan []planned
	for i, p := range posts {
		tid := dsqID(p.Thread.Attrs)
		switch why := skip(p); {
		case why != "":
			res.skip(KindComment, why)
		case matched[tid] == nil:
			res.skip(KindComment, "thread matches no post")
			unmatched[tid]++
		default:
			plan = append(plan, plans[i])
		}
	}
	for tid, n := range unmatched {
		t := threads[tid]
		what := "thread " + tid
		if t != nil {
			what = strings.TrimSpace(t.Link)
			if what == "" {
				what = "thread " + strings.TrimSpace(t.Identifier)
			}
		}
		res.note(KindComment, what, fmt.Sprintf("%d %s on a thread that matches no post; add the address as an alias of its post and import again", n, plural(n, "comment", "comments")))
	}
	if err := write(ctx, site, plan, res, o); err != nil {
		return nil, err
	}
	return res.finish(), nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func isTrue(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "true") }

// matchThread finds the post of a thread by its link, else by its
// identifier: a WordPress id ("123 https://..."), a URL or a path.
func matchThread(ix *postIndex, t *dsqThread) *sitePost {
	if sp := ix.match(t.Link); sp != nil {
		return sp
	}
	fields := strings.Fields(t.Identifier)
	if len(fields) == 0 {
		return nil
	}
	if sp := ix.byWPID[fields[0]]; sp != nil {
		return sp
	}
	for _, f := range fields {
		if sp := ix.match(f); sp != nil {
			return sp
		}
	}
	return nil
}

// readDisqus decodes the threads (by dsq:id) and posts of an export,
// streaming.
func readDisqus(file string, o Options) (map[string]*dsqThread, []*dsqPost, error) {
	f, r, err := openExport(file, o)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	dec := xml.NewDecoder(r)
	threads := map[string]*dsqThread{}
	var posts []*dsqPost
	depth, sawRoot := 0, false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, xmlError(file, dec, err)
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			depth--
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				if tok.Name.Local != "disqus" {
					return nil, nil, diag.Errorf(diag.Pos{File: file, Line: 1}, "not a Disqus export: the root element is <%s>, want <disqus> (Disqus's Export comments writes one)", tok.Name.Local)
				}
				sawRoot = true
			case depth == 2 && tok.Name.Local == "thread":
				t := &dsqThread{}
				if err := dec.DecodeElement(t, &tok); err != nil {
					return nil, nil, xmlError(file, dec, err)
				}
				depth--
				threads[dsqID(t.Attrs)] = t
			case depth == 2 && tok.Name.Local == "post":
				line, _ := dec.InputPos()
				p := &dsqPost{line: line}
				if err := dec.DecodeElement(p, &tok); err != nil {
					return nil, nil, xmlError(file, dec, err)
				}
				depth--
				posts = append(posts, p)
			}
		}
	}
	if !sawRoot {
		return nil, nil, diag.Errorf(diag.Pos{File: file, Line: 1}, "not a Disqus export: no <disqus> element")
	}
	return threads, posts, nil
}
