package frontmatter

import (
	"bytes"
	"fmt"
)

// Format is the syntax of a front matter block.
type Format int

const (
	None Format = iota
	YAML
	TOML
)

func (f Format) String() string {
	return [...]string{"none", "yaml", "toml"}[f]
}

// Delim returns the line that opens and closes a block in f: "---" or
// "+++", and "" for None.
func (f Format) Delim() string {
	return [...]string{"", "---", "+++"}[f]
}

// Split separates front matter from the body. The front matter is the text
// between a first line of "---" (YAML) or "+++" (TOML) and the next line
// holding the same delimiter; trailing blanks and a CR on either line are
// allowed, and a byte order mark before the first is skipped. bodyLine is
// the 1-based line where the body starts, so the closing line is
// bodyLine-1. fm and body are slices of src.
//
// A file that opens a block and never closes it is Split's only error:
// format then says which block, and fm, body and bodyLine are zero. The
// error starts with "front matter" and says what to add.
func Split(src []byte) (fm []byte, format Format, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	switch {
	case isDelimLine(src, YAML):
		format = YAML
	case isDelimLine(src, TOML):
		format = TOML
	default:
		return nil, None, src, 1, nil
	}
	nl := bytes.IndexByte(src, '\n')
	if nl < 0 {
		// A one-line file: the opening line cannot also close the block.
		return nil, format, nil, 0, unclosedError(format)
	}
	start := nl + 1
	line := 2
	for i := start; i < len(src); line++ {
		next := len(src)
		if end := bytes.IndexByte(src[i:], '\n'); end >= 0 {
			next = i + end + 1
		}
		if isDelimLine(src[i:next], format) {
			return src[start:i], format, src[next:], line + 1, nil
		}
		i = next
	}
	return nil, format, nil, 0, unclosedError(format)
}

func unclosedError(f Format) error {
	return fmt.Errorf("front matter opened with %q on line 1 is never closed; add a line with %q after the last field", f.Delim(), f.Delim())
}

// isDelimLine reports whether the first line of src is f's delimiter,
// followed by nothing but blanks.
func isDelimLine(src []byte, f Format) bool {
	delim := f.Delim()
	if !bytes.HasPrefix(src, []byte(delim)) {
		return false
	}
	rest := src[len(delim):]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	return len(bytes.TrimRight(rest, " \t\r")) == 0
}
