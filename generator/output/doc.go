// Package output owns the output folder on disk: where a build's files go
// and how they replace the previous output.
//
// A build writes into a fresh folder inside the output folder (so an
// ignore rule for public/ covers it), flat into a staging folder first
// (DirWriter), and only when it succeeded does BuildDir swap it in whole:
// a failed or interrupted build leaves the previous output as it was.
// The build function BuildDir calls may write from many goroutines
// (WriteFile is safe for concurrent use); BuildDir moves the staged files
// into their folders (Finish) once it returns. Staging flat is for speed:
// a new folder per page scatters small files across the disk, and on ext4
// that made a large blog's write several times slower. Two builds of one
// output folder take turns at cleaning and swapping (a lock on its
// parent folder).
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
// file was rendered from (a key the caller gives with WriteKeyed). The
// next build leaves in place the files whose key did not change (Reuse)
// and, once it succeeded, updates the folder in place instead of
// swapping: each new file is renamed over the old one, and files and
// folders no build wrote are removed, so the folder ends as a full build
// makes it and a rebuild after one edit writes a few files, not
// thousands. (Where a file would go where the folder has a folder, or
// the other way round, the reused files are linked into a new folder,
// which is swapped in as usual.) The record names the folder's generation by its marker
// file, and each file by size, time and inode, so a folder replaced
// without a record or a file edited by hand is rendered again; it is
// removed while an update runs, so an interrupted update is followed by
// a full build (reuse.go).
//
// output imports only internal/flock and internal/atomicfile (the
// record). cmd/accrue uses it for accrue build; the dev server and tests
// build into memory instead.
package output
