package webmention

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/diag"
)

var pinned = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// receiver is a local site whose pages advertise an endpoint (or not)
// and whose endpoint answers what a test asks; it records the mentions
// it receives.
type receiver struct {
	srv      *httptest.Server
	mu       sync.Mutex
	received []string          // "source target", in order
	answer   map[string][]int  // target path -> the endpoint's next answers; 202 once they run out
	noWM     map[string]bool   // target paths without an endpoint
	retry    map[string]string // target path -> Retry-After sent with a 429 or 503
}

func newReceiver(t *testing.T) *receiver {
	t.Helper()
	rv := &receiver{answer: map[string][]int{}, noWM: map[string]bool{}, retry: map[string]string{}}
	rv.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			if !rv.noWM[r.URL.Path] {
				w.Header().Set("Link", `</endpoint>; rel="webmention"`)
			}
			fmt.Fprint(w, "<html><body>a page</body></html>")
			return
		}
		r.ParseForm()
		target := r.PostForm.Get("target")
		path := strings.TrimPrefix(target, rv.srv.URL)
		rv.mu.Lock()
		code := http.StatusAccepted
		if a := rv.answer[path]; len(a) > 0 {
			code, rv.answer[path] = a[0], a[1:]
		}
		if code < 300 {
			rv.received = append(rv.received, r.PostForm.Get("source")+" "+path)
		}
		rv.mu.Unlock()
		if ra := rv.retry[path]; ra != "" && code >= 429 {
			w.Header().Set("Retry-After", ra)
		}
		w.WriteHeader(code)
	}))
	t.Cleanup(rv.srv.Close)
	return rv
}

func (rv *receiver) take() []string {
	rv.mu.Lock()
	defer rv.mu.Unlock()
	got := rv.received
	rv.received = nil
	return got
}

// run plans and sends as accrue send does, and saves the state.
func run(t *testing.T, s *Sender, posts []Post, path string) ([]Outcome, Plan) {
	t.Helper()
	st, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	plan := MakePlan(posts, st)
	st.Forget(plan.Forgotten)
	out := s.Run(context.Background(), plan.Jobs, st, nil)
	if err := st.Save(path); err != nil {
		t.Fatal(err)
	}
	return out, plan
}

func TestRuns(t *testing.T) {
	t.Parallel()
	rv := newReceiver(t)
	rv.noWM["/none"] = true
	path := filepath.Join(t.TempDir(), ".accrue", "webmentions-sent.json")
	s := New(Options{AllowLoopback: true, Now: func() time.Time { return pinned }})
	u := rv.srv.URL
	a := Post{Source: "https://blog.example/a/", Version: "1", Links: []string{u + "/x", u + "/y", u + "/none"}}
	b := Post{Source: "https://blog.example/b/", Version: "1", Links: []string{u + "/x"}}

	check := func(step string, want ...string) {
		t.Helper()
		got := rv.take()
		slices.Sort(got) // workers take turns at the host in no fixed order
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: received %q; want %q", step, got, want)
		}
	}

	out, _ := run(t, s, []Post{a, b}, path)
	if len(out) != 4 {
		t.Fatalf("first run: %d outcomes; want 4", len(out))
	}
	check("first run", "https://blog.example/a/ /x", "https://blog.example/a/ /y", "https://blog.example/b/ /x")

	// Nothing changed: nothing is sent, not even to the page without an
	// endpoint.
	out, plan := run(t, s, []Post{a, b}, path)
	if len(out) != 0 || plan.Unchanged != 4 {
		t.Errorf("second run: %d sent, %d unchanged; want 0 and 4", len(out), plan.Unchanged)
	}
	check("second run")

	// a is edited: all its links are sent again, the one without an
	// endpoint looked at again; b's are not.
	a.Version = "2"
	out, _ = run(t, s, []Post{a, b}, path)
	for _, o := range out {
		if o.Reason != ReasonChanged {
			t.Errorf("after an edit: %s planned as %v; want changed", o.Target, o.Reason)
		}
	}
	check("after an edit", "https://blog.example/a/ /x", "https://blog.example/a/ /y")

	// a no longer links to /y nor /none: /y is told once, so it can
	// delete the mention, then forgotten; /none is just forgotten.
	a.Version, a.Links = "3", []string{u + "/x"}
	out, plan = run(t, s, []Post{a, b}, path)
	if len(plan.Forgotten) != 1 || plan.Forgotten[0].Target != u+"/none" {
		t.Errorf("forgotten = %+v; want /none", plan.Forgotten)
	}
	check("after removing a link", "https://blog.example/a/ /x", "https://blog.example/a/ /y")
	var removed int
	for _, o := range out {
		if o.Reason == ReasonRemoved {
			removed++
		}
	}
	if removed != 1 {
		t.Errorf("%d removed links told; want 1", removed)
	}
	out, _ = run(t, s, []Post{a, b}, path)
	if len(out) != 0 {
		t.Errorf("the run after a removal sent %d; want 0", len(out))
	}
	st, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Entries) != 2 {
		t.Errorf("state holds %d entries; want 2 (a and b to /x): %+v", len(st.Entries), st.Entries)
	}

	// A failure (5xx) is retried next run, and only it.
	c := Post{Source: "https://blog.example/c/", Version: "1", Links: []string{u + "/z"}}
	rv.answer["/z"] = []int{500}
	out, _ = run(t, s, []Post{a, b, c}, path)
	if len(out) != 1 || out[0].Status != StatusFailed || out[0].Code != 500 {
		t.Fatalf("a failing endpoint: %+v; want one failure with 500", out)
	}
	check("a failing endpoint")
	out, _ = run(t, s, []Post{a, b, c}, path)
	if len(out) != 1 || out[0].Reason != ReasonRetry || out[0].Status != StatusSent {
		t.Errorf("the next run: %+v; want the failure retried and sent", out)
	}
	check("the retry", "https://blog.example/c/ /z")
}

func TestStateFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "sent.json")
	st := &State{}
	for _, target := range []string{"https://z.example/", "https://a.example/"} {
		st.Record(Job{Source: "https://blog.example/b/", Target: target, Hash: "h", Reason: ReasonNew},
			Result{Status: StatusSent, Endpoint: "https://wm.example/", Code: 202}, pinned.Add(time.Nanosecond))
	}
	st.Record(Job{Source: "https://blog.example/a/", Target: "https://a.example/", Hash: "h2", Reason: ReasonNew},
		Result{Status: StatusFailed, Err: errors.New("endpoint answered 500")}, pinned)
	if err := st.Save(path); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := `{
  "version": 1,
  "sent": [
    {
      "source": "https://blog.example/a/",
      "target": "https://a.example/",
      "status": "failed",
      "error": "endpoint answered 500",
      "time": "2024-03-01T12:00:00Z",
      "hash": "h2"
    },
    {
      "source": "https://blog.example/b/",
      "target": "https://a.example/",
      "endpoint": "https://wm.example/",
      "status": "sent",
      "code": 202,
      "time": "2024-03-01T12:00:00Z",
      "hash": "h"
    },
    {
      "source": "https://blog.example/b/",
      "target": "https://z.example/",
      "endpoint": "https://wm.example/",
      "status": "sent",
      "code": 202,
      "time": "2024-03-01T12:00:00Z",
      "hash": "h"
    }
  ]
}
`
	if string(got) != want {
		t.Errorf("state file:\n%s\nwant:\n%s", got, want)
	}
	back, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Save(path); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(path); string(again) != want {
		t.Errorf("loading and saving changed the file:\n%s", again)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files; want only the state (no temporary files)", len(entries))
	}

	for _, tt := range []struct{ name, data, want string }{
		{"syntax", "{\n  \"version\": 1,\n  \"sent\": [\n    {\"source\": }\n  ]\n}\n", "bad.json:4:17: state file: invalid character '}'"},
		{"unknown field", "{\"version\": 1, \"snet\": []}", "bad.json:1:"},
		{"status", "{\"version\": 1, \"sent\": [{\"status\": \"maybe\"}]}", `unknown status "maybe"`},
		{"version", "{\"version\": 9, \"sent\": []}", "bad.json:1:1: state version 9"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "bad.json")
			os.WriteFile(bad, []byte(tt.data), 0o644)
			_, err := LoadState(bad)
			var de *diag.Error
			if !errors.As(err, &de) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadState: %v; want a positioned error containing %q", err, tt.want)
			}
		})
	}
	if st, err := LoadState(filepath.Join(dir, "missing.json")); err != nil || len(st.Entries) != 0 {
		t.Errorf("a missing state file: %v, %d entries; want an empty state", err, len(st.Entries))
	}
}

