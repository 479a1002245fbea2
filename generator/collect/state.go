package collect

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// StatePath is where a site keeps how far each source was read, relative
// to its root: outside content/, so it never reaches the built site.
const StatePath = ".accrue/collected.json"

// State is how far each source was read.
type State struct {
	// WebmentionIOSinceID is the largest wm-id collected: the next run
	// asks only for newer ones.
	WebmentionIOSinceID int64 `json:"webmentionio_since_id,omitempty"`
	// WebmentionIOReadAll is when every mention was last read: asking
	// only for new ones never shows a mention edited or deleted since.
	WebmentionIOReadAll time.Time `json:"webmentionio_read_all,omitzero"`
}

// RecheckWebmentionIO says whether this run should read every mention
// again rather than only those after WebmentionIOSinceID: on the first
// run, and when the last full read is recheckDays old (never when
// recheckDays is 0).
func (st State) RecheckWebmentionIO(now time.Time, recheckDays int) bool {
	if st.WebmentionIOSinceID == 0 || st.WebmentionIOReadAll.IsZero() && recheckDays > 0 {
		return true
	}
	return recheckDays > 0 && !now.Before(st.WebmentionIOReadAll.AddDate(0, 0, recheckDays))
}

// LoadState reads the state at path; a missing file is the empty state.
func LoadState(path string) (State, error) {
	var st State
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return State{}, fmt.Errorf("%s: %v; delete the file to collect everything again", path, err)
	}
	return st, nil
}

// Save writes the state atomically.
func (st State) Save(path string) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(path, append(data, '\n'))
}
