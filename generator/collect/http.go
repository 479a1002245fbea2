package collect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Client makes the requests of every source: a timeout, a size bound on
// answers, and bounded retries after 429 and 5xx answers that honour
// Retry-After and X-RateLimit-Reset.
type Client struct {
	HTTP *http.Client // nil means a client with a 30-second timeout
	// Sleep waits between retries; nil means a timer that stops with ctx.
	// Tests pass one that records the wait and returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock X-RateLimit-Reset is read against; nil means time.Now.
	Now func() time.Time
	// Retries is how many times a request is repeated; 0 means 3.
	Retries int
	// MaxWait bounds one wait; 0 means 2 minutes. A service asking for
	// longer fails the source, to be collected next time.
	MaxWait time.Duration
}

// maxBody bounds one answer: the largest page of a service's API is a few
// hundred KiB.
const maxBody = 8 << 20

// StatusError is a service's answer that was not a success.
type StatusError struct {
	URL  string // without the query, which may hold a token
	Code int
	Body string // the start of the answer, for the message
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("%s: HTTP %d", e.URL, e.Code)
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// Do sends the request req makes, again after a 429 or 5xx answer, and
// returns the body and headers of the first success.
func (c *Client) Do(ctx context.Context, req func() (*http.Request, error)) ([]byte, http.Header, error) {
	retries := c.Retries
	if retries == 0 {
		retries = 3
	}
	backoff := time.Second
	for attempt := 0; ; attempt++ {
		r, err := req()
		if err != nil {
			return nil, nil, err
		}
		r = r.WithContext(ctx)
		r.Header.Set("User-Agent", "accrue-collect")
		resp, err := c.client().Do(r)
		if err != nil {
			if ctx.Err() != nil || attempt >= retries {
				return nil, nil, err
			}
			if err := c.wait(ctx, backoff); err != nil {
				return nil, nil, err
			}
			backoff *= 2
			continue
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
		resp.Body.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: reading the answer: %w", safeURL(r), err)
		}
		if len(body) > maxBody {
			return nil, nil, fmt.Errorf("%s: the answer is larger than %d MiB", safeURL(r), maxBody>>20)
		}
		if resp.StatusCode/100 == 2 {
			return body, resp.Header, nil
		}
		serr := &StatusError{URL: safeURL(r), Code: resp.StatusCode, Body: snippet(body)}
		// GitHub says it is rate limited with a 403 that has Retry-After
		// or no requests remaining.
		limited := resp.StatusCode == http.StatusForbidden &&
			(resp.Header.Get("Retry-After") != "" || resp.Header.Get("X-RateLimit-Remaining") == "0")
		retry := resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode/100 == 5 || limited
		if !retry || attempt >= retries {
			return nil, nil, serr
		}
		d := c.retryAfter(resp.Header)
		if d < 0 {
			d = backoff
		}
		if max := c.maxWait(); d > max {
			return nil, nil, fmt.Errorf("%w; the service asks to wait %s, longer than %s: collect again later", serr, d.Round(time.Second), max)
		}
		if err := c.wait(ctx, d); err != nil {
			return nil, nil, err
		}
		backoff *= 2
	}
}

func (c *Client) client() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

func (c *Client) maxWait() time.Duration {
	if c.MaxWait > 0 {
		return c.MaxWait
	}
	return 2 * time.Minute
}

func (c *Client) wait(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// retryAfter reads Retry-After (seconds or an HTTP date) or
// X-RateLimit-Reset (a Unix time, or an ISO time as Mastodon sends it);
// -1 when neither says.
func (c *Client) retryAfter(h http.Header) time.Duration {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if s, err := strconv.Atoi(v); err == nil && s >= 0 {
			return time.Duration(s) * time.Second
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now()), 0)
		}
	}
	if v := strings.TrimSpace(h.Get("X-RateLimit-Reset")); v != "" {
		if s, err := strconv.ParseInt(v, 10, 64); err == nil {
			return max(time.Unix(s, 0).Sub(now()), 0)
		}
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return max(t.Sub(now()), 0)
		}
	}
	return -1
}

// safeURL is the request's address without its query, which may hold a
// token.
func safeURL(r *http.Request) string {
	u := *r.URL
	u.RawQuery = ""
	return u.String()
}

func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// nextLink returns the rel="next" address of an HTTP Link header, or "".
func nextLink(h http.Header) string {
	for _, v := range h.Values("Link") {
		for _, part := range strings.Split(v, ",") {
			segs := strings.Split(part, ";")
			if len(segs) < 2 {
				continue
			}
			target := strings.TrimSpace(segs[0])
			if !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
				continue
			}
			for _, p := range segs[1:] {
				p = strings.ReplaceAll(strings.TrimSpace(p), " ", "")
				if p == `rel="next"` || p == "rel=next" {
					return target[1 : len(target)-1]
				}
			}
		}
	}
	return ""
}

// errNoToken says a source needs a token the environment does not hold.
var errNoToken = errors.New("no token")
