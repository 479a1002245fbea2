package site

import (
	"io/fs"
	"slices"

	"github.com/accruehq/accrue/generator/accounts"
	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/history"
	"github.com/accruehq/accrue/generator/interactions"
	"github.com/accruehq/accrue/generator/markdown"
	"github.com/accruehq/accrue/generator/theme"
)

// phases is what a build made, phase by phase, that the dev server's next
// build may take again. Incremental hands a build the last one's as
// builder.last, less what the changes since touched (lastPhases), and
// keeps what the build made in builder.made (keep). A build takes what
// last has and makes the rest; it never asks Incremental anything.
type phases struct {
	// setup is the configuration, theme and renderer of a good start.
	setup *setup
	// Load.
	discovery *discovery            // nil: list the documents again
	docs      map[string]*docResult // by source path
	// changed overrides docs for the documents changed since: the version
	// loaded ahead of the build (settle); nil loads the file again. held
	// overrides both: a document caught mid-save is taken as it was.
	changed, held map[string]*docResult
	history       *history.History
	historyRead   bool
	// Model: the comments and mentions of each post folder.
	sets map[string]*cachedSet
	// Accounts, valid while the global key is the same.
	accounts *accounts.Accounts
	global   uint64
	// Render: the output files and the key each was rendered with, and
	// the search index.
	files  map[string][]byte
	keys   map[string]uint64
	search *searchIndex
}

// setup is what a build starts from: accrue.toml (or a peer's
// configuration, read through view), the theme and the Markdown renderer.
type setup struct {
	cfg   config.Config
	theme *theme.Theme
	md    *markdown.Renderer
	view  fs.FS // a Jekyll, Hugo or Zola folder as package peers shows it; nil for accrue's own
}

// discovery is the list of documents and what listing them reported.
type discovery struct {
	sources []content.Source
	diags   diag.List
}

// cachedSet is a post folder's comments and mentions as the model used
// them, with what reading them reported.
type cachedSet struct {
	set       *interactions.Set
	sum       uint64
	diags     diag.List
	permalink string // a mention's target is checked against it
	cards     []*interactions.Mention
	reactions []interactions.Reaction
}

// doc returns the document loaded for s by the last build, or ahead of
// this one, when it may be used as it is: nil loads the file again.
func (ph *phases) doc(s content.Source) *docResult {
	if d, held := ph.held[s.Path]; held {
		return d
	}
	d, changed := ph.changed[s.Path]
	if !changed {
		d = ph.docs[s.Path]
	}
	if d == nil || d.doc.Folder != s.Folder || d.doc.Kind != s.Kind || !slices.Equal(d.doc.Resources, s.Resources) {
		return nil
	}
	return d
}

// set returns the comments and mentions the last build read in folder,
// for a post still at permalink (a mention's target is checked against
// it), or nil.
func (ph *phases) set(folder, permalink string) *cachedSet {
	c := ph.sets[folder]
	if c == nil || c.permalink != permalink {
		return nil
	}
	return c
}

// output returns the last build's bytes for the file at path when it
// was made with the same key: nothing it depends on changed.
func (ph *phases) output(path string, key uint64) ([]byte, bool) {
	if k, ok := ph.keys[path]; !ok || k != key {
		return nil, false
	}
	data, ok := ph.files[path]
	return data, ok
}
