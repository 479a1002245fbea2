// Package feeds writes RSS 2.0, Atom and JSON Feed 1.1 documents with
// gorilla/feeds from items the site has already rendered. Links and content
// must already be absolute: feed readers have no page to resolve against.
//
// feeds imports no other generator package.
package feeds
