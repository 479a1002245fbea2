// Package interactions reads the comments and mentions stored as files next
// to a post, validates them and makes them safe to render. For the post
// content/posts/hello.md or content/posts/hello/index.md the post folder is
// content/posts/hello/, and it may hold:
//
//	comments/20250918T140502Z-k7m2qx.md    YAML front matter, then Markdown
//	mentions/20250918T141200Z-p3n8za.yaml  one Webmention (or pingback) record
//
// Importers and accrue collect name files by the remote item's day and an
// id made from its remote id (comments/2025-09-18-wm-1234.md), so the same
// item always lands in the same file. Such files also record their Origin
// (service, remote id and URL, a hash of the file as written) and may say
// withdrawn: true when the item was deleted where it came from: a
// withdrawn comment or mention is not shown and its deposit is withdrawn.
//
// One file per interaction means that adding one never conflicts with
// another, whether a form handler, a Webmention receiver or an import wrote
// it. The build never touches the network: whatever arrives is written to
// these folders by other tools, and package interactions only reads them.
//
// Everything in these files was written by someone other than the site's
// owner, so every field is checked (with a file:line:col diagnostic and a
// "did you mean" hint) and every string that reaches a page is made inert:
// comment bodies are rendered by goldmark without raw HTML (package
// markdown) and then cleaned by bluemonday; mention titles and excerpts
// are reduced to plain text for html/template to escape; every URL is
// http or https.
//
// A stranger can also write to slow the build down, so a file larger than
// MaxRecordSize, and a comment body that goldmark could not parse in time
// linear in its size (deep nesting, or marks that make the inline parser
// quadratic; see package internal/mdguard), is skipped with a warning that names the file and
// says why. A warning rather than an error: someone else's file must not
// fail the owner's build. A file that is not UTF-8 is refused with the
// position of its first bad byte.
//
// Load runs once per published post, in parallel, after the build has
// assigned URLs: a mention counts only when it targets one of the post's
// addresses (postURLs). The Set it returns is read-only afterwards and may
// be shared between goroutines. Package accounts turns a Set into ledger
// events, and package site into template data.
//
// interactions imports diag, markdown (comment bodies are rendered by
// markdown.RenderComment, then cleaned here) and internal packages
// (dates, frontmatter, litter, yamlhint); it shares the front matter
// splitter with content.
package interactions
