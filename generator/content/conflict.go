package content

import (
	"bytes"

	"github.com/accruehq/accrue/generator/diag"
)

// conflicts reports the merge conflicts git left in src: a line starting
// with "<<<<<<< " (or just "<<<<<<<") and a later one starting with
// ">>>>>>> ", both outside fenced code, where a post may show them on
// purpose. A lone "=======" is a Setext heading's underline and a lone
// marker is text, so neither is a conflict. The front matter is scanned
// too, so that a conflict there is reported as one rather than as the
// YAML or TOML error it causes.
func conflicts(src []byte, file string) diag.List {
	var diags diag.List
	var fence []byte // the open fence's marker run, or nil
	open := 0        // line of the open "<<<<<<<", or 0
	for n, line := range bytes.SplitAfter(src, []byte("\n")) {
		line = bytes.TrimRight(line, "\r\n")
		if f := fenceRun(line); f != nil {
			switch {
			case fence == nil:
				fence = f
				continue
			case f[0] == fence[0] && len(f) >= len(fence) && len(bytes.TrimSpace(line[bytes.Index(line, f)+len(f):])) == 0:
				fence = nil
				continue
			}
		}
		if fence != nil {
			continue
		}
		switch {
		case isMarker(line, '<'):
			if open == 0 {
				open = n + 1
			}
		case isMarker(line, '>') && open > 0:
			diags.Add(diag.Errorf(diag.Pos{File: file, Line: open, Col: 1},
				"unresolved merge conflict, lines %d to %d (resolve it, then build)", open, n+1))
			open = 0
		}
	}
	return diags
}

// isMarker reports whether line is a conflict marker made of seven c: the
// marker alone or followed by a space and a label ("<<<<<<< HEAD").
func isMarker(line []byte, c byte) bool {
	if len(line) < 7 || bytes.Count(line[:7], []byte{c}) != 7 {
		return false
	}
	return len(line) == 7 || line[7] == ' '
}

// fenceRun returns the run of three or more backticks or tildes that
// opens or closes a CommonMark code fence on line, indented by up to three
// spaces, or nil.
func fenceRun(line []byte) []byte {
	rest := bytes.TrimLeft(line, " ")
	if len(line)-len(rest) > 3 || len(rest) < 3 || (rest[0] != '`' && rest[0] != '~') {
		return nil
	}
	n := 0
	for n < len(rest) && rest[n] == rest[0] {
		n++
	}
	if n < 3 || (rest[0] == '`' && bytes.IndexByte(rest[n:], '`') >= 0) {
		return nil
	}
	return rest[:n]
}
