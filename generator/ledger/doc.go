// Package ledger is the record of what each post has received over time:
// one chronological list of dated events (publish, update, comment, reply,
// mention, like, repost, bookmark, pingback, trackback, internal link in,
// outbound link, site-wide maintenance), each with its actor and a
// reference to its source. The value model and the report read it.
//
// ledger is pure: it takes events built by package site and never reads
// files or the clock. It imports only the standard library.
package ledger