// TestRetryAfter: a 429 with a short Retry-After is waited for and sent
// again in the same run; one asking for longer than MaxRetryWait is left
// for the next run at once.
func TestRetryAfter(t *testing.T) {
	t.Parallel()
	rv := newReceiver(t)
	rv.answer["/soon"] = []int{429}
	rv.retry["/soon"] = "1"
	rv.answer["/later"] = []int{503}
	rv.retry["/later"] = "3600"
	s := New(Options{AllowLoopback: true, MaxRetryWait: 2 * time.Second})
	start := time.Now()
	r := s.Send(context.Background(), "https://blog.example/a/", rv.srv.URL+"/soon")
	if r.Status != StatusSent || time.Since(start) < time.Second {
		t.Errorf("429 with Retry-After 1: %v after %s; want sent after waiting a second", r.Status, time.Since(start))
	}
	start = time.Now()
	r = s.Send(context.Background(), "https://blog.example/a/", rv.srv.URL+"/later")
	if r.Status != StatusFailed || r.Code != 503 || time.Since(start) > time.Second {
		t.Errorf("503 with Retry-After 3600: %v %d after %s; want failed at once", r.Status, r.Code, time.Since(start))
	}
	if d, ok := retryAfter("Fri, 01 Mar 2024 12:00:05 GMT", pinned); !ok || d != 5*time.Second {
		t.Errorf("retryAfter(HTTP date) = %s, %v; want 5s", d, ok)
	}
}

// TestLimits: discovery reads at most MaxPage bytes, a silent server
// costs one Timeout, and a host gets one request at a time.
func TestLimits(t *testing.T) {
	t.Parallel()
	var inFlight, most atomic.Int64
	var written atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		switch r.URL.Path {
		case "/huge":
			// The endpoint comes after 2 MiB of padding.
			pad := strings.Repeat("<p>padding</p>\n", 1024)
			for written.Load() < 2<<20 {
				k, err := fmt.Fprint(w, pad)
				written.Add(int64(k))
				if err != nil {
					return
				}
			}
			fmt.Fprint(w, `<link rel="webmention" href="/wm">`)
		case "/silent":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		default:
			time.Sleep(20 * time.Millisecond) // long enough for requests to overlap if allowed
			w.Header().Set("Link", "</wm>; rel=webmention")
		}
	}))
	defer srv.Close()
	s := New(Options{AllowLoopback: true, MaxPage: 64 << 10, Timeout: 300 * time.Millisecond})
	if r := s.Send(context.Background(), "https://blog.example/a/", srv.URL+"/huge"); r.Status != StatusNoEndpoint {
		t.Errorf("huge page: %v (%v); want no endpoint, the endpoint being past the limit", r.Status, r.Err)
	}
	start := time.Now()
	if r := s.Send(context.Background(), "https://blog.example/a/", srv.URL+"/silent"); r.Status != StatusFailed {
		t.Errorf("silent server: %v; want failed", r.Status)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("silent server took %s; want about the 300ms timeout", d)
	}

	// The server sees the client give up on /silent and /huge only when
	// their handlers next look: wait for them to end before counting.
	for deadline := time.Now().Add(5 * time.Second); inFlight.Load() != 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	most.Store(0)
	var jobs []Job
	for i := range 8 {
		jobs = append(jobs, Job{Source: "https://blog.example/a/", Target: fmt.Sprintf("%s/p%d", srv.URL, i), Reason: ReasonNew})
	}
	out := New(Options{AllowLoopback: true, Concurrency: 4}).Run(context.Background(), jobs, &State{}, nil)
	for _, o := range out {
		if o.Status != StatusSent {
			t.Errorf("%s: %v (%v)", o.Target, o.Status, o.Err)
		}
	}
	if m := most.Load(); m != 1 {
		t.Errorf("one host got %d requests at once; want 1", m)
	}
}
