package collect

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	xhtml "golang.org/x/net/html"
)

// Writer writes collected items as the comment and mention files of the
// site in Root: a reply becomes comments/<day>-<id>.md, anything else
// mentions/<day>-<id>.yaml, in the folder of the post it is about.
//
// Each file records where it came from and a hash of itself as written.
// Collecting again rewrites a file only when the remote item changed, and
// never one whose hash no longer matches: the blogger edited it, and it
// is reported and left alone. Only its status line may change by hand
// (approving a pending item), and it is kept. A collected item the
// service no longer has gets "withdrawn: true"; its file is never
// deleted.
type Writer struct {
	Root   string // the site's folder
	Status string // what new files get: "approved" or "pending"
	DryRun bool   // report what would change, write nothing
	// Now is the day of first collection, for items the service does not
	// date.
	Now time.Time
}

// Action is what happened to one file.
type Action int

const (
	ActionCreated Action = iota
	ActionUpdated
	ActionUnchanged
	ActionWithdrawn
	ActionKept // edited by hand, or not written by accrue collect: left alone
)

var actionNames = [...]string{"created", "updated", "unchanged", "withdrawn", "kept"}

func (a Action) String() string { return actionNames[a] }

// MarshalText writes the action's name in JSON.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Change is one file Write created, updated, withdrew or kept.
type Change struct {
	Action    Action `json:"action"`
	File      string `json:"file"` // slash path from the site root
	RemoteURL string `json:"remote_url,omitempty"`
	Kind      string `json:"kind,omitempty"`
	Reason    string `json:"reason,omitempty"` // why a file was kept
}

// Unmatched is an item about an address that is no post of the site.
type Unmatched struct {
	Target    string `json:"target"`
	RemoteURL string `json:"remote_url"`
	Kind      string `json:"kind"`
	RemoteID  string `json:"remote_id"`
}

// Report is what Write did for one source.
type Report struct {
	Source                                       string
	Created, Updated, Unchanged, Withdrawn, Kept int
	Changes                                      []Change // every file but the unchanged ones, by file
	Unmatched                                    []Unmatched
	Invalid                                      []string // items that cannot be written, and why
}

// prefixes start the file ids of each source's items: the files a source
// withdraws are those that start with its prefix.
var prefixes = map[string]string{"webmentionio": "wm-", "mastodon": "mastodon-", "bluesky": "bluesky-", "github": "github-"}

var (
	validFileID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	// fileName is either form interactions reads: 20250918T140502Z-id.md
	// or 2025-09-18-id.md.
	fileName = regexp.MustCompile(`^(?:\d{8}T\d{6}Z|\d{4}-\d{2}-\d{2})-([a-z0-9][a-z0-9-]*)\.(md|yaml)$`)
)

// Write writes the items source fetched for posts.
func (w *Writer) Write(source string, posts []Post, f Fetched) (Report, error) {
	r := Report{Source: source}
	prefix, ok := prefixes[source]
	if !ok {
		return r, fmt.Errorf("unknown source %q", source)
	}
	byFile := map[string]*Post{}
	byURL := map[string]*Post{}
	for i := range posts {
		p := &posts[i]
		byFile[p.File] = p
		for _, u := range p.URLs {
			byURL[normalizeURL(u)] = p
		}
	}
	perPost := map[*Post][]Item{}
	for _, it := range f.Items {
		p := byFile[it.Post]
		if p == nil {
			p = byURL[normalizeURL(it.Target)]
		}
		if p == nil {
			r.Unmatched = append(r.Unmatched, Unmatched{Target: it.Target, RemoteURL: it.RemoteURL, Kind: it.Kind.String(), RemoteID: it.RemoteID})
			continue
		}
		perPost[p] = append(perPost[p], it)
	}
	complete := map[*Post]bool{}
	for _, file := range f.Complete {
		if p := byFile[file]; p != nil {
			complete[p] = true
		}
	}
	var errs []error
	for i := range posts {
		p := &posts[i]
		if len(perPost[p]) == 0 && !complete[p] {
			continue
		}
		if err := w.writePost(&r, p, prefix, perPost[p], complete[p]); err != nil {
			errs = append(errs, err)
		}
	}
	sort.Slice(r.Changes, func(i, j int) bool { return r.Changes[i].File < r.Changes[j].File })
	sort.Slice(r.Unmatched, func(i, j int) bool {
		a, b := r.Unmatched[i], r.Unmatched[j]
		return a.Target+"\x00"+a.RemoteID < b.Target+"\x00"+b.RemoteID
	})
	return r, errors.Join(errs...)
}

