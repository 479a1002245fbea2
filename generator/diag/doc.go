// Package diag holds positions and user-facing diagnostics: a problem a user
// must fix is reported as "file:line:col: message" so editors can jump to it.
//
// Every other generator package may import diag; diag imports only the
// standard library.
package diag
