package site

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/safelink"
	"github.com/accruehq/accrue/generator/pages"
	"golang.org/x/sync/errgroup"
)

// Incremental builds the same site again and again, for the dev server,
// redoing only what a change touches:
//
//   - a changed content file is read and rendered again; every other
//     document is reused as loaded;
//   - the model (URLs, order, terms) is rebuilt from scratch, which is cheap;
//   - an output is rendered again only when its key changed. A post's page
//     depends on its own source and on what every page may show about
//     others (titles, dates, terms, summaries, and whatever else the
//     theme's layouts read from other pages, see theme.SharedFields); a
//     feed also on the sources of its posts; everything else only on the
//     latter.
//
// A change to accrue.toml, layouts/ or themes/, or to the build options,
// starts over. The result equals a full build of the same files, but for
// documents held mid-save (see Hold).
type Incremental struct {
	src fs.FS

	// Hold, when set, is asked about each changed document the last build
	// had whose file now looks like a save caught halfway: empty, cut off
	// inside its front matter or otherwise failing to read, changing while
	// read, or gone. True keeps the version the last build had, as if the
	// file had not changed, and Held lists the path until a build finds
	// the file whole or Hold says false; false builds the file as it is.
	// Editors save in steps (truncate then write, delete then create,
	// rename the old file away then the new one in), and a build between
	// two steps must not show the middle.
	Hold func(path string) bool
	// held are the documents the last Build kept from before their file
	// changed; they stay dirty, so the next build looks at them again.
	held []string
	// fresh are changed documents loaded by settle, ahead of the build.
	fresh map[string]*docResult

	opts Options
	// kept is what the builds made that the next may take again, phase
	// by phase; its setup is nil until a build starts well.
	kept phases
	// dirty are content paths changed since they were last loaded.
	dirty map[string]bool
	// rediscover is set when a change may add or remove a file: the
	// kept list of documents no longer stands.
	rediscover bool
	// dirtySets are the post folders whose comments or mentions changed
	// since the model last read them.
	dirtySets map[string]bool
	// Last describes the last successful build.
	Last Stats
	// prev is the last successful build, whose model the fast path
	// reuses; lastDiags are its diagnostics.
	prev      *builder
	lastDiags diag.List
}

// NewIncremental returns a builder for src.
func NewIncremental(src fs.FS, o Options) *Incremental {
	return &Incremental{src: src, opts: o}
}

// Build builds the site after changes to the given paths (slash paths
// relative to the site root; nil means anything may have changed) and
// returns every output file. The returned map and its contents must not be
// modified.
func (inc *Incremental) Build(ctx context.Context, o Options, changed []string) (map[string][]byte, diag.List, error) {
	if changed == nil || !sameOptions(o, inc.opts) {
		inc.reset()
	}
	inc.opts = o
	for _, p := range changed {
		switch {
		case strings.HasPrefix(p, content.Dir+"/"):
			inc.dirty[p] = true
			for _, sub := range []string{"/comments/", "/mentions/"} {
				if i := strings.Index(p, sub); i >= 0 {
					inc.dirtySets[p[:i]] = true
				}
			}
			if !inc.known(p) {
				inc.rediscover = true
			}
		case strings.HasPrefix(p, "static/"):
			// Static files are copied afresh by every build; one added
			// or removed changes the list the theme was loaded with.
			if inc.ready() && inc.staticKnown(p) != exists(inc.src, p) {
				inc.reset()
			}
		default: // accrue.toml, layouts/, themes/: start over
			inc.reset()
		}
	}
	inc.settle(ctx, o)
	if inc.ready() && len(changed) > 0 {
		if files, ok := inc.fast(ctx, o, changed); ok {
			return files, inc.lastDiags, nil
		}
	}
	inc.discover(ctx, o)
	w := &memStore{files: make(map[string][]byte, len(inc.kept.files))}
	b := &builder{src: inc.src, opts: o, dev: true, keyed: true, last: inc.lastPhases(), made: &phases{}}
	diags, err := b.run(ctx, w)
	b.closeCache(ctx)
	inc.keep(b.made)
	diags.Sort()
	if err == nil && diags.HasErrors() {
		err = diags.Errors()
	}
	if err != nil {
		if !inc.ready() {
			inc.reset()
		}
		return nil, diags, err
	}
	inc.kept.files, inc.kept.search = w.files, b.search
	inc.Last = b.stats
	inc.prev, inc.lastDiags = b, diags
	inc.kept.keys = make(map[string]uint64, len(b.outputs))
	for _, out := range b.outputs {
		if b.reusable(&out) {
			inc.kept.keys[out.Path] = out.Key
		}
	}
	return w.files, diags, nil
}

