package importer

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// Kind is what an imported file holds.
type Kind int

const (
	KindPost Kind = iota
	KindPage
	KindComment
	KindMention
	KindAttachment // WordPress attachments: counted, never written
	KindOther      // other WordPress items (menus, blocks, templates) and unknown Disqus threads
)

var kindNames = [...]string{"post", "page", "comment", "mention", "attachment", "other"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// MarshalText makes a Kind read as its name in --json output.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Count is one row of the summary: what happened to the files of a kind.
type Count struct {
	Kind Kind `json:"kind"`
	// Created is how many files were written (or, in a dry run, would be).
	Created int `json:"created"`
	// Unchanged are files already there with exactly what this import
	// writes: an earlier run made them.
	Unchanged int `json:"unchanged"`
	// Edited are files already there with other content: the blogger (or
	// a newer export) changed them, and an import never overwrites.
	Edited int `json:"edited"`
	// Skipped counts what was not imported, by reason.
	Skipped map[string]int `json:"skipped,omitempty"`
}

// Note is one thing the blogger should look at after an import: a post
// kept as a draft because it was private or protected, an untitled post,
// an edited file left alone, a thread that matched no post.
type Note struct {
	Kind Kind   `json:"kind"`
	What string `json:"what"` // the file written or skipped, or the remote link
	Why  string `json:"why"`
}

// Result is what one import did. Counts has one row per kind that
// anything happened to, in Kind order; Notes are sorted.
type Result struct {
	Source string  `json:"source"` // "wordpress", "disqus" or "webmentions"
	DryRun bool    `json:"dry_run"`
	Counts []Count `json:"counts"`
	Notes  []Note  `json:"notes,omitempty"`

	rows map[Kind]*Count
}

func newResult(source string, dryRun bool) *Result {
	return &Result{Source: source, DryRun: dryRun, rows: map[Kind]*Count{}}
}

func (r *Result) row(k Kind) *Count {
	c := r.rows[k]
	if c == nil {
		c = &Count{Kind: k}
		r.rows[k] = c
	}
	return c
}

func (r *Result) skip(k Kind, why string) {
	c := r.row(k)
	if c.Skipped == nil {
		c.Skipped = map[string]int{}
	}
	c.Skipped[why]++
}

func (r *Result) note(k Kind, what, why string) {
	r.Notes = append(r.Notes, Note{Kind: k, What: what, Why: why})
}

// finish turns the rows into Counts and sorts the notes, so the output is
// the same for the same input.
func (r *Result) finish() *Result {
	r.Counts = r.Counts[:0]
	for k := KindPost; k <= KindOther; k++ {
		if c := r.rows[k]; c != nil {
			r.Counts = append(r.Counts, *c)
		}
	}
	sort.SliceStable(r.Notes, func(i, j int) bool {
		a, b := r.Notes[i], r.Notes[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.What != b.What {
			return a.What < b.What
		}
		return a.Why < b.Why
	})
	return r
}

// Written is how many files the import wrote (or would write).
func (r *Result) Written() int {
	n := 0
	for _, c := range r.Counts {
		n += c.Created
	}
	return n
}

// Changed reports whether the import wrote anything. A second run of the
// same import writes nothing.
func (r *Result) Changed() bool { return r.Written() > 0 }

// Reasons returns the reasons of c's skipped files, sorted.
func (c Count) Reasons() []string {
	out := make([]string, 0, len(c.Skipped))
	for why := range c.Skipped {
		out = append(out, why)
	}
	sort.Strings(out)
	return out
}

func (n Note) String() string { return fmt.Sprintf("%s %s: %s", n.Kind, n.What, n.Why) }

// WriteTable prints r for a person: one line saying what was written,
// a table by kind, the reasons for what was skipped, then the notes.
func (r *Result) WriteTable(w io.Writer) error {
	var b strings.Builder
	n := r.Written()
	switch {
	case r.DryRun:
		fmt.Fprintf(&b, "dry run: %d %s would be written; nothing was written\n", n, plural(n, "file", "files"))
	case n == 0:
		fmt.Fprintf(&b, "nothing to write: every file of this %s export is already in the site\n", r.Source)
	default:
		fmt.Fprintf(&b, "imported from %s: %d %s written\n", r.Source, n, plural(n, "file", "files"))
	}
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tcreated\tunchanged\tedited\tskipped\t")
	for _, c := range r.Counts {
		skipped := 0
		for _, v := range c.Skipped {
			skipped += v
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", c.Kind, c.Created, c.Unchanged, c.Edited, skipped)
	}
	tw.Flush()
	first := true
	for _, c := range r.Counts {
		for _, why := range c.Reasons() {
			if first {
				b.WriteString("skipped:\n")
				first = false
			}
			fmt.Fprintf(&b, "  %d %s: %s\n", c.Skipped[why], plural(c.Skipped[why], c.Kind.String(), c.Kind.String()+"s"), why)
		}
	}
	if len(r.Notes) > 0 {
		b.WriteString("to look at:\n")
		for _, nt := range r.Notes {
			fmt.Fprintf(&b, "  %s\n", nt)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
