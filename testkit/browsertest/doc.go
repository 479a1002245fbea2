// Package browsertest starts headless Chromium for tests that check pages
// in a real browser: the dev server's live reload, the report's charts.
// Start finds Chromium through ACCRUE_CHROMIUM or PATH; without it a test
// fails rather than skipping (unless ACCRUE_SKIP_BROWSER_TESTS=1), so a
// run never hides that the pages were not tried in a browser.
//
// browsertest imports no accrue package.
package browsertest
