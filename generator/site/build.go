package site

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/accruehq/accrue/generator/accounts"
	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/dialect"
	"github.com/accruehq/accrue/generator/history"
	"github.com/accruehq/accrue/generator/internal/flock"
	"github.com/accruehq/accrue/generator/internal/safelink"
	"github.com/accruehq/accrue/generator/markdown"
	"github.com/accruehq/accrue/generator/pages"
	"github.com/accruehq/accrue/generator/peers"
	"github.com/accruehq/accrue/generator/rendercache"
	"github.com/accruehq/accrue/generator/search"
	"github.com/accruehq/accrue/generator/theme"
	"golang.org/x/sync/errgroup"
)

// Options configures a build. The zero value builds published posts as of
// the zero time, so callers set Now.
type Options struct {
	Drafts bool // include drafts
	Future bool // include posts dated after Now
	// BaseURL overrides the configuration's base_url when set.
	BaseURL string
	// ServeAt, when set, is the origin the build is served at
	// ("http://localhost:1313"), the dev server's: the site keeps the
	// path of BaseURL, or else of base_url, so a site published under
	// /blog/ is served under /blog/ too.
	ServeAt string
	// Now decides which posts are in the future. Model code never reads
	// the clock.
	Now time.Time
	// AsOf is the day the ledger and the report are for, as the caller
	// was asked for it (accrue report --as-of): YYYY-MM-DD in the blog's
	// time zone, or an RFC 3339 instant. "" is [report] as_of, else Now.
	// Ledger, ReportInput, Outbound and ReadInbound leave out the posts
	// dated after it; a build publishes as of Now.
	AsOf string
	// Dir is the site's folder on disk, for git history; "" when the site
	// is not on disk (tests) or git should not be asked.
	Dir string
	// Strict makes each front matter field accrue does not read an error
	// at its line, and fails Build, Ledger and ReportInput on warnings.
	// The dev server's builds (Incremental) fail on errors only: a
	// warning there is said, and the site stays up.
	Strict bool
	// Theme is the built-in default theme, the lowest layer. Nil means
	// the site must bring its whole theme.
	Theme fs.FS
	// Progress, when set, is told how far the long phases are, from any
	// goroutine: "reading" counts documents, "writing" output files.
	Progress func(phase string, done, total int)
	// CacheDir, when set with Dir, keeps rendered Markdown there between
	// builds (package rendercache): a build renders only the posts that
	// changed since the last one. The dev server's first build uses it;
	// its later builds keep renderings in memory.
	CacheDir string
}

// progress counts one step of a phase for Options.Progress.
type progress struct {
	report      func(phase string, done, total int)
	phase       string
	done, total atomic.Int64
}

func (b *builder) progress(phase string, total int) *progress {
	p := &progress{report: b.opts.Progress, phase: phase}
	p.total.Store(int64(total))
	return p
}

func (p *progress) step() {
	if p.report != nil {
		p.report(p.phase, int(p.done.Add(1)), int(p.total.Load()))
	}
}

// Stats summarizes a build.
type Stats struct {
	Posts, Pages, Files, Feeds int
	// Rendered counts the files produced by this build rather than reused
	// from the previous one (the dev server's builds reuse). Reused counts
	// the files a recording writer took from the previous output.
	Rendered, Reused int
	Duration         time.Duration
	// Cache says how the render cache served the build; CacheErr is why
	// it could not be read or saved, which costs time but never output.
	Cache    rendercache.Stats
	CacheErr error
	// Peer, for a folder without accrue.toml laid out for Jekyll, Hugo
	// or Zola, says which configuration was read and what of it.
	Peer string
}

// Writer receives output files. Implementations must be safe for
// concurrent use; paths are slash separated and relative.
type Writer interface {
	WriteFile(path string, data []byte) error
}

