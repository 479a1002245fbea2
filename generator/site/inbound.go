package site

import (
	"context"
	"io/fs"
	"strings"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/pages"
)

// InboundPost is a published post as a collector of replies sees it: the
// addresses other sites use for it, the folder its comments and mentions
// go in, and where it was shared.
type InboundPost struct {
	File   string // source file, slash path from the site root
	Folder string // the post's folder, which holds comments/ and mentions/
	Title  string
	// URLs are the addresses that count as the post on the published
	// base URL: its permalink first, then without the trailing slash,
	// then its aliases.
	URLs []string
	// Mastodon and Bluesky are the front matter fields of those names:
	// the post's copy there, or "".
	Mastodon, Bluesky string
}

// Inbound is what accrue collect needs of a site.
type Inbound struct {
	Posts   []InboundPost // published posts, newest first
	Collect config.Collect
}

// ReadInbound reads the site in src as Ledger does and returns its
// published posts and its [collect] configuration.
func ReadInbound(ctx context.Context, src fs.FS, o Options) (Inbound, diag.List, error) {
	b, diags, err := connectOnly(ctx, src, o)
	if err != nil {
		return Inbound{}, diags, err
	}
	base := b.publishedURL()
	out := make([]InboundPost, 0, len(b.posts))
	for _, p := range b.posts {
		permalink := pages.Rebase(base, p.URL)
		doc := b.state(p).doc.doc
		ip := InboundPost{File: p.File, Folder: doc.Folder, Title: p.Title,
			URLs: []string{permalink, strings.TrimSuffix(permalink, "/")}}
		for _, a := range doc.Aliases {
			ip.URLs = append(ip.URLs, pages.Rebase(base, a))
		}
		ip.Mastodon = doc.Mastodon
		ip.Bluesky = doc.Bluesky
		out = append(out, ip)
	}
	return Inbound{Posts: out, Collect: b.cfg.Collect}, diags, nil
}
