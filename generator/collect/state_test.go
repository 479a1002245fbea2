package collect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRecheckWebmentionIO(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	read := func(daysAgo int) time.Time { return now.AddDate(0, 0, -daysAgo) }
	for _, c := range []struct {
		name    string
		st      State
		recheck int
		want    bool
	}{
		{"first run", State{}, 7, true},
		{"first run, recheck off", State{}, 0, true},
		{"never read all since upgrading", State{WebmentionIOSinceID: 9}, 7, true},
		{"never read all, recheck off", State{WebmentionIOSinceID: 9}, 0, false},
		{"read all yesterday", State{WebmentionIOSinceID: 9, WebmentionIOReadAll: read(1)}, 7, false},
		{"read all 6 days ago", State{WebmentionIOSinceID: 9, WebmentionIOReadAll: read(6)}, 7, false},
		{"read all 7 days ago", State{WebmentionIOSinceID: 9, WebmentionIOReadAll: read(7)}, 7, true},
		{"read all a year ago, recheck off", State{WebmentionIOSinceID: 9, WebmentionIOReadAll: read(365)}, 0, false},
		{"read all in the future (clock moved back)", State{WebmentionIOSinceID: 9, WebmentionIOReadAll: read(-3)}, 7, false},
	} {
		if got := c.st.RecheckWebmentionIO(now, c.recheck); got != c.want {
			t.Errorf("%s: RecheckWebmentionIO = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".accrue", "collected.json")
	st, err := LoadState(path)
	if err != nil || st != (State{}) {
		t.Fatalf("missing file: %+v, %v; want the empty state", st, err)
	}
	want := State{WebmentionIOSinceID: 42, WebmentionIOReadAll: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	if err := want.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := LoadState(path)
	if err != nil || !got.WebmentionIOReadAll.Equal(want.WebmentionIOReadAll) || got.WebmentionIOSinceID != 42 {
		t.Fatalf("LoadState = %+v, %v; want %+v", got, err, want)
	}
	if err := os.WriteFile(path, []byte(`{"webmentionio_since_id": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadState(path); err == nil || !strings.Contains(err.Error(), "delete the file") {
		t.Errorf("damaged state: err = %v; want one that says what to do", err)
	}
}
