package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/diag"
	"golang.org/x/text/encoding/charmap"
)

// Encoding is the character encoding Markdown files are written in.
type Encoding int

const (
	// EncodingUTF8 is the default: a file that is not valid UTF-8 is an
	// error at its first bad byte, never published as it is (the page
	// would show garbage and the feeds would not be well-formed XML).
	EncodingUTF8 Encoding = iota
	// EncodingLatin1 is for blogs written before UTF-8 was the rule: a
	// file that is valid UTF-8 is read as UTF-8, any other as Windows-1252,
	// the superset of ISO-8859-1 that "latin1" files really hold (and what
	// browsers read for both names). An ASCII or UTF-8 post written since
	// is read as it is.
	EncodingLatin1
)

func (e Encoding) String() string {
	if e == EncodingLatin1 {
		return "latin1"
	}
	return "utf-8"
}

// ParseEncoding reads an encoding name as a site's configuration would
// write it.
func ParseEncoding(name string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "utf-8", "utf8":
		return EncodingUTF8, nil
	case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "windows-1252", "cp1252":
		return EncodingLatin1, nil
	}
	return 0, fmt.Errorf("unknown encoding %q; write \"utf-8\" or \"latin1\"", name)
}

// toUTF8 returns src as UTF-8 text, or an error at the first byte that is
// not. It also refuses control characters other than tab, line breaks and
// the form feed some editors keep as a page break: no text means them, and
// XML, so every feed, has no way to carry them.
func toUTF8(src []byte, enc Encoding, file string) ([]byte, *diag.Error) {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "the file is UTF-16; save it as UTF-8")
	}
	bad := firstInvalid(src)
	if bad >= 0 && enc == EncodingLatin1 {
		out, err := charmap.Windows1252.NewDecoder().Bytes(src)
		if err != nil { // Windows-1252 decodes every byte; kept for safety
			return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "reading the file as latin1: %v", err)
		}
		src, bad = out, -1
	}
	if bad >= 0 {
		line, col := diag.NewLineIndex(src).Position(bad)
		return nil, diag.Errorf(diag.Pos{File: file, Line: line, Col: col},
			"byte 0x%02X is not UTF-8 text; save the file as UTF-8", src[bad])
	}
	if i := bytes.IndexFunc(src, isForbiddenControl); i >= 0 {
		line, col := diag.NewLineIndex(src).Position(i)
		return nil, diag.Errorf(diag.Pos{File: file, Line: line, Col: col},
			"control character U+%04X has no place in text (feeds cannot carry it); remove it", src[i])
	}
	return src, nil
}

// firstInvalid returns the offset of the first byte of src that does not
// start a valid UTF-8 sequence, or -1.
func firstInvalid(src []byte) int {
	if utf8.Valid(src) {
		return -1
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// isForbiddenControl reports whether r is a C0 control character that
// text has no use for.
func isForbiddenControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f'
}
