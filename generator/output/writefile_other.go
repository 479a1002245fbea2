//go:build !unix

package output

import "os"

func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

func renameFile(from, to string) error { return os.Rename(from, to) }

// inode is 0 where the file system does not say: size and time still
// tell an edited file.
func inode(os.FileInfo) uint64 { return 0 }
