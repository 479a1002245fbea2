// Package search writes the index a static site searches in the reader's
// browser, with no service behind it: built once per build, loaded by the
// theme's search.js on first use.
//
// The index is a word index, not the posts' text: each word (lowercased,
// accents dropped, common English words left out) lists the posts it is
// in with a small score, higher for a word of the title or a tag than for
// one of the body, and higher for a word the body repeats. Posts are
// numbered in the order given (newest first), and each word's list is
// encoded as deltas between post numbers. What results show of a post
// (title, URL, date, a snippet of its summary) is in files of
// ChunkSize posts beside the index: every query needs the words, a page
// of results only a few chunks. The format is documented in index.go,
// beside the code that writes it, and read by
// themes/default/static/js/search.js.
//
// Output is deterministic: the same posts give the same bytes.
//
// Scanning a body (Scan) is the costly part; its result, Body, depends on
// the body's HTML alone, so it is kept: the dev server keeps it for a
// post whose file did not change, and the render cache keeps it between
// builds (Body.Encode, DecodeBody), so a build that renders no page of a
// post need not load its body for the index. An Index is kept too: after
// an edit, Update (Set) re-encodes only the changed posts' words.
//
// search imports no generator package: package site converts its pages
// into Posts.
package search