// ready reports whether a build has started well: the configuration,
// theme and renderer are kept.
func (inc *Incremental) ready() bool { return inc.kept.setup != nil }

// lastPhases is what the next build may take from the kept phases: all
// of it, but for what the changes since touched. Documents loaded ahead
// of the build (settle) or held mid-save override the kept ones; the
// comments and mentions of a folder that changed are read again.
func (inc *Incremental) lastPhases() *phases {
	last := inc.kept
	if inc.rediscover {
		last.discovery = nil
	}
	last.changed = make(map[string]*docResult, len(inc.dirty))
	for p := range inc.dirty {
		last.changed[p] = inc.fresh[p] // nil loads it again
	}
	last.held = make(map[string]*docResult, len(inc.held))
	for _, p := range inc.held {
		last.held[p] = inc.kept.docs[p] // as it was before the save began
	}
	if len(inc.dirtySets) > 0 {
		last.sets = make(map[string]*cachedSet, len(inc.kept.sets))
		for f, c := range inc.kept.sets {
			if !inc.dirtySets[f] {
				last.sets[f] = c
			}
		}
	}
	return &last
}

// keep takes what a build made, whether or not it went on to succeed:
// each part comes from a whole phase.
func (inc *Incremental) keep(made *phases) {
	if made.setup != nil {
		inc.kept.setup = made.setup
	}
	if made.discovery != nil {
		inc.kept.discovery, inc.rediscover = made.discovery, false
	}
	if made.docs != nil {
		inc.kept.docs = made.docs
		inc.settled()
	}
	if made.historyRead {
		inc.kept.history, inc.kept.historyRead = made.history, true
	}
	if made.sets != nil {
		inc.kept.sets = made.sets
		clear(inc.dirtySets)
	}
	if made.accounts != nil {
		inc.kept.accounts, inc.kept.global = made.accounts, made.global
	}
}

// staticKnown reports whether the site's own static file p (a path from
// the site root) was in the theme the last good build loaded.
func (inc *Incremental) staticKnown(p string) bool {
	for _, f := range inc.kept.setup.theme.Static() {
		if f.Layer.Name == "" && f.Src == p {
			return true
		}
	}
	return false
}

func exists(fsys fs.FS, p string) bool {
	_, err := fs.Stat(fsys, p)
	return err == nil
}

// BaseURL is the address the last good build served the site at, with
// its sub-path; "" before the first.
func (inc *Incremental) BaseURL() string {
	if !inc.ready() {
		return ""
	}
	return inc.kept.setup.cfg.BaseURL
}

func (inc *Incremental) reset() {
	inc.kept = phases{}
	inc.prev, inc.lastDiags = nil, nil
	inc.dirtySets = map[string]bool{}
	inc.dirty = map[string]bool{}
	inc.rediscover = true
	inc.held, inc.fresh = nil, nil
}

// known reports whether p is a Markdown file the last discovery found and
// that still exists: editing it leaves the list of documents as it was.
func (inc *Incremental) known(p string) bool {
	if inc.kept.docs[p] == nil {
		return false
	}
	info, err := fs.Stat(inc.src, p)
	return err == nil && info.Mode().IsRegular()
}

// sameOptions reports whether two builds' options give the same site for
// the same files. Now only matters through which posts are in the future,
// which the model compares anyway.
func sameOptions(a, b Options) bool {
	return a.Drafts == b.Drafts && a.Future == b.Future && a.BaseURL == b.BaseURL && a.ServeAt == b.ServeAt && a.Dir == b.Dir && a.Strict == b.Strict
}

