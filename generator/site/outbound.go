package site

import (
	"context"
	"io/fs"
	"strconv"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/pages"
)

// OutboundPost is a published post as a sender of webmentions sees it:
// its address on the published site and the other sites it links to.
type OutboundPost struct {
	File      string // source file, slash path from the site root
	Permalink string // absolute, on the published base URL
	// Links are the post's http and https links to other sites, as
	// written, sorted and each once.
	Links []string
	// Version fingerprints the post's source file: it changes whenever
	// the post is edited, which is when its mentions are sent again.
	Version string
}

// Outbound reads the site in src as Ledger does and returns, for each
// published post, newest first, its permalink and its outbound links,
// taken from the ledger's outbound-link events.
func Outbound(ctx context.Context, src fs.FS, o Options) ([]OutboundPost, diag.List, error) {
	b, diags, err := connectOnly(ctx, src, o)
	if err != nil {
		return nil, diags, err
	}
	base := b.publishedURL()
	out := make([]OutboundPost, 0, len(b.posts))
	for _, p := range b.posts {
		op := OutboundPost{File: p.File, Permalink: pages.Rebase(base, p.URL), Version: strconv.FormatUint(b.state(p).doc.sum, 16)}
		op.Links = b.site.Accounts().OutboundLinks(p.File)
		out = append(out, op)
	}
	return out, diags, nil
}
