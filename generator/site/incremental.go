package site

import (
	"context"
	"io/fs"

	"github.com/accruehq/accrue/generator/diag"
)

// Incremental builds the same site again and again, for the dev server.
// Its Build returns the whole output in memory.
type Incremental struct {
	src fs.FS
}

// NewIncremental returns a builder for src.
func NewIncremental(src fs.FS, o Options) *Incremental {
	return &Incremental{src: src}
}

// Build builds the site after changes to the given paths (slash paths
// relative to the site root; nil means anything may have changed) and
// returns every output file.
func (inc *Incremental) Build(ctx context.Context, o Options, changed []string) (map[string][]byte, diag.List, error) {
	w := &MemWriter{}
	_, diags, err := Build(ctx, inc.src, w, o)
	if err != nil {
		return nil, diags, err
	}
	return w.Files, diags, nil
}
