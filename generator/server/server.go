package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/report"
	"github.com/accruehq/accrue/generator/site"
)

// Options configures a Server.
type Options struct {
	Dir            string // the site's folder
	Drafts, Future bool
	// Strict makes each front matter field accrue does not read an error
	// (site.Options.Strict).
	Strict bool
	// Theme is the built-in default theme.
	Theme fs.FS
	// Quiet is how long a burst of file events must be silent before a
	// rebuild; 0 means 10ms, enough for an editor's write-rename-chmod.
	Quiet time.Duration
	// Settle is how long a post or page whose file a rebuild finds empty,
	// cut off in its front matter or gone keeps its last good version:
	// an editor may be between two steps of a save. A file still so
	// after Settle is built as it is. 0 means 500ms.
	Settle time.Duration
	// Log receives one line per rebuild, and each diagnostic when it
	// appears: not again while later rebuilds keep reporting it.
	Log io.Writer
	// Now is the clock for future posts; nil means time.Now.
	Now func() time.Time
	// CacheDir is the render cache's folder (site.Options.CacheDir): the
	// first build reads and saves it, later ones keep renderings in
	// memory. "" means no cache.
	CacheDir string
	// Ready, when set, is told how the first build went, once it is
	// served: the command line says where to look only then.
	Ready func(FirstBuild)
	// BaseURL is the address the site is published at when it is not
	// base_url (accrue serve --base-url). The server serves the site at
	// localhost under its path, or else under base_url's: a site
	// published at https://user.github.io/blog/ is served at
	// http://localhost:1313/blog/, as it will be read.
	BaseURL string
}

// FirstBuild is how the server's first build went.
type FirstBuild struct {
	URL    string // the home page, http://localhost:PORT/ or, under a sub-path, http://localhost:PORT/blog/
	Report string // the live report, under the site: http://localhost:PORT/blog/_accrue/report/
	Files  int    // files served
	Took   time.Duration
	Failed bool // the errors were logged; pages show them until fixed
}

// Server builds a site into memory and serves it.
type Server struct {
	o       Options
	origin  string // http://localhost:PORT
	builder *site.Incremental
	state   atomic.Pointer[snapshot]
	hub     hub
	// building serializes rebuilds: the watcher's and the settle timer's.
	// It guards settle and said.
	building sync.Mutex
	settle   settling
	said     said
}

// snapshot is one build as served: read-only once stored.
type snapshot struct {
	files   map[string][]byte
	diags   diag.List // errors of the last build, if it failed
	failed  bool
	version int
	// base is the escaped path the site is served under, "/" or
	// "/blog/": base_url's, from the build.
	base string
	// report gathers the last good build's report input, nil before
	// there is one; the page is made on the first request for it.
	report     func() report.Input
	reportOnce sync.Once
	reportPage []byte
}

// New returns a server for o. Call Listen, then Serve.
func New(o Options) *Server {
	if o.Quiet == 0 {
		o.Quiet = 10 * time.Millisecond
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Settle == 0 {
		o.Settle = 500 * time.Millisecond
	}
	s := &Server{o: o, settle: settling{wait: o.Settle}}
	s.state.Store(&snapshot{files: map[string][]byte{}, base: "/"})
	return s
}

// Listen opens the listening socket. A port in use gets a message that
// says how to choose another.
func Listen(bind string, port int) (net.Listener, error) {
	addr := net.JoinHostPort(bind, fmt.Sprint(port))
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("port %d is already in use on %s (is another accrue serve running?); choose another with --port %d", port, bind, port+1)
	}
	return ln, err
}

// Serve builds the site, then serves ln and rebuilds on every change until
// ctx is done. The base URL of the build is the listener's address with
// the site's sub-path, if it has one, so links and feeds work locally.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	port := ln.Addr().(*net.TCPAddr).Port
	s.origin = fmt.Sprintf("http://localhost:%d", port)
	s.builder = site.NewIncremental(os.DirFS(s.o.Dir), s.siteOptions())
	s.builder.Hold = s.settle.hold
	s.rebuild(ctx, nil)

	wt, err := newWatcher(s.o.Dir, site.Watched(os.DirFS(s.o.Dir)))
	if err != nil {
		return fmt.Errorf("watching %s: %w", s.o.Dir, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := make(chan []string)
	var wg sync.WaitGroup
	var watchErr error
	wg.Add(2)
	go func() { // the watcher: lives until ctx is done
		defer wg.Done()
		watchErr = wt.run(ctx, s.o.Quiet, changes)
		cancel()
	}()
	go func() {
		defer wg.Done()
		// settled fires when a held document is due to be built as it is.
		settled := time.NewTimer(time.Hour)
		settled.Stop()
		for {
			var paths []string
			select {
			case <-ctx.Done():
				return
			case paths = <-changes:
			case <-settled.C:
				if paths, _, _ = s.unsettled(); len(paths) == 0 {
					continue // nil would rebuild everything
				}
			}
			s.rebuild(ctx, paths)
			if _, after, ok := s.unsettled(); ok {
				settled.Reset(after)
			} else {
				settled.Stop()
			}
		}
	}()
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		s.hub.close()
		shutdown, done := context.WithTimeout(context.Background(), 2*time.Second)
		defer done()
		srv.Shutdown(shutdown) //nolint: the server is going away either way
	}()
	err = srv.Serve(ln)
	cancel()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return errors.Join(err, watchErr)
}

