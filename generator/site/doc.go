// Package site builds a site: it loads the configuration, theme and
// content, makes them into the model of package pages with every output
// file planned as data, opens the accounts (package accounts: the link
// graph and the ledger) from the model, then renders every planned file
// in parallel and writes them. It is the only package that composes the
// others (config, content, markdown, theme, feeds, history, pages,
// accounts), converting between their small types. build.go runs the
// phases in order (runContent): load, model (analyze.go,
// interactions.go, and plan in render.go, with pages.Site.Lists for the
// lists), accounts (ledger.go, which hands package accounts plain data),
// render (render.go's make reads each pages.Output and makes the file).
// Beside each document's page the build keeps what layouts never see
// (pagestate.go): the loaded document, the body until its page is
// written (the page's pages.Body), its comments and mentions for the
// accounts.
//
// Load gathers what documents say about their front matter into a few
// lines a build (frontmatter.go): each field no reader knows is one
// warning with how many files have it (with Options.Strict, an error at
// each one), and posts dated from git or their file's time are one line
// for each source. A URL the front matter gives (permalink, url, path)
// wins over the configured pattern; its Jekyll tokens are expanded once
// the date is final. Drafts (Jekyll's published: false too) and expired
// posts are left out by one rule, published.
//
// A folder without accrue.toml that is laid out for Jekyll, Hugo or Zola
// is built in place (peer.go): package peers reads that generator's
// configuration and shows its folders as accrue's, and Stats.Peer says
// which file was read. Git history is read for the folder's own paths and
// renamed as the view shows them; diagnostics name files as they are on
// disk (_posts/x.md), while the ledger keys posts by their path in the
// view (content/posts/x.md), the same before and after accrue migrate.
// Watched tells the dev server which folders and files such a site keeps
// its configuration and documents in.
//
// A site brought from Jekyll, Hugo or Zola names its template syntax in
// [markdown] dialect (dialectOf reads it, in dialect.go): load rewrites
// each body with package dialect before the render cache and goldmark
// see it, and analyze, once every page has its URL, resolves the
// cross-references the rewrite left as tokens (linkRefs) in bodies,
// summaries and the link graph, and warns at each one that names no
// page. Tokens, never URLs, are cached, so a moved post is followed by
// the next build, incremental or not.
//
// A site published under a sub-path of its host (base_url
// "https://user.github.io/blog/", a GitHub project page) is laid out
// from the root of its output as any other, and its pages link to it
// from the root as themes and authors write them ("/css/theme.css",
// "/posts/a/"). One step puts the sub-path in front (subpath.go): each
// rendered page, and each post body before a feed makes its links
// absolute, has every root-relative URL attribute that names a file of
// the build prefixed, byte for byte otherwise. A root-relative link to
// no file of the build is left as written: it may be a sibling site on
// the same host, and the link check reports it. Canonical URLs, feeds
// and the sitemap are absolute on base_url already; Liquid's
// site.baseurl is the sub-path; themes may call relURL. A site at the
// root of its host is not touched.
//
// The search page and index (search.go) are planned with the other
// files unless [search] enabled = false: package search indexes the
// posts with the URLs this package gave them, each body scanned once in
// its own page's task while the body is at hand, and its words kept in the
// render cache for the builds that write no page of it. The dev server keeps
// the index, and an edit that changes only a post's text re-indexes
// that post alone (and its URLs carry a sub-path: the pass over pages
// does not read JSON).
//
// With [community] enabled, community.go writes /community/, the
// report's champions as the page's .Champions; like the published report
// ([report] publish) it is made afresh by every build, since it reads the
// whole ledger.
//
// Incremental is the dev server's builder: it rebuilds only what a change
// can reach, and its Hold hook lets the server keep a document's last good
// version while its file is caught halfway through a save. It keeps what
// each build made, phase by phase (phases.go: the setup, the list of
// documents, the loaded documents, git's history, each post's comments
// and mentions, the accounts, the output files and their keys, the
// search index), and hands the next build all of it but what the changes
// since touched; the build takes what it is given and makes the rest,
// asking Incremental nothing. An edit that changes nothing other pages
// show skips the build (fastpath.go): the last model renders the edited
// posts' pages and the feeds and index that carry them.
//
// Built into a Writer that keeps a record (output.DirWriter with
// Options.Record: accrue build with the cache on), every output gets the
// key the dev server gives it, with a seed for what the dev server starts
// over for (the program, configuration, layouts, options), and a file
// whose key the previous output has is left as it is there (render.go,
// recordingWriter).
//
// With Options.CacheDir, git's history is kept beside the pack (peer.go,
// historyCache): a build after no new commit reads no git log.
//
// Ledger, ReportInput, Outbound and ReadInbound stop after the accounts,
// rendering nothing, and read the site as of Options.AsOf (else [report]
// as_of, else Now), leaving out posts dated after it: its events, the
// value report's input, each post's
// permalink with its links to other sites (what accrue send mentions),
// and each post's addresses, folder and copies on Mastodon and Bluesky
// with the [collect] configuration (what accrue collect writes into).
//
// See ../doc.go for the phases and the rule that data produced by a phase
// is read-only afterwards.
package site
