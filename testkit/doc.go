// Package testkit holds the harnesses accrue's tests import. It has no code
// of its own: this file says what sits under it and the rule it keeps.
//
//   - sitetest builds a site written as a txtar archive, in memory, and
//     asserts on its output files.
//   - gittest makes real git repositories at fixed dates in temporary
//     folders.
//   - fastimport writes a repository's whole history in one git
//     fast-import stream; corpus (a synthetic blog of any size) and
//     blogshape (TIL, news and social blogs with real-looking histories)
//     write theirs with it.
//   - browsertest starts headless Chromium.
//   - pagecheck runs the Nu HTML Checker and axe-core over built pages.
//
// # Dependencies
//
// testkit sits at the top, beside cmd/: its packages may import generator
// packages (sitetest drives site), and no generator package imports them
// but from its tests. Nothing in generator/ or cmd/ may import testkit from
// non-test code, so no harness is ever compiled into accrue; generator/internal
// holds only the helpers accrue itself runs. generator/imports_test.go checks
// both.
package testkit