// Build builds the site in src into w. Warnings are returned in the
// diag.List along with errors; the build failed when err is non-nil.
func Build(ctx context.Context, src fs.FS, w Writer, o Options) (Stats, diag.List, error) {
	start := time.Now()
	b := newBuilder(src, o)
	diags, err := b.run(ctx, w)
	b.closeCache(ctx)
	diags.Sort()
	if err == nil && diags.HasErrors() {
		err = diags.Errors()
	}
	if err == nil && o.Strict && len(diags) > 0 {
		err = fmt.Errorf("%d warnings and --strict", len(diags))
	}
	b.stats.Duration = time.Since(start)
	return b.stats, diags, err
}

// Ledger reads the site in src as Build does and returns its ledger
// without rendering anything.
func Ledger(ctx context.Context, src fs.FS, o Options) (*accounts.Ledger, diag.List, error) {
	b, diags, err := connectOnly(ctx, src, o)
	if err != nil {
		return nil, diags, err
	}
	return b.site.Ledger, diags, nil
}

// connectOnly runs a build up to the ledger and the link graph, rendering
// nothing.
func connectOnly(ctx context.Context, src fs.FS, o Options) (*builder, diag.List, error) {
	b := newBuilder(src, o)
	b.ledgerOnly = true
	diags, err := b.run(ctx, nil)
	b.closeCache(ctx)
	diags.Sort()
	if err == nil && diags.HasErrors() {
		err = diags.Errors()
	}
	if err == nil && o.Strict && len(diags) > 0 {
		err = fmt.Errorf("%d warnings and --strict", len(diags))
	}
	return b, diags, err
}

// builder holds one build's state. Fields are filled phase by phase and
// read-only after the phase that fills them.
type builder struct {
	// prefix puts a sub-path base URL's path in front of the rendered
	// pages' links to the site; set once the outputs are planned.
	prefix *prefixer
	src    fs.FS
	opts   Options
	cfg    config.Config
	read   content.Options // how documents are read, from cfg
	// vars are the site's values a dialect's template syntax may name;
	// refs finds the pages its cross-references name, once analyze has
	// given every page its URL.
	vars  map[string]string
	refs  *dialect.Index
	theme *theme.Theme
	md    *markdown.Renderer
	// cache holds renderings from the last build; nil when off. loaded
	// says every file was read, so the cache may be saved: a build that
	// stopped before has used too little of it to keep.
	cache  *rendercache.Cache
	loaded bool
	// scratch is the folder of a pack that only holds this build's bodies
	// until their pages are written, when the render cache is off.
	scratch     string
	scratchLock *flock.Lock
	// bodyErrs are bodies that could not be read again for a page; the
	// build fails rather than write a page without its body.
	bodyMu   sync.Mutex
	bodyErrs diag.List
	site     *pages.Site
	// asOf is the day the accounts are read as of (Options.AsOf),
	// decided once with the configuration.
	asOf time.Time
	// posts and pages are the published documents, with their pages.
	posts, pages []*pages.Page
	// pageStates are what the build keeps beside each of those pages.
	pageStates map[*pages.Page]*pageState
	home       *pages.Page // carries the intro text, if any
	outputs    []pages.Output
	// feedBuilds make each planned feed's files once.
	feedBuilds map[*pages.Feed]*feedBuild
	planDiags  diag.List // problems found while planning outputs
	stats      Stats
	// dev is set for the dev server's builds: bodies stay in memory and a
	// phase with errors ends the build.
	dev bool
	// keyed says each output gets the key of its inputs, for the next
	// build to reuse it: the dev server's builds, and builds into a
	// writer that keeps a record (recordingWriter).
	keyed bool
	// last is what the dev server's last build made that this one may
	// take again (empty for other builds); made is what this one makes
	// for the next (see phases).
	last, made *phases
	// global fingerprints everything any page may show about other pages;
	// computed only for the dev server.
	global uint64
	// ledgerOnly stops after the ledger is built: nothing is rendered.
	ledgerOnly bool
	// history is the site's git history, nil without git. It is read in
	// the background: waitHistory waits for it (once; later calls return
	// nothing) and reports what went wrong.
	history     *history.History
	waitHistory func() diag.List
	// stopHistory stops git when the build ends before waiting for it (an
	// error in the content); nil when git was not started.
	stopHistory context.CancelFunc
	// peerFolder and peerPlaces are set for a Jekyll, Hugo or Zola
	// folder read in place: the folder its documents are in, and where
	// the view shows each of its files (git names them otherwise).
	peerFolder string
	peerPlaces map[string]string
	view       fs.FS // the folder as package peers shows it
	// sharedReadingTime and sharedSource are how globalKey hashed pages,
	// for the dev server's fast path.
	sharedReadingTime, sharedSource bool
	// search is the search index this build planned (search.go).
	search *searchIndex
}

