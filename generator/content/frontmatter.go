package content

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/dates"
	"github.com/accruehq/accrue/generator/internal/frontmatter"
	"github.com/accruehq/accrue/generator/internal/tomlkeys"
	"github.com/accruehq/accrue/generator/internal/yamlhint"
	"github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"
)

// Format is the syntax of a front matter block.
type Format = frontmatter.Format

const (
	FormatNone = frontmatter.None
	FormatYAML = frontmatter.YAML
	FormatTOML = frontmatter.TOML
)

// FrontMatter holds the fields accrue understands, under the names
// Jekyll, Hugo and Zola users already write (fieldNames lists them all).
type FrontMatter struct {
	Title   string
	Date    time.Time // zero when not given; Hugo's publishDate when date is not
	Updated time.Time // zero when not given; "lastmod", "last_modified_at" are accepted too
	// Expires is Hugo's expiryDate: from then on the post is not built.
	Expires time.Time
	// Draft is true for draft: true and for Jekyll's published: false.
	Draft      bool
	Tags       []string
	Categories []string
	Series     []string
	Slug       string
	// URL is where the document is published, from Jekyll's permalink,
	// Hugo's url or Zola's path: a slash path from the site root, ending
	// in "/". When URLTokens is true it holds Jekyll tokens (":year",
	// ":title"...) that package site expands once the date is final.
	URL       string
	URLTokens bool
	Aliases   []string
	// Summary is summary, else Jekyll's excerpt.
	Summary     string
	Description string
	// Author is the author to show: one name, or the names of Authors
	// joined with commas.
	Author  string
	Authors []string
	Image   string
	// Keywords are Hugo's keywords, for a meta tag.
	Keywords []string
	// Lang is the document's language when it is not the site's.
	Lang string
	TOC  bool
	// Mastodon and Bluesky name the post's announcement on those
	// networks (a status URL; a bsky.app post URL or an at:// URI):
	// where readers reply, and where accrue collect looks for replies.
	// Both stay in Params too.
	Mastodon string
	Bluesky  string
	// ExcerptSeparator is Jekyll's per-post excerpt_separator: Read makes
	// the body before it the summary (Doc.Excerpt).
	ExcerptSeparator string
	// Updates is the changelog the author keeps: dated notes shown to
	// readers, and the post's updates when the site has no git history.
	Updates []Update
	// Params holds every other field, for templates (.Params.name), and
	// Zola's [extra] table as .Params.extra.
	Params map[string]any
	// Unknown are the fields that neither accrue nor another generator
	// reads, in source order. They are in Params too; package site says
	// once per name that accrue does not read them, or, with --strict,
	// refuses each (UnknownFieldError).
	Unknown []Field
}

// Field is a front matter field by name and where it is written.
type Field struct {
	Name string
	Pos  diag.Pos
}

// fieldNames are the fields DecodeFrontMatter reads, with the names of
// Jekyll, Hugo and Zola: what a misspelled field is compared to.
var fieldNames = []string{"title", "date", "updated", "lastmod", "last_modified_at", "publishdate", "pubdate",
	"expirydate", "draft", "published", "tags", "categories", "series", "taxonomies", "slug", "permalink", "url",
	"path", "aliases", "redirect_from", "summary", "excerpt", "excerpt_separator", "description", "author",
	"authors", "image", "images", "keywords", "lang", "toc", "updates", "params", "extra", "mastodon", "bluesky"}

// ignoredFields are fields of other generators that accrue knowingly does
// not act on: they only tell those generators how to lay out or index a
// page. They are kept in Params, without a word.
var ignoredFields = map[string]bool{
	// Jekyll and its common plugins
	"layout": true, "sitemap": true, "comments": true, "share": true, "redirect_to": true, "hidden": true,
	"pin": true, "classes": true, "header": true, "mathjax": true, "math": true, "seo": true,
	// Hugo
	"weight": true, "type": true, "linktitle": true, "menu": true, "menus": true, "outputs": true,
	"headless": true, "markup": true, "translationkey": true, "build": true, "cascade": true,
	"resources": true, "iscjklanguage": true, "katex": true,
	// Zola
	"template": true, "in_search_index": true, "render": true, "insert_anchor_links": true,
}

