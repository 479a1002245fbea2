package site

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/history"
	"github.com/accruehq/accrue/generator/peers"
)

// loadConfig reads accrue.toml or, in a folder without one that is laid
// out for Jekyll, Hugo or Zola, that generator's configuration; the build
// then reads the folder through peers' view of it (b.src), and
// Stats.Peer says what was read.
func (b *builder) loadConfig() (config.Config, diag.List) {
	if _, err := fs.Stat(b.src, config.File); !errors.Is(err, fs.ErrNotExist) {
		cfg, err := config.Load(b.src)
		return cfg, diag.From(err)
	}
	if kind, _ := peers.Detect(b.src); kind == peers.None {
		cfg, err := config.Load(b.src)
		return cfg, diag.From(err)
	}
	ps, err := peers.Load(b.src)
	if err != nil {
		return config.Config{}, diag.List{diag.Errorf(diag.Pos{}, "%v", err)}
	}
	view, diags, err := ps.View(b.src, b.opts.Drafts)
	for _, w := range ps.Warnings {
		diags.Add(diag.Warnf(diag.Pos{File: ps.File}, "%s", w))
	}
	if err != nil {
		return config.Config{}, append(diags, diag.Errorf(diag.Pos{}, "reading the %s site: %v", ps.Kind.Name(), err))
	}
	b.src = view
	b.peerFolder, b.peerPlaces = ps.ContentDir, peers.Places(view)
	b.view = view
	b.stats.Peer = ps.Summary()
	return ps.Config, diags
}

// readHistory reads the git history of the folder the documents are in:
// content/, or for a peer's folder the one its documents are in ("" for
// Jekyll's, whose are all over it), its paths then renamed as the view
// shows them.
func (b *builder) readHistory(ctx context.Context) (*history.History, error) {
	layout := content.LayoutFor(b.cfg)
	o := history.Options{SweepThreshold: b.cfg.History.SweepThreshold, Counts: postFile(layout)}
	b.historyCache(&o)
	if b.peerPlaces == nil {
		return history.Log(ctx, b.opts.Dir, content.Dir, o)
	}
	o.Counts = func(p string) bool {
		to, ok := b.peerPlaces[p]
		return ok && postFile(layout)(to)
	}
	h, err := history.Log(ctx, b.opts.Dir, b.peerFolder, o)
	if err != nil {
		return nil, err
	}
	files := make(map[string]*history.File, len(h.Files))
	for p, f := range h.Files {
		if to, ok := b.peerPlaces[p]; ok {
			files[to] = f
		}
	}
	h.Files = files
	return h, nil
}

// historyCache keeps git's history beside the render cache's pack, when
// there is one, and is pruned with it: a build after no new commit reads
// no git log. What decides which files count toward a sweep (the layout,
// a peer's places) is in the key.
func (b *builder) historyCache(o *history.Options) {
	if b.opts.CacheDir == "" || b.cache == nil {
		return
	}
	o.Cache = b.cache.Path() + ".history"
	h := fnv.New64a()
	fmt.Fprintf(h, "%q %q %q\n", content.Dir, b.cfg.Content.PostSections, b.peerFolder)
	places := make([]string, 0, len(b.peerPlaces))
	for from, to := range b.peerPlaces {
		places = append(places, from+"\x00"+to)
	}
	slices.Sort(places)
	for _, p := range places {
		fmt.Fprintln(h, p)
	}
	o.CacheKey = strconv.FormatUint(h.Sum64(), 16)
}

// realPaths makes the positions of diags, given in the view of a peer's
// folder, name the files as they are on disk (_posts/x.md, not
// content/posts/x.md), for the author and the editor to open.
func (b *builder) realPaths(diags diag.List) {
	if b.peerPlaces == nil {
		return
	}
	real := make(map[string]string, len(b.peerPlaces))
	for from, to := range b.peerPlaces {
		real[to] = from
	}
	for _, d := range diags {
		if r, ok := real[d.Pos.File]; ok {
			d.Pos.File = r
		}
		d.Msg = realNames(d.Msg, real)
	}
}

// realNames renames the view's paths that msg names ("in
// content/posts/x.md:3", "which content/posts/y.md also writes").
func realNames(msg string, real map[string]string) string {
	var out strings.Builder
	for {
		i := strings.Index(msg, content.Dir+"/")
		if i < 0 {
			out.WriteString(msg)
			return out.String()
		}
		end := i + strings.IndexFunc(msg[i:]+" ", func(r rune) bool { return strings.ContainsRune(" :,;)\"'\n", r) })
		out.WriteString(msg[:i])
		if r, ok := real[msg[i:end]]; ok {
			out.WriteString(r)
		} else {
			out.WriteString(msg[i:end])
		}
		msg = msg[end:]
	}
}

// Watched are the folders (and files) under a site's root whose changes
// a build can see, for the dev server to watch besides accrue.toml:
// accrue's own, or those a Jekyll, Hugo or Zola folder read in place
// keeps its configuration, documents and files in (for Jekyll, every
// top folder and file the view may show: its pages sit at the root).
func Watched(fsys fs.FS) []string {
	own := []string{content.Dir, "static", "layouts", "themes"}
	if _, err := fs.Stat(fsys, config.File); !errors.Is(err, fs.ErrNotExist) {
		return own
	}
	ps, err := peers.Load(fsys)
	if err != nil {
		return own // the build says what is wrong
	}
	// The configuration file too: a change there starts over.
	if ps.Kind != peers.Jekyll {
		return []string{ps.File, ps.ContentDir, "static"}
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return own
	}
	out := []string{ps.File}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			name += "/x.md" // what the folder may show
		}
		if _, shown := ps.Place(name, true, func(string) []byte { return []byte("---\n---\n") }); shown {
			out = append(out, e.Name())
		}
	}
	return out
}
