// Package theme loads a theme's html/template layouts and static files
// from layered file systems: a site's layouts/ over its themes/NAME/ over
// the default theme embedded in the binary, file by file. It also writes
// the chroma stylesheet for code highlighting.
//
// Which template renders which kind of page is the short table in
// lookup.go; nothing is found by convention beyond it. theme imports only
// diag.
package theme
