// Package mdguard bounds the work goldmark may spend on one document, for
// package markdown, which hands it text written elsewhere: posts, and
// comments written by strangers.
//
// goldmark's block parser is quadratic in nesting and its inline parser in
// the marks of one paragraph, and it offers no way to stop a parse. So
// Parse refuses, with an error positioned in the document, what goldmark
// cannot parse in time linear in its size: block quotes and lists nested
// deeper than MaxNesting (a line-by-line scan before goldmark sees the
// document), and paragraphs, headings or tables whose links, emphasis and
// code marks would spend more than WorkPerByte a byte (Guard, a paragraph
// transformer that measures each paragraph before its inline parse).
// Refusing is clearer than rewriting: the author sees where and why, and
// no page changes behind their back.
//
// mdguard imports only diag and goldmark.
package mdguard