// UnknownFieldError is the error --strict makes of an unknown field: at
// its line, with the field it is probably a misspelling of.
func UnknownFieldError(f Field) *diag.Error {
	if s := diag.Suggest(f.Name, fieldNames); s != "" {
		return diag.Errorf(f.Pos, "front matter: unknown field %q (did you mean %q?)", f.Name, s)
	}
	return diag.Errorf(f.Pos, "front matter: unknown field %q; accrue does not read it (put what templates need under params)", f.Name)
}

// Update is one entry of a post's changelog.
type Update struct {
	Date time.Time
	Note string
}

// field is one top-level front matter entry, whatever its syntax.
type field struct {
	key string
	pos diag.Pos
	val value
}

// value is a front matter value normalized across YAML and TOML, so that
// one set of type checks (asString, asBool, ...) serves both formats and
// gives the same message for the same mistake.
type value struct {
	kind kind
	str  string  // scalars, as written
	list []value // sequences
	// fields are a table's values by name, as written.
	fields map[string]value
	time   *time.Time // TOML dates and datetimes
	// local is true when time has no zone of its own.
	local bool
	// plain is true for a YAML scalar written without quotes, the only
	// way to write YAML 1.1's yes, no, on and off booleans.
	plain bool
	raw   any // the decoded Go value, for Params
}

// kind is the type of a front matter value.
type kind int

const (
	kindNull kind = iota
	kindText
	kindNumber
	kindBool
	kindTime // a TOML date, or a YAML scalar that resolves to a timestamp
	kindList
	kindTable
	kindOther // a TOML time of day
)

// describe names v in messages: the text "yes", the number 5.
func (v value) describe() string {
	switch v.kind {
	case kindText:
		return fmt.Sprintf("the text %q", v.str)
	case kindNumber:
		return "the number " + v.str
	case kindBool:
		return v.str
	case kindTime:
		return "the date " + v.str
	case kindList:
		return "a list"
	case kindTable:
		return "a table of fields"
	case kindOther:
		return v.str
	}
	return "nothing"
}

// DecodeFrontMatter decodes fm written in format. file is the path used in
// diagnostics, and line the 1-based line where fm starts in the file. Dates
// without an offset are read in loc.
func DecodeFrontMatter(fm []byte, format Format, file string, line int, loc *time.Location) (FrontMatter, diag.List) {
	return Options{Location: loc}.decode(fm, format, file, line)
}

// decode is DecodeFrontMatter with o's location and limits.
func (o Options) decode(fm []byte, format Format, file string, line int) (FrontMatter, diag.List) {
	var fields []field
	var diags diag.List
	switch format {
	case FormatYAML:
		fields, diags = yamlFields(fm, file, line)
	case FormatTOML:
		fields, diags = tomlFields(fm, file, line)
	}
	if diags.HasErrors() {
		return FrontMatter{}, diags
	}
	d := decoder{loc: o.location(), maxTerms: o.maxTerms()}
	seen := make(map[string]diag.Pos, len(fields))
	for _, f := range fields {
		// YAML decoders keep the last of two equal keys without a word,
		// and field names are case-insensitive in both formats.
		if prev, dup := seen[f.key]; dup {
			diags.Add(diag.Errorf(f.pos, "front matter: field %q is already defined on line %d; keep one", f.key, prev.Line))
			continue
		}
		seen[f.key] = f.pos
		diags.Add(d.set(f))
	}
	diags = append(diags, d.finish()...)
	return d.m, diags
}

// decoder fills a FrontMatter field by field. Some fields stand in for
// others only when those are not given (publishDate for date, excerpt for
// summary), whatever the order: finish settles them.
type decoder struct {
	m        FrontMatter
	loc      *time.Location
	maxTerms int
	// unpublished is Jekyll's published: false.
	unpublished bool
	excerpt     string
	publishDate time.Time
	// extraDate and extraUpdated are a Zola [extra] table's date and
	// updated.
	extraDate, extraUpdated time.Time
	// urlField is the field URL came from, to refuse a second one.
	urlField field
	warnings diag.List
}

func (d *decoder) finish() diag.List {
	m := &d.m
	m.Draft = m.Draft || d.unpublished
	if m.Summary == "" {
		m.Summary = d.excerpt
	}
	if m.Date.IsZero() {
		m.Date = d.publishDate
	}
	if m.Date.IsZero() {
		m.Date = d.extraDate
	}
	if m.Updated.IsZero() {
		m.Updated = d.extraUpdated
	}
	return d.warnings
}

