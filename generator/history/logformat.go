package history

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
)

// logFormat is the commit header Log asks git for. Each header starts with
// a record separator, which no raw or numstat entry starts with, and its
// fields are split by unit separators; the subject comes last, so a unit
// separator inside a subject stays part of it.
const logFormat = "--format=%x1e%H%x1f%aN%x1f%aE%x1f%aI%x1f%s"

// change is one file of one commit, from the --raw and --numstat entries
// that git prints for it.
type change struct {
	status  byte   // 'A', 'M', 'D', 'R', 'T', …
	oldPath string // for renames and copies, the name before
	path    string // repository-relative slash path

	// modified reports that the file's content changed: its blob before
	// differs from its blob after. A pure rename or a mode change leaves it
	// false.
	modified bool

	// blob is the content's object name, kept only for what Log compares
	// across commits: the blob after an addition, the blob before a
	// deletion.
	blob string

	added, removed int
	binary         bool // numstat "-": no line counts
}

// logCommit is one commit and its changes.
type logCommit struct {
	Commit
	changes []change
}

// logReader reads the output of
//
//	git log -z --raw --no-abbrev --numstat logFormat
//
// one commit at a time. With -z every entry ends in a NUL: a header, then
// (after a newline) one raw entry per file, each followed by its path, or
// by two paths for a rename or a copy, then one numstat entry per file in
// the same order, whose path is empty for a rename and followed by the two
// paths. Paths are never quoted.
type logReader struct {
	br  *bufio.Reader
	tok []byte // the current token, without its NUL; owned
	eof bool
}

func newLogReader(r io.Reader) *logReader {
	return &logReader{br: bufio.NewReaderSize(r, 64<<10)}
}

// advance reads the next NUL-terminated token into lr.tok. A last token
// without a NUL is kept: it is git's output that was cut, which the next
// parse step reports.
func (lr *logReader) advance() error {
	part, err := lr.br.ReadSlice(0)
	lr.tok = append(lr.tok[:0], part...)
	for err == bufio.ErrBufferFull {
		part, err = lr.br.ReadSlice(0)
		lr.tok = append(lr.tok, part...)
	}
	switch {
	case err == io.EOF:
		lr.eof = len(lr.tok) == 0
		return nil
	case err != nil:
		return err
	}
	lr.tok = lr.tok[:len(lr.tok)-1]
	return nil
}

// entry returns the current token without the newline git puts between a
// commit's header and its first entry.
func (lr *logReader) entry() []byte {
	return bytes.TrimPrefix(lr.tok, []byte{'\n'})
}

// path reads the next token as a path.
func (lr *logReader) path(c *logCommit) (string, error) {
	if err := lr.advance(); err != nil {
		return "", err
	}
	if lr.eof {
		return "", c.errorf("output ends before a path")
	}
	return string(lr.tok), nil
}

// start reads the first token; call it once before next.
func (lr *logReader) start() error { return lr.advance() }

// next reads the commit whose header is the current token into c, reusing
// c's storage, and leaves the header of the following commit as the
// current token. It returns io.EOF after the last commit.
func (lr *logReader) next(c *logCommit) error {
	if lr.eof {
		return io.EOF
	}
	*c = logCommit{changes: c.changes[:0]}
	h := lr.entry()
	if len(h) == 0 || h[0] != 0x1e {
		return fmt.Errorf("reading git log: want a commit header, got %q", truncate(h))
	}
	f := strings.SplitN(string(h[1:]), "\x1f", 5)
	if len(f) != 5 {
		return fmt.Errorf("reading git log: malformed commit header %q", truncate(h))
	}
	c.Hash, c.Author, c.Email, c.Subject = f[0], f[1], f[2], f[4]
	when, err := time.Parse(time.RFC3339, f[3])
	if err != nil {
		return c.errorf("author date: %v", err)
	}
	c.Date = when
	if err := lr.advance(); err != nil {
		return err
	}

	// Raw entries: ":<mode> <mode> <blob> <blob> <status>", then the paths.
	for !lr.eof {
		e := lr.entry()
		if len(e) == 0 || e[0] != ':' {
			break
		}
		fields := bytes.Fields(e[1:])
		if len(fields) != 5 || len(fields[4]) == 0 {
			return c.errorf("malformed raw entry %q", truncate(e))
		}
		ch := change{status: fields[4][0], modified: !bytes.Equal(fields[2], fields[3])}
		switch ch.status {
		case 'A':
			ch.blob = string(fields[3])
		case 'D':
			ch.blob = string(fields[2])
		}
		if ch.status == 'R' || ch.status == 'C' {
			if ch.oldPath, err = lr.path(c); err != nil {
				return err
			}
		}
		if ch.path, err = lr.path(c); err != nil {
			return err
		}
		c.changes = append(c.changes, ch)
		if err := lr.advance(); err != nil {
			return err
		}
	}

	// Numstat entries: "<added>\t<removed>\t<path>", or with an empty path
	// followed by the two paths of a rename. They come in the raw order;
	// byPath is only built if that ever stops being so.
	var byPath map[string]int
	for i := 0; !lr.eof; i++ {
		e := lr.entry()
		if len(e) > 0 && e[0] == 0x1e {
			break
		}
		added, rest, ok1 := bytes.Cut(e, []byte{'\t'})
		removed, p, ok2 := bytes.Cut(rest, []byte{'\t'})
		if !ok1 || !ok2 {
			return c.errorf("malformed numstat entry %q", truncate(e))
		}
		// Parse the counts first: reading the paths reuses e's storage.
		binary := string(added) == "-" || string(removed) == "-"
		var nAdded, nRemoved int
		if !binary {
			if nAdded, ok1 = atoi(added); !ok1 {
				return c.errorf("malformed numstat entry %q", truncate(e))
			}
			if nRemoved, ok1 = atoi(removed); !ok1 {
				return c.errorf("malformed numstat entry %q", truncate(e))
			}
		}
		path := string(p)
		if len(p) == 0 {
			if _, err := lr.path(c); err != nil { // the old name, known from the raw entry
				return err
			}
			if path, err = lr.path(c); err != nil {
				return err
			}
		}
		j := i
		if j >= len(c.changes) || c.changes[j].path != path {
			if byPath == nil {
				byPath = make(map[string]int, len(c.changes))
				for k, ch := range c.changes {
					byPath[ch.path] = k
				}
			}
			if j, ok1 = byPath[path]; !ok1 {
				return c.errorf("numstat entry for %q without a raw entry", path)
			}
		}
		ch := &c.changes[j]
		ch.added, ch.removed, ch.binary = nAdded, nRemoved, binary
		if err := lr.advance(); err != nil {
			return err
		}
	}
	return nil
}

func (c *logCommit) errorf(format string, args ...any) error {
	return fmt.Errorf("reading git log: commit %s: %s", c.Hash, fmt.Sprintf(format, args...))
}

// atoi parses a non-negative decimal count without allocating.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// truncate shortens b for an error message.
func truncate(b []byte) []byte {
	if len(b) > 80 {
		return b[:80]
	}
	return b
}
