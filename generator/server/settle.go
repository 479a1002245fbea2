package server

import (
	"slices"
	"time"
)

// settling times the documents a build keeps as they were because their
// file looked like a save caught halfway (site.Incremental.Hold): each
// is held for at most wait after a build first found it so, then built
// as it is, so a file left empty or broken on purpose is reported. It is
// used only under Server.building.
type settling struct {
	wait  time.Duration
	since map[string]time.Time // when a build first held each path
	now   time.Time            // when the current build started
}

// hold answers site.Incremental.Hold.
func (st *settling) hold(p string) bool {
	now := st.now
	t, ok := st.since[p]
	if !ok {
		if st.since == nil {
			st.since = map[string]time.Time{}
		}
		st.since[p] = now
		return true
	}
	return now.Sub(t) < st.wait
}

// update forgets the paths the last build did not hold: whole again, or
// built as they are.
func (st *settling) update(held []string) {
	for p := range st.since {
		if !slices.Contains(held, p) {
			delete(st.since, p)
		}
	}
}

// next returns the held paths and how long after now the first of them
// is due to be built as it is; ok is false when nothing is held.
func (st *settling) next(now time.Time) (paths []string, after time.Duration, ok bool) {
	for p, t := range st.since {
		d := max(t.Add(st.wait).Sub(now), 0)
		if !ok || d < after {
			after = d
		}
		paths, ok = append(paths, p), true
	}
	slices.Sort(paths)
	return paths, after, ok
}
