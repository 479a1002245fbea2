package interactions

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/dates"
	"github.com/accruehq/accrue/generator/internal/yamlhint"
	yaml "go.yaml.in/yaml/v3"
)

// A record file's name is its UTC creation time and a short id, so names
// sort by time and two tools adding files at once never pick the same one.
// Importers and accrue collect name files by the remote item's day and an
// id made from the remote id (2025-09-18-wm-1234.md): the same item always
// gets the same name, so running them again adds nothing.
var (
	recordName = regexp.MustCompile(`^(\d{8}T\d{6}Z)-([^.]*)\.(.*)$`)
	dayName    = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-([^.]*)\.(.*)$`)
)

// validID is the id: lowercase so that case-insensitive file systems
// cannot hold two files whose ids differ only in case, and safe in URL
// fragments and HTML id attributes. 64 characters leave room for a remote
// host and a status number.
var validID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// parseName checks a comment or mention file name and returns its id, or
// "" with a diagnostic.
func parseName(kind, file, name, ext string) (string, *diag.Error) {
	example := "20250918T140502Z-k7m2qx." + ext
	layout := "20060102T150405Z"
	m := recordName.FindStringSubmatch(name)
	if m == nil {
		layout, m = "2006-01-02", dayName.FindStringSubmatch(name)
	}
	if m == nil || m[3] != ext || !validID.MatchString(m[2]) {
		return "", diag.Errorf(diag.Pos{File: file},
			"%s: file name %q does not match <YYYYMMDDTHHMMSSZ>-<id>.%s or <YYYY-MM-DD>-<id>.%s, for example %s; the id is 1 to 64 lowercase letters, digits and hyphens",
			kind, name, ext, ext, example)
	}
	if _, err := time.Parse(layout, m[1]); err != nil {
		return "", diag.Errorf(diag.Pos{File: file}, "%s: file name %q: %s is not a real UTC time%s", kind, name, m[1], rangeReason(err))
	}
	return m[2], nil
}

// checkUTF8 reports the first byte of src that is not UTF-8. Records are
// text, and a Latin-1 export would otherwise show up as mojibake.
func checkUTF8(kind, file string, src []byte) *diag.Error {
	if utf8.Valid(src) {
		return nil
	}
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line, col := diag.NewLineIndex(src).Position(off)
	return diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, "%s: byte 0x%02x is not UTF-8; save the file as UTF-8", kind, src[off])
}

// decoder reads the YAML fields of one record and collects what is wrong
// with them. Positions are computed from yaml.Node lines and columns.
type decoder struct {
	kind  string // "comment" or "mention", the start of every message
	file  string
	line  int // line of the file where the YAML starts
	last  int // last line of the YAML in the file, to clamp parser errors
	loc   *time.Location
	diags diag.List
}

// entry is one field of a YAML mapping.
type entry struct {
	key  string // lower case
	k, v *yaml.Node
}

// pos is where n starts in the file. The line is kept within the YAML,
// whatever the parser says about a node that ends the input.
func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: min(max(d.line+n.Line-1, d.line), d.last), Col: max(n.Column, 1)}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.diags.Add(diag.Errorf(d.pos(n), d.kind+": "+format, args...))
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// mapping parses src, which must be one YAML mapping, and returns its root
// node, or nil after reporting why not. An empty document is an empty
// mapping.
func (d *decoder) mapping(src []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
		}
		msg := err.Error()
		pos := diag.Pos{File: d.file, Line: d.line}
		n := 1 // go-yaml names no line for errors on the first one
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ = strconv.Atoi(m[1]) // the regexp matched digits
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		n, msg = yamlhint.Explain(src, n, msg)
		pos.Line = min(max(d.line+n-1, d.line), d.last)
		d.diags.Add(diag.Errorf(pos, "%s: %s", d.kind, msg))
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		d.errorf(&extra, "a second YAML document starts here; a %s file holds one", d.kind)
	case !errors.Is(err, io.EOF):
		d.diags.Add(diag.Errorf(diag.Pos{File: d.file, Line: d.last}, "%s: the file holds more than one YAML document; a %s file holds one", d.kind, d.kind))
	}
	if len(doc.Content) == 0 || doc.Content[0].ShortTag() == "!!null" {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "want fields such as \"author: Ada\", not a %s", shape(root))
		return nil
	}
	return root
}

// fields returns the entries of m, reporting duplicate keys and keys not
// in known. in names the enclosing field for nested mappings, or "".
func (d *decoder) fields(m *yaml.Node, known []string, in string) []entry {
	var out []entry
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		for v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		key := strings.ToLower(k.Value)
		where := ""
		if in != "" {
			where = " in " + in
		}
		if line, dup := seen[key]; dup {
			d.errorf(k, "field %q%s is already defined on line %d; keep one", k.Value, where, line)
			continue
		}
		seen[key] = d.pos(k).Line
		if !contains(known, key) {
			if s := diag.Suggest(key, known); s != "" {
				d.errorf(k, "unknown field %q%s (did you mean %q?)", k.Value, where, s)
			} else {
				d.errorf(k, "unknown field %q%s; known fields are %s", k.Value, where, strings.Join(known, ", "))
			}
			continue
		}
		out = append(out, entry{key: key, k: k, v: v})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func shape(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "table of fields"
	}
	return "single value"
}

// text returns a scalar as written ("" for an empty value), or false after
// reporting a list or table.
func (d *decoder) text(e entry) (string, bool) {
	if e.v.Kind != yaml.ScalarNode {
		d.errorf(e.v, "%s: want text, not a %s", e.key, shape(e.v))
		return "", false
	}
	if e.v.ShortTag() == "!!null" {
		return "", true
	}
	return e.v.Value, true
}

// required reports a required text field that is empty once cleaned; it
// returns the cleaned text.
func (d *decoder) required(e entry) (string, bool) {
	s, ok := d.text(e)
	if !ok {
		return "", false
	}
	if s = cleanLine(s); !visible(s) {
		d.errorf(e.v, "%s must not be empty", e.key)
		return "", false
	}
	return s, true
}

// url returns an http or https URL, or false after reporting why not.
// Only these two schemes are ever linked: javascript:, data: and the rest
// would run or embed whatever the writer chose.
func (d *decoder) url(e entry) (string, bool) {
	s, ok := d.text(e)
	if !ok {
		return "", false
	}
	if err := checkURL(s); err != nil {
		d.errorf(e.v, "%s: %v", e.key, err)
		return "", false
	}
	return s, true
}

func checkURL(s string) error {
	if s == "" {
		return errors.New("want an http:// or https:// URL, not an empty value")
	}
	u, err := url.Parse(s)
	if err != nil || len(s) > 2048 || strings.ContainsAny(s, " \t\r\n") {
		return fmt.Errorf("%q is not a valid URL; want an http:// or https:// URL", s)
	}
	if sch := strings.ToLower(u.Scheme); sch != "http" && sch != "https" {
		return fmt.Errorf("want an http:// or https:// URL, not %q", s)
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("%q has no host name", s)
	}
	if u.User != nil {
		// https://bank.example@evil.example/ reads as the bank's address.
		return fmt.Errorf("%q must not hold a user name or password before the host", s)
	}
	return nil
}

// date reads one of the forms the brief and the editors write: RFC 3339
// with "T" or a space, with or without fractions and offset, or a bare day.
// A time without an offset is in d.loc.
func (d *decoder) date(e entry) (time.Time, bool) {
	s, ok := d.text(e)
	if !ok {
		return time.Time{}, false
	}
	t, err := dates.Parse(s, d.loc)
	if err != nil {
		d.errorf(e.v, "%s: %v", e.key, err)
		return time.Time{}, false
	}
	return t, true
}

// rangeReason returns " (day out of range)" and the like when the text had
// the right shape but named no real time, else "".
func rangeReason(err error) string {
	var pe *time.ParseError
	if errors.As(err, &pe) && pe.Message != "" {
		return " (" + strings.TrimPrefix(pe.Message, ": ") + ")"
	}
	return ""
}

// Origin records where a collected comment or mention came from, so that
// collecting again finds its file, updates it when the remote item was
// edited, and leaves it alone when the blogger edited it.
type Origin struct {
	Via       string // the service, one word: webmentionio, mastodon
	RemoteID  string // the item's id at the service
	RemoteURL string // the item's page at the service, http or https
	// Hash is the SHA-256 of the file as it was written, without the
	// content_hash line: a file whose hash differs was edited by hand.
	Hash string
}

// flag reads true or false.
func (d *decoder) flag(e entry) (bool, bool) {
	if e.v.Kind == yaml.ScalarNode {
		switch strings.ToLower(e.v.Value) {
		case "true", "yes":
			return true, true
		case "false", "no":
			return false, true
		}
	}
	d.errorf(e.v, "%s: want true or false, not %q", e.key, e.v.Value)
	return false, false
}

// origin reads one provenance field into o.
func (d *decoder) origin(e entry, o *Origin) {
	s, ok := d.text(e)
	if !ok {
		return
	}
	switch e.key {
	case "via":
		if w := strings.ToLower(strings.TrimSpace(s)); sourceWord.MatchString(w) {
			o.Via = w
		} else {
			d.errorf(e.v, "via: want one word such as webmentionio or mastodon, not %q", s)
		}
	case "remote_id":
		o.RemoteID = cleanLine(s)
	case "remote_url":
		o.RemoteURL, _ = d.url(e)
	case "content_hash":
		o.Hash = strings.TrimSpace(s)
	}
}
