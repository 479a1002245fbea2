// Package markdown turns a post's Markdown into HTML: goldmark with GFM,
// footnotes, heading IDs with anchor links, typographic quotes when
// Options.Typographer asks, and fenced code highlighted by chroma with
// CSS classes (with line numbers and highlighted lines as a fence's
// options ask, in Hugo's syntax: ParseFence). Alongside the HTML it
// returns what the rest of the build needs from the same parse: the
// summary (cut at <!--more--> when there is one), the table of contents,
// the links (with positions) and the word count. Scan returns all that
// but the HTML and summary, without highlighting, for the commands that
// need only the link graph.
//
// Render refuses, with an error positioned in the document, what goldmark
// cannot parse in time linear in its size (deep nesting, paragraphs of
// unclosed marks; package internal/mdguard measures them). goldmark offers
// no way to stop a parse, so bounding its work is what makes rendering a
// document cheap to abandon; the caller checks for cancellation between
// documents.
//
// Highlighting is deterministic: a block comes out the same on a busy
// machine as on a quiet one. chroma gives every rule of its lexers a 250ms
// regexp2 timeout of wall time and reads a rule that timed out as a rule
// that did not match, so under load a keyword could come out as a name.
// Render uses copies of chroma's lexers (lexers.go) whose rules time out
// only after runawayMatch (a minute), which no scheduling delay reaches. A
// block whose tokenising takes longer than runawayBlock (30s, well less
// than a timeout can take) is shown unhighlighted, as plain escaped code:
// a timeout never shows as wrong tokens, and a runaway block is given up
// at the first token past 30s instead of holding up the build for hours.
// The lexers chroma builds out of lexer values it keeps to itself
// (markdown, HTTP, PHTML, ERB, Svelte, Go HTML Template, YAML+Jinja,
// Common Lisp, EmacsLisp) cannot be copied
// and keep chroma's timeouts; TestLexerCopies lists them.
//
// Heading ids never take the ids the default theme gives the sections
// after a post (comments, mentions, changelog, referenced-by): a page
// with both would have duplicate ids.
//
// It is also the one place goldmark is set up for what visitors write:
// RenderComment renders a comment with a fixed configuration that no
// Options field reaches, so [markdown] unsafe never lets a stranger's raw
// HTML through. Raw HTML shows as text, images become links, links go
// only to web, mail and relative addresses with rel="nofollow ugc", and
// headings start at h4, below the page's own.
//
// One Renderer is built per build and shared by all goroutines; per
// document state lives in a parser.Context. The comment renderer and the
// lexer copies are built once for the process and read-only afterwards,
// like chroma's registry. markdown imports only diag and internal/mdguard.
package markdown
