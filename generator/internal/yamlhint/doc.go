// Package yamlhint turns go-yaml's syntax errors into advice. go-yaml says
// what its scanner met ("mapping values are not allowed in this context")
// and sometimes at a line after the cause; a blogger needs the line to
// change and how ("put the title in quotes: it contains ': '"). Explain
// looks at the lines of the document for the usual causes: an unquoted
// ": " or leading "@" in a value, a quote or a bracket never closed, a tab
// in the indentation. Anything else keeps go-yaml's words.
//
// Package content (front matter) and package interactions (comment and
// mention files) call Explain on go-yaml's message and line; the line it
// returns counts from 1 in the YAML text they parsed.
//
// yamlhint imports no generator package.
package yamlhint
