// Package content finds the posts and pages of a site under content/ and
// reads each one: front matter split and decoded (YAML or TOML), title,
// slug and date rules, drafts. It does not render Markdown (package
// markdown does) and does not read git (package history does); package site
// composes them.
//
// content imports only diag and config.
package content
