package site

import (
	"fmt"
	"sort"
	"time"

	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
)

// This file gathers what documents say about their front matter into a
// few lines a build: a blog imported from another generator has the same
// fields and the same gaps in hundreds of posts, and one line a post
// would bury every other message.

// unknownFields reports the front matter fields no document reader knows:
// one warning for each name, with how many files have it and the first,
// or, with --strict, an error at each one.
func (b *builder) unknownFields(docs []*docResult) diag.List {
	type seen struct {
		first diag.Pos
		files int
	}
	byName := map[string]*seen{}
	var diags diag.List
	for _, d := range docs {
		for _, f := range d.doc.Unknown {
			if b.opts.Strict {
				diags.Add(content.UnknownFieldError(f))
				continue
			}
			s := byName[f.Name]
			if s == nil {
				s = &seen{first: f.Pos}
				byName[f.Name] = s
			}
			s.files++
			if f.Pos.File < s.first.File {
				s.first = f.Pos
			}
		}
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := byName[n]
		where := fmt.Sprintf("in %s:%d", s.first.File, s.first.Line)
		if s.files > 1 {
			where = fmt.Sprintf("in %d files, first %s:%d", s.files, s.first.File, s.first.Line)
		}
		diags.Add(diag.Warnf(diag.Pos{}, "front matter field %q is not one accrue reads; kept for templates as .Params.%s (%s)", n, n, where))
	}
	return diags
}

// dateSource is where an undated post's date came from.
type dateSource int

const (
	dateWritten     dateSource = iota // the front matter or the file name
	dateFromGit                       // the file's first commit
	dateFromModTime                   // the file's modification time
)

// dates says, in one line for each source, how many posts take their
// date from git or from their file's modification time. The line points
// at the first such post, with what to write in its own front matter
// format to keep the date.
func dates(docs []*docResult) diag.List {
	var diags diag.List
	for _, src := range []dateSource{dateFromGit, dateFromModTime} {
		var first *content.Doc
		n := 0
		for _, d := range docs {
			if d.dateFrom != src {
				continue
			}
			n++
			if first == nil || d.doc.Path < first.Path {
				first = d.doc
			}
		}
		if n == 0 {
			continue
		}
		from := "git history"
		lead := "no date in front matter"
		if src == dateFromModTime {
			from, lead = "the file's modification time", "no date in front matter and no git history"
		}
		day := first.Date.Format(time.DateOnly)
		what := fmt.Sprintf("this post takes its date from %s, %s", from, day)
		if n > 1 {
			what = fmt.Sprintf("%d posts take their date from %s, this one %s", n, from, day)
		}
		diags.Add(diag.Warnf(diag.Pos{File: first.Path, Line: 1}, "%s: %s (to keep it, %s)", lead, what, dateHint(first.Format, first.Date)))
	}
	return diags
}

// dateHint says how to write date in a file whose front matter is in
// format.
func dateHint(format content.Format, date time.Time) string {
	day := date.Format(time.DateOnly)
	switch format {
	case content.FormatTOML:
		return "add date = " + day + " to its front matter"
	case content.FormatYAML:
		return "add date: " + day + " to its front matter"
	}
	return `start the file with the lines "---", "date: ` + day + `" and "---"`
}

// published reports whether a document is built under o: not a draft
// (Jekyll's published: false is one), not expired (Hugo's expiryDate)
// and, for a post, not dated after o.Now, unless o asks for those.
func published(doc *content.Doc, o Options) bool {
	if doc.Draft && !o.Drafts {
		return false
	}
	if !doc.Expires.IsZero() && !doc.Expires.After(o.Now) {
		return false
	}
	return doc.Kind != content.KindPost || !doc.Date.After(o.Now) || o.Future
}
