package frontmatter

import (
	"bytes"
	"strings"
	"testing"
)

func TestFormatString(t *testing.T) {
	t.Parallel()
	for f, want := range map[Format]string{None: "none", YAML: "yaml", TOML: "toml"} {
		if got := f.String(); got != want {
			t.Errorf("Format(%d).String() = %q; want %q", int(f), got, want)
		}
	}
}

func TestSplit(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		in       string
		fm       string
		format   Format
		body     string
		bodyLine int
	}{
		{"yaml", "---\ntitle: A\n---\nBody\n", "title: A\n", YAML, "Body\n", 4},
		{"toml", "+++\ntitle = \"A\"\n+++\nBody\n", "title = \"A\"\n", TOML, "Body\n", 4},
		{"none", "# Title\n\nText\n", "", None, "# Title\n\nText\n", 1},
		{"empty file", "", "", None, "", 1},
		{"bom yaml", "\ufeff---\ntitle: A\n---\nBody", "title: A\n", YAML, "Body", 4},
		{"bom none", "\ufeffHello\n", "", None, "Hello\n", 1},
		{"crlf", "---\r\ntitle: A\r\ndate: 2024-01-02\r\n---\r\nBody\r\n", "title: A\r\ndate: 2024-01-02\r\n", YAML, "Body\r\n", 5},
		{"delimiters with trailing spaces", "--- \t\ntitle: A\n---   \nBody\n", "title: A\n", YAML, "Body\n", 4},
		{"toml delimiters with trailing spaces", "+++  \ntitle = 1\n+++\t\r\nBody\n", "title = 1\n", TOML, "Body\n", 4},
		{"empty block", "---\n---\nBody\n", "", YAML, "Body\n", 3},
		{"closing line at end of file", "---\ntitle: A\n---", "title: A\n", YAML, "", 4},
		{"body starts later", "---\na: 1\nb: 2\nc: 3\n---\n\n\nText\n", "a: 1\nb: 2\nc: 3\n", YAML, "\n\nText\n", 6},
		{"thematic break in body", "---\na: 1\n---\nText\n---\nMore\n", "a: 1\n", YAML, "Text\n---\nMore\n", 4},
		{"other delimiter does not close", "---\na: 1\n+++\n---\nB", "a: 1\n+++\n", YAML, "B", 5},
		{"indented delimiter does not close", "+++\na = 1\n +++\n+++\nB", "a = 1\n +++\n", TOML, "B", 5},
		{"four dashes are not a delimiter", "----\ntitle: A\n----\n", "", None, "----\ntitle: A\n----\n", 1},
		{"text after dashes is not a delimiter", "--- title\n---\n", "", None, "--- title\n---\n", 1},
		{"delimiter not on first line", "\n---\na: 1\n---\n", "", None, "\n---\na: 1\n---\n", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fm, format, body, bodyLine, err := Split([]byte(tt.in))
			if err != nil {
				t.Fatalf("Split(%q) error: %v", tt.in, err)
			}
			if string(fm) != tt.fm || format != tt.format || string(body) != tt.body || bodyLine != tt.bodyLine {
				t.Errorf("Split(%q) = %q, %v, %q, %d; want %q, %v, %q, %d",
					tt.in, fm, format, body, bodyLine, tt.fm, tt.format, tt.body, tt.bodyLine)
			}
			if format == None && fm != nil {
				t.Errorf("Split(%q) fm = %q; want nil without front matter", tt.in, fm)
			}
			// The body starts after the opening line, the lines of fm and
			// the closing line; the BOM takes no line.
			if want := bytes.Count(fm, []byte("\n")) + 3; format != None && bodyLine != want {
				t.Errorf("bodyLine = %d; but %d lines come before the body", bodyLine, want-1)
			}
		})
	}
}

func TestSplitUnclosed(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, in string
		format   Format
		want     string
	}{
		{"yaml", "---\ntitle: A\n\nBody\n", YAML,
			`front matter opened with "---" on line 1 is never closed; add a line with "---" after the last field`},
		{"toml", "+++\ntitle = \"A\"\n", TOML,
			`front matter opened with "+++" on line 1 is never closed; add a line with "+++" after the last field`},
		{"opening line only", "---\n", YAML,
			`front matter opened with "---" on line 1 is never closed; add a line with "---" after the last field`},
		{"crlf", "+++\r\ntitle = 1\r\n", TOML,
			`front matter opened with "+++" on line 1 is never closed; add a line with "+++" after the last field`},
		{"closed by the other delimiter", "---\ntitle: A\n+++\n", YAML,
			`front matter opened with "---" on line 1 is never closed; add a line with "---" after the last field`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fm, format, body, bodyLine, err := Split([]byte(tt.in))
			if err == nil {
				t.Fatalf("Split(%q) = %q, %q, %d; want an error", tt.in, fm, body, bodyLine)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Split(%q) error = %q; want %q", tt.in, got, tt.want)
			}
			if format != tt.format || fm != nil || body != nil || bodyLine != 0 {
				t.Errorf("Split(%q) = %q, %v, %q, %d with the error; want nil, %v, nil, 0", tt.in, fm, format, body, bodyLine, tt.format)
			}
		})
	}
}