// newBuilder returns a builder for a one-shot build of src.
func newBuilder(src fs.FS, o Options) *builder {
	return &builder{src: src, opts: o, last: &phases{}, made: &phases{}}
}

func (b *builder) run(ctx context.Context, w Writer) (diags diag.List, err error) {
	defer func() { b.realPaths(diags) }()
	if rw, ok := w.(recordingWriter); ok && rw.Records() {
		b.keyed = true
	}
	if st := b.last.setup; st != nil {
		b.cfg, b.theme, b.md = st.cfg, st.theme, st.md
		if st.view != nil {
			b.src, b.peerPlaces = st.view, peers.Places(st.view)
		}
		b.read = readOptions(b.cfg)
		b.vars = siteVars(b.cfg)
		b.asOf, _ = b.opts.asOf(b.cfg) // it parsed when the config was read
		b.theme.Forget()
		return b.runContent(ctx, w)
	}
	cfg, diags := b.loadConfig()
	if diags.HasErrors() {
		return diags, nil
	}
	asOf, err := b.opts.asOf(cfg)
	if err != nil {
		return append(diags, diag.Errorf(diag.Pos{}, "--as-of: %v", err)), nil
	}
	b.asOf = asOf
	if b.ledgerOnly {
		// The ledger and the report judge future posts against the day
		// they are for: a report as of last June has no post of July.
		b.opts.Now = asOf
	}
	if u := b.opts.servingURL(cfg); u != "" {
		cfg, err = cfg.WithBaseURL(u)
		if err != nil {
			return diag.List{diag.Errorf(diag.Pos{}, "--base-url %v", err)}, nil
		}
	}
	b.cfg = cfg
	if cfg.BaseURL == config.Default().BaseURL && !b.dev && !b.ledgerOnly {
		// The dev server's address in a published site's canonical
		// URLs, feeds and sitemap sends readers and search engines to
		// their own machine.
		diags.Add(diag.Warnf(cfg.Positions["base_url"], "base_url is not set, so canonical URLs, feeds and the sitemap point at %s: set base_url = \"https://your.domain/\" in %s, or pass --base-url", cfg.BaseURL, config.File))
	}
	if _, err := content.ParseEncoding(cfg.Content.Encoding); err != nil {
		return diag.List{diag.Errorf(cfg.Positions["content.encoding"], "content.encoding: %v", err)}, nil
	}
	b.read = readOptions(cfg)
	b.vars = siteVars(cfg)
	th, tdiags := b.loadTheme()
	diags = append(diags, tdiags...)
	if tdiags.HasErrors() {
		return diags, nil
	}
	b.theme = th
	mdOpts := markdown.Options{
		Unsafe:      cfg.Markdown.Unsafe,
		Typographer: cfg.Markdown.Typographer,
		LineNumbers: cfg.Highlight.LineNumbers,
	}
	b.md = markdown.New(mdOpts)
	if b.opts.Dir != "" && !b.ledgerOnly {
		cleanScratch(os.TempDir()) // what builds killed before their end left
	}
	switch {
	case b.opts.CacheDir != "" && b.opts.Dir != "": // the dev server's first build too
		b.cache, b.stats.CacheErr = openCache(b.opts.CacheDir, b.opts.Dir, mdOpts)
	case b.opts.Dir != "" && !b.dev && !b.ledgerOnly:
		b.cache, b.scratch, b.scratchLock = openScratch()
	}
	b.made.setup = &setup{cfg: b.cfg, theme: b.theme, md: b.md, view: b.view}
	cdiags, err := b.runContent(ctx, w)
	return append(diags, cdiags...), err
}