func (d *decoder) set(f field) *diag.Error {
	m, loc := &d.m, d.loc
	var err error
	switch f.key {
	case "title":
		m.Title, err = f.val.asString()
	case "date":
		m.Date, err = f.val.asTime(loc)
	case "publishdate", "pubdate":
		d.publishDate, err = f.val.asTime(loc)
	case "expirydate":
		m.Expires, err = f.val.asTime(loc)
	case "updated", "lastmod", "last_modified_at":
		var t time.Time
		t, err = f.val.asTime(loc)
		if t.After(m.Updated) {
			m.Updated = t
		}
	case "draft":
		m.Draft, err = f.val.asBool()
	case "published":
		var published bool
		published, err = f.val.asBool()
		d.unpublished = err == nil && !published
	case "tags":
		m.Tags, err = f.val.asTerms(d.maxTerms, true)
		err = errors.Join(err, termsFit(m.Tags))
	case "categories":
		m.Categories, err = f.val.asTerms(d.maxTerms, true)
		err = errors.Join(err, termsFit(m.Categories))
	case "series":
		m.Series, err = f.val.asTerms(d.maxTerms, false)
		err = errors.Join(err, termsFit(m.Series))
	case "taxonomies":
		err = d.taxonomies(f.val)
	case "slug":
		m.Slug, err = f.val.asString()
		if err == nil && len(m.Slug) > MaxSegment {
			err = fmt.Errorf("is %d bytes, more than the %d a folder name may have; shorten it", len(m.Slug), MaxSegment)
		}
		if err == nil && (strings.ContainsAny(m.Slug, "/\\?#") || m.Slug == "." || m.Slug == "..") {
			err = fmt.Errorf("must be a single URL segment without / \\ ? #, not %q", m.Slug)
		}
		if err == nil && strings.IndexFunc(m.Slug, unsafeInPath) >= 0 {
			err = fmt.Errorf("must be a single URL segment without control characters, not %q", m.Slug)
		}
	case "permalink", "url", "path":
		err = d.url(f)
	case "aliases", "redirect_from":
		var more []string
		more, err = f.val.asStrings()
		m.Aliases = append(m.Aliases, more...)
	case "summary":
		m.Summary, err = f.val.asString()
	case "excerpt":
		d.excerpt, err = f.val.asString()
	case "excerpt_separator":
		m.ExcerptSeparator, err = f.val.asString()
	case "description":
		m.Description, err = f.val.asString()
	case "author", "authors":
		err = d.authors(f.val)
	case "image":
		m.Image, err = f.val.asString()
	case "images":
		// Hugo's images: the first is the page's image, as its own
		// templates take it; all stay in Params.
		var images []string
		images, err = f.val.asStrings()
		if err == nil && len(images) > 0 && m.Image == "" {
			m.Image = images[0]
		}
		d.param(f.key, f.val.raw)
	case "keywords":
		m.Keywords, err = f.val.asTerms(math.MaxInt, false)
	case "lang":
		m.Lang, err = f.val.asString()
		if err == nil && strings.ContainsAny(m.Lang, " \t\"<>&") {
			err = fmt.Errorf("want a language tag such as en or pt-BR, not %q", m.Lang)
		}
	case "toc":
		m.TOC, err = f.val.asBool()
	case "mastodon":
		if m.Mastodon, err = f.val.asString(); err == nil {
			err = checkThread(m.Mastodon, false, "https://mastodon.social/@name/109876543210")
		}
		d.param(f.key, f.val.raw)
	case "bluesky":
		if m.Bluesky, err = f.val.asString(); err == nil {
			err = checkThread(m.Bluesky, true, "https://bsky.app/profile/name.bsky.social/post/3kabc or at://did:plc:.../app.bsky.feed.post/3kabc")
		}
		d.param(f.key, f.val.raw)
	case "updates":
		m.Updates, err = f.val.asUpdates(loc)
	case "params":
		switch mp := f.val.raw.(type) {
		case nil: // "params:" with nothing after it
		case map[string]any:
			if d.m.Params == nil {
				d.m.Params = map[string]any{}
			}
			for k, v := range mp {
				d.param(k, v)
			}
		default:
			err = errors.New("want a table of fields")
		}
	case "extra":
		err = d.extra(f.val)
	default:
		d.param(f.key, f.val.raw)
		if !ignoredFields[f.key] {
			m.Unknown = append(m.Unknown, Field{Name: f.key, Pos: f.pos})
		}
		return nil
	}
	if err != nil {
		return diag.Errorf(f.pos, "front matter: %s: %v", f.key, err)
	}
	return nil
}

