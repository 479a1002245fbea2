// Package pagecheck checks built pages with the tools a reviewer would
// use: the Nu HTML Checker (vnu) for markup a browser need not guess at,
// and axe-core in headless Chromium for what a reader with a screen
// reader, a keyboard or a phone meets.
//
// Neither tool is Go: .ci/run installs Java and fetches both from npm
// into a cache outside the repo, and passes their paths to the tests in
// ACCRUE_VNU_JAR and ACCRUE_AXE_JS. The tests of this package run them
// over the demo blog (the repo's own content/), the golden site of
// package site, the value report and a post's statement; without the
// tools they fail, naming the variable, unless ACCRUE_SKIP_BROWSER_TESTS=1.
//
// pagecheck imports no generator package; its tests build the sites.
package pagecheck
