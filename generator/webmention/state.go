package webmention

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/diag"
)

// StatePath is where a site keeps what was sent, relative to its root.
// It belongs in version control with the site, so that a run from
// another machine or from CI does not send everything again.
const StatePath = ".accrue/webmentions-sent.json"

// State is what was sent: one entry per source and target, sorted.
type State struct {
	Entries []Entry
}

// Entry is the last mention sent from one post to one link.
type Entry struct {
	Source   string    `json:"source"`
	Target   string    `json:"target"`
	Endpoint string    `json:"endpoint,omitempty"`
	Status   Status    `json:"status"`
	Code     int       `json:"code,omitempty"`
	Error    string    `json:"error,omitempty"`
	Time     time.Time `json:"time"`
	// Hash fingerprints what was sent: source, target and the post's
	// version. A new hash means the post changed since.
	Hash string `json:"hash"`
}

// stateFile is the file's layout; version lets a later layout be told
// apart.
type stateFile struct {
	Version int     `json:"version"`
	Sent    []Entry `json:"sent"`
}

const stateVersion = 1

// LoadState reads the state file at path; a missing file is an empty
// state. Errors in the file name its line and column.
func LoadState(path string) (*State, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &State{}, nil
	}
	if err != nil {
		return nil, err
	}
	var f stateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, stateError(path, data, dec.InputOffset(), err)
	}
	if f.Version != stateVersion {
		return nil, diag.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "state version %d is not one this accrue reads (%d)", f.Version, stateVersion)
	}
	st := &State{Entries: f.Sent}
	st.sort()
	for i := 1; i < len(st.Entries); i++ {
		if a, b := st.Entries[i-1], st.Entries[i]; a.Source == b.Source && a.Target == b.Target {
			return nil, diag.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "two entries for %s -> %s", a.Source, a.Target)
		}
	}
	return st, nil
}

// stateError places a JSON error in the file: at the offset the syntax
// error names, else where the decoder stopped.
func stateError(path string, data []byte, offset int64, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	line, col := diag.NewLineIndex(data).Position(int(min(offset, int64(len(data)))))
	return diag.Errorf(diag.Pos{File: path, Line: line, Col: col}, "state file: %s (fix it, or delete it to send every mention again)", strings.TrimPrefix(err.Error(), "json: "))
}

// Save writes st to path atomically: a reader, or a run that is killed,
// sees the old file or the new one, never half of one.
func (st *State) Save(path string) error {
	st.sort()
	sent := st.Entries
	if sent == nil {
		sent = []Entry{}
	}
	data, err := json.MarshalIndent(stateFile{Version: stateVersion, Sent: sent}, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (st *State) sort() {
	slices.SortFunc(st.Entries, func(a, b Entry) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return strings.Compare(a.Target, b.Target)
	})
}

func (st *State) find(source, target string) (int, bool) {
	return slices.BinarySearchFunc(st.Entries, [2]string{source, target}, func(e Entry, k [2]string) int {
		if c := strings.Compare(e.Source, k[0]); c != 0 {
			return c
		}
		return strings.Compare(e.Target, k[1])
	})
}

// Record notes a result: a mention sent, or found to have no endpoint,
// is remembered; a removed link once told (or with no endpoint to
// tell) is forgotten; a failure is remembered to be tried again.
func (st *State) Record(j Job, r Result, now time.Time) {
	i, found := st.find(j.Source, j.Target)
	if j.Reason == ReasonRemoved && r.Status != StatusFailed {
		if found {
			st.Entries = slices.Delete(st.Entries, i, i+1)
		}
		return
	}
	e := Entry{Source: j.Source, Target: j.Target, Endpoint: r.Endpoint, Status: r.Status, Code: r.Code,
		Time: now.UTC().Truncate(time.Second), Hash: j.Hash}
	if r.Err != nil {
		e.Error = r.Err.Error()
	}
	if found {
		st.Entries[i] = e
		return
	}
	st.Entries = slices.Insert(st.Entries, i, e)
}

// Post is a published post as a sender sees it.
type Post struct {
	Source  string   // the post's permalink
	Version string   // changes whenever the post is edited
	Links   []string // its links to other sites
}

// Reason is why a mention is planned.
type Reason int

const (
	ReasonNew     Reason = iota + 1 // never sent
	ReasonChanged                   // the post changed since it was sent
	ReasonRetry                     // the last try failed
	ReasonRemoved                   // the post no longer links there: the receiver may delete its mention
)

var reasonNames = map[Reason]string{ReasonNew: "new", ReasonChanged: "changed", ReasonRetry: "retry", ReasonRemoved: "removed"}

func (r Reason) String() string {
	if n, ok := reasonNames[r]; ok {
		return n
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

func (r Reason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Job is one mention to send.
type Job struct {
	Source, Target string
	Hash           string
	Reason         Reason
}

// Plan is what a run will do.
type Plan struct {
	Jobs []Job // sorted by source, then target
	// Unchanged counts mentions sent, or found to have no endpoint, for
	// the post as it is now.
	Unchanged int
	// Forgotten are removed links that had no endpoint: there is no one
	// to tell, so they leave the state without a request.
	Forgotten []Entry
}

// MakePlan compares the posts with the state: what is new, changed,
// failed last time or removed is sent. It reads no network.
func MakePlan(posts []Post, st *State) Plan {
	var p Plan
	current := map[[2]string]bool{}
	for _, post := range posts {
		for _, target := range post.Links {
			key := [2]string{post.Source, target}
			if current[key] {
				continue
			}
			current[key] = true
			h := hash(post.Source, target, post.Version)
			j := Job{Source: post.Source, Target: target, Hash: h}
			i, found := st.find(post.Source, target)
			switch {
			case !found:
				j.Reason = ReasonNew
			case st.Entries[i].Hash != h:
				j.Reason = ReasonChanged
			case st.Entries[i].Status == StatusFailed:
				j.Reason = ReasonRetry
			default:
				p.Unchanged++
				continue
			}
			p.Jobs = append(p.Jobs, j)
		}
	}
	for _, e := range st.Entries {
		if current[[2]string{e.Source, e.Target}] {
			continue
		}
		if e.Status == StatusNoEndpoint {
			p.Forgotten = append(p.Forgotten, e)
			continue
		}
		p.Jobs = append(p.Jobs, Job{Source: e.Source, Target: e.Target, Hash: e.Hash, Reason: ReasonRemoved})
	}
	slices.SortFunc(p.Jobs, func(a, b Job) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return strings.Compare(a.Target, b.Target)
	})
	return p
}

// Forget drops entries from the state.
func (st *State) Forget(entries []Entry) {
	for _, e := range entries {
		if i, found := st.find(e.Source, e.Target); found {
			st.Entries = slices.Delete(st.Entries, i, i+1)
		}
	}
}

// hash fingerprints a mention as sent from one version of a post.
func hash(source, target, version string) string {
	sum := sha256.Sum256([]byte(source + "\n" + target + "\n" + version))
	return hex.EncodeToString(sum[:16])
}