// existing maps the ids of a post's comment and mention files to their
// slash paths.
func (w *Writer) existing(folder string) (map[string]string, error) {
	out := map[string]string{}
	for _, dir := range []string{"comments", "mentions"} {
		d := path.Join(folder, dir)
		entries, err := os.ReadDir(filepath.Join(w.Root, filepath.FromSlash(d)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if m := fileName.FindStringSubmatch(e.Name()); m != nil && !e.IsDir() {
				if _, dup := out[m[1]]; !dup {
					out[m[1]] = path.Join(d, e.Name())
				}
			}
		}
	}
	return out, nil
}

func (w *Writer) writePost(r *Report, p *Post, prefix string, items []Item, complete bool) error {
	have, err := w.existing(p.Folder)
	if err != nil {
		return fmt.Errorf("%s: %w", p.Folder, err)
	}
	// A reply_to must name a comment of the post, or the build refuses
	// the file: a reply whose parent is not there becomes top-level.
	comments := map[string]bool{}
	for id, file := range have {
		if strings.Contains(file, "/comments/") {
			comments[id] = true
		}
	}
	for _, it := range items {
		if it.Kind == KindReply {
			comments[it.FileID] = true
		}
	}
	seen := map[string]bool{}
	var errs []error
	for _, it := range items {
		if !comments[it.ReplyTo] {
			it.ReplyTo = ""
		}
		if !validFileID.MatchString(it.FileID) || !strings.HasPrefix(it.FileID, prefix) {
			r.Invalid = append(r.Invalid, fmt.Sprintf("%s: id %q cannot name a file", it.RemoteURL, it.FileID))
			continue
		}
		if seen[it.FileID] {
			continue // a service that lists an item twice
		}
		seen[it.FileID] = true
		if err := w.writeItem(r, p, it, have[it.FileID]); err != nil {
			errs = append(errs, err)
		}
	}
	if complete {
		ids := make([]string, 0, len(have))
		for id := range have {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if strings.HasPrefix(id, prefix) && !seen[id] {
				if err := w.withdraw(r, have[id]); err != nil {
					errs = append(errs, err)
				}
			}
		}
	}
	return errors.Join(errs...)
}

func (w *Writer) writeItem(r *Report, p *Post, it Item, file string) error {
	var old []byte
	if file != "" {
		var err error
		if old, err = w.read(file); err != nil {
			return err
		}
		if why := handEdited(old); why != "" {
			r.Kept++
			r.Changes = append(r.Changes, Change{Action: ActionKept, File: file, RemoteURL: it.RemoteURL, Kind: it.Kind.String(), Reason: why})
			return nil
		}
	}
	status := w.Status
	if s := field(old, "status"); s != "" {
		status = s
	}
	when := firstTime(it.Published, it.Received)
	if when.IsZero() {
		when = parseTime(firstOf(field(old, "received"), field(old, "date")))
	}
	if when.IsZero() {
		when = w.Now.UTC()
	}
	src, why := render(it, p, status, when)
	if why != "" {
		r.Invalid = append(r.Invalid, fmt.Sprintf("%s: %s", firstOf(it.RemoteURL, it.RemoteID), why))
		return nil
	}
	if file == "" {
		dir := "mentions"
		ext := ".yaml"
		if it.Kind == KindReply {
			dir, ext = "comments", ".md"
		}
		file = path.Join(p.Folder, dir, fileDate(it, when)+"-"+it.FileID+ext)
		r.Created++
		r.Changes = append(r.Changes, Change{Action: ActionCreated, File: file, RemoteURL: it.RemoteURL, Kind: it.Kind.String()})
		return w.write(file, src)
	}
	if bytes.Equal(old, src) {
		r.Unchanged++
		return nil
	}
	r.Updated++
	r.Changes = append(r.Changes, Change{Action: ActionUpdated, File: file, RemoteURL: it.RemoteURL, Kind: it.Kind.String()})
	return w.write(file, src)
}

// withdraw marks a collected file whose item is gone from the service.
func (w *Writer) withdraw(r *Report, file string) error {
	old, err := w.read(file)
	if err != nil {
		return err
	}
	if handEdited(old) != "" || field(old, "withdrawn") == "true" {
		return nil
	}
	i := bytes.Index(old, []byte("\ncontent_hash: "))
	if i < 0 {
		return nil
	}
	src := withHash(append(append(append([]byte{}, old[:i+1]...), "withdrawn: true\n"...), old[i+1:]...))
	r.Withdrawn++
	r.Changes = append(r.Changes, Change{Action: ActionWithdrawn, File: file, RemoteURL: firstOf(field(old, "remote_url"), field(old, "source"))})
	return w.write(file, src)
}

func (w *Writer) read(file string) ([]byte, error) {
	return os.ReadFile(filepath.Join(w.Root, filepath.FromSlash(file)))
}

// write replaces file atomically: a reader, or a build, sees the old file
// or the new one, never half of one.
func (w *Writer) write(file string, src []byte) error {
	if w.DryRun {
		return nil
	}
	if !filepath.IsLocal(filepath.FromSlash(file)) {
		return fmt.Errorf("%s: outside the site folder", file)
	}
	if err := writeAtomic(filepath.Join(w.Root, filepath.FromSlash(file)), src); err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	return nil
}

// writeAtomic replaces the file at path with data through a temporary
// file in the same folder, so a reader sees the old file or the new one.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".collect-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// fileDate starts a new file's name: the day of the item, or for
// webmention.io the UTC time it was received, as accrue import
// webmentions names the same mention (importer.WebmentionFileName), so
// that a mention is stored once however it arrives.
func fileDate(it Item, when time.Time) string {
	if it.Source == "webmentionio" && !it.Received.IsZero() {
		return it.Received.UTC().Format("20060102T150405Z")
	}
	return when.UTC().Format(time.DateOnly)
}

// render writes an item's file. why says why it cannot be written.
func render(it Item, p *Post, status string, when time.Time) (src []byte, why string) {
	var b bytes.Buffer
	// Format characters (bidi overrides, zero-width spaces) only serve
	// to make one name look like another.
	name := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, it.Author.Name)), " ")
	if !strings.ContainsFunc(name, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	}) {
		name = "" // only spaces or invisible characters, which the build refuses as a name
	}
	if name == "" {
		name = hostOf(firstOf(it.Author.URL, it.RemoteURL))
	}
	if name == "" {
		name = "Someone"
	}
	remote := httpURL(it.RemoteURL)
	if it.Kind == KindReply {
		b.WriteString("---\n")
		line(&b, "author", quote(name))
		if u := httpURL(it.Author.URL); u != "" {
			line(&b, "author_url", u)
		}
		if u := httpURL(it.Author.Photo); u != "" {
			line(&b, "author_photo", u)
		}
		line(&b, "date", when.UTC().Format(time.RFC3339))
		if it.ReplyTo != "" {
			line(&b, "reply_to", it.ReplyTo)
		}
		line(&b, "source", it.Source)
		line(&b, "status", status)
		line(&b, "remote_id", quote(it.RemoteID))
		if remote != "" {
			line(&b, "remote_url", remote)
		}
		b.WriteString("content_hash: \n---\n")
		body := Markdown(it.HTML)
		if body == "" {
			body = "[A reply without text](<" + remote + ">)"
			if remote == "" {
				body = "(a reply without text)"
			}
		}
		b.WriteString(cutReply(body, remote) + "\n")
		return withHash(b.Bytes()), ""
	}
	if remote == "" {
		return nil, "no http or https address for the page that mentions the post"
	}
	target := it.Target
	if httpURL(target) == "" || normalizeURL(target) == "" || !matches(p, target) {
		target = p.URLs[0]
	}
	line(&b, "source", remote)
	line(&b, "target", target)
	line(&b, "type", mentionType(it.Kind))
	b.WriteString("author:\n")
	line(&b, "  name", quote(name))
	if u := httpURL(it.Author.URL); u != "" {
		line(&b, "  url", u)
	}
	if u := httpURL(it.Author.Photo); u != "" {
		line(&b, "  photo", u)
	}
	if !it.Published.IsZero() {
		line(&b, "published", it.Published.UTC().Format(time.RFC3339))
	}
	line(&b, "received", firstTime(it.Received, when).UTC().Format(time.RFC3339))
	if t := excerpt(it.HTML); t != "" {
		line(&b, "excerpt", quote(t))
	}
	line(&b, "status", status)
	line(&b, "via", it.Source)
	line(&b, "remote_id", quote(it.RemoteID))
	b.WriteString("content_hash: \n")
	return withHash(b.Bytes()), ""
}

