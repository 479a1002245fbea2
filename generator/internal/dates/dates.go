// Package dates reads the dates people write by hand in front matter,
// comments and mentions, one way for all of them.
package dates

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

var layouts = []struct {
	layout string
	zoned  bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02 15:04:05.999999999 -0700", true}, // Jekyll
	{"2006-01-02 15:04:05.999999999 -07:00", true},
	{"2006-01-02 15:04:05.999999999Z07:00", true},
	{"2006-01-02T15:04:05.999999999", false},
	{"2006-01-02 15:04:05.999999999", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02 15:04", false},
	{"2006-01-02", false},
}

// Parse reads s as a date, a date and time, or a date and time with an
// offset. A date without an offset is in loc. The error says whether s
// has no known shape or names no real time ("2024-02-30").
func Parse(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	reason := ""
	for _, l := range layouts {
		var t time.Time
		var err error
		if l.zoned {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err == nil {
			return t, nil
		}
		var pe *time.ParseError
		if reason == "" && errors.As(err, &pe) && strings.HasSuffix(pe.Message, "out of range") {
			reason = strings.TrimPrefix(pe.Message, ": ")
		}
	}
	if reason != "" {
		return time.Time{}, fmt.Errorf("%q is not a real date (%s)", s, reason)
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00", s)
}
