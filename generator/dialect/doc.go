// Package dialect rewrites the template syntax that posts brought from
// Jekyll (Liquid tags), Hugo (shortcodes) and Zola (shortcodes and @/
// links) carry in their Markdown, before goldmark sees it: common
// constructs become plain Markdown or HTML, unknown ones stay visible as
// written, with a warning at their line.
//
// It runs in the load phase, once per document (Rewrite), and costs
// nothing for a document without "{%", "{{" or "@/". Cross-references
// (post_url, link, ref, relref, @/) cannot be resolved then, because URLs
// are assigned later: Rewrite writes them as RefURL tokens and lists them,
// and site replaces the tokens once every page has its URL (Index,
// Resolve). The render cache therefore keeps tokens, never URLs, and a
// moved post is found again on every build.
//
// Code is left alone: fenced code blocks and inline code spans are copied
// as they are, except that Jekyll's {% raw %} and {% endraw %}, which
// Jekyll never shows, are dropped from them. Indented code blocks are not
// recognized. A backslash before a brace keeps it as written, as
// Markdown's escapes do, which also makes text shown as written (escaped)
// read the same when rewritten again.
//
// Each rewritten line of Markdown maps back to its source line
// (Result.SourceLine), so goldmark's positions still name the file's
// lines. A document reports at most maxWarnings problems one by one.
//
// dialect is a leaf: it imports diag and the standard library only.
package dialect