// maxReply bounds the text of a collected reply. The build refuses a
// comment file over 64 KiB (interactions.MaxRecordSize), so one huge reply
// must not be able to stop the blog's build: the rest stays on its page.
const maxReply = 48 << 10

// cutReply shortens body to maxReply bytes at a line, else a character,
// and says where the rest is.
func cutReply(body, remote string) string {
	if len(body) <= maxReply {
		return body
	}
	cut := body[:maxReply]
	if i := strings.LastIndexByte(cut, '\n'); i > maxReply/2 {
		cut = cut[:i]
	}
	cut = strings.ToValidUTF8(cut, "")    // a character cut in two is dropped
	cut = strings.TrimRight(cut, "\\ \n") // no escape left dangling
	if remote == "" {
		return cut + "\n\n(The reply goes on; it was cut here.)"
	}
	return cut + "\n\n[The reply goes on at its page](<" + remote + ">)."
}

func line(b *bytes.Buffer, key, value string) {
	b.WriteString(key + ": " + value + "\n")
}

func mentionType(k Kind) string {
	switch k {
	case KindLike, KindRepost, KindBookmark:
		return k.String()
	}
	return "mention" // an RSVP is shown as a mention with its words
}

// quote writes s as a YAML double-quoted string (JSON's are YAML's).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(strings.ToValidUTF8(s, "\uFFFD")) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// hashSkip are the lines the hash leaves out: the hash itself, and the
// status, which the blogger may change to approve a pending item.
var hashSkip = regexp.MustCompile(`(?m)^(?:content_hash|status): .*\n`)