// Held returns the documents the last Build kept as they were before
// their file changed, because Hold said so, sorted by path.
func (inc *Incremental) Held() []string {
	return slices.Clone(inc.held)
}

// settle loads the changed documents the last build had before the build
// does (load and fast then take them from fresh), and holds those caught
// mid-save that Hold says to. Loading each once means the file judged
// whole is the very file built.
func (inc *Incremental) settle(ctx context.Context, o Options) {
	inc.held, inc.fresh = nil, map[string]*docResult{}
	if !inc.ready() {
		return
	}
	var sources []content.Source
	for p := range inc.dirty {
		if d := inc.kept.docs[p]; d != nil {
			sources = append(sources, d.doc.Source)
		} else {
			inc.rediscover = true // new, or held before it was ever built
		}
	}
	// Hold is asked in a stable order.
	slices.SortFunc(sources, func(a, b content.Source) int { return strings.Compare(a.Path, b.Path) })
	docs, torn := inc.loadAll(ctx, o, sources)
	for i, s := range sources {
		p := s.Path
		switch {
		case torn[i] && inc.Hold(p):
			inc.held = append(inc.held, p)
		case docs[i] != nil:
			inc.fresh[p] = docs[i]
		case !inc.known(p):
			inc.rediscover = true // gone, and no longer held
		}
	}
}

// loadAll loads sources in parallel, as load does, and, when Hold is set,
// tells which look like a save caught halfway (see builder.loadWhole).
// Nothing is loaded when ctx is done: the build sees ctx too.
func (inc *Incremental) loadAll(ctx context.Context, o Options, sources []content.Source) (docs []*docResult, torn []bool) {
	st := inc.kept.setup
	b := &builder{src: inc.src, opts: o, dev: true, cfg: st.cfg, md: st.md, read: readOptions(st.cfg), vars: siteVars(st.cfg),
		last: &phases{}, made: &phases{}}
	if st.view != nil {
		b.src = st.view
	}
	docs, torn = make([]*docResult, len(sources)), make([]bool, len(sources))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, s := range sources {
		g.Go(func() error {
			docs[i], torn[i] = b.loadWhole(s, inc.Hold != nil)
			return gctx.Err()
		})
	}
	if g.Wait() != nil {
		clear(docs)
		clear(torn)
	}
	return docs, torn
}

// settled marks the changes as loaded, but for the held documents, which
// the next build looks at again.
func (inc *Incremental) settled() {
	clear(inc.dirty)
	for _, p := range inc.held {
		inc.dirty[p] = true
	}
	inc.fresh = nil
}

// loadWhole loads s as load does and, when judge is set, tells whether
// its file looks like a save caught halfway: gone, failing to read,
// changed while it was read, or not yet more than the first characters
// of a document (see halfWritten).
func (b *builder) loadWhole(s content.Source, judge bool) (d *docResult, torn bool) {
	d, diags := b.loadOne(s)
	if !judge {
		return d, false
	}
	if d == nil {
		_, err := fs.Stat(b.src, s.Path)
		return nil, diags.HasErrors() || errors.Is(err, fs.ErrNotExist)
	}
	// Read it again: the same bytes mean what was loaded was one state of
	// the file, not the start of one write and the end of the next.
	if safelink.Check(b.src, s.Path) != nil {
		return d, true // turned into a link since loadOne looked
	}
	src, err := fs.ReadFile(b.src, s.Path)
	return d, err != nil || checksum(src) != d.sum || halfWritten(src)
}

