// Package markdown turns a post's Markdown into HTML: goldmark with GFM,
// footnotes, typographic quotes, heading IDs with anchor links, and fenced
// code highlighted by chroma with CSS classes. Alongside the HTML it returns
// what the rest of the build needs from the same parse: the summary, the
// table of contents, the links (with positions) and the word count.
//
// Render refuses, with an error positioned in the document, what goldmark
// cannot parse in time linear in its size (deep nesting, paragraphs of
// unclosed marks; package internal/mdguard measures them). goldmark offers
// no way to stop a parse, so bounding its work is what makes rendering a
// document cheap to abandon; the caller checks for cancellation between
// documents.
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
// document state lives in a parser.Context. The comment renderer is built
// once for the process and shared the same way. markdown imports only
// diag and internal/mdguard.
package markdown
