package importer

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
)

// wxrItem is one <item> of a WordPress export (WXR 1.0 to 1.2). Fields
// name no namespace, so both the http and the https wp namespaces match;
// only content:encoded needs its namespace, to tell it from
// excerpt:encoded.
type wxrItem struct {
	Title      string        `xml:"title"`
	Link       string        `xml:"link"`
	Content    string        `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	ID         string        `xml:"post_id"`
	Date       string        `xml:"post_date"`
	DateGMT    string        `xml:"post_date_gmt"`
	Name       string        `xml:"post_name"`
	Status     string        `xml:"status"`
	Parent     string        `xml:"post_parent"`
	Type       string        `xml:"post_type"`
	Password   string        `xml:"post_password"`
	Categories []wxrCategory `xml:"category"`
	Comments   []wxrComment  `xml:"comment"`

	line int // where the item starts in the export
}

type wxrCategory struct {
	Domain string `xml:"domain,attr"`
	Name   string `xml:",chardata"`
}

type wxrComment struct {
	ID        string `xml:"comment_id"`
	Author    string `xml:"comment_author"`
	AuthorURL string `xml:"comment_author_url"`
	Date      string `xml:"comment_date"`
	DateGMT   string `xml:"comment_date_gmt"`
	Content   string `xml:"comment_content"`
	Approved  string `xml:"comment_approved"`
	Type      string `xml:"comment_type"`
	Parent    string `xml:"comment_parent"`
}

// WordPress imports the WXR export file into the site at root: posts to
// content/posts/SLUG/index.md, pages to content/SLUG.md (under their
// parent page's slug), approved comments to the post's comments/ folder,
// approved pingbacks and trackbacks to its mentions/ folder.
func WordPress(ctx context.Context, root, file string, o Options) (*Result, error) {
	site, err := openSite(root, o)
	if err != nil {
		return nil, err
	}
	res := newResult("wordpress", o.DryRun)
	items, err := readWXR(file, o)
	if err != nil {
		return nil, err
	}
	wp := &wordpress{site: site, res: res, file: displayPath(root, file), slugs: map[string]string{}}
	docs := wp.classify(items)
	plans := make([][]planned, len(docs))
	if err := parallel(ctx, len(docs), o, func(i int) error {
		var err error
		plans[i], err = wp.convert(docs[i])
		return err
	}); err != nil {
		return nil, err
	}
	var plan []planned
	for i, d := range docs {
		plan = append(plan, plans[i]...)
		wp.count(d)
	}
	if err := write(ctx, site, plan, res, o); err != nil {
		return nil, err
	}
	return res.finish(), nil
}

// readWXR decodes every item of the export, streaming: only items are
// kept, never the document tree. A file that is not well-formed XML, or
// not a WordPress export, is an error at its line.
func readWXR(file string, o Options) ([]*wxrItem, error) {
	f, r, err := openExport(file, o)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := xml.NewDecoder(r)
	var items []*wxrItem
	version := ""
	sawRSS := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, xmlError(file, dec, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "rss":
			sawRSS = true
		case "wxr_version":
			var v string
			if err := dec.DecodeElement(&v, &se); err != nil {
				return nil, xmlError(file, dec, err)
			}
			version = strings.TrimSpace(v)
			if version != "1.0" && version != "1.1" && version != "1.2" {
				line, _ := dec.InputPos()
				return nil, diag.Errorf(diag.Pos{File: file, Line: line}, "WordPress export version %q: accrue reads WXR 1.0, 1.1 and 1.2", version)
			}
		case "item":
			line, _ := dec.InputPos()
			it := &wxrItem{line: line}
			if err := dec.DecodeElement(it, &se); err != nil {
				return nil, xmlError(file, dec, err)
			}
			items = append(items, it)
		}
	}
	if !sawRSS || version == "" {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1}, "not a WordPress export: want an <rss> file with <wp:wxr_version> (Tools → Export in WordPress writes one)")
	}
	return items, nil
}

// xmlError gives a decoding error the file and line it happened at.
func xmlError(file string, dec *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return diag.Errorf(diag.Pos{File: file, Line: se.Line}, "XML: %s", se.Msg)
	}
	line, col := dec.InputPos()
	return diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, "XML: %v", err)
}

// wordpress is one WordPress import.
type wordpress struct {
	site  siteInfo
	res   *Result
	file  string
	slugs map[string]string // "post/slug" or "page/slug" taken, to the WordPress id that took it
}

// wpDoc is an item that becomes a post or a page.
type wpDoc struct {
	it    *wxrItem
	kind  Kind
	rel   string   // the Markdown file
	alt   []string // the same document's other form
	dir   string   // its folder, for comments and mentions
	own   string   // the site path accrue gives it by default
	urlP  string   // the site path a mention names it by: its old address, else own
	draft string   // why it is kept a draft beyond WordPress's own drafts, or ""
}

// classify picks the items that become documents and where each goes.
// Items that do not are counted here.
func (wp *wordpress) classify(items []*wxrItem) []*wpDoc {
	var docs []*wpDoc
	pages := map[string]*wxrItem{}
	for _, it := range items {
		if strings.TrimSpace(it.Type) == "page" {
			pages[strings.TrimSpace(it.ID)] = it
		}
	}
	for _, it := range items {
		typ := strings.TrimSpace(it.Type)
		status := strings.TrimSpace(it.Status)
		var k Kind
		switch typ {
		case "post":
			k = KindPost
		case "page":
			k = KindPage
		case "attachment":
			wp.res.skip(KindAttachment, "attachment (the files stay on the old host)")
			continue
		default:
			wp.res.skip(KindOther, "post type "+strconv.Quote(typ))
			continue
		}
		switch status {
		case "trash":
			wp.res.skip(k, "in the trash")
			continue
		case "auto-draft", "inherit":
			wp.res.skip(k, "WordPress "+status)
			continue
		}
		slug := wp.slug(it, k)
		d := &wpDoc{it: it, kind: k}
		if k == KindPost {
			d.dir = content.Dir + "/" + content.PostsDir + "/" + slug
			d.rel, d.alt = d.dir+"/index.md", []string{d.dir + ".md"}
			d.own = "/" + content.PostsDir + "/" + slug + "/"
		} else {
			p := wp.pagePath(it, slug, pages)
			d.dir = content.Dir + "/" + p
			d.rel, d.alt = d.dir+".md", []string{d.dir + "/index.md"}
			d.own = "/" + p + "/"
		}
		d.urlP = d.own
		if a := wp.alias(it); a != "" {
			d.urlP = a
		}
		switch {
		case strings.TrimSpace(it.Password) != "":
			d.draft = "password-protected in WordPress: kept as a draft, never published"
		case status == "private":
			d.draft = "private in WordPress: kept as a draft"
		}
		docs = append(docs, d)
	}
	return docs
}

// slug is the item's WordPress slug, else one made from its title, else
// from its id; unique among the documents of its kind.
func (wp *wordpress) slug(it *wxrItem, k Kind) string {
	name := strings.TrimSpace(it.Name)
	if s, err := url.PathUnescape(name); err == nil {
		name = s
	}
	slug := ""
	if seg, ok := content.URLName(name); ok && name != "" && !strings.ContainsAny(name, `/\`) && name != "." && name != ".." {
		slug = strings.ToLower(seg)
	}
	if slug == "" {
		slug = content.Slugify(it.Title)
	}
	if slug == "" || (k == KindPage && (slug == content.PostsDir || slug == "index" || slug == "_index")) {
		slug = strings.Trim(k.String()+"-"+content.Slugify(it.ID), "-")
	}
	id := strings.TrimSpace(it.ID)
	key := k.String() + "/" + slug
	if prev, taken := wp.slugs[key]; taken && prev != id {
		slug += "-" + content.Slugify(id)
		key = k.String() + "/" + slug
	}
	wp.slugs[key] = id
	return slug
}

// pagePath is the page's path under content/: its slug under its parent
// pages' slugs.
func (wp *wordpress) pagePath(it *wxrItem, slug string, pages map[string]*wxrItem) string {
	p := slug
	seen := map[string]bool{strings.TrimSpace(it.ID): true}
	for parent := strings.TrimSpace(it.Parent); parent != "" && parent != "0" && !seen[parent]; {
		seen[parent] = true
		pi := pages[parent]
		if pi == nil {
			break
		}
		ps := content.Slugify(pi.Name)
		if ps == "" {
			ps = content.Slugify(pi.Title)
		}
		if ps == "" {
			break
		}
		p = ps + "/" + p
		parent = strings.TrimSpace(pi.Parent)
	}
	return p
}

// alias is the path of the item's old address, when it has one of its
// own (a draft's link is only ?p=ID).
func (wp *wordpress) alias(it *wxrItem) string {
	u, err := url.Parse(strings.TrimSpace(it.Link))
	if err != nil || u.Path == "" || u.Path == "/" || u.RawQuery != "" {
		return ""
	}
	p := path.Clean(u.Path)
	if !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".htm") && !strings.HasSuffix(p, ".php") {
		p += "/"
	}
	return p
}

// docFront is the front matter of an imported post or page.
type docFront struct {
	Title      string         `yaml:"title"`
	Date       any            `yaml:"date,omitempty"` // time.Time in UTC, or a local time as text
	Draft      bool           `yaml:"draft,omitempty"`
	Tags       []string       `yaml:"tags,omitempty"`
	Categories []string       `yaml:"categories,omitempty"`
	Aliases    []string       `yaml:"aliases,omitempty"`
	Params     map[string]any `yaml:"params,omitempty"`
}

const wpTime = "2006-01-02 15:04:05"

// wpDate reads WordPress's GMT time, else its local time (for drafts,
// whose GMT time is 0000-00-00), which the site's timezone then reads.
func wpDate(gmt, local string) (any, bool) {
	if t, err := time.Parse(wpTime, strings.TrimSpace(gmt)); err == nil {
		return t, true
	}
	if t, err := time.Parse(wpTime, strings.TrimSpace(local)); err == nil {
		return t.Format("2006-01-02T15:04:05"), true
	}
	return nil, false
}

func (wp *wordpress) convert(d *wpDoc) ([]planned, error) {
	it := d.it
	fm := docFront{Title: strings.TrimSpace(it.Title), Params: map[string]any{"wordpress_id": wpID(it.ID)}}
	if fm.Title == "" {
		if fm.Title = plainWords(it.Content, 8); fm.Title == "" {
			fm.Title = "Untitled"
		}
	}
	fm.Date, _ = wpDate(it.DateGMT, it.Date)
	switch strings.TrimSpace(it.Status) {
	case "publish", "future":
	default:
		fm.Draft = true
	}
	if d.draft != "" {
		fm.Draft = true
	}
	for _, c := range it.Categories {
		name := strings.TrimSpace(c.Name)
		switch {
		case name == "":
		case c.Domain == "post_tag":
			fm.Tags = append(fm.Tags, name)
		case c.Domain == "category":
			fm.Categories = append(fm.Categories, name)
		}
	}
	// WordPress files every post without a category under its default
	// one; alone, it says nothing.
	if len(fm.Categories) == 1 && fm.Categories[0] == "Uncategorized" {
		fm.Categories = nil
	}
	if a := wp.alias(it); a != "" && a != d.own {
		fm.Aliases = []string{a}
	}
	body, err := toMarkdown(it.Content)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: wp.file, Line: it.line}, "%v", err)
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.Write(marshal(fm))
	b.WriteString("---\n")
	if strings.TrimSpace(body) != "" {
		b.WriteString("\n")
		b.WriteString(body)
	}
	plan := []planned{{kind: d.kind, rel: d.rel, alt: d.alt, data: []byte(b.String())}}
	recs, err := wp.comments(d)
	if err != nil {
		return nil, err
	}
	return append(plan, recs...), nil
}

// wpID is the WordPress id as a number when it is one.
func wpID(s string) any {
	if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
		return n
	}
	return strings.TrimSpace(s)
}

// count adds the notes and skips of a converted document; it runs
// serially, after the parallel conversion.
func (wp *wordpress) count(d *wpDoc) {
	if d.draft != "" {
		wp.res.note(d.kind, d.rel, d.draft)
	}
	if strings.TrimSpace(d.it.Title) == "" {
		wp.res.note(d.kind, d.rel, fmt.Sprintf("no title in WordPress (%s:%d); titled from its first words", wp.file, d.it.line))
	}
	for _, c := range d.it.Comments {
		if why := wp.commentSkip(d, c); why != "" {
			k := KindComment
			if t := strings.TrimSpace(c.Type); t == "pingback" || t == "trackback" {
				k = KindMention
			}
			wp.res.skip(k, why)
		}
	}
}

// commentSkip says why a comment is not imported, or "".
func (wp *wordpress) commentSkip(d *wpDoc, c wxrComment) string {
	switch strings.TrimSpace(c.Approved) {
	case "1":
	case "0":
		return "pending in WordPress"
	case "spam":
		return "spam"
	case "trash", "post-trashed":
		return "in the trash"
	default:
		return "status " + strconv.Quote(c.Approved)
	}
	if d.kind == KindPage {
		return "on a page (accrue shows comments on posts)"
	}
	if remoteID("wp", c.ID) == "" {
		return "no comment id"
	}
	if _, ok := wpDate(c.DateGMT, c.Date); !ok {
		return "no date"
	}
	if t := strings.TrimSpace(c.Type); t == "pingback" || t == "trackback" {
		if webURL(c.AuthorURL) == "" {
			return "no http(s) source address"
		}
		return ""
	}
	if plainWords(c.Content, 1) == "" {
		return "empty"
	}
	return ""
}

// comments plans the approved comments of d, threaded: a reply whose
// parent is not imported answers the nearest ancestor that is.
func (wp *wordpress) comments(d *wpDoc) ([]planned, error) {
	byID := map[string]wxrComment{}
	kept := map[string]bool{}
	for _, c := range d.it.Comments {
		id := strings.TrimSpace(c.ID)
		byID[id] = c
		t := strings.TrimSpace(c.Type)
		kept[id] = wp.commentSkip(d, c) == "" && t != "pingback" && t != "trackback"
	}
	var plan []planned
	for _, c := range d.it.Comments {
		if wp.commentSkip(d, c) != "" {
			continue
		}
		date, _ := wpDate(c.DateGMT, c.Date)
		t, ok := date.(time.Time)
		if !ok { // a local time without zone: read as UTC, the file name needs one
			t, _ = time.Parse("2006-01-02T15:04:05", date.(string))
		}
		id := remoteID("wp", c.ID)
		switch typ := strings.TrimSpace(c.Type); typ {
		case "pingback", "trackback":
			m := mention{
				Source:   webURL(c.AuthorURL),
				Target:   wp.site.abs(d.urlP),
				Type:     typ,
				Received: t,
				Title:    clip(oneLine(c.Author), 200),
				Excerpt:  clip(oneLine(c.Content), 300),
				Status:   "approved",
			}
			plan = append(plan, planned{kind: KindMention, dir: d.dir + "/mentions", name: recordName(t, id, "yaml"), id: id, data: m.file()})
		default:
			body, err := toMarkdown(c.Content)
			if err != nil {
				return nil, diag.Errorf(diag.Pos{File: wp.file, Line: d.it.line}, "comment %s: %v", c.ID, err)
			}
			parent := strings.TrimSpace(c.Parent)
			seen := map[string]bool{}
			for parent != "" && parent != "0" && !kept[parent] && !seen[parent] {
				seen[parent] = true
				parent = strings.TrimSpace(byID[parent].Parent)
			}
			cm := comment{ID: id, Author: clip(oneLine(c.Author), 200), AuthorURL: webURL(c.AuthorURL), Date: t, Source: "wordpress", Status: "approved", body: body}
			if cm.Author == "" {
				cm.Author = "Anonymous"
			}
			if kept[parent] {
				cm.ReplyTo = remoteID("wp", parent)
			}
			plan = append(plan, planned{kind: KindComment, dir: d.dir + "/comments", name: recordName(t, id, "md"), id: id, data: cm.file()})
		}
	}
	return plan, nil
}
