package site

import "sync"

// folderMaker is a Writer that can make the folders of the files it will
// be given ahead of them (output.DirWriter).
type folderMaker interface {
	MakeFolders(paths []string)
}

// MemWriter keeps output in memory, for tests and the dev server.
type MemWriter struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// WriteFile stores a copy of data under p.
func (w *MemWriter) WriteFile(p string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.Files == nil {
		w.Files = map[string][]byte{}
	}
	w.Files[p] = append([]byte(nil), data...)
	return nil
}
