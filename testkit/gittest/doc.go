// Package gittest makes real git repositories for tests, in temporary
// folders, with commits at fixed dates and no global or system git
// configuration, so histories are the same on every machine. Require
// fails a test when git is missing rather than skipping it (unless
// ACCRUE_SKIP_GIT_TESTS=1): CI must never skip these.
//
// gittest imports no accrue package.
package gittest
