package rendercache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"sync"
	"unsafe"

	"github.com/accruehq/accrue/generator/internal/flock"
	"github.com/accruehq/accrue/generator/markdown"
)

// A pack is
//
//	magic (8 bytes) | identity (32) | entries... | count (4) | crc32c (4)
//
// with each entry "key (32) | payload length (4) | payload" and the CRC
// taken over everything before it. Integers are little-endian. A payload
// is one markdown.Result, its HTML last so that reading a pack can skip
// the bodies and leave them on disk:
//
//	meta length (4) | meta | html crc32c (4) | html
//
// meta is "summary | hasMore (1) | words (4) | headings | links", where a
// string is "length (4) | bytes", headings are "count (4)" then
// "level (1) | id | text" each, and links "count (4)" then
// "dest | image (1) | line (4) | col (4)" each.
const magic = "ACRCv002"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// entry locates one rendering in a pack.
type entry struct {
	meta []byte // in memory: summaries, headings and links are small
	html Body
}

// errBadPack says a file is not a whole pack for this renderer.
var errBadPack = errors.New("not a whole pack")

// readPack checks the pack in f for identity and indexes its entries. It
// reads the whole file once (to check the CRC) but keeps only the small
// parts in memory. Any error means "no usable pack": another renderer's,
// a truncated or a corrupted file.
func readPack(f *os.File, identity digest) (map[digest]entry, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := info.Size()
	const head, tail = int64(len(magic) + len(digest{})), 8
	if size < head+tail {
		return nil, errBadPack
	}
	crc := crc32.New(castagnoli)
	r := &packReader{r: bufio.NewReaderSize(io.TeeReader(io.NewSectionReader(f, 0, size-4), crc), 1<<16)}
	if string(r.next(len(magic))) != magic || !bytes.Equal(r.next(len(digest{})), identity[:]) {
		return nil, errBadPack
	}
	index := map[digest]entry{}
	for r.off < size-tail && r.err == nil {
		var key digest
		copy(key[:], r.next(len(key)))
		// Lengths are checked against the file before anything is read or
		// made with them: a damaged pack is ignored, never a crash or a
		// huge allocation.
		n := int64(r.uint32())
		if n < 8 || n > size-tail-r.off {
			return nil, errBadPack
		}
		metaLen := int64(r.uint32())
		if metaLen > n-8 {
			return nil, errBadPack
		}
		meta := bytes.Clone(r.next(int(metaLen)))
		sum := r.uint32()
		htmlLen := n - 8 - metaLen
		htmlOff := r.off
		r.skip(int(htmlLen))
		index[key] = entry{meta: meta, html: Body{f: f, off: htmlOff, n: int(htmlLen), crc: sum}}
	}
	count := int64(r.uint32())
	if r.err != nil || r.off != size-4 || count != int64(len(index)) {
		return nil, errBadPack
	}
	var want [4]byte
	if _, err := f.ReadAt(want[:], size-4); err != nil || binary.LittleEndian.Uint32(want[:]) != crc.Sum32() {
		return nil, errBadPack
	}
	return index, nil
}

// packReader reads a pack in order, keeping the first error.
type packReader struct {
	r   *bufio.Reader
	off int64
	buf []byte
	err error
}

func (r *packReader) next(n int) []byte {
	if r.err != nil {
		return nil
	}
	if cap(r.buf) < n {
		r.buf = make([]byte, n)
	}
	b := r.buf[:n]
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.err = err
		return nil
	}
	r.off += int64(n)
	return b
}