// readOptions says how documents are read under cfg, whose encoding name
// has been checked.
func readOptions(cfg config.Config) content.Options {
	enc, _ := content.ParseEncoding(cfg.Content.Encoding)
	return content.Options{Location: cfg.Location, Encoding: enc, MaxTerms: cfg.Content.MaxTerms, ExcerptSeparator: cfg.Content.ExcerptSeparator}
}

// runContent runs the phases that depend on content, each on what the
// one before made: load (the documents), model (the pages with their
// comments, mentions and history, and the output files planned), accounts
// (the link graph and the ledger, package accounts) and, unless only the
// accounts are asked for (Ledger, ReportInput...), render.
func (b *builder) runContent(ctx context.Context, w Writer) (diag.List, error) {
	defer func() {
		if b.stopHistory != nil {
			b.stopHistory()
		}
	}()
	var diags diag.List
	docs, ldiags, err := b.load(ctx)
	if err != nil {
		return diags, err
	}
	diags = append(diags, ldiags...)
	// A build goes on past a broken document as far as the comments and
	// mentions of the others, so one run reports every problem. The dev
	// server stops at the first phase with errors: what it keeps between
	// builds must come from whole phases.
	if ldiags.HasErrors() && b.dev {
		return diags, nil
	}
	mdiags := b.model(ctx, docs)
	diags = append(diags, mdiags...)
	if diags.HasErrors() {
		return diags, nil
	}
	diags = append(diags, b.connect()...)
	if b.ledgerOnly {
		return diags, nil
	}
	rdiags, err := b.render(ctx, w)
	return append(diags, rdiags...), err
}

// model makes the site's model from the loaded documents: the pages
// (analyze), each post's comments and mentions, git's revisions, and the
// planned output files, whose paths the link check needs. It stops at
// the first of these steps with errors.
func (b *builder) model(ctx context.Context, docs []*docResult) diag.List {
	diags := b.analyze(docs)
	if diags.HasErrors() && b.dev {
		return diags
	}
	diags = append(diags, b.loadInteractions(ctx)...)
	diags = append(diags, b.waitHistory()...) // files in conflict are errors
	if diags.HasErrors() {
		return diags
	}
	b.applyHistory()
	return append(diags, b.plan()...)
}

// loadTheme layers the site's layouts/ over themes/NAME/ over the built-in
// default theme.
func (b *builder) loadTheme() (*theme.Theme, diag.List) {
	name := b.cfg.Theme
	layers := []theme.Layer{{FS: b.src, Name: ""}}
	themeDir := "themes/" + name
	if sub, err := fs.Sub(b.src, themeDir); err == nil {
		if _, statErr := fs.Stat(b.src, themeDir); statErr == nil {
			layers = append(layers, theme.Layer{FS: sub, Name: themeDir})
		} else if name != "default" {
			return nil, diag.List{diag.Errorf(b.cfg.Positions["theme"], "theme %q not found: there is no folder %s/ (remove theme to use the built-in default)", name, themeDir)}
		}
	}
	if b.opts.Theme != nil {
		layers = append(layers, theme.Layer{FS: b.opts.Theme, Name: "(built-in)/themes/default"})
	}
	th, diags := theme.Load(layers, funcs(b.cfg))
	return th, diags
}

