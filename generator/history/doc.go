// Package history reads a site's git history with one run of git log,
// and one more when some commits may be mechanical edits. It returns
// plain data (commits per file); it never decides what a date or a
// revision means for a post.
//
// Log reads, in one git log, every content file's creation (renames
// followed back, and deletions of a name later added back: the address
// is the post), its revisions with author, date and line counts, and
// the sweeping commits that touched many files at once. A commit below
// the sweep threshold that changed several files alike (the same edit in
// each, such as a link rewritten by a script: sameedit.go says exactly
// what counts as the same) is maintenance too; Log reads the patches of
// only those commits that modified several files, with one more git log,
// so a history of one-post commits costs what it did. Around that log it
// reports what makes the history differ from the one the site will be
// published with, as conditions for the build to print rather than
// errors: a shallow clone (History.Shallow), a git operation stopped
// midway such as a rebase waiting on a conflict (History.Unfinished, also
// in History.Warnings), files left in conflict (History.Conflicts, which
// a build should refuse to publish), and submodules under the folder that
// are not checked out (History.Warnings). A submodule that is checked out
// (content/ in a repository of its own) is read with a git log of its own,
// and its files are named by their paths in the site.
//
// With Options.Cache, what git log said is kept in a file keyed by
// everything it was read from (the commit HEAD names, the folder, the
// options, .mailmap), so reading again with no new commit runs no git
// log; the state of the work tree is read every time (cache.go).
//
// history imports no generator package but internal/atomicfile.
package history
