package site

import (
	"github.com/accruehq/accrue/generator/theme"
)

// communityURL is the page [community] enabled writes.
const communityURL = "/community/"

// planCommunity plans the page crediting the blog's champions, as the
// report counts them, when accrue.toml asks for it.
func (b *builder) planCommunity() {
	if !b.cfg.Community.Enabled {
		return
	}
	// Made afresh by every build: it reads the whole ledger, which no
	// page key covers (as the published report).
	b.addFresh(indexPath(communityURL), "[community] enabled in accrue.toml", func() ([]byte, error) {
		p := &Page{Site: b.site, Kind: "community", Title: "Community", URL: communityURL, Feeds: b.site.Feeds,
			Description: "The readers and sites whose comments, mentions and links added most to " + b.cfg.Title + "."}
		p.Permalink = b.absURL(p.URL)
		p.Champions = b.site.accounts.Champions(b.cfg, b.asOf)
		return b.execute(theme.KindCommunity, p)
	})
}