// docResult is one loaded document. It is read-only after the load phase,
// so the dev server can reuse it in later builds.
type docResult struct {
	doc    *content.Doc
	render *markdown.Result
	// body holds the HTML when the render cache has it, in the last
	// build's pack or the one being written, until a page needs it;
	// render.HTML is then empty.
	body  rendercache.Body
	sum   uint64    // checksum of the source file
	diags diag.List // what loading it reported
	// refs are the cross-references its dialect's syntax made, resolved
	// once URLs are known (linkRefs).
	refs []dialect.Ref
	// dateFrom says where the date came from when the front matter has
	// none: git or the file's modification time (fillDates).
	dateFrom dateSource

	deriveOnce sync.Once
	derived    *derived
	fpOnce     sync.Once
	fp         uint64 // see globalKey
	searchOnce sync.Once
	search     search.Body // see searchBody
	// key names the body in the render cache, for what it keeps beside
	// the rendering (searchBody).
	key rendercache.Key
}

// load reads and renders every document in parallel, one task per file.
func (b *builder) load(ctx context.Context) ([]*docResult, diag.List, error) {
	// git runs in its own process while the documents render and the
	// model is analyzed; only undated posts must wait for it here.
	b.waitHistory = b.startHistory(ctx)
	var sources []content.Source
	var diags diag.List
	var err error
	if found := b.last.discovery; found != nil {
		sources, diags = found.sources, found.diags
	} else {
		sources, diags, err = content.LayoutFor(b.cfg).Discover(b.src)
		if err == nil {
			b.made.discovery = &discovery{sources, diags}
		}
	}
	if err != nil {
		var de *diag.Error
		if errors.As(err, &de) {
			return nil, diag.List{de}, nil
		}
		return nil, nil, err
	}
	results := make([]*docResult, len(sources))
	perDoc := make([]diag.List, len(sources))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	reading := b.progress("reading", len(sources))
	for i, s := range sources {
		if cached := b.last.doc(s); cached != nil {
			results[i], perDoc[i] = cached, cached.diags
			continue
		}
		g.Go(func() error {
			results[i], perDoc[i] = b.loadOne(s)
			reading.step()
			return gctx.Err()
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	b.loaded = true
	if b.dev { // only the dev server builds again
		b.made.docs = make(map[string]*docResult, len(results))
		for _, r := range results {
			if r != nil {
				b.made.docs[r.doc.Path] = r
			}
		}
	}
	diags = diag.Join(append(perDoc, diags)...)
	var docs []*docResult
	for _, r := range results {
		if r != nil {
			docs = append(docs, r)
		}
	}
	diags = append(diags, b.unknownFields(docs)...)
	diags = append(diags, b.fillDates(docs)...)
	// What each page computes from its document alone, in parallel; the
	// dev server's builds find it done for documents they reuse.
	g, _ = errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, d := range docs {
		g.Go(func() error { d.derive(b); return nil })
	}
	g.Wait() // the tasks return no errors
	return docs, diags, nil
}

func (b *builder) loadOne(s content.Source) (res *docResult, diags diag.List) {
	defer func() {
		if p := recover(); p != nil {
			res, diags = nil, diag.List{diag.Errorf(diag.Pos{File: s.Path}, "internal error while reading this file: %v", p)}
		}
	}()
	if err := safelink.Check(b.src, s.Path); err != nil {
		return nil, diag.List{diag.Warnf(diag.Pos{File: s.Path}, "not read: %v", err)}
	}
	src, err := fs.ReadFile(b.src, s.Path)
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: s.Path}, "%v", err)}
	}
	doc, diags := b.read.Read(s, src)
	if doc == nil {
		return nil, diags
	}
	rw := b.rewrite(doc, doc.Body)
	doc.Body = rw.Markdown
	diags = append(diags, rw.Diags...)
	if doc.Excerpt != "" {
		doc.Excerpt = string(b.rewrite(doc, []byte(doc.Excerpt)).Markdown) // its problems are the body's
	}
	var r *markdown.Result
	var body rendercache.Body
	var key rendercache.Key
	if b.cache != nil && b.cfg.Search.Enabled && !b.ledgerOnly {
		key = rendercache.KeyOf(doc.Body)
	}
	if b.ledgerOnly {
		r, err = b.cache.Scan(b.md, doc.Body) // the ledger needs links, not HTML
	} else {
		r, body, err = b.cache.Render(b.md, doc.Body)
		if err == nil && body.Cached() {
			r, body, err = b.placeBody(r, body, doc.Body)
		}
	}
	if err != nil {
		diags.Add(bodyError(s.Path, doc.BodyLine, rw, err))
		return nil, diags
	}
	doc.Body = nil // rendered; the source is not needed again and is most of a post's memory
	for i := range r.Links {
		if r.Links[i].Line > 0 {
			r.Links[i].Line = rw.SourceLine(r.Links[i].Line) + doc.BodyLine - 1
		}
	}
	return &docResult{doc: doc, render: r, body: body, sum: checksum(src), diags: diags, refs: rw.Refs, key: key}, diags
}

