package search

import (
	"encoding/binary"
	"strings"
)

// Encode is b as bytes, for a cache to keep between builds (DecodeBody
// reads it back): a body's words depend on its rendering alone.
func (b Body) Encode() []byte {
	out := binary.LittleEndian.AppendUint32(make([]byte, 0, 4+len(b.n)+len(b.words)), uint32(len(b.n)))
	out = append(out, b.n...)
	return append(out, b.words...)
}

// DecodeBody reads what Encode wrote; ok is false for other bytes.
func DecodeBody(data []byte) (b Body, ok bool) {
	if len(data) < 4 {
		return Body{}, false
	}
	n := int(binary.LittleEndian.Uint32(data))
	if n > len(data)-4 {
		return Body{}, false
	}
	words := string(data[4+n:])
	// Each word ends in a space: each relies on it.
	if strings.Count(words, " ") != n || (n > 0 && !strings.HasSuffix(words, " ")) || (n == 0 && words != "") {
		return Body{}, false
	}
	return Body{words: words, n: append([]uint8(nil), data[4:4+n]...)}, true
}