// param keeps a value for templates as .Params.key.
func (d *decoder) param(key string, v any) {
	if d.m.Params == nil {
		d.m.Params = map[string]any{}
	}
	d.m.Params[key] = v
}

// authors reads author or authors: one name, a list of names (Zola,
// Jekyll) or Jekyll's {name: ..., email: ...}.
func (d *decoder) authors(v value) error {
	var names []string
	switch v.kind {
	case kindList:
		var err error
		if names, err = v.asStrings(); err != nil {
			return err
		}
	case kindTable:
		mp, _ := v.raw.(map[string]any) // a table decodes to a map
		name, ok := mp["name"].(string)
		if !ok {
			return errors.New("want a name, a list of names or a table with a name")
		}
		names = []string{strings.TrimSpace(name)}
	default:
		name, err := v.asString()
		if err != nil {
			return err
		}
		if name = strings.TrimSpace(name); name != "" {
			names = []string{name}
		}
	}
	d.m.Authors = append(d.m.Authors, names...)
	d.m.Author = strings.Join(d.m.Authors, ", ")
	return nil
}

// taxonomies reads Zola's [taxonomies] table: tags, categories and series
// are accrue's own; other taxonomies are kept in Params by name.
func (d *decoder) taxonomies(v value) error {
	mp, ok := v.raw.(map[string]any)
	if !ok {
		if v.kind == kindNull {
			return nil
		}
		return errors.New("want a table such as tags = [\"a\", \"b\"]")
	}
	for _, k := range sortedKeys(mp) {
		key := strings.ToLower(k)
		var terms []string
		var err error
		switch key {
		case "tags", "categories", "series":
			terms, err = v.fields[k].asTerms(d.maxTerms, false)
		default:
			d.param(key, mp[k])
			continue
		}
		if err = errors.Join(err, termsFit(terms)); err != nil {
			return fmt.Errorf("%s: %v", key, err)
		}
		switch key {
		case "tags":
			d.m.Tags = append(d.m.Tags, terms...)
		case "categories":
			d.m.Categories = append(d.m.Categories, terms...)
		case "series":
			d.m.Series = append(d.m.Series, terms...)
		}
	}
	return nil
}

// extra keeps Zola's [extra] table for templates as .Params.extra. Themes
// put a date or updated there when the page's own is not set.
func (d *decoder) extra(v value) error {
	mp, ok := v.raw.(map[string]any)
	if !ok {
		if v.kind == kindNull {
			return nil
		}
		return errors.New("want a table of fields")
	}
	d.param("extra", mp)
	for k, x := range v.fields {
		var dst *time.Time
		switch strings.ToLower(k) {
		case "date":
			dst = &d.extraDate
		case "updated":
			dst = &d.extraUpdated
		default:
			continue
		}
		t, err := x.asTime(d.loc)
		if err != nil {
			return fmt.Errorf("%s: %v", k, err)
		}
		*dst = t
	}
	return nil
}

// url reads Jekyll's permalink, Hugo's url or Zola's path into URL. A
// permalink may hold Jekyll's tokens; url and path are used as they are.
func (d *decoder) url(f field) error {
	if d.urlField.key != "" {
		return fmt.Errorf("the URL is already set by %s on line %d; keep one", d.urlField.key, d.urlField.pos.Line)
	}
	s, err := f.val.asString()
	if err != nil {
		return err
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.Contains(s, "://") {
		return fmt.Errorf("want a path from the site's root such as /about/, not the address %q", s)
	}
	if strings.ContainsAny(s, "?#\\") || strings.IndexFunc(s, unsafeInPath) >= 0 {
		return fmt.Errorf("want a path without ? # \\ or control characters, not %q", s)
	}
	tokens := f.key == "permalink" && strings.Contains(s, ":")
	if tokens {
		if bad := unknownToken(s); bad != "" {
			return fmt.Errorf("unknown token %s; accrue expands %s", bad, strings.Join(permalinkTokens, " "))
		}
	}
	for _, seg := range strings.Split(s, "/") {
		if seg == ".." {
			return fmt.Errorf("want a path inside the site, not %q", s)
		}
	}
	u := path.Clean("/" + s)
	for _, seg := range strings.Split(u, "/") {
		if len(seg) > MaxSegment {
			return fmt.Errorf("has a segment of %d bytes, more than the %d a folder name may have; shorten it", len(seg), MaxSegment)
		}
	}
	switch {
	case u == "/index.html" || strings.HasSuffix(u, "/index.html"):
		u = strings.TrimSuffix(u, "index.html")
	case strings.HasSuffix(u, ".html") && len(u) > len("/.html"):
		u = strings.TrimSuffix(u, ".html")
		d.warnings.Add(diag.Warnf(f.pos, "front matter: %s: accrue publishes each page as a folder, so this one is at %s/ rather than %s", f.key, u, s))
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	d.m.URL, d.m.URLTokens, d.urlField = u, tokens, f
	return nil
}

// permalinkTokens are the Jekyll permalink tokens a post's own permalink
// may hold.
var permalinkTokens = []string{":year", ":short_year", ":month", ":i_month", ":day", ":i_day",
	":hour", ":minute", ":second", ":title", ":slug", ":categories"}

// unknownToken returns the first ":name" in s that is not a permalink
// token, or "".
func unknownToken(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] != ':' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] == '_') {
			j++
		}
		if !slices.Contains(permalinkTokens, s[i:j]) {
			return s[i:j]
		}
		i = j - 1
	}
	return ""
}

