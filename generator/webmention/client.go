package webmention

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Options configure a Sender. The zero value is what accrue send uses.
type Options struct {
	// Timeout bounds each request, from connecting to the last byte
	// read; 0 means 5 seconds.
	Timeout time.Duration
	// MaxPage is how much of a page discovery reads; the rest is never
	// downloaded. 0 means 1 MiB.
	MaxPage int64
	// MaxRedirects is how many redirects a request may follow, each
	// checked like the first URL; 0 means 5.
	MaxRedirects int
	// Concurrency is how many mentions are sent at once; 0 means 4. A
	// host never gets more than one request at a time.
	Concurrency int
	// MaxRetryWait is the longest a 429 or 503 answer's Retry-After is
	// waited for before the mention is left for the next run; 0 means
	// 10 seconds.
	MaxRetryWait time.Duration
	// AllowLoopback lets requests reach 127.0.0.0/8, ::1 and localhost,
	// and no other private address: tests talk to local servers.
	AllowLoopback bool
	// UserAgent names the sender; "" means "accrue".
	UserAgent string
	// Now is the clock for the state file's times; nil means time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	if o.MaxPage <= 0 {
		o.MaxPage = 1 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.MaxRetryWait <= 0 {
		o.MaxRetryWait = 10 * time.Second
	}
	if o.UserAgent == "" {
		o.UserAgent = "accrue"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// newClient makes the only HTTP client a Sender uses: no proxy (it
// would connect on our behalf to addresses we cannot check), every
// connection checked at dial time, every redirect checked before it is
// followed, one request at a time per host.
//
// hosts, when not nil, is a hosts file for tests: it maps "name:port" to
// the address dialed instead, which the dial-time check then judges, as
// it would whatever DNS answered.
func newClient(o Options, hosts map[string]string) *http.Client {
	dialer := &net.Dialer{Timeout: o.Timeout, Control: dialControl(o.AllowLoopback)}
	dial := dialer.DialContext
	if hosts != nil {
		dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if a, ok := hosts[addr]; ok {
				addr = a
			}
			return dialer.DialContext(ctx, network, addr)
		}
	}
	transport := &http.Transport{
		Proxy:                  nil,
		DialContext:            dial,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    o.Timeout,
		ResponseHeaderTimeout:  o.Timeout,
		MaxResponseHeaderBytes: 64 << 10,
		MaxIdleConnsPerHost:    1,
		IdleConnTimeout:        30 * time.Second,
	}
	return &http.Client{
		Transport: &perHost{next: transport, timeout: o.Timeout, busy: map[string]chan struct{}{}},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("more than %d redirects", o.MaxRedirects)
			}
			return checkURL(req.URL, o.AllowLoopback)
		},
	}
}

// checkURL refuses what no request may be made to: a scheme other than
// http and https, user info, and hosts checkHost refuses.
func checkURL(u *url.URL, loopback bool) error {
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return fmt.Errorf("%w: scheme %q", ErrForbiddenAddress, u.Scheme)
	}
	if u.User != nil {
		return fmt.Errorf("%w: URL with user info", ErrForbiddenAddress)
	}
	return checkHost(u.Hostname(), loopback)
}

// perHost lets one request at a time reach each host, and gives each
// request its own timeout that starts once it may go: waiting for the
// host is not counted against it.
type perHost struct {
	next    http.RoundTripper
	timeout time.Duration
	mu      sync.Mutex
	busy    map[string]chan struct{} // host -> a slot held while a request is under way
}

func (p *perHost) RoundTrip(req *http.Request) (*http.Response, error) {
	host := strings.ToLower(req.URL.Hostname())
	p.mu.Lock()
	slot := p.busy[host]
	if slot == nil {
		slot = make(chan struct{}, 1)
		p.busy[host] = slot
	}
	p.mu.Unlock()
	select {
	case slot <- struct{}{}:
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
	ctx, cancel := context.WithTimeout(req.Context(), p.timeout)
	var once sync.Once
	release := func() { once.Do(func() { cancel(); <-slot }) }
	resp, err := p.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		release()
		if errors.Is(err, context.DeadlineExceeded) && req.Context().Err() == nil {
			return nil, fmt.Errorf("no answer within %s", p.timeout)
		}
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// releasingBody frees the host's slot when the response is closed.
type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
