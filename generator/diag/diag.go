package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a source file. Line and Col are 1-based; zero means
// unknown, and such parts are left out when printed.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, dropping unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Error is a diagnostic at a position.
type Error struct {
	Pos      Pos
	Msg      string
	Severity Severity
}

func (e *Error) Error() string {
	prefix := ""
	if e.Severity == SeverityWarning {
		prefix = "warning: "
	}
	if e.Pos.File == "" {
		return prefix + e.Msg
	}
	return e.Pos.String() + ": " + prefix + e.Msg
}

// Errorf returns an error diagnostic at pos.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning diagnostic at pos.
func Warnf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Severity: SeverityWarning}
}

// List collects diagnostics from one phase. The zero value is empty and
// ready to use; a nil List means no problems.
type List []*Error

// Add appends d; nil is ignored so callers can add results unconditionally.
func (l *List) Add(d *Error) {
	if d != nil {
		*l = append(*l, d)
	}
}

// Errors returns only the diagnostics that fail the build.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == SeverityError {
			out = append(out, d)
		}
	}
	return out
}

// Warnings returns only the warnings.
func (l List) Warnings() List {
	var out List
	for _, d := range l {
		if d.Severity == SeverityWarning {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any diagnostic fails the build.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Sort orders l by file, line, column and message, so output is stable
// whatever order parallel tasks finished in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
}

// Err returns l as an error when it holds errors, else nil. Warnings alone
// are not an error.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// Error prints every diagnostic, one a line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Unwrap lets errors.As find each diagnostic.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, d := range l {
		out[i] = d
	}
	return out
}

// Join concatenates lists and sorts the result.
func Join(lists ...List) List {
	var out List
	for _, l := range lists {
		out = append(out, l...)
	}
	out.Sort()
	return out
}

// From turns any error into a List: a List stays as it is, positioned
// errors are kept, and other errors become an unpositioned diagnostic.
func From(err error) List {
	if err == nil {
		return nil
	}
	var l List
	if errors.As(err, &l) {
		return l
	}
	var d *Error
	if errors.As(err, &d) {
		return List{d}
	}
	return List{{Msg: err.Error()}}
}
