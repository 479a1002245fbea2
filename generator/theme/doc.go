// Package theme loads a theme's html/template layouts and static files
// from layered file systems: a site's layouts/ over its themes/NAME/ over
// the default theme embedded in the binary, file by file. It also writes
// the chroma stylesheet for code highlighting.
//
// Which template renders which kind of page is the short table in
// lookup.go; nothing is found by convention beyond it. Editors' litter
// (internal/litter) is never a layout or a static file.
//
// A Theme is read-only after Load and shared by the render tasks
// (Execute). The one thing it keeps is what partialCached rendered, a
// post's summary shown on many list pages; Forget drops it before a
// build with new pages. For a build that reuses an earlier one,
// Fingerprint names the layouts and static files (a changed theme
// renders everything again) and SharedFields (deps.go) the fields a
// layout reads from pages other than its own, so the dev server knows
// which edits of one post show elsewhere.
//
// theme imports only diag and internal/litter.
package theme