// sortedKeys returns m's keys in order, for stable diagnostics.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// asString accepts text and, as written, a number (title: 1984) or a
// date: YAML users do not quote those. true and false are refused, since
// "title: yes" is more likely a slip than a title.
func (v value) asString() (string, error) {
	switch v.kind {
	case kindText, kindNumber, kindTime:
		return v.str, nil
	case kindNull:
		return "", nil
	case kindList:
		return "", errors.New("want a single value, not a list")
	}
	return "", fmt.Errorf("want text, not %s", v.describe())
}

// asTerms reads tags, categories or series: a list of names, or one name
// (Jekyll's "tags: go"). With split, a text value holds names separated by
// spaces, as Jekyll reads "tags: go money". A number is a name inside a list (tags: [2024])
// but not alone, where "tags: 5" reads as a count. More than max names is
// an error: each name is a page of its own and a feed.
func (v value) asTerms(max int, split bool) ([]string, error) {
	switch v.kind {
	case kindNull:
		return nil, nil
	case kindText:
		if split {
			if names := strings.Fields(v.str); len(names) > 0 {
				return checkCount(names, max)
			}
			return nil, nil
		}
		if s := strings.TrimSpace(v.str); s != "" {
			return []string{s}, nil
		}
		return nil, nil
	case kindList:
	case kindTable, kindOther:
		return nil, errors.New("want a list such as [a, b]")
	default:
		return nil, fmt.Errorf("want a list such as [a, b], not %s", v.describe())
	}
	out := make([]string, 0, len(v.list))
	for _, e := range v.list {
		switch e.kind {
		case kindText, kindNumber:
		case kindList, kindTable, kindOther:
			return nil, errors.New("want a list of text values")
		default:
			return nil, fmt.Errorf("want a list of text values, not one holding %s", e.describe())
		}
		if s := strings.TrimSpace(e.str); s != "" {
			out = append(out, s)
		}
	}
	return checkCount(out, max)
}

// checkCount refuses more than max names.
func checkCount(out []string, max int) ([]string, error) {
	if len(out) > max {
		return nil, fmt.Errorf("%d names, more than the %d a post may have (each is a page and feeds of its own); keep the ones readers browse by, or raise [content] max_terms in accrue.toml", len(out), max)
	}
	return out, nil
}

// termsFit refuses a name whose slug is too long to be the folder of its
// page: the build could not write it.
func termsFit(names []string) error {
	for _, n := range names {
		if slug := Slugify(n); len(slug) > MaxSegment {
			return fmt.Errorf("%q makes a URL segment of %d bytes, more than the %d a folder name may have; shorten it", abbreviate(n, 40), len(slug), MaxSegment)
		}
	}
	return nil
}

// abbreviate cuts s to about max runes for an error message.
func abbreviate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}

// asStrings reads a list of text values, or one (aliases: /old/).
func (v value) asStrings() ([]string, error) {
	return v.asTerms(math.MaxInt, false)
}

