package dates

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// MinYear and MaxYear bound the dates accrue accepts. A blog may backdate
// transcribed letters and diaries, so the floor is far below the web's
// birth, but year 0 or 1 is a slip (and Go's zero time, which reads as
// "no date"), and every month between such a date and today costs the
// report a row. Posts are scheduled months ahead, not centuries: 9999 is a
// placeholder, not a date.
const (
	MinYear = 1800
	MaxYear = 2199
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
// has no known shape, names no real time ("2024-02-30") or lies outside
// MinYear to MaxYear.
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
			if err := Check(t, s); err != nil {
				return time.Time{}, err
			}
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

// Check returns an error when t's year, where it was written, lies outside
// MinYear to MaxYear. written is the date as the author wrote it, for the
// message. Dates that did not come through Parse (TOML's own date values)
// pass through Check too, so both read the same.
func Check(t time.Time, written string) error {
	switch y := t.Year(); {
	case y < MinYear:
		return fmt.Errorf("%q is too early: dates run from %d to %d; check the year", written, MinYear, MaxYear)
	case y > MaxYear:
		return fmt.Errorf("%q is too late: dates run from %d to %d; check the year", written, MinYear, MaxYear)
	}
	return nil
}
