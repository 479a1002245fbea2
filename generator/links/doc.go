// Package links builds the link graph of a site from the links each
// document's Markdown holds: which posts link to which (inbound links are
// deposits in the ledger), which other sites each post links to, and which
// internal links lead nowhere.
//
// A link written with the blog's own address (its base URL, over http or
// https, with or without "www.") is internal, as a site path would be.
// For a site published under a sub-path (https://host/blog/), a site
// path may be written with the sub-path or without it: "/blog/posts/a/"
// and "/posts/a/" name the same post.
//
// Package accounts calls Build once per build, in the accounts phase,
// with the site's documents and a test for the other output paths: a
// link to a tag page, a static file or a post's image is not broken. The
// Graph is read-only afterwards.
//
// links is pure: it reads no files. It imports only diag.
package links
