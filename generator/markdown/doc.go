// Package markdown turns a post's Markdown into HTML: goldmark with GFM,
// footnotes, typographic quotes, heading IDs with anchor links, and fenced
// code highlighted by chroma with CSS classes. Alongside the HTML it returns
// what the rest of the build needs from the same parse: the summary, the
// table of contents, the links (with positions) and the word count.
//
// Render refuses, with an error positioned in the document, what goldmark
// cannot parse in time linear in its size: block quotes and lists nested
// deeper than MaxNesting, and paragraphs, headings or tables whose links,
// emphasis and code marks would make the inline parser quadratic (see
// WorkPerByte). A line-by-line scan measures nesting before goldmark sees
// the document; a paragraph transformer measures each paragraph before its
// inline parse. Refusing is clearer than rewriting: the author sees where
// and why, and no page changes behind their back. goldmark offers no way
// to stop a parse, so bounding its work is what makes rendering a document
// cheap to abandon; the caller checks for cancellation between documents.
// guard.go is shared word for word with package interactions.
//
// One Renderer is built per build and shared by all goroutines; per
// document state lives in a parser.Context. markdown imports only diag.
package markdown
