package webmention

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Status is what became of a mention.
type Status int

const (
	StatusSent       Status = iota + 1 // the endpoint accepted it (200, 201 or 202)
	StatusNoEndpoint                   // the target advertises no endpoint
	StatusFailed                       // a network error or an error answer: tried again next run
)

var statusNames = map[Status]string{StatusSent: "sent", StatusNoEndpoint: "no endpoint", StatusFailed: "failed"}

func (s Status) String() string {
	if n, ok := statusNames[s]; ok {
		return n
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText writes the status as its name, which the state file keeps.
func (s Status) MarshalText() ([]byte, error) {
	if _, ok := statusNames[s]; !ok {
		return nil, fmt.Errorf("unknown status %d", int(s))
	}
	return []byte(s.String()), nil
}

func (s *Status) UnmarshalText(b []byte) error {
	for k, n := range statusNames {
		if n == string(b) {
			*s = k
			return nil
		}
	}
	return fmt.Errorf("unknown status %q (want sent, no endpoint or failed)", b)
}

// Result is the outcome of sending one mention.
type Result struct {
	Status   Status
	Endpoint string // the endpoint found, when there was one
	Code     int    // the last HTTP status received, 0 when none came
	Err      error  // why it failed, for StatusFailed
}

// Sender sends Webmentions through a client that only reaches public
// addresses. It is safe for concurrent use.
type Sender struct {
	o      Options
	client *http.Client
}

// New returns a Sender with o's limits.
func New(o Options) *Sender {
	o = o.withDefaults()
	return &Sender{o: o, client: newClient(o, nil)}
}

// Send tells target's endpoint that source links to it: it discovers the
// endpoint from the target page and posts source and target to it.
func (s *Sender) Send(ctx context.Context, source, target string) Result {
	page, err := url.Parse(target)
	if err != nil {
		return Result{Status: StatusFailed, Err: fmt.Errorf("target: %w", err)}
	}
	if err := checkURL(page, s.o.AllowLoopback); err != nil {
		return Result{Status: StatusFailed, Err: err}
	}
	page.Fragment = ""
	resp, err := s.do(ctx, func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, page.String(), nil)
		if err == nil {
			req.Header.Set("Accept", "text/html, */*;q=0.5")
		}
		return req, err
	})
	if err != nil {
		return Result{Status: StatusFailed, Err: err}
	}
	// Discovery reads at most MaxPage bytes: an endpoint further down
	// is missed, which is the price of never downloading a huge page.
	body, err := io.ReadAll(io.LimitReader(resp.Body, s.o.MaxPage))
	resp.Body.Close()
	if err != nil {
		return Result{Status: StatusFailed, Code: resp.StatusCode, Err: fmt.Errorf("reading %s: %w", page, err)}
	}
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		return Result{Status: StatusFailed, Code: resp.StatusCode, Err: fmt.Errorf("%s answered %s", page, resp.Status)}
	}
	// Relative endpoints resolve against the page's URL after redirects.
	endpoint, ok := Discover(resp.Request.URL, resp.Header, body)
	if !ok {
		return Result{Status: StatusNoEndpoint, Code: resp.StatusCode}
	}
	if err := checkURL(endpoint, s.o.AllowLoopback); err != nil {
		return Result{Status: StatusFailed, Endpoint: endpoint.String(), Err: fmt.Errorf("endpoint: %w", err)}
	}
	endpoint.Fragment = ""
	form := url.Values{"source": {source}, "target": {target}}.Encode()
	resp, err = s.do(ctx, func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint.String(), strings.NewReader(form))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return req, err
	})
	r := Result{Endpoint: endpoint.String()}
	if err != nil {
		r.Status, r.Err = StatusFailed, err
		return r
	}
	// What the endpoint says is not needed, but reading a little lets
	// the connection be reused.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // a failed read changes nothing: the status is in
	resp.Body.Close()
	r.Code = resp.StatusCode
	switch resp.StatusCode {
	case http.StatusOK, http.StatusCreated, http.StatusAccepted:
		r.Status = StatusSent
	default:
		r.Status, r.Err = StatusFailed, fmt.Errorf("endpoint %s answered %s", endpoint, resp.Status)
	}
	return r
}

// do sends the request newReq makes, again after a 429 or 503 answer
// when it says to retry within MaxRetryWait (without Retry-After, after
// one second, then two). It returns the last answer.
func (s *Sender) do(ctx context.Context, newReq func() (*http.Request, error)) (*http.Response, error) {
	const attempts = 3
	for attempt := 1; ; attempt++ {
		req, err := newReq()
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", s.o.UserAgent)
		resp, err := s.client.Do(req)
		if err != nil {
			return nil, unwrapURLError(err)
		}
		if attempt == attempts || resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
			return resp, nil
		}
		wait, ok := retryAfter(resp.Header.Get("Retry-After"), s.o.Now())
		if !ok {
			wait = time.Duration(attempt) * time.Second
		}
		if wait > s.o.MaxRetryWait {
			return resp, nil // too long to wait here: the next run retries
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // only to reuse the connection
		resp.Body.Close()
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// unwrapURLError drops net/http's "Get "url": " prefix when the cause
// says enough, and keeps refusals recognizable with errors.Is.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s %s: %w", strings.ToUpper(ue.Op[:1])+strings.ToLower(ue.Op[1:]), ue.URL, ue.Err)
	}
	return err
}

// Outcome is what a run did with one planned mention.
type Outcome struct {
	Job
	Result
}

// Run sends the planned mentions, Concurrency at a time, and records
// each result in st. progress, when not nil, is called after each. It
// returns the outcomes in the plan's order; a cancelled ctx leaves the
// rest unsent and unrecorded.
func (s *Sender) Run(ctx context.Context, jobs []Job, st *State, progress func(done, total int)) []Outcome {
	out := make([]Outcome, len(jobs))
	sent := make([]bool, len(jobs))
	var mu sync.Mutex // guards st, sent and the progress count
	done := 0
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(s.o.Concurrency, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := s.Send(ctx, jobs[i].Source, jobs[i].Target)
				mu.Lock()
				out[i] = Outcome{Job: jobs[i], Result: r}
				if ctx.Err() == nil {
					st.Record(jobs[i], r, s.o.Now())
					sent[i] = true
				}
				done++
				if progress != nil {
					progress(done, len(jobs))
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range jobs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	kept := out[:0]
	for i, o := range out {
		if sent[i] {
			kept = append(kept, o)
		}
	}
	return kept
}
