package importer

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/accruehq/accrue/generator/config"
	"golang.org/x/sync/errgroup"
)

// Options says how an import runs. The zero value writes files and shows
// no progress.
type Options struct {
	// DryRun counts what would be written and writes nothing.
	DryRun bool
	// Progress, when set, is told how far the import is: the phase, and
	// done out of total (bytes read, then items converted). It may be
	// called from several goroutines.
	Progress func(phase string, done, total int)
	// Permalinks are the posts' addresses as the build assigns them, by
	// the post's folder ("content/posts/hello"): what Disqus threads and
	// webmentions are matched against, with each post's aliases. Package
	// site knows them (cmd/accrue asks it); without them a post is found
	// by its front matter url and aliases only.
	Permalinks map[string]string
}

func (o Options) progress(phase string, done, total int) {
	if o.Progress != nil {
		o.Progress(phase, done, total)
	}
}

// siteInfo is what an import needs to know of the site it writes into.
type siteInfo struct {
	root       string
	baseURL    string            // ends in "/"
	permalinks map[string]string // Options.Permalinks
}

func openSite(root string, o Options) (siteInfo, error) {
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		return siteInfo{}, err
	}
	return siteInfo{root: root, baseURL: strings.TrimSuffix(cfg.BaseURL, "/") + "/", permalinks: o.Permalinks}, nil
}

// abs makes the site path p an address on the site's base URL, as the
// build does for a post's permalink and aliases.
func (s siteInfo) abs(p string) string {
	return s.baseURL + strings.TrimPrefix(p, "/")
}

// planned is one file an import means to write: a post or page (rel, and
// alt for its other form), or a record (dir, name, id).
type planned struct {
	kind      Kind
	rel       string
	alt       []string
	dir, name string
	id        string
	data      []byte
}

// write writes plan in order and fills in res.
func write(ctx context.Context, site siteInfo, plan []planned, res *Result, o Options) error {
	w := newWriter(site.root, res)
	for i, p := range plan {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if p.id != "" {
			err = w.record(p.kind, p.dir, p.name, p.id, p.data)
		} else {
			err = w.doc(p.kind, p.rel, p.alt, p.data)
		}
		if err != nil {
			return err
		}
		if i%256 == 0 || i == len(plan)-1 {
			o.progress("checking", i+1, len(plan))
		}
	}
	return w.flush(ctx, o)
}

// parallel runs f for each i in [0, n) on every CPU, stopping at the
// first error.
func parallel(ctx context.Context, n int, o Options, f func(i int) error) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	var done counter
	for i := range n {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := f(i); err != nil {
				return err
			}
			if d := done.add(); d%64 == 0 || d == n {
				o.progress("converting", d, n)
			}
			return nil
		})
	}
	return g.Wait()
}

// openExport opens the export file and wraps it so that reading reports
// progress.
func openExport(file string, o Options) (*os.File, io.Reader, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if st.IsDir() {
		f.Close()
		return nil, nil, fmt.Errorf("%s is a folder; give the export file", file)
	}
	return f, &progressReader{r: f, total: st.Size(), o: o}, nil
}

type progressReader struct {
	r     io.Reader
	n     int64
	total int64
	o     Options
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	p.o.progress("reading KB", int(p.n>>10), int(p.total>>10))
	return n, err
}

// displayPath is file as the summary shows it: relative to the site when
// it is inside it.
func displayPath(root, file string) string {
	if rel, err := filepath.Rel(root, file); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return file
}

// counter counts finished tasks across goroutines.
type counter struct{ n atomic.Int64 }

func (c *counter) add() int { return int(c.n.Add(1)) }