// asUpdates reads a list of {date, note} entries, oldest first.
func (v value) asUpdates(loc *time.Location) ([]Update, error) {
	const want = "want a list of entries such as {date: 2024-05-01, note: Fixed the example}"
	if v.kind != kindList {
		return nil, errors.New(want)
	}
	out := make([]Update, 0, len(v.list))
	for i, e := range v.list {
		m, ok := e.raw.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("entry %d: %s", i+1, want)
		}
		var u Update
		for k, x := range m {
			switch strings.ToLower(k) {
			case "date":
				t, err := tomlValue(x).asTime(loc)
				if err != nil {
					return nil, fmt.Errorf("entry %d: date: %v", i+1, err)
				}
				u.Date = t
			case "note":
				s, ok := x.(string)
				if !ok {
					return nil, fmt.Errorf("entry %d: note: want text", i+1)
				}
				u.Note = strings.TrimSpace(s)
			default:
				return nil, fmt.Errorf("entry %d: unknown field %q (an entry has date and note)", i+1, k)
			}
		}
		if u.Date.IsZero() {
			return nil, fmt.Errorf("entry %d: date is required", i+1)
		}
		out = append(out, u)
	}
	slices.SortStableFunc(out, func(a, b Update) int { return a.Date.Compare(b.Date) })
	return out, nil
}

// asBool accepts true and false and, in YAML, the YAML 1.1 words yes, no,
// on and off written without quotes, which YAML libraries still read as
// booleans. Quoted text is refused in both formats: Hugo reads
// draft = "yes" as false and accrue would read it as true, so the only
// safe reading is none.
func (v value) asBool() (bool, error) {
	switch v.kind {
	case kindBool:
		return v.raw == true, nil
	case kindText:
		if v.plain {
			switch strings.ToLower(v.str) {
			case "yes", "on":
				return true, nil
			case "no", "off":
				return false, nil
			}
		}
		switch strings.ToLower(v.str) {
		case "true", "false", "yes", "no", "on", "off":
			return false, fmt.Errorf("want true or false without quotes, not %s", v.describe())
		}
	}
	return false, fmt.Errorf("want true or false, not %s", v.describe())
}

// asTime reads a date: a TOML date value or text in one of the shapes
// dates.Parse knows. Both are held to the same years.
func (v value) asTime(loc *time.Location) (time.Time, error) {
	if v.time != nil {
		t := *v.time
		if v.local {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
		}
		if err := dates.Check(t, v.str); err != nil {
			return time.Time{}, err
		}
		return t, nil
	}
	if v.kind != kindText && v.kind != kindTime {
		return time.Time{}, errors.New("want a date such as 2024-05-01 or 2024-05-01T09:30:00Z")
	}
	return ParseDate(v.str, loc)
}

// ParseDate reads the date formats bloggers write in front matter. A date
// without an offset is in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	return dates.Parse(s, loc)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the syntax errors go-yaml's parser, rather than
// its scanner, reports. go-yaml gives the line of a scanner error counted
// from 1 but that of a parser error counted from 0, one line too early
// (Hugo met the same: gohugoio/hugo#9857).
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

func yamlFields(fm []byte, file string, line int) ([]field, diag.List) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		n := 1 // go-yaml names no line for errors on the first one
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ = strconv.Atoi(m[1]) // the regexp matched digits
			msg = m[2]
			if yamlParserProblems[msg] {
				n++
			}
		}
		if strings.HasPrefix(msg, "found a tab character") {
			// go-yaml names the line where the value holding the tab
			// starts; point at the tab.
			n = lineWithIndentTab(fm, n)
		}
		n, msg = yamlhint.Explain(fm, n, msg)
		return nil, diag.List{diag.Errorf(diag.Pos{File: file, Line: line + n - 1}, "front matter: %s", msg)}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, diag.List{diag.Errorf(diag.Pos{File: file, Line: line + root.Line - 1, Col: root.Column},
			"front matter: want fields such as \"title: Hello\", not a %s", yamlKind(root))}
	}
	var fields []field
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		pos := diag.Pos{File: file, Line: line + k.Line - 1, Col: k.Column}
		var raw any
		if err := v.Decode(&raw); err != nil {
			return nil, diag.List{diag.Errorf(pos, "front matter: %s: %v", k.Value, err)}
		}
		fields = append(fields, field{key: strings.ToLower(k.Value), pos: pos, val: yamlValue(v, raw)})
	}
	return fields, nil
}

