package dates

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		in   string
		want time.Time
	}{
		{"2024-05-01", time.Date(2024, 5, 1, 0, 0, 0, 0, berlin)},
		{" 2024-05-01T09:30 ", time.Date(2024, 5, 1, 9, 30, 0, 0, berlin)},
		{"2024-05-01 09:30:15", time.Date(2024, 5, 1, 9, 30, 15, 0, berlin)},
		{"2024-05-01T09:30:15.5", time.Date(2024, 5, 1, 9, 30, 15, 5e8, berlin)},
		{"2024-05-01T09:30:00Z", time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)},
		{"2024-05-01T09:30:00+0200", time.Date(2024, 5, 1, 7, 30, 0, 0, time.UTC)},
		{"2024-05-01 09:30:00 +0200", time.Date(2024, 5, 1, 7, 30, 0, 0, time.UTC)},
		{"2024-05-01 09:30:00 -07:00", time.Date(2024, 5, 1, 16, 30, 0, 0, time.UTC)},
	} {
		got, err := Parse(tt.in, berlin)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for in, want := range map[string]string{
		"yesterday":            `cannot read "yesterday" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`,
		"2024/05/01":           `cannot read "2024/05/01" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`,
		"2024-02-30":           `"2024-02-30" is not a real date (day out of range)`,
		"2025-09-18T25:00:00Z": `"2025-09-18T25:00:00Z" is not a real date (hour out of range)`,
	} {
		if _, err := Parse(in, time.UTC); err == nil || err.Error() != want {
			t.Errorf("Parse(%q) error = %v; want %q", in, err, want)
		}
	}
}

func TestParseRange(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"0000-01-01", `"0000-01-01" is too early: dates run from 1800 to 2199; check the year`},
		{"0001-01-01", `"0001-01-01" is too early: dates run from 1800 to 2199; check the year`},
		{"1799-12-31T23:59:59Z", `"1799-12-31T23:59:59Z" is too early: dates run from 1800 to 2199; check the year`},
		{"2200-01-01", `"2200-01-01" is too late: dates run from 1800 to 2199; check the year`},
		{"9999-12-31 23:59", `"9999-12-31 23:59" is too late: dates run from 1800 to 2199; check the year`},
	} {
		if got, err := Parse(tt.in, time.UTC); err == nil || err.Error() != tt.want || !got.IsZero() {
			t.Errorf("Parse(%q) = %v, %v; want the error %q", tt.in, got, err, tt.want)
		}
	}
	// The edges themselves are dates: an old diary, a far schedule.
	for _, in := range []string{"1800-01-01", "1850-06-01T10:00:00+01:00", "2199-12-31T23:59:59"} {
		if _, err := Parse(in, time.UTC); err != nil {
			t.Errorf("Parse(%q): %v", in, err)
		}
	}
}