func (s *Server) siteOptions() site.Options {
	return site.Options{Drafts: s.o.Drafts, Future: s.o.Future, Strict: s.o.Strict, BaseURL: s.o.BaseURL, ServeAt: s.origin, Now: s.o.Now(),
		Dir: s.o.Dir, Theme: s.o.Theme, CacheDir: s.o.CacheDir}
}

// rebuild builds after changes to paths (nil: everything), swaps the
// served snapshot and tells open pages what changed. A failed build keeps
// serving the last good pages, with the errors shown over them.
func (s *Server) rebuild(ctx context.Context, paths []string) {
	s.building.Lock()
	defer s.building.Unlock()
	start := time.Now()
	prev := s.state.Load()
	opts := s.siteOptions()
	s.settle.now = start
	files, diags, err := s.builder.Build(ctx, opts, paths)
	if ctx.Err() != nil {
		return // stopping: the build was cut short, not broken
	}
	s.settle.update(s.builder.Held())
	next := &snapshot{version: prev.version + 1, base: prev.base}
	if u, err := url.Parse(s.builder.BaseURL()); err == nil && u.Path != "" {
		next.base = u.EscapedPath()
	}
	s.said.say(s.o.Log, diags, err != nil)
	if err != nil {
		next.files, next.failed = prev.files, true
		next.report = prev.report
		next.diags = diags.Errors()
		if len(next.diags) == 0 {
			next.diags = diag.List{{Msg: err.Error()}}
		}
		s.state.Store(next)
		fmt.Fprintf(s.o.Log, "rebuild failed: %d %s; still serving the last good build\n", len(next.diags), plural(len(next.diags), "error", "errors"))
		s.hub.broadcast(event{Errors: messages(next.diags)})
		s.ready(prev, next, 0, start, true)
		return
	}
	next.files = files
	next.report, _ = s.builder.ReportInput()
	s.state.Store(next)
	changed, cssOnly := diff(prev.files, files, next.base)
	if len(changed) > 0 && !cssOnly {
		// Whatever changed may change what the blog is worth.
		changed = append(changed, next.base+reportFile)
	}
	if prev.version > 0 {
		fmt.Fprintf(s.o.Log, "rebuilt in %s: %d %s changed\n", time.Since(start).Round(time.Millisecond), len(changed), plural(len(changed), "file", "files"))
	}
	if len(changed) > 0 || prev.failed {
		s.hub.broadcast(event{Changed: changed, CSSOnly: cssOnly && !prev.failed})
	}
	s.ready(prev, next, len(files), start, false)
}

// ready tells Options.Ready how the first build, served as next, went.
func (s *Server) ready(prev, next *snapshot, files int, start time.Time, failed bool) {
	if prev.version == 0 && s.o.Ready != nil {
		home := s.origin + next.base
		s.o.Ready(FirstBuild{URL: home, Report: home + strings.TrimSuffix(reportFile, "index.html"),
			Files: files, Took: time.Since(start), Failed: failed})
	}
}

// unsettled returns the documents held mid-save and how soon the first
// is due to be built as it is; ok is false when none is held.
func (s *Server) unsettled() (paths []string, after time.Duration, ok bool) {
	s.building.Lock()
	defer s.building.Unlock()
	return s.settle.next(time.Now())
}

// diff lists the output paths that differ between two builds, as URL
// paths under base, and whether only stylesheets changed.
func diff(old, cur map[string][]byte, base string) (changed []string, cssOnly bool) {
	cssOnly = true
	for p, data := range cur {
		if o, ok := old[p]; !ok || !bytes.Equal(o, data) {
			changed = append(changed, base+p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			changed = append(changed, base+p)
		}
	}
	for _, p := range changed {
		if !bytes.HasSuffix([]byte(p), []byte(".css")) {
			cssOnly = false
		}
	}
	sort.Strings(changed)
	return changed, cssOnly && len(changed) > 0
}

func messages(l diag.List) []string {
	out := make([]string, len(l))
	for i, d := range l {
		out[i] = d.Error()
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