// lineWithIndentTab returns the first line of src, from line from on,
// whose indentation holds a tab, or from if there is none.
func lineWithIndentTab(src []byte, from int) int {
	for i, l := range bytes.Split(src, []byte("\n")) {
		if i+1 >= from && bytes.IndexByte(l[:len(l)-len(bytes.TrimLeft(l, " \t"))], '\t') >= 0 {
			return i + 1
		}
	}
	return from
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value"
	}
	return "document of another shape"
}

func yamlValue(n *yaml.Node, raw any) value {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	v := value{raw: raw}
	switch n.Kind {
	case yaml.ScalarNode:
		v.str, v.plain = n.Value, n.Style == 0
		switch n.ShortTag() {
		case "!!null":
			v.kind, v.str = kindNull, ""
		case "!!bool":
			v.kind = kindBool
		case "!!int", "!!float":
			v.kind = kindNumber
		case "!!timestamp":
			v.kind = kindTime
		default:
			v.kind = kindText
		}
	case yaml.SequenceNode:
		v.kind = kindList
		items, _ := raw.([]any) // Decode of a sequence gives []any
		for i, c := range n.Content {
			var r any
			if i < len(items) {
				r = items[i]
			}
			v.list = append(v.list, yamlValue(c, r))
		}
	case yaml.MappingNode:
		v.kind = kindTable
		m, _ := raw.(map[string]any) // Decode of a mapping gives map[string]any
		v.fields = make(map[string]value, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			v.fields[k] = yamlValue(n.Content[i+1], m[k])
		}
	}
	return v
}

func tomlFields(fm []byte, file string, line int) ([]field, diag.List) {
	var m map[string]any
	if err := toml.Unmarshal(fm, &m); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			l, c := de.Position()
			return nil, diag.List{diag.Errorf(diag.Pos{File: file, Line: line + l - 1, Col: c}, "front matter: %s", strings.TrimPrefix(de.Error(), "toml: "))}
		}
		return nil, diag.List{diag.Errorf(diag.Pos{File: file, Line: line}, "front matter: %v", err)}
	}
	positions := tomlkeys.Find(fm)
	fields := make([]field, 0, len(m))
	for k, raw := range m {
		pos := diag.Pos{File: file, Line: line}
		if p, ok := positions[k]; ok {
			pos = diag.Pos{File: file, Line: line + p.Line - 1, Col: p.Col}
		}
		fields = append(fields, field{key: strings.ToLower(k), pos: pos, val: tomlValue(raw)})
	}
	// Maps have no order; decode in source order so diagnostics are stable.
	sortFields(fields)
	return fields, nil
}

func sortFields(fs []field) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && (fs[j].pos.Line < fs[j-1].pos.Line || (fs[j].pos.Line == fs[j-1].pos.Line && fs[j].key < fs[j-1].key)); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

func tomlValue(raw any) value {
	v := value{raw: raw}
	switch x := raw.(type) {
	case nil:
		v.kind = kindNull
	case string:
		v.kind, v.str = kindText, x
	case bool:
		v.kind, v.str = kindBool, strconv.FormatBool(x)
	case int64:
		v.kind, v.str = kindNumber, strconv.FormatInt(x, 10)
	case int:
		v.kind, v.str = kindNumber, strconv.Itoa(x)
	case uint64:
		v.kind, v.str = kindNumber, strconv.FormatUint(x, 10)
	case float64:
		v.kind, v.str = kindNumber, strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		v.kind, v.time, v.str = kindTime, &x, x.Format(time.RFC3339)
		if x.Location() == time.UTC && x.Equal(x.Truncate(24*time.Hour)) {
			v.str = x.Format("2006-01-02") // as YAML users write a date
		}
	case toml.LocalDate:
		t := x.AsTime(time.UTC)
		v.kind, v.time, v.local, v.str = kindTime, &t, true, x.String()
	case toml.LocalDateTime:
		t := x.AsTime(time.UTC)
		v.kind, v.time, v.local, v.str = kindTime, &t, true, x.String()
	case toml.LocalTime:
		v.kind, v.str = kindOther, x.String() // a time of day is no date
	case []any:
		v.kind = kindList
		for _, e := range x {
			v.list = append(v.list, tomlValue(e))
		}
	case map[string]any:
		v.kind = kindTable
		v.fields = make(map[string]value, len(x))
		for k, e := range x {
			v.fields[k] = tomlValue(e)
		}
	default:
		v.kind, v.str = kindOther, fmt.Sprint(x)
	}
	return v
}
