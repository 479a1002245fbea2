// Package feeds writes RSS 2.0, Atom and JSON Feed 1.1 documents with
// gorilla/feeds from items the site has already rendered. Links and content
// must already be absolute: feed readers have no page to resolve against.
//
// Content is the one HTML field, the post's own, and is written as it is.
// Everything else (titles, summaries, authors, tags, the feed's title and
// description) is plain text and reaches a reader as text in every format:
// the summary is HTML-escaped for RSS <description> and Atom <summary
// type="html">, which readers parse as HTML, and kept as it is in JSON
// Feed's summary, which is text. A summary that shows markup as code thus
// never becomes markup in a reader. Characters XML cannot carry become
// U+FFFD: in content for every format, in text for RSS and Atom (as
// encoding/xml writes them), so that one stray control character cannot
// make a feed unreadable.
//
// feeds imports no other generator package.
package feeds
