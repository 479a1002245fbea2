// Package history reads a site's git history with one run of the git
// command line. It returns plain data (commits per file); it never decides
// what a date or a revision means for a post.
//
// Log reads, in one git log, every content file's creation (renames
// followed back), its revisions with author, date and line counts, the
// sweeping commits that touched many files at once, and whether the clone
// is shallow. Created reads only the creation dates, for a build that
// needs nothing else.
//
// history imports only diag.
package history