// digest hashes a file without its hash and status lines, in the front
// matter of a comment or anywhere in a mention.
func digest(src []byte) string {
	head, body := src, []byte(nil)
	if bytes.HasPrefix(src, []byte("---\n")) {
		if i := bytes.Index(src[4:], []byte("\n---\n")); i >= 0 {
			head, body = src[:4+i+5], src[4+i+5:]
		}
	}
	h := sha256.New()
	h.Write(hashSkip.ReplaceAll(head, nil))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// withHash fills the content_hash line of src.
func withHash(src []byte) []byte {
	return hashLine.ReplaceAll(src, []byte("content_hash: "+digest(src)+"\n"))
}

var hashLine = regexp.MustCompile(`(?m)^content_hash: .*\n`)

// handEdited says why a file must be left alone, or "".
func handEdited(src []byte) string {
	h := field(src, "content_hash")
	switch {
	case h == "":
		return "not written by accrue collect"
	case h != digest(src):
		return "edited by hand"
	}
	return ""
}

// field returns the value of a top-level "key: value" line, unquoted; ""
// when there is none.
func field(src []byte, key string) string {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `: (.*)$`).FindSubmatch(src)
	if m == nil {
		return ""
	}
	v := strings.TrimSpace(string(m[1]))
	var s string
	if strings.HasPrefix(v, `"`) && json.Unmarshal([]byte(v), &s) == nil {
		return s
	}
	return v
}

// excerpt is the text of a mention's HTML, at most 300 characters; the
// build reduces it to plain text again.
func excerpt(src string) string {
	z := xhtml.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			s := strings.Join(strings.Fields(b.String()), " ")
			if r := []rune(s); len(r) > 300 {
				s = string(r[:299]) + "…"
			}
			return s
		case xhtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
				b.WriteByte(' ')
			}
		case xhtml.StartTagToken:
			if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
				skip++
			}
		case xhtml.EndTagToken:
			if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
				skip = max(skip-1, 0)
			}
		}
	}
}

// httpURL returns s when the build accepts it as a link (http or https,
// a host, no user name, no spaces), else "".
func httpURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || len(s) > 2048 || strings.ContainsAny(s, " \t\r\n\"") || u.User != nil || u.Hostname() == "" {
		return ""
	}
	if sch := strings.ToLower(u.Scheme); sch != "http" && sch != "https" {
		return ""
	}
	return s
}

func hostOf(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Hostname()
	}
	return ""
}

// normalizeURL makes equal the spellings of one address that differ only
// in the case of scheme and host or in a fragment, as the build compares
// a mention's target with the post.
func normalizeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	u.Scheme, u.Host, u.Fragment, u.RawFragment = strings.ToLower(u.Scheme), strings.ToLower(u.Host), "", ""
	return u.String()
}

func matches(p *Post, target string) bool {
	n := normalizeURL(target)
	for _, u := range p.URLs {
		if normalizeURL(u) == n {
			return true
		}
	}
	return false
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}
