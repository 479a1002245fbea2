// Package diag holds positions and user-facing diagnostics: a problem a user
// must fix is reported as "file:line:col: message" so editors can jump to it.
//
// An Error has a Pos and a Severity: warnings are printed but fail the
// build only under --strict. Each phase collects its problems into a List
// instead of stopping at the first; Join merges the lists of parallel
// tasks, Sort orders them by file and line whatever order the tasks
// finished in, and Err is nil when only warnings remain. A List is an
// error itself, and errors.As finds each Error in it. LineIndex turns the
// byte offsets a parser gives into lines and columns; Suggest gives the
// "did you mean" for a misspelt key or name.
//
// Every other generator package may import diag; diag imports only the
// standard library.
package diag
