// Package output owns the output folder on disk: where a build's files go
// and how they replace the previous output.
//
// A build writes into a fresh folder inside the output folder (so an
// ignore rule for public/ covers it), flat into a staging folder first
// (DirWriter), and only when it succeeded does BuildDir swap it in whole:
// a failed or interrupted build leaves the previous output as it was.
//
// Because the swap replaces a folder whole, BuildDir first checks what it
// is given: never the site, a folder holding it, or one of its source
// folders; never a file; and only a folder that carries accrue's Marker
// file (or an empty or new one) unless forced. A symbolic link stays a
// link: the folder it points to is replaced.
//
// Builds killed before their end (kill -9, a power cut) leave their
// folders behind; each build holds its own with an advisory lock
// (internal/flock), and the next build removes those no live process
// holds (Clean), putting the previous output back if the kill came in the
// middle of the swap.
//
// With Options.Record, a build also records outside the folder what each
// file was rendered from (a key the caller gives with WriteKeyed), and
// the next build takes the files whose key did not change from the
// previous output by a hard link (Reuse): a rebuild writes only what
// changed, and still swaps in a whole folder. The record names the
// folder's generation by its marker file, and each file by size, time
// and inode, so a folder replaced without a record or a file edited by
// hand is rendered again (reuse.go).
package output
