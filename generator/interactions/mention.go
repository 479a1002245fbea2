package interactions

import (
	"bytes"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	yaml "go.yaml.in/yaml/v3"
)

// Mention is one mentions/<time>-<id>.yaml file: a Webmention, pingback or
// trackback that a receiver stored for this post.
type Mention struct {
	ID          string // the id in the file name
	Source      string // the page that mentions the post
	Target      string // the post's URL as the sender gave it
	Type        MentionType
	AuthorName  string    // plain text
	AuthorURL   string    // http or https, or ""
	AuthorPhoto string    // http or https, or ""
	Published   time.Time // zero when not given
	Received    time.Time
	ReceivedPos diag.Pos // where the received date is written, for messages about it
	Title       string   // plain text: tags stripped, at most 200 characters
	Excerpt     string   // plain text: tags stripped, at most 300 characters
	Status      Status
	// Replaced is true when a later file from the same source counts
	// instead: a sender that edits or deletes its post sends the mention
	// again, and a receiver adds a file rather than rewriting one.
	Replaced bool
	// Withdrawn is true when the mention was deleted where it was
	// collected from; it counts as StatusDeleted.
	Withdrawn bool
	Origin    Origin // where a collected mention came from; zero for others
	File      string // path in the site's file system
}

// Shown reports whether the mention appears on the page and in counts.
func (m *Mention) Shown() bool { return m.Status == StatusApproved && !m.Replaced && !m.Withdrawn }

const (
	maxTitle   = 200
	maxExcerpt = 300
)

var (
	mentionFields = []string{"source", "target", "type", "author", "published", "received", "title", "excerpt", "status", "withdrawn", "via", "remote_id", "content_hash"}
	authorFields  = []string{"name", "url", "photo"}
)

// parseMention reads one mention file named name at path file. targets
// holds the normalized URLs of the post and permalink the one to suggest.
// It returns nil when the file is no mapping or its name holds no id.
func parseMention(file, name string, src []byte, targets map[string]bool, permalink string, loc *time.Location) (*Mention, diag.List) {
	var diags diag.List
	id, d := parseName("mention", file, name, "yaml")
	diags.Add(d)
	if d := checkUTF8("mention", file, src); d != nil {
		return nil, append(diags, d)
	}
	dec := &decoder{kind: "mention", file: file, line: 1, last: bytes.Count(src, []byte("\n")) + 1, loc: loc}
	root := dec.mapping(src)
	if root == nil {
		return nil, append(diags, dec.diags...)
	}
	m := &Mention{ID: id, File: file}
	seen := map[string]bool{}
	for _, e := range dec.fields(root, mentionFields, "") {
		seen[e.key] = true
		m.set(dec, e, targets, permalink)
	}
	top := diag.Pos{File: file, Line: 1, Col: 1}
	for _, f := range []string{"source", "target", "received"} {
		if !seen[f] {
			dec.diags.Add(diag.Errorf(top, "mention: field %q is required", f))
		}
	}
	if !seen["status"] {
		dec.diags.Add(diag.Warnf(top, `mention: no status; the mention stays pending until you add "status: approved"`))
	}
	diags = append(diags, dec.diags...)
	if id == "" {
		return nil, diags
	}
	return m, diags
}

func (m *Mention) set(d *decoder, e entry, targets map[string]bool, permalink string) {
	switch e.key {
	case "source":
		m.Source, _ = d.url(e)
	case "target":
		t, ok := d.url(e)
		if !ok {
			return
		}
		if !targets[normalizeURL(t)] {
			want := ""
			if permalink != "" {
				want = "; want " + permalink
			}
			d.errorf(e.v, "target %q is not this post%s", t, want)
			return
		}
		m.Target = t
	case "type":
		if s, ok := d.text(e); ok {
			w := strings.ToLower(strings.TrimSpace(s))
			for i, n := range typeNames {
				if n == w {
					m.Type = MentionType(i)
					return
				}
			}
			d.errorf(e.v, "type: want one of %s, not %q%s", strings.Join(typeNames[:], ", "), s, didYouMean(w, typeNames[:]))
		}
	case "author":
		if e.v.Kind == yaml.ScalarNode && e.v.ShortTag() == "!!null" {
			return
		}
		if e.v.Kind != yaml.MappingNode {
			d.errorf(e.v, "author: want fields such as {name: Ada, url: https://ada.example/}, not a %s", shape(e.v))
			return
		}
		for _, a := range d.fields(e.v, authorFields, "author") {
			switch a.key {
			case "name":
				if s, ok := d.text(a); ok {
					m.AuthorName = truncate(plainText(s), maxTitle)
				}
			case "url":
				a.key = "author.url"
				m.AuthorURL, _ = d.url(a)
			case "photo":
				a.key = "author.photo"
				m.AuthorPhoto, _ = d.url(a)
			}
		}
	case "published":
		m.Published, _ = d.date(e)
	case "received":
		m.Received, _ = d.date(e)
		m.ReceivedPos = d.pos(e.v)
	case "title":
		if s, ok := d.text(e); ok {
			m.Title = truncate(plainText(s), maxTitle)
		}
	case "excerpt":
		if s, ok := d.text(e); ok {
			m.Excerpt = truncate(plainText(s), maxExcerpt)
		}
	case "withdrawn":
		m.Withdrawn, _ = d.flag(e)
	case "via", "remote_id", "content_hash":
		d.origin(e, &m.Origin)
	case "status":
		if s, ok := d.text(e); ok {
			w := strings.ToLower(strings.TrimSpace(s))
			for i, n := range statusNames {
				if n == w {
					m.Status = Status(i)
					return
				}
			}
			d.errorf(e.v, "status: want approved, pending or deleted, not %q%s", s, didYouMean(w, statusNames[:]))
		}
	}
}

// normalizeURL makes equal the spellings of one address that differ only
// in the case of scheme and host or in a fragment.
func normalizeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	u.Scheme, u.Host, u.Fragment, u.RawFragment = strings.ToLower(u.Scheme), strings.ToLower(u.Host), "", ""
	return u.String()
}

// loadMentions reads dir and marks the mentions that later ones from the
// same source replace.
func loadMentions(fsys fs.FS, dir string, postURLs []string, loc *time.Location, diags *diag.List) []*Mention {
	targets := map[string]bool{}
	for _, u := range postURLs {
		targets[normalizeURL(u)] = true
	}
	permalink := ""
	if len(postURLs) > 0 {
		permalink = postURLs[0]
	}
	var all []*Mention
	byID := map[string]*Mention{}
	for _, f := range readDir(fsys, dir, "mention", diags) {
		m, ds := parseMention(f.path, f.name, f.src, targets, permalink, loc)
		*diags = append(*diags, ds...)
		if m == nil {
			continue
		}
		if prev, dup := byID[m.ID]; dup {
			diags.Add(diag.Errorf(diag.Pos{File: m.File}, "mention: id %q is already used by %s; give this mention another id", m.ID, prev.File))
			continue
		}
		byID[m.ID] = m
		if !ds.HasErrors() {
			all = append(all, m)
		}
	}
	sortBy(all, func(m *Mention) (time.Time, string) { return m.Received, m.File })
	// Bridgy and others tell likes apart by the source's fragment
	// (#liked-by-123), so only scheme and host case is ignored here.
	latest := map[string]*Mention{}
	for _, m := range all {
		u, err := url.Parse(m.Source)
		key := m.Source
		if err == nil {
			u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
			key = u.String()
		}
		if prev := latest[key]; prev != nil {
			prev.Replaced = true
		}
		latest[key] = m
	}
	return all
}
