// Package sitetest builds small sites written as txtar archives, in
// memory, so whole-site tests keep their fixtures visible.
//
// Build builds an archive with the built-in theme at the fixed clock Now
// and fails the test when the build fails; TryBuild is for builds that
// should fail, BuildFS for a file system a test assembled. The Result
// holds every output file and diagnostic: AssertFile checks one file,
// AssertGolden the whole output against a txtar golden file, rewritten
// by go test -update (Update). Package site's tests that use it are in
// package site_test, to avoid an import cycle.
//
// sitetest imports site, diag and the embedded default theme (themes).
package sitetest
