// Package litter names the files editors and downloads leave beside the
// ones a blogger writes: swap and backup files, probes, half-saved
// versions. They are no posts, no resources, no templates and no static
// files, and the dev server does not rebuild when they change. Hidden
// files (a leading ".") count too: .DS_Store, .git, a .swp.
//
// One list, so that a build, the dev server's watcher and every reader of
// a folder agree on what is not the site.
//
// litter imports no generator package.
package litter

import "strings"

// Is reports whether a file or folder named name (a base name, not a
// path) is litter: hidden; a backup ("post.md~"); vim's swap files and its
// "4913" write probe; an emacs lock or autosave ("#post.md#"); the new and
// old versions JetBrains IDEs keep beside a file while they save it; a
// download or copy under way (".tmp", ".crdownload").
func Is(name string) bool {
	switch {
	case name == "4913", strings.HasPrefix(name, "."), strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".crdownload"):
		return true
	}
	return false
}
