// Package history reads a site's git history with one run of the git
// command line. It returns plain data (dates per file); it never decides
// what a date means for a post.
//
// history imports only diag.
package history
