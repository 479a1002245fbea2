package site

import (
	"errors"
	"io/fs"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/diag"
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
	if err != nil {
		return config.Config{}, append(diags, diag.Errorf(diag.Pos{}, "reading the %s site: %v", ps.Kind.Name(), err))
	}
	b.src = view
	if b.inc != nil {
		b.inc.view = view
	}
	b.stats.Peer = ps.Summary()
	return ps.Config, diags
}
