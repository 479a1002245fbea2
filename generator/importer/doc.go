// Package importer brings a blog's past into accrue's own files: posts,
// pages, comments and pingbacks from a WordPress export (WXR), comments
// from a Disqus export, and mentions from a webmention.io (jf2) export.
//
// It sits beside the build, not inside it: it writes the same Markdown
// documents and comment and mention files a person would (see package
// interactions for their format), and the build reads them like any
// other. Nothing in the build imports it.
//
// Every import is a plan, then writes:
//
//  1. read the export: WXR and Disqus streaming with encoding/xml, item by
//     item, never the whole tree; the jf2 file (small) whole with
//     encoding/json. A file that cannot be read is an error at its line,
//     and nothing is written;
//  2. convert each post (HTML to Markdown, with WordPress's bare
//     paragraphs wrapped first) in parallel, into a list of files;
//  3. check each file against the site (serially, so the counts are
//     exact), then write the new ones in order, each to a temporary name
//     then renamed, one at a time.
//
// File names come from the remote ids (comments/DATE-wp-ID.md,
// DATE-dsq-ID.md, DATE-wm-ID.md; WebmentionFileName), so a second run
// finds every file it wrote and writes nothing. A file already there is
// never overwritten: with the same content it is unchanged, with other
// content it is the blogger's, left alone and listed in the Result. Every
// path is checked to stay inside the site folder, whatever a slug or id
// holds.
//
// Posts go to content/posts/SLUG/index.md, always a folder, so that the
// comments, mentions and images of a later import have their place
// without moving the post. Pages go to content/SLUG.md, under their
// parent page's slug.
//
// Disqus threads and webmentions are matched to the site's posts by
// address: each post's permalink as the build assigns it (Options.
// Permalinks, which cmd/accrue asks package site for), its front matter
// url and aliases, and its WordPress id. The importer never works out a
// permalink itself.
//
// importer imports content (slugs, the site's posts), config (the base
// URL that mention targets name), and diag.
package importer