// halfWritten reports whether src is what a save has written before it
// wrote the document: nothing (the file was just truncated), or the first
// characters of a front matter's opening line. A save cut off later in
// the front matter does not read at all, so loadOne reports an error.
func halfWritten(src []byte) bool {
	t := string(bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\ufeff"))))
	return t == "" || len(t) < 3 && (strings.HasPrefix("---", t) || strings.HasPrefix("+++", t))
}

// discover lists the documents again, when a change may have added or
// removed one, before load would. A document the last
// build had that is missing from the list may be mid-save, whether or not
// its change has been told yet: Hold is asked, and a held one is listed
// as if its file were there, so its resources, comments and mentions stay
// its own. If that list has errors (the document moved to a bundle, say),
// they are let go, and load lists the files as they are.
func (inc *Incremental) discover(ctx context.Context, o Options) {
	if !inc.rediscover || !inc.ready() {
		return // the first build lists them with its configuration
	}
	sources, diags, err := content.LayoutFor(inc.kept.setup.cfg).Discover(listing{inc.src, nil})
	if err != nil {
		return // load reports it
	}
	sources = inc.withoutNewHeld(ctx, o, sources)
	listed := make(map[string]bool, len(sources))
	for _, s := range sources {
		listed[s.Path] = true
	}
	var unlisted []string
	for p := range inc.kept.docs {
		if !listed[p] {
			unlisted = append(unlisted, p)
		}
	}
	slices.Sort(unlisted) // Hold is asked in a stable order
	var missing []string
	for _, p := range unlisted {
		if slices.Contains(inc.held, p) || inc.Hold != nil && inc.Hold(p) {
			missing = append(missing, p)
		}
	}
	inc.held = slices.DeleteFunc(inc.held, func(p string) bool { return slices.Contains(missing, p) })
	if len(missing) > 0 {
		again, againDiags, err := content.LayoutFor(inc.kept.setup.cfg).Discover(listing{inc.src, missing})
		if err == nil && !againDiags.HasErrors() {
			sources, diags = again, againDiags
			for _, s := range again {
				if slices.Contains(missing, s.Path) {
					inc.held = append(inc.held, s.Path)
					inc.dirty[s.Path] = true
				}
			}
			slices.Sort(inc.held)
		}
	}
	inc.kept.discovery, inc.rediscover = &discovery{sources, diags}, false
}

// withoutNewHeld loads the new documents of a change, before load would,
// and leaves out of sources those caught mid-save that Hold says to: as
// if they were not saved yet.
func (inc *Incremental) withoutNewHeld(ctx context.Context, o Options, sources []content.Source) []content.Source {
	if !inc.ready() || inc.Hold == nil {
		return sources
	}
	var added []content.Source
	for _, s := range sources {
		if inc.dirty[s.Path] && inc.kept.docs[s.Path] == nil {
			added = append(added, s)
		}
	}
	if len(added) == 0 {
		return sources
	}
	docs, torn := inc.loadAll(ctx, o, added)
	var held []string
	for i, s := range added {
		switch {
		case torn[i] && inc.Hold(s.Path):
			held = append(held, s.Path)
		case docs[i] != nil:
			inc.fresh[s.Path] = docs[i]
		}
	}
	inc.held = append(inc.held, held...)
	slices.Sort(inc.held)
	return slices.DeleteFunc(sources, func(s content.Source) bool { return slices.Contains(held, s.Path) })
}

// listing is a file system for discovery: its folders also list some
// files that are not there (extra). Discovery reads
// nothing but the listings.
type listing struct {
	fs.FS
	extra []string
}

func (l listing) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(l.FS, name)
	if err != nil {
		return nil, err
	}
	for _, p := range l.extra {
		if path.Dir(p) == name && !slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == path.Base(p) }) {
			entries = append(entries, fs.FileInfoToDirEntry(absent(path.Base(p))))
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// absent describes a listed file that is not there.
type absent string

func (a absent) Name() string     { return string(a) }
func (absent) Size() int64        { return 0 }
func (absent) Mode() fs.FileMode  { return 0o644 }
func (absent) ModTime() time.Time { return time.Time{} }
func (absent) IsDir() bool        { return false }
func (absent) Sys() any           { return nil }

// memStore keeps output files in memory without copying them: every byte
// slice a build produces is fresh and never modified afterwards.
type memStore struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memStore) WriteFile(p string, data []byte) error {
	m.mu.Lock()
	m.files[p] = data
	m.mu.Unlock()
	return nil
}

func checksum(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b) // hash writes never fail
	return h.Sum64()
}

