package site

import (
	"net/url"
	"strings"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/generator/pages"
)

// Thread is a post's announcement on a social network: the theme links
// to it so readers can reply there.
type Thread struct {
	Network string // "Mastodon", "Bluesky"
	URL     string // a web address a browser opens
}

// threads lists the announcements a document's front matter names.
func threads(doc *content.Doc) []pages.Thread {
	var ts []pages.Thread
	if doc.Mastodon != "" {
		ts = append(ts, pages.Thread{Network: "Mastodon", URL: doc.Mastodon})
	}
	if doc.Bluesky != "" {
		ts = append(ts, pages.Thread{Network: "Bluesky", URL: blueskyWebURL(doc.Bluesky)})
	}
	return ts
}

// blueskyWebURL turns at://AUTHOR/app.bsky.feed.post/RKEY into the
// bsky.app address of the same post; a web address stays as it is.
func blueskyWebURL(u string) string {
	rest, ok := strings.CutPrefix(u, "at://")
	if !ok {
		return u
	}
	author, rkey, ok := strings.Cut(rest, "/app.bsky.feed.post/")
	if !ok || author == "" || rkey == "" || strings.Contains(rkey, "/") {
		return "https://bsky.app/profile/" + strings.SplitN(rest, "/", 2)[0]
	}
	return "https://bsky.app/profile/" + author + "/post/" + rkey
}

// webmentionEndpoints are webmention.io's receivers for the site, where
// accrue collect later fetches what they received: the account is named by
// [collect.webmentionio] domain, else by the host of base_url.
func webmentionEndpoints(cfg config.Config) (webmention, pingback string) {
	wio := cfg.Collect.WebmentionIO
	if !wio.Enabled {
		return "", ""
	}
	domain := wio.Domain
	if domain == "" {
		u, err := url.Parse(cfg.PublishedURL)
		if err != nil || u.Hostname() == "" || u.Hostname() == "localhost" {
			return "", ""
		}
		domain = u.Hostname()
	}
	base := "https://webmention.io/" + url.PathEscape(domain)
	return base + "/webmention", base + "/xmlrpc"
}
