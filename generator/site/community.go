package site

import (
	"github.com/accruehq/accrue/generator/pages"
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
	p := &pages.Page{Site: b.site, Kind: "community", Title: "Community", URL: communityURL, Feeds: b.site.Feeds,
		Description: "The readers and sites whose comments, mentions and links added most to " + b.cfg.Title + "."}
	p.Permalink = b.absURL(p.URL)
	// Made afresh by every build: it reads the whole ledger, which no
	// page key covers (as the published report).
	b.addFresh(pages.Output{Path: pages.IndexPath(communityURL), Origin: "[community] enabled in accrue.toml",
		Make: pages.Community, Layout: theme.KindCommunity, Page: p})
}

// communityPage renders p, the community page, with the champions of the
// accounts: a copy of p, since the plan is read-only once made.
func (b *builder) communityPage(p *pages.Page) ([]byte, error) {
	withChampions := *p
	withChampions.Champions = b.site.Accounts().Champions(b.cfg, b.asOf)
	return b.execute(theme.KindCommunity, &withChampions)
}
