// Package fastimport writes a git repository's whole history in one git
// fast-import stream, which makes hundreds or thousands of dated commits
// take a fraction of a second, then checks out main.
//
// The test corpora (testkit/corpus, testkit/blogshape) write their
// histories with it. Every git it runs is cut off from the user's and the
// system's configuration and from the caller's GIT_ variables, so the
// same stream gives the same commits on every machine.
//
// fastimport imports no accrue package.
package fastimport
