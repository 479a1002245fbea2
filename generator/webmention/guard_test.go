package webmention

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestCheckAddr(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		ip               string
		public, loopback bool // allowed without, and with, AllowLoopback
	}{
		{"93.184.215.14", true, true},
		{"2606:4700::6810:84e5", true, true},
		{"127.0.0.1", false, true},
		{"127.255.1.2", false, true},
		{"::1", false, true},
		{"::ffff:127.0.0.1", false, true},
		{"10.0.0.1", false, false},
		{"10.255.255.255", false, false},
		{"172.16.0.1", false, false},
		{"172.31.255.254", false, false},
		{"172.32.0.1", true, true},
		{"192.168.1.1", false, false},
		{"169.254.169.254", false, false},
		{"fe80::1", false, false},
		{"100.64.0.1", false, false},
		{"100.127.255.255", false, false},
		{"100.128.0.1", true, true},
		{"fc00::1", false, false},
		{"fd12:3456::1", false, false},
		{"0.0.0.0", false, false},
		{"0.1.2.3", false, false},
		{"::", false, false},
		{"224.0.0.1", false, false},
		{"239.255.255.250", false, false},
		{"ff02::1", false, false},
		{"ff05::2", false, false},
		{"255.255.255.255", false, false},
		{"240.0.0.1", false, false},
		{"::ffff:10.0.0.1", false, false},
		{"::ffff:192.168.0.1", false, false},
		{"::ffff:169.254.169.254", false, false},
		{"::ffff:100.64.0.1", false, false},
		{"::ffff:0.0.0.0", false, false},
		{"::ffff:255.255.255.255", false, false},
		{"::127.0.0.1", false, false},
		{"64:ff9b::a00:1", false, false},   // NAT64 of 10.0.0.1
		{"64:ff9b::7f00:1", false, false},  // NAT64 of 127.0.0.1: not this machine's loopback
		{"64:ff9b::5db8:d70e", true, true}, // NAT64 of a public address
		{"2002:c0a8:101::1", false, false}, // 6to4 of 192.168.1.1
		{"2002:5db8:d70e::1", true, true},  // 6to4 of a public address
		{"fec0::1", false, false},
		{"2001:db8::1", false, false},
	} {
		t.Run(tt.ip, func(t *testing.T) {
			ip := netip.MustParseAddr(tt.ip)
			if got := checkAddr(ip, false) == nil; got != tt.public {
				t.Errorf("allowed = %v; want %v", got, tt.public)
			}
			if got := checkAddr(ip, true) == nil; got != tt.loopback {
				t.Errorf("allowed with loopback = %v; want %v", got, tt.loopback)
			}
		})
	}
}