// bodyError names the file of a body that failed to render and, when
// the renderer said where, moves its position from the body's lines to
// the file's (front matter comes first, and a dialect's rewrite may have
// moved lines).
func bodyError(file string, bodyLine int, rw *dialect.Result, err error) *diag.Error {
	var de *diag.Error
	if !errors.As(err, &de) {
		return diag.Errorf(diag.Pos{File: file}, "%v", err)
	}
	pos := diag.Pos{File: file, Line: de.Pos.Line, Col: de.Pos.Col}
	if pos.Line > 0 {
		pos.Line = rw.SourceLine(pos.Line) + bodyLine - 1
	}
	return &diag.Error{Pos: pos, Msg: de.Msg, Severity: de.Severity}
}

// placeBody decides where a rendering the cache holds keeps its HTML
// until pages need it: a one-shot build leaves it in the cache's pack
// (read back when the post's page is written), the dev server keeps it
// in memory across rebuilds. src is the body, rendered again if the pack
// fails to give it back.
func (b *builder) placeBody(r *markdown.Result, body rendercache.Body, src []byte) (*markdown.Result, rendercache.Body, error) {
	if !b.dev {
		r.HTML = ""
		return r, body, nil
	}
	if r.HTML == "" {
		html, err := body.Load()
		if err != nil {
			r, err := b.md.Render(src)
			return r, rendercache.Body{}, err
		}
		r.HTML = html
	}
	return r, rendercache.Body{}, nil
}

// startHistory reads the git history of content/ in the background and
// returns a function that waits for it and reports what went wrong. The
// dev server reads it once and keeps it: a save changes no commit.
func (b *builder) startHistory(ctx context.Context) func() diag.List {
	if b.opts.Dir == "" {
		return func() diag.List { return nil }
	}
	if b.last.historyRead {
		b.history = b.last.history
		return func() diag.List { return nil }
	}
	type result struct {
		h   *history.History
		err error
	}
	ch := make(chan result, 1)
	ctx, b.stopHistory = context.WithCancel(ctx)
	go func() {
		h, err := b.readHistory(ctx)
		ch <- result{h, err}
	}()
	var once sync.Once
	return func() diag.List {
		var diags diag.List
		once.Do(func() {
			r := <-ch
			switch {
			case errors.Is(r.err, history.ErrNoGit):
				if inRepository(b.opts.Dir) {
					diags.Add(diag.Warnf(diag.Pos{}, "%s", history.NoGitWarning))
				}
			case errors.Is(r.err, history.ErrNotRepository):
				// A site kept outside git (a copy, a tarball) is a choice:
				// dates and updates come from front matter.
			case r.err != nil:
				// history's errors begin "reading git history"
				diags.Add(diag.Warnf(diag.Pos{}, "%v; dates and updates come from front matter", r.err))
			default:
				b.history = r.h
				if r.h.Shallow {
					diags.Add(diag.Warnf(diag.Pos{}, "%s", history.ShallowWarning))
				}
				for _, w := range r.h.Warnings { // git's own, unfinished operations, submodules not checked out
					diags.Add(diag.Warnf(diag.Pos{}, "git: %s", w))
				}
				for _, c := range r.h.Conflicts { // a file in conflict must not be published
					diags.Add(diag.Errorf(diag.Pos{File: c.Path, Line: 1}, "%s", c.Message()))
				}
			}
			if !diags.HasErrors() {
				b.made.history, b.made.historyRead = b.history, true
			}
		})
		return diags
	}
}

