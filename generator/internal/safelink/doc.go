// Package safelink checks that a file reached through symbolic links stays
// inside the file system it was found in, so a site's output (and what the
// dev server sends) never includes a file from elsewhere on the machine.
// Package site calls Check on every document it reads and every static
// file and resource it copies; a file that fails is left out with a
// warning.
//
// safelink imports no generator package.
package safelink