func TestSplitOneLineFile(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in     string
		format Format
		delim  string
	}{
		{"---", YAML, "---"},
		{"+++", TOML, "+++"},
		{"--- ", YAML, "---"},
		{"\ufeff+++\t", TOML, "+++"},
	} {
		fm, format, body, bodyLine, err := Split([]byte(tt.in))
		if err == nil {
			t.Errorf("Split(%q) = %q, %q, %d, nil; want the never-closed error", tt.in, fm, body, bodyLine)
			continue
		}
		want := `front matter opened with "` + tt.delim + `" on line 1 is never closed; add a line with "` + tt.delim + `" after the last field`
		if got := err.Error(); got != want {
			t.Errorf("Split(%q) error = %q; want %q", tt.in, got, want)
		}
		if format != tt.format || fm != nil || body != nil || bodyLine != 0 {
			t.Errorf("Split(%q) = %q, %v, %q, %d with the error; want nil, %v, nil, 0", tt.in, fm, format, body, bodyLine, tt.format)
		}
	}
}

// checkSplit checks the properties every Split result must have: without
// front matter the body is the input; with it, the input minus a BOM is the
// opening line, fm, the closing line and the body, in that order, and fm and
// body are slices of the input rather than copies.
func checkSplit(t *testing.T, in []byte) {
	t.Helper()
	in = in[:len(in):len(in)]
	src := bytes.TrimPrefix(in, []byte("\ufeff"))
	fm, format, body, bodyLine, err := Split(in)
	if err != nil {
		if format == None {
			t.Fatalf("Split(%q) failed with format none: %v", in, err)
		}
		if !strings.Contains(err.Error(), "is never closed") {
			t.Fatalf("Split(%q) error = %v; want the never-closed error", in, err)
		}
		return
	}
	if format == None {
		if fm != nil || !bytes.Equal(body, src) || bodyLine != 1 {
			t.Fatalf("Split(%q) = %q, none, %q, %d; want nil, the input, 1", in, fm, body, bodyLine)
		}
		return
	}
	if !bytes.Contains(src, []byte("\n")) {
		t.Fatalf("Split(%q) = %q, %v, %q, %d: a one-line file cannot open and close a block", in, fm, format, body, bodyLine)
	}
	delim := map[Format]string{YAML: "---", TOML: "+++"}[format]
	nl := bytes.IndexByte(src, '\n')
	open := src[:nl+1]
	if string(bytes.TrimRight(open, " \t\r\n")) != delim {
		t.Fatalf("Split(%q): format %v but the first line is %q", in, format, open)
	}
	rest := src[len(open):]
	if !bytes.HasPrefix(rest, fm) {
		t.Fatalf("Split(%q): fm %q does not follow the opening line", in, fm)
	}
	rest = rest[len(fm):]
	closing := rest
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		closing = rest[:i+1]
	}
	if string(bytes.TrimRight(closing, " \t\r\n")) != delim {
		t.Fatalf("Split(%q): line after fm is %q; want the closing %q", in, closing, delim)
	}
	if !bytes.Equal(rest[len(closing):], body) {
		t.Fatalf("Split(%q): body %q; want the rest of the input %q", in, body, rest[len(closing):])
	}
	// The first closing line closes the block.
	for _, l := range bytes.SplitAfter(fm, []byte("\n")) {
		if len(l) > 0 && string(bytes.TrimRight(l, " \t\r\n")) == delim {
			t.Fatalf("Split(%q): fm %q holds a closing line %q", in, fm, l)
		}
	}
	// fm and body alias the input, in order.
	fmOff, bodyOff := cap(src)-cap(fm), cap(src)-cap(body)
	if fmOff != len(open) || bodyOff != len(src)-len(body) {
		t.Fatalf("Split(%q): fm at offset %d, body at %d; want slices of the input at %d and %d",
			in, fmOff, bodyOff, len(open), len(src)-len(body))
	}
	if len(fm) > 0 && &fm[0] != &src[fmOff] || len(body) > 0 && &body[0] != &src[bodyOff] {
		t.Fatalf("Split(%q): fm or body is a copy, not a slice of the input", in)
	}
	// Line 1 opens the block, fm's lines follow, then the closing line.
	if want := bytes.Count(fm, []byte("\n")) + 3; bodyLine != want {
		t.Fatalf("Split(%q): bodyLine = %d; want %d", in, bodyLine, want)
	}
}

// splitSeeds are hand-written edge cases; testdata/fuzz/FuzzSplit holds
// whole documents (YAML, TOML, BOM, CRLF, unclosed, none), which go test
// runs as seeds of FuzzSplit.
var splitSeeds = []string{"", "\ufeff", "---", "+++ ", "---\n---\n", "+++\n+++", "---\r\n---\r\n", "--- \n\n---\t\nx", "---\n+++\n"}

func FuzzSplit(f *testing.F) {
	for _, s := range splitSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkSplit)
}

func TestFormatDelim(t *testing.T) {
	t.Parallel()
	for f, want := range map[Format]string{None: "", YAML: "---", TOML: "+++"} {
		if got := f.Delim(); got != want {
			t.Errorf("%v.Delim() = %q; want %q", f, got, want)
		}
	}
}
