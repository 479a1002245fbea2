package rendercache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"time"

	"github.com/accruehq/accrue/generator/internal/atomicfile"
)

// Besides renderings, a cache keeps one small derived blob per body, what
// the caller makes of the rendering once (the search index's words), in a
// file of its own beside the pack (PACK.words), so a rebuild that renders
// nothing need not load every body to derive it again. The file has the
// pack's identity; each entry carries its CRC and is read only when asked
// for, so a damaged entry is a miss, never other bytes.

const wordsMagic = "ACRWv001"

// Key names a body in the cache: the SHA-256 of its Markdown.
type Key = digest

// KeyOf is the key of the body src.
func KeyOf(src []byte) Key { return digestOf(src) }

// wordsAt locates a blob in the words file.
type wordsAt struct {
	off int64
	n   int
	crc uint32
}

// openWords indexes the words file at path for identity; nil when there
// is none or it is not for identity. A damaged tail ends the index.
func openWords(path string, identity digest) (*os.File, map[digest]wordsAt) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil
	}
	r := bufio.NewReaderSize(f, 1<<16)
	head := make([]byte, len(wordsMagic)+len(digest{}))
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(wordsMagic)]) != wordsMagic || !bytes.Equal(head[len(wordsMagic):], identity[:]) {
		f.Close()
		return nil, nil
	}
	index := map[digest]wordsAt{}
	off := int64(len(head))
	var hdr [len(digest{}) + 8]byte
	for {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			break
		}
		var key digest
		copy(key[:], hdr[:len(key)])
		n := int(binary.LittleEndian.Uint32(hdr[len(key):]))
		crc := binary.LittleEndian.Uint32(hdr[len(key)+4:])
		if n > 1<<26 {
			break // damaged: a blob is never that large
		}
		if _, err := r.Discard(n); err != nil {
			break
		}
		index[key] = wordsAt{off: off + int64(len(hdr)), n: n, crc: crc}
		off += int64(len(hdr)) + int64(n)
	}
	return f, index
}

// Words returns the blob PutWords stored for key, by this build or the
// last; ok is false when there is none or it does not read back whole.
func (c *Cache) Words(key Key) (blob []byte, ok bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	if blob, ok := c.newWords[key]; ok {
		c.mu.Unlock()
		return blob(), true
	}
	at, ok := c.oldWords[key]
	f := c.wordsFile
	c.mu.Unlock()
	if !ok || f == nil {
		return nil, false
	}
	buf := make([]byte, at.n)
	if _, err := f.ReadAt(buf, at.off); err != nil || crc32.Checksum(buf, castagnoli) != at.crc {
		return nil, false
	}
	c.mu.Lock()
	c.usedWords[key] = true
	c.mu.Unlock()
	return buf, true
}

// PutWords stores the blob blob returns for key, for this build and the
// next. It is called when the cache is saved, not now: the caller holds
// what it encodes anyway, and a copy of every post's blob held until the
// end of the build would be memory for nothing.
func (c *Cache) PutWords(key Key, blob func() []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.newWords[key] = blob
	c.mu.Unlock()
}

// saveWords writes the words file anew with the blobs of the bodies this
// build had (rendered, found in the pack, or asked words of) and those it
// stored, when it stored any or had fewer than the file holds. A build
// that writes no page of a post still keeps its words. Called with c.mu
// held.
func (c *Cache) saveWords() error {
	path := c.path + ".words"
	kept := func(key digest) bool { return c.used[key] || c.usedWords[key] }
	dropped := 0
	for key := range c.oldWords {
		if !kept(key) {
			dropped++
		}
	}
	if len(c.newWords) == 0 && dropped == 0 {
		now := time.Now()
		_ = os.Chtimes(path, now, now) // only for pruning
		return nil
	}
	err := atomicfile.Write(path, 0o644, func(w io.Writer) error {
		w.Write([]byte(wordsMagic))
		w.Write(c.identity[:])
		put := func(key digest, blob []byte) error {
			var hdr [len(digest{}) + 8]byte
			copy(hdr[:], key[:])
			binary.LittleEndian.PutUint32(hdr[len(key):], uint32(len(blob)))
			binary.LittleEndian.PutUint32(hdr[len(key)+4:], crc32.Checksum(blob, castagnoli))
			w.Write(hdr[:])
			_, err := w.Write(blob)
			return err
		}
		for key, blob := range c.newWords {
			if err := put(key, blob()); err != nil {
				return err
			}
		}
		for key, at := range c.oldWords {
			if _, stored := c.newWords[key]; stored || !kept(key) || c.wordsFile == nil {
				continue
			}
			buf := make([]byte, at.n)
			if _, err := c.wordsFile.ReadAt(buf, at.off); err == nil && crc32.Checksum(buf, castagnoli) == at.crc {
				if err := put(key, buf); err != nil {
					return err
				}
			}
		}
		if c.wordsFile != nil {
			c.wordsFile.Close() // a file still open cannot be replaced on every system
			c.wordsFile = nil
		}
		return nil
	})
	if err != nil {
		return errors.Join(errors.New("words"), err)
	}
	return nil
}