func (r *packReader) uint32() uint32 {
	b := r.next(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *packReader) skip(n int) {
	if r.err != nil {
		return
	}
	if _, err := r.r.Discard(n); err != nil {
		r.err = err
		return
	}
	r.off += int64(n)
}

// Body is a cached rendering's HTML, left in the pack until a page needs
// it: a cached build holds no post body in memory longer than it takes
// to write the post's page.
type Body struct {
	f   *os.File
	off int64
	n   int
	crc uint32
	// pending is the pack being written when the body is in it.
	pending *packWriter
}

// Cached is false for the zero Body, which holds nothing: the rendering
// was not from the cache and carries its HTML.
func (b Body) Cached() bool { return b.f != nil }

// Load reads the HTML. It fails, rather than return other bytes, when the
// pack changed or went away since it was opened: callers then render the
// source again.
func (b Body) Load() (template.HTML, error) {
	if b.f == nil {
		return "", errors.New("no cached body")
	}
	if b.pending != nil {
		if err := b.pending.flush(); err != nil {
			return "", err
		}
	}
	buf := make([]byte, b.n)
	if _, err := b.f.ReadAt(buf, b.off); err != nil {
		return "", err
	}
	if crc32.Checksum(buf, castagnoli) != b.crc {
		return "", errors.New("cached body changed on disk")
	}
	return template.HTML(unsafe.String(unsafe.SliceData(buf), len(buf))), nil
}

// packWriter writes a new pack into a temporary file beside the pack it
// will replace. Bodies in it can be read back before it is committed.
type packWriter struct {
	path  string
	f     *os.File
	mu    sync.Mutex // guards w and off: bodies flush from any goroutine
	w     *bufio.Writer
	off   int64 // bytes given to w
	crc   hash.Hash32
	count int
	// lock says a live build writes this pack: prune leaves it alone.
	lock *flock.Lock
}

func newPackWriter(path string, identity digest) (*packWriter, error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	lock, err := flock.Hold(f.Name())
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	pw := &packWriter{path: path, f: f, crc: crc32.New(castagnoli), lock: lock}
	// Only Write is offered to the bufio.Writer: were the MultiWriter seen
	// as an io.StringWriter, a long body given to WriteString would be
	// copied to hand it to the CRC.
	pw.w = bufio.NewWriterSize(struct{ io.Writer }{io.MultiWriter(f, pw.crc)}, 1<<16)
	pw.write([]byte(magic))
	pw.write(identity[:])
	return pw, nil
}

func (pw *packWriter) write(b []byte) error {
	n, err := pw.w.Write(b)
	pw.off += int64(n)
	return err
}

func (pw *packWriter) writeString(s string) error {
	n, err := pw.w.WriteString(s)
	pw.off += int64(n)
	return err
}

// add appends an entry, its payload being head (see encodeHead) then
// html, and returns its body, readable from the new pack. The HTML is
// written from the rendering's string, not copied into one payload: on a
// first build that copy was as much garbage as all the HTML rendered.
func (pw *packWriter) add(key digest, head []byte, html string) (Body, error) {
	pw.mu.Lock()
	defer pw.mu.Unlock()
	pw.write(key[:])
	pw.write(binary.LittleEndian.AppendUint32(nil, uint32(len(head)+len(html))))
	body := bodyOf(head, len(html), pw.off)
	body.f, body.pending = pw.f, pw
	pw.write(head)
	err := pw.writeString(html)
	pw.count++
	return body, err
}

// flush makes what was added readable from the file.
func (pw *packWriter) flush() error {
	pw.mu.Lock()
	defer pw.mu.Unlock()
	return pw.w.Flush()
}

// copyEntry adds an entry of the pack being replaced: its meta as read
// (and checked) when that pack was opened, its HTML loaded and checked
// again, so a pack changed on disk since is never copied with a fresh CRC.
func (pw *packWriter) copyEntry(key digest, e entry) error {
	html, err := e.html.Load()
	if err != nil {
		return err
	}
	pw.mu.Lock()
	defer pw.mu.Unlock()
	pw.write(key[:])
	pw.write(binary.LittleEndian.AppendUint32(nil, uint32(4+len(e.meta)+4+len(html))))
	pw.write(binary.LittleEndian.AppendUint32(nil, uint32(len(e.meta))))
	pw.write(e.meta)
	pw.write(binary.LittleEndian.AppendUint32(nil, e.html.crc))
	err = pw.writeString(string(html))
	pw.count++
	return err
}

// commit finishes the pack and renames it over the old one.
func (pw *packWriter) commit() error {
	pw.mu.Lock()
	defer pw.mu.Unlock()
	pw.write(binary.LittleEndian.AppendUint32(nil, uint32(pw.count)))
	err := pw.w.Flush()
	if err == nil {
		_, err = pw.f.Write(binary.LittleEndian.AppendUint32(nil, pw.crc.Sum32()))
	}
	if cerr := pw.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(pw.f.Name(), pw.path)
	}
	if err != nil {
		os.Remove(pw.f.Name())
	}
	pw.lock.Release()
	return err
}

