package diag

import (
	"bytes"
	"sort"
)

// LineIndex maps byte offsets in a source to line and column numbers.
type LineIndex struct {
	starts []int // byte offset of each line start
}

// NewLineIndex indexes src.
func NewLineIndex(src []byte) *LineIndex {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := bytes.IndexByte(src, '\n'); i >= 0; {
		starts = append(starts, i+1)
		j := bytes.IndexByte(src[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return &LineIndex{starts: starts}
}

// Position returns the 1-based line and column (in bytes) of offset.
func (x *LineIndex) Position(offset int) (line, col int) {
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, offset - x.starts[i] + 1
}
