// Package corpus writes a synthetic blog of any size, so that benchmarks and
// tests measure a realistic site without depending on files outside the
// repository. It is a Go port of the bench/gencorpus script kept next to the
// project: the same front matter, the same mix of Markdown constructs, the
// same dated git history, but drawn from Go's math/rand/v2, so the bytes
// differ from the script's while staying the same for the same Options.
//
// Post bodies hold what real blogs hold and what a generator must render:
// paragraphs with emphasis, strong and code spans, ## and ### headings,
// bullet and numbered lists, block quotes, GFM tables, footnotes, fenced code
// in go, python, javascript, bash and rust, links to earlier posts
// (/posts/<slug>/) and links to outside sites.
//
// The history is one git fast-import stream (testkit/fastimport), the
// only accrue package corpus imports.
package corpus
