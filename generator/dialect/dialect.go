package dialect

import (
	"bytes"
	"fmt"

	"github.com/accruehq/accrue/generator/diag"
)

// Dialect is the template syntax a site's Markdown was written for.
type Dialect int

const (
	None   Dialect = iota // accrue's own Markdown, left as it is
	Jekyll                // Liquid tags and output: {% highlight %}, {{ site.url }}
	Hugo                  // shortcodes: {{< figure >}}, {{% ref %}}
	Zola                  // shortcodes {{ youtube(id="...") }}, {% quote() %}, @/ links
)

var names = [...]string{None: "", Jekyll: "jekyll", Hugo: "hugo", Zola: "zola"}

// String is the name config uses; None is "".
func (d Dialect) String() string {
	if d < 0 || int(d) >= len(names) {
		return fmt.Sprintf("Dialect(%d)", int(d))
	}
	return names[d]
}

// Parse reads a dialect name as config writes it.
func Parse(name string) (Dialect, error) {
	for d, n := range names {
		if n == name {
			return Dialect(d), nil
		}
	}
	return None, fmt.Errorf("unknown dialect %q (use %q, %q, %q, or \"\" for none)", name, "jekyll", "hugo", "zola")
}

// Options says how to rewrite one document.
type Options struct {
	Dialect Dialect
	// File names the document in diagnostics; Line is the file's line of
	// the source's first line (after front matter), zero meaning 1.
	File string
	Line int
	// Vars are the values Liquid output may name: "site.url" (scheme and
	// host, no slash at the end), "site.baseurl" ("" or a path such as
	// "/blog"), "site.title", "page.title" and so on.
	Vars map[string]string
	// Unsafe says raw HTML reaches the page (config markdown.unsafe):
	// figures are then HTML, else a Markdown image and caption.
	Unsafe bool
}

// Ref is a cross-reference the rewrite turned into a RefURL token.
type Ref struct {
	Target string // as written: "2010-07-21-name", "_posts/x.md", "blog/a.md"
	Line   int    // in the file
	Col    int
}

// Result is a rewritten document.
type Result struct {
	Markdown []byte
	Refs     []Ref
	Diags    diag.List
	// lines maps each line of Markdown to its line in the source; nil
	// when the source came back as it was.
	lines []int32
}

// SourceLine maps a 1-based line of r.Markdown to the line of the source
// (not the file: add the front matter's lines) it came from.
func (r *Result) SourceLine(n int) int {
	if r.lines == nil || n < 1 {
		return n
	}
	if n > len(r.lines) {
		return int(r.lines[len(r.lines)-1])
	}
	return int(r.lines[n-1])
}

// Changed reports whether the rewrite changed anything.
func (r *Result) Changed() bool { return r.lines != nil }

// needs reports whether src may hold anything dialect d rewrites: the
// fast path for documents without template syntax.
func needs(d Dialect, src []byte) bool {
	switch d {
	case Jekyll:
		return bytes.Contains(src, []byte("{%")) || bytes.Contains(src, []byte("{{"))
	case Hugo:
		return bytes.Contains(src, []byte("{{"))
	case Zola:
		return bytes.Contains(src, []byte("{%")) || bytes.Contains(src, []byte("{{")) || bytes.Contains(src, []byte("@/"))
	}
	return false
}
