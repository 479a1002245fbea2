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
//  1. read the export, streaming with encoding/xml or encoding/json; a
//     file that cannot be read is an error at its line, and nothing is
//     written;
//  2. convert each post (HTML to Markdown, with WordPress's bare
//     paragraphs wrapped first) in parallel, into a list of files;
//  3. write the files in order, each to a temporary name then renamed.
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
// importer imports content (slugs, the site's posts), config (the base
// URL that mention targets name), and diag.
package importer
