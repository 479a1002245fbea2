// Package content finds the posts and pages of a site under content/ and
// reads each one: front matter split and decoded (YAML or TOML), title,
// slug and date rules, drafts. It does not render Markdown (package
// markdown does) and does not read git (package history does); package site
// composes them.
//
// Read refuses what would publish silently wrong: a file that is not UTF-8
// (Options.Encoding reads legacy latin1 files instead), a merge conflict
// git left outside fenced code, dates outside the years internal/dates
// allows, more tags, categories or series than Options.MaxTerms. Both
// front matter formats go through one set of type checks, so a mistake
// gets the same message in YAML and TOML. A file or folder name that
// cannot stand in a URL as it is (a space, "%", "?") gives its slug
// instead (URLName), with a warning; EscapePath encodes what a slug the
// author chose needs.
//
// content imports only diag, config and internal/dates.
package content
