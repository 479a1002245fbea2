// Package server is accrue's dev server: it builds the site into memory,
// serves it over HTTP, watches the site's folders with fsnotify and
// rebuilds when a file is saved, and tells open pages to reload over
// Server-Sent Events.
//
// New takes Options; Serve builds the site, then serves a listener (Listen
// says how to pick another port when one is taken) and rebuilds on every
// change until its ctx is done. Rebuilds go through site.Incremental,
// which renders again only what an edit touched. A build that fails keeps
// serving the last good pages and shows its errors over them, in every
// open page, until a save fixes them.
//
// Editors save in steps (truncate then write, delete then create, rename
// the old file away then the new one in), and a rebuild may fall between
// two. A post or page whose file a rebuild finds empty, cut off in its
// front matter or gone keeps its last good version for Options.Settle
// (site.Incremental.Hold), so a reader never sees it vanish mid-save;
// a timer then builds it as it is, so a file left so on purpose is
// reported. The log says each diagnostic once, when it appears, not on
// every rebuild while it stays.
//
// A site published under a sub-path (base_url or --base-url
// https://user.github.io/blog/) is served under that path at localhost,
// as it will be read: / and /_accrue/report/ redirect under it, anything
// else outside it is the site's 404. The path comes from each build
// (site.Incremental.BaseURL), so an edit of base_url is followed. The
// live report is at /blog/_accrue/report/, where a published report is;
// the reload events stay at /_accrue/events, the server's own, and name
// changed files as the browser sees them, under the path.
//
// The watcher is the only long-lived goroutine in accrue; its lifetime is
// Serve's ctx. Requests only ever read the in-memory build: nothing a visitor
// sends reaches the file system. Editors' litter (internal/litter) neither
// triggers a rebuild nor enters the site. server imports site, report,
// diag and internal/litter.
package server
