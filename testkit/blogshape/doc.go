// Package blogshape writes blogs whose git histories are shaped like real
// ones, so that tests can check that the ledger and the report tell the
// truth about a blog that looks like a blogger's, not only about a
// fixture of five posts.
//
// Three shapes, each drawn from a seeded math/rand/v2, so the same
// Options always give the same files and the same commits:
//
//   - TIL, a "today I learned" blog: about 150 notes over five years in a
//     folder per topic, no front matter (titles from the first heading,
//     dates from git), more than 40% never revised and a few revised for
//     years; notes link to each other with the blog's own absolute
//     address, in every spelling (http, https, www.); one note is
//     deleted and added back a year later.
//   - News: about 150 posts over sixteen years with front matter and
//     links between posts; sweeping commits that touch every post, and
//     mechanical commits that make the same one-line edit to 10 to 16
//     posts (the blog's domain added to local links, a front matter
//     field added), beside commits that revise a few posts each in their
//     own way.
//   - Social: about 120 posts over six years, with comments and
//     mentions (files as accrue collect writes them) that arrive for a
//     minority of posts over years, heavy-tailed: a few posts get most,
//     committed by a weekly run of accrue collect.
//     Participants come and go.
//
// Write returns a Blog that records the truth a test compares with:
// each post's publication and real revisions, its comments and mentions,
// and the commits that are maintenance.
//
// The history is written with one git fast-import stream
// (testkit/fastimport), which makes hundreds of dated commits take a
// fraction of a second, then checked out.
//
// blogshape imports no accrue package but testkit/fastimport: it
// writes files and git history, and nothing of accrue reads them but the
// code under test.
package blogshape
