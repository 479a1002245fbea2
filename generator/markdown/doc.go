// Package markdown turns a post's Markdown into HTML: goldmark with GFM,
// footnotes, typographic quotes, heading IDs with anchor links, and fenced
// code highlighted by chroma with CSS classes. Alongside the HTML it returns
// what the rest of the build needs from the same parse: the summary, the
// table of contents, the links (with positions) and the word count.
//
// One Renderer is built per build and shared by all goroutines; per
// document state lives in a parser.Context. markdown imports only diag.
package markdown
