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