// inRepository reports whether dir lies in a git repository, judged
// without git: a .git in it or a folder above.
func inRepository(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			return true
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return false
		}
		abs = parent
	}
}

// postFile returns whether a path is a post's Markdown under layout:
// what a sweeping commit is counted in (comments and mentions are not
// posts).
func postFile(layout content.Layout) func(string) bool {
	return func(p string) bool {
		if !layout.IsPost(p) || strings.Contains(p, "/comments/") || strings.Contains(p, "/mentions/") {
			return false
		}
		return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")
	}
}

// fillDates gives undated posts the date of their file's first git commit,
// else its modification time, and says so in one line for each (dates).
func (b *builder) fillDates(docs []*docResult) diag.List {
	var undated []*docResult
	for _, d := range docs {
		// A date filled by an earlier build of the dev server stays.
		if d.dateFrom == dateWritten && d.doc.Date.IsZero() && d.doc.Kind == content.KindPost {
			undated = append(undated, d)
		}
	}
	var diags diag.List
	if len(undated) > 0 {
		diags = append(diags, b.waitHistory()...)
	}
	created := map[string]time.Time{}
	if b.history != nil && len(undated) > 0 {
		for p, f := range b.history.Files {
			if !f.Created.Date.IsZero() && !f.Truncated {
				created[p] = f.Created.Date
			}
		}
	}
	for _, r := range undated {
		d := r.doc
		if t, ok := created[d.Path]; ok {
			d.Date, r.dateFrom = t.In(b.cfg.Location), dateFromGit
			continue
		}
		if fi, err := fs.Stat(b.src, d.Path); err == nil && !fi.ModTime().IsZero() {
			d.Date = fi.ModTime().In(b.cfg.Location)
		} else {
			d.Date = b.opts.Now
		}
		r.dateFrom = dateFromModTime
	}
	return append(diags, dates(docs)...)
}

// servingURL is the address o serves a site configured as cfg at, or ""
// for base_url itself: BaseURL, moved to ServeAt when that is set.
func (o Options) servingURL(cfg config.Config) string {
	if o.ServeAt == "" {
		return o.BaseURL
	}
	p := cfg.BasePath()
	if o.BaseURL != "" {
		u, err := url.Parse(o.BaseURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return o.BaseURL // WithBaseURL says what is wrong with it
		}
		p = u.EscapedPath()
	}
	return strings.TrimSuffix(o.ServeAt, "/") + "/" + strings.TrimPrefix(p, "/")
}

// asOf is the day the accounts of a site configured as cfg are read as
// of: AsOf, else [report] as_of, else Now.
func (o Options) asOf(cfg config.Config) (time.Time, error) {
	switch {
	case o.AsOf != "":
		return config.ParseDay(o.AsOf, cfg.Location, true)
	case !cfg.Report.AsOfTime.IsZero():
		return cfg.Report.AsOfTime, nil
	}
	return o.Now, nil
}

// seed fingerprints what every output of a build depends on beyond its
// pages, which the dev server starts over for: this program, the
// configuration, the theme's layouts and the options. A recording
// writer keeps keys between builds, so they must change with it.
// ok is false when the program or the configuration cannot be told.
func (b *builder) seed() (seed uint64, ok bool) {
	program, err := rendercache.ProgramID()
	if err != nil {
		return 0, false
	}
	cfg, err := json.Marshal(b.cfg)
	if err != nil {
		return 0, false
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%x\x00%t %t %q %q\n", program, cfg, b.cfg.Location, b.theme.Fingerprint(),
		b.opts.Drafts, b.opts.Future, b.opts.BaseURL, b.opts.ServeAt)
	return h.Sum64(), true
}
