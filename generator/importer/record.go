package importer

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// recordID is the id of an imported comment or mention: a prefix naming
// where it came from and the remote id, so a second import finds it again.
var recordID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// remoteID makes the record id prefix-ID from a remote id, or "" when
// the remote id cannot be one (ids are digits in all three exports).
func remoteID(prefix, id string) string {
	id = strings.ToLower(strings.TrimSpace(id))
	if s := prefix + "-" + id; id != "" && recordID.MatchString(s) {
		return s
	}
	return ""
}

// recordName is the file name of a record: its UTC time and its id, as
// package interactions wants it.
func recordName(t time.Time, id, ext string) string {
	return t.UTC().Format("20060102T150405Z") + "-" + id + "." + ext
}

// WebmentionFileName is where a webmention.io mention with id wmID,
// received at received, lives in its post's folder: a reply (the
// in-reply-to property) is a comment, comments/DATE-wm-ID.md; any other
// property a mention, mentions/DATE-wm-ID.yaml. accrue import webmentions
// writes these names, and so must anything else that stores mentions from
// webmention.io, so that a mention is stored once however it arrives.
func WebmentionFileName(wmID int64, property string, received time.Time) string {
	id := "wm-" + strconv.FormatInt(wmID, 10)
	if property == "in-reply-to" {
		return "comments/" + recordName(received, id, "md")
	}
	return "mentions/" + recordName(received, id, "yaml")
}

// comment is the front matter of a comment file, in the order
// docs/comments-and-mentions.md shows it.
type comment struct {
	ID        string    `yaml:"id"`
	Author    string    `yaml:"author"`
	AuthorURL string    `yaml:"author_url,omitempty"`
	Date      time.Time `yaml:"date"`
	ReplyTo   string    `yaml:"reply_to,omitempty"`
	Source    string    `yaml:"source"`
	Status    string    `yaml:"status"`
	body      string    // Markdown
}

func (c comment) file() []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(marshal(c))
	b.WriteString("---\n")
	b.WriteString(strings.TrimSpace(c.body))
	b.WriteString("\n")
	return b.Bytes()
}

// mention is a mention file.
type mention struct {
	Source    string     `yaml:"source"`
	Target    string     `yaml:"target"`
	Type      string     `yaml:"type"`
	Author    *author    `yaml:"author,omitempty"`
	Published *time.Time `yaml:"published,omitempty"`
	Received  time.Time  `yaml:"received"`
	Title     string     `yaml:"title,omitempty"`
	Excerpt   string     `yaml:"excerpt,omitempty"`
	Status    string     `yaml:"status"`
}

type author struct {
	Name  string `yaml:"name,omitempty"`
	URL   string `yaml:"url,omitempty"`
	Photo string `yaml:"photo,omitempty"`
}

func (m mention) file() []byte { return marshal(m) }

func marshal(v any) []byte {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		// The values are strings, times and lists of strings: yaml
		// encodes all of them.
		panic(fmt.Sprintf("internal error: encoding front matter: %v", err))
	}
	enc.Close()
	return b.Bytes()
}

// webURL returns s when it is an absolute http or https URL, else "":
// comment and mention files take no other links.
func webURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\n") {
		return ""
	}
	return s
}

// oneLine makes s one line of plain text, for names.
func oneLine(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagOrShortcode.ReplaceAllString(s, " "))), " ")
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