// sourceFields are page fields whose values come from a document's body;
// when a layout reads any of them from other pages, a change to one body
// can show anywhere, so the body's checksum joins the global key.
var sourceFields = []string{"Content", "Headings", "TOC", "ShowTOC", "WordCount"}

// globalKey fingerprints what any page may show about the site's pages.
func (b *builder) globalKey() uint64 {
	shared := b.theme.SharedFields()
	withSource := false
	for _, f := range sourceFields {
		withSource = withSource || shared[f]
	}
	readingTime := shared["ReadingTime"]
	b.sharedReadingTime, b.sharedSource = readingTime, withSource
	h := fnv.New64a()
	var buf [8]byte
	for _, p := range append(append([]*pages.Page(nil), b.posts...), b.pages...) {
		// Everything writePage writes comes from the page's document (and
		// the configuration, whose change starts over), so it is hashed
		// once per document.
		st := b.state(p)
		d := st.doc
		d.fpOnce.Do(func() {
			ph := fnv.New64a()
			writePage(ph, p, st, readingTime, withSource)
			d.fp = ph.Sum64()
		})
		binary.LittleEndian.PutUint64(buf[:], d.fp)
		h.Write(buf[:])
		// Lists show the counts of comments and mentions.
		binary.LittleEndian.PutUint64(buf[:], st.interactionsSum)
		h.Write(buf[:])
	}
	if b.home != nil {
		fmt.Fprintf(h, "home %d\n", checksum([]byte(b.home.Intro)))
	}
	if b.history != nil {
		// Sweeping commits are in the ledger, which a theme may show.
		for _, sw := range b.history.Sweeps {
			fmt.Fprintf(h, "sweep %s %d\n", sw.Hash, sw.Date.UnixNano())
		}
	}
	return h.Sum64()
}

// writePage writes the fields of p, whose state is st, that other pages
// may show.
func writePage(h hash.Hash64, p *pages.Page, st *pageState, readingTime, source bool) {
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\x00%d\x00%t\x00%s\x00%s\x00%s\x00%s\x00%v\x00",
		p.File, p.URL, p.Title, p.Date.UnixNano(), p.Updated.UnixNano(), p.Draft,
		p.Summary, p.Description, p.Author, p.Image, p.Params)
	for _, terms := range [][]*pages.Term{p.Tags, p.Categories, p.Series} {
		for _, t := range terms {
			fmt.Fprintf(h, "%s,", t.Name)
		}
		h.Write([]byte{0})
	}
	doc := st.doc.doc
	fmt.Fprintf(h, "%q%q%v", doc.Aliases, doc.Resources, p.Changelog)
	// Pages show revisions, and a commit can be reworded or made without
	// a change to the file since the last build.
	for _, r := range p.Revisions {
		fmt.Fprintf(h, "%s %d %s\x00", r.Hash, r.Date.UnixNano(), r.Subject)
	}
	// Links make references, which other posts show and count.
	for _, l := range st.doc.render.Links {
		fmt.Fprintf(h, "%s\x00", l.Dest)
	}
	if readingTime {
		fmt.Fprintf(h, "rt%d", p.ReadingTime)
	}
	if source {
		fmt.Fprintf(h, "src%d", st.doc.sum)
	}
	h.Write([]byte{'\n'})
}

// key is the key of p's own page: the global key and p's source.
func (b *builder) key(p *pages.Page) uint64 {
	if !b.keyed {
		return 0
	}
	st := b.state(p)
	return mix(mix(b.global, st.doc.sum), st.interactionsSum)
}

// feedKey is the key of a feed of posts: their content is in the feed.
func (b *builder) feedKey(posts []*pages.Page) uint64 {
	if !b.keyed {
		return 0
	}
	k := b.global
	for _, p := range posts {
		k = mix(k, b.state(p).doc.sum)
	}
	return k
}

func mix(a, b uint64) uint64 {
	var buf [16]byte
	binary.LittleEndian.PutUint64(buf[:8], a)
	binary.LittleEndian.PutUint64(buf[8:], b)
	return checksum(buf[:])
}
