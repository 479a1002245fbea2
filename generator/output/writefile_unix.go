//go:build unix

package output

import (
	"os"
	"syscall"
)

// writeFile creates or truncates name and writes data with three system
// calls. os.WriteFile adds several more per file (registering the file
// with the poller, fcntl), which shows on a build that writes thousands
// of small files.
func writeFile(name string, data []byte) error {
	fd, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	if err != nil {
		return &pathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &pathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &pathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// renameFile moves the staged file from to the path to, where nothing is
// yet. os.Rename first stats to, to refuse a directory there; rename(2)
// itself refuses to put a file over a directory (EISDIR), so for a file
// that stat is one system call per output file for nothing.
func renameFile(from, to string) error {
	if err := syscall.Rename(from, to); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

// inode is the file's inode number, which a hard link shares.
func inode(info os.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