// countingServer counts the requests that reach it: a refused one never
// does.
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Link", `</wm>; rel=webmention`)
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// TestRefusedAddresses sends to every form of a forbidden address: none
// may reach the local server, and each must be refused by the guard
// rather than fail some other way.
func TestRefusedAddresses(t *testing.T) {
	t.Parallel()
	srv, hits := countingServer(t)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	// A fake hosts file: names that resolve to forbidden addresses, as
	// DNS may answer for any name (or answer differently the second time).
	hosts := map[string]string{}
	for name, addr := range map[string]string{
		"loop.test":     "127.0.0.1",
		"private.test":  "10.0.0.1",
		"mapped.test":   "[::ffff:127.0.0.1]",
		"v6loop.test":   "[::1]",
		"metadata.test": "169.254.169.254",
		"cgnat.test":    "100.64.0.1",
		"ula.test":      "[fd00::1]",
	} {
		hosts[fmt.Sprintf("%s:%d", name, port)] = fmt.Sprintf("%s:%d", addr, port)
	}
	s := New(Options{Timeout: time.Second})
	s.client = newClient(s.o, hosts)
	p := fmt.Sprint(port)
	for _, target := range []string{
		"http://127.0.0.1:" + p + "/",
		"http://127.1:" + p + "/",
		"http://2130706433:" + p + "/",         // decimal
		"http://0x7f000001:" + p + "/",         // hex
		"http://0x7f.1:" + p + "/",             // hex, short
		"http://0177.0.0.1:" + p + "/",         // octal
		"http://[::1]:" + p + "/",              // bracketed IPv6
		"http://[::ffff:127.0.0.1]:" + p + "/", // IPv4-mapped IPv6
		"http://[::ffff:7f00:1]:" + p + "/",
		"http://[0:0:0:0:0:ffff:127.0.0.1]:" + p + "/",
		"http://localhost:" + p + "/",
		"http://LOCALHOST.:" + p + "/",
		"http://a.localhost:" + p + "/",
		"http://0.0.0.0:" + p + "/",
		"http://10.0.0.1/",
		"http://172.16.0.1/",
		"http://192.168.0.1/",
		"http://169.254.169.254/latest/meta-data/",
		"http://[fe80::1]/",
		"http://100.64.0.1/",
		"http://[fc00::1]/",
		"http://[::]/",
		"http://224.0.0.1/",
		"http://255.255.255.255/",
		"http://[::ffff:10.0.0.1]/",
		"http://[::ffff:169.254.169.254]/",
		"http://loop.test:" + p + "/",
		"http://private.test:" + p + "/",
		"http://mapped.test:" + p + "/",
		"http://v6loop.test:" + p + "/",
		"http://metadata.test:" + p + "/",
		"http://cgnat.test:" + p + "/",
		"http://ula.test:" + p + "/",
		"ftp://example.com/",
		"http://user:pass@example.com/",
	} {
		t.Run(target, func(t *testing.T) {
			r := s.Send(context.Background(), "https://blog.example/p/", target)
			if r.Status != StatusFailed || !errors.Is(r.Err, ErrForbiddenAddress) {
				t.Errorf("status %v, error %v; want refused", r.Status, r.Err)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests reached the local server", n)
	}
}

// TestDialCheck leaves out the check of the URL's host: the check at
// dial time alone refuses what a name resolves to.
func TestDialCheck(t *testing.T) {
	t.Parallel()
	srv, hits := countingServer(t)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	for _, loopback := range []bool{false, true} {
		o := Options{Timeout: time.Second, AllowLoopback: loopback}.withDefaults()
		hosts := map[string]string{
			fmt.Sprintf("loop.test:%d", port):    fmt.Sprintf("127.0.0.1:%d", port),
			fmt.Sprintf("mapped.test:%d", port):  fmt.Sprintf("[::ffff:127.0.0.1]:%d", port),
			fmt.Sprintf("private.test:%d", port): fmt.Sprintf("10.0.0.1:%d", port),
		}
		c := newClient(o, hosts)
		for _, tt := range []struct {
			host   string
			passes bool // with loopback allowed
		}{
			{"loop.test", true}, {"mapped.test", true}, {"localhost", true}, {"private.test", false},
		} {
			before := hits.Load()
			resp, err := c.Get(fmt.Sprintf("http://%s:%d/", tt.host, port))
			if err == nil {
				resp.Body.Close()
			}
			reached := hits.Load() > before
			if want := loopback && tt.passes; reached != want {
				t.Errorf("loopback %v, %s: reached = %v (%v); want %v", loopback, tt.host, reached, err, want)
			}
			if !reached && !errors.Is(err, ErrForbiddenAddress) {
				t.Errorf("loopback %v, %s: error %v; want refused", loopback, tt.host, err)
			}
		}
	}
}

// TestLoopbackSwitch: with loopback allowed, 127.0.0.0/8 and ::1 are
// reached and every other private address is still refused.
func TestLoopbackSwitch(t *testing.T) {
	t.Parallel()
	srv, hits := countingServer(t)
	port := fmt.Sprint(srv.Listener.Addr().(*net.TCPAddr).Port)
	s := New(Options{Timeout: time.Second, AllowLoopback: true})
	for _, target := range []string{"http://127.0.0.1:" + port + "/", "http://localhost:" + port + "/"} {
		if r := s.Send(context.Background(), "https://blog.example/p/", target); r.Status != StatusSent {
			t.Errorf("%s: %v (%v); want sent", target, r.Status, r.Err)
		}
	}
	if hits.Load() != 4 { // a GET and a POST each
		t.Errorf("the server got %d requests; want 4", hits.Load())
	}
	for _, target := range []string{"http://10.0.0.1/", "http://192.168.0.1/", "http://169.254.169.254/", "http://[fd00::1]/", "http://100.64.0.1/", "http://2130706433:" + port + "/"} {
		if r := s.Send(context.Background(), "https://blog.example/p/", target); !errors.Is(r.Err, ErrForbiddenAddress) {
			t.Errorf("%s: %v (%v); want refused", target, r.Status, r.Err)
		}
	}
}

// TestRedirects: every redirect is checked like the first URL, and a
// chain longer than MaxRedirects is given up.
func TestRedirects(t *testing.T) {
	t.Parallel()
	var hops atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/to/"):
			to, _ := url.PathUnescape(strings.TrimPrefix(r.URL.Path, "/to/"))
			http.Redirect(w, r, to, http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/loop/"):
			hops.Add(1)
			http.Redirect(w, r, r.URL.Path+"x", http.StatusMovedPermanently)
		default:
			w.Header().Set("Link", `</wm>; rel=webmention`)
		}
	}))
	defer srv.Close()
	port := fmt.Sprint(srv.Listener.Addr().(*net.TCPAddr).Port)
	s := New(Options{Timeout: time.Second, AllowLoopback: true})
	for _, to := range []string{"http://10.0.0.1/", "http://[::ffff:192.168.0.1]/", "http://169.254.169.254/", "http://2130706433:" + port + "/", "file:///etc/passwd"} {
		r := s.Send(context.Background(), "https://blog.example/p/", srv.URL+"/to/"+url.PathEscape(to))
		if !errors.Is(r.Err, ErrForbiddenAddress) {
			t.Errorf("redirect to %s: %v (%v); want refused", to, r.Status, r.Err)
		}
	}
	r := s.Send(context.Background(), "https://blog.example/p/", srv.URL+"/loop/")
	if r.Status != StatusFailed || !strings.Contains(fmt.Sprint(r.Err), "more than 5 redirects") {
		t.Errorf("redirect loop: %v (%v); want failed after 5 redirects", r.Status, r.Err)
	}
	if n := hops.Load(); n != 6 {
		t.Errorf("the loop was followed %d times; want 6 (the first request and 5 redirects)", n)
	}
}
