// Package frontmatter splits a document into its front matter and its
// body, for the two kinds of file that open with one: posts and pages
// (package content, YAML between "---" lines or TOML between "+++" lines)
// and comments (package interactions, YAML only). One splitter means
// both agree on what opens and closes a block: a BOM, CRLF line ends,
// trailing blanks on a fence line and a "---" thematic break in the body.
//
// It only splits; decoding the fields, and the messages about them, stay
// with each caller. Package peers uses it too, to look for a date in the
// front matter of another generator's posts.
//
// frontmatter imports no generator package.
package frontmatter
