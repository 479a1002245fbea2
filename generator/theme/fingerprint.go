package theme

import (
	"hash/fnv"
	"slices"
	"strconv"
)

// Fingerprint identifies the theme's layouts and the static files it
// copies: two themes with the same fingerprint render the same page from
// the same data with the same functions. A build that reuses an earlier
// build's files (keys) starts from it.
func (t *Theme) Fingerprint() uint64 {
	h := fnv.New64a()
	names := make([]string, 0, len(t.sums))
	for n := range t.sums {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		h.Write([]byte(n + "\x00" + strconv.FormatUint(t.sums[n], 16) + "\n"))
	}
	for _, f := range t.static {
		h.Write([]byte("static\x00" + f.Path + "\x00" + f.Layer.Name + "\x00" + f.Src + "\n"))
	}
	return h.Sum64()
}

func checksum(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}