func (pw *packWriter) abort() {
	pw.mu.Lock()
	defer pw.mu.Unlock()
	pw.f.Close()
	os.Remove(pw.f.Name())
	pw.lock.Release()
}

// bodyOf locates the HTML of a payload that starts at off in its pack
// with head, followed by n bytes of HTML.
func bodyOf(head []byte, n int, off int64) Body {
	metaLen := int(binary.LittleEndian.Uint32(head))
	return Body{off: off + int64(len(head)), n: n, crc: binary.LittleEndian.Uint32(head[4+metaLen:])}
}

// encodeHead returns the payload of r up to its HTML: the meta's length,
// the meta, the HTML's CRC. The HTML follows it in the pack.
func encodeHead(r *markdown.Result) []byte {
	n := 4 + 4 + len(r.Summary) + 1 + 4 + 4 + 4 + 4
	for _, h := range r.Headings {
		n += 1 + 8 + len(h.ID) + len(h.Text)
	}
	for _, l := range r.Links {
		n += 4 + len(l.Dest) + 1 + 8
	}
	b := make([]byte, 4, n)
	b = appendString(b, string(r.Summary))
	b = appendBool(b, r.HasMore)
	b = binary.LittleEndian.AppendUint32(b, uint32(r.Words))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(r.Headings)))
	for _, h := range r.Headings {
		b = append(b, byte(h.Level))
		b = appendString(b, h.ID)
		b = appendString(b, h.Text)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(r.Links)))
	for _, l := range r.Links {
		b = appendString(b, l.Dest)
		b = appendBool(b, l.Image)
		b = binary.LittleEndian.AppendUint32(b, uint32(l.Line))
		b = binary.LittleEndian.AppendUint32(b, uint32(l.Col))
	}
	binary.LittleEndian.PutUint32(b, uint32(len(b)-4))
	// The CRC reads the HTML in place: []byte(r.HTML) copied every body.
	html := unsafe.Slice(unsafe.StringData(string(r.HTML)), len(r.HTML))
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(html, castagnoli))
}

func appendString(b []byte, s string) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

var errShort = errors.New("entry ends early")

// decoder reads an entry's meta. Its strings point into the meta,
// which is never written after it is read.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uint32() int {
	if len(d.b) < 4 {
		d.err, d.b = errShort, nil
		return 0
	}
	v := binary.LittleEndian.Uint32(d.b)
	d.b = d.b[4:]
	return int(v)
}

func (d *decoder) byte() byte {
	if len(d.b) < 1 {
		d.err = errShort
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) string() string {
	n := d.uint32()
	if n > len(d.b) {
		d.err, d.b = errShort, nil
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], n)
	d.b = d.b[n:]
	return s
}

// decodeMeta returns the rendering described by meta, without its HTML.
func decodeMeta(meta []byte) (*markdown.Result, error) {
	d := &decoder{b: meta}
	r := &markdown.Result{
		Summary: template.HTML(d.string()),
		HasMore: d.byte() == 1,
		Words:   d.uint32(),
	}
	if n := d.uint32(); n > len(d.b) {
		d.err = errShort
	} else if n > 0 {
		r.Headings = make([]markdown.Heading, n)
		for i := range r.Headings {
			r.Headings[i] = markdown.Heading{Level: int(d.byte()), ID: d.string(), Text: d.string()}
		}
	}
	if n := d.uint32(); n > len(d.b) {
		d.err = errShort
	} else if n > 0 {
		r.Links = make([]markdown.Link, n)
		for i := range r.Links {
			r.Links[i] = markdown.Link{Dest: d.string(), Image: d.byte() == 1, Line: d.uint32(), Col: d.uint32()}
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("entry has trailing bytes")
	}
	return r, d.err
}
