// Package generator is the accrue library. It has no code of its own: this
// file is the architecture note.
//
// # Phases
//
// A build runs in explicit phases (package site drives them), each taking
// what the one before made:
//
//  1. Load, in parallel, one task per file: read it, split and decode the
//     front matter (content), rewrite the template syntax of a site
//     brought from Jekyll, Hugo or Zola (dialect), render the Markdown and
//     collect its headings, links and summary (markdown), or take all that
//     from the last build when the body did not change (rendercache).
//     Result: the loaded documents.
//  2. Model, serial and cheap: drop drafts, expired and future posts,
//     assign URLs (front matter URLs, else permalink patterns), sort, link
//     neighbours, group tags, categories and series, fill missing dates
//     and revisions from git (history), read each post's comments and
//     mentions (interactions), resolve the cross-references a dialect left
//     as tokens (they are never cached), and plan every output file as
//     data: its path, how it is made and from what (a layout over a page,
//     a copy, a feed...). Result: the model, package pages: the pages
//     layouts render and the planned outputs.
//  3. Accounts: the link graph (a link to no planned output is broken)
//     and the ledger of every deposit (accounts, over links and ledger).
//     accrue ledger, report, send and collect stop here.
//  4. Render and write, in parallel, one task per planned output: pages
//     through the theme's layouts (theme), feeds (feeds), sitemap, static
//     files, the search index (search), into a Writer: a fresh folder that
//     replaces the previous output only when the whole build succeeded
//     (output), or memory. The output folder must be one accrue made; what
//     killed builds left is cleaned up by the next one.
//
// The day the accounts are read as of is decided once, by the caller
// (site.Options: accrue report --as-of, else [report] as_of, else the
// clock the command or the dev server passes as Now).
//
// # Immutability
//
// Data produced by a phase is read-only afterwards. Go cannot enforce it,
// so it is a rule: render tasks share the page model and must never write
// to it. Each load task writes only its own slot of a result slice.
// Nothing reads the clock: the build time comes in as site.Options.Now.
//
// # Dependencies
//
// An arrow means "may import"; nothing points up or sideways:
//
//	cmd/accrue ─► server ─► site
//	cmd/accrue ─► site, report, content, themes (accrue build, accrue report, accrue new post; themes, beside cmd/, embeds the default theme)
//	cmd/accrue ─► output (the output folder on disk: staged writes, the swap, its guards)
//	cmd/accrue ─► webmention (accrue send: discovery, the guarded client, the state of what was sent)
//	cmd/accrue ─► importer (accrue import: WordPress, Disqus and webmention.io exports to files)
//	importer ─► content, config (writes documents and records beside the build, never inside it)
//	cmd/accrue ─► collect (accrue collect: replies from webmention.io, Mastodon, Bluesky and GitHub, written as comment and mention files)
//	server ─► report (the live report at /_accrue/report/, under base_url's path)
//	site ─► theme, feeds, markdown, rendercache, content, history, interactions, pages, accounts, config
//	pages ─► theme, history, interactions, markdown, config, accounts (the model: what layouts see, the planned outputs; a page shows its counts and references through the accounts the site is given once they are open)
//	accounts ─► links, ledger, report, history, interactions, config (the link graph, the ledger, the report's input: the only importer of links, ledger and report under site)
//	site ─► peers (a Jekyll, Hugo or Zola folder without accrue.toml: its configuration, its layout seen as accrue's)
//	cmd/accrue ─► peers, config (accrue migrate: the moves into accrue's layout, the accrue.toml to write; accrue new post: the posts section)
//	peers ─► config, internal/litter, internal/frontmatter
//	site ─► dialect (Jekyll, Hugo and Zola template syntax rewritten before Markdown)
//	site ─► search (the word index the theme's search page reads in the browser)
//	rendercache ─► markdown (renderings kept between builds)
//	output, rendercache, site ─► internal/flock (what a live build holds, a later one leaves alone)
//	output, rendercache, history ─► internal/atomicfile (records and caches replaced whole or not at all)
//	report ─► ledger (the value report reads only the ledger and what accounts gathers)
//	content ─► config
//	content, interactions ─► internal/dates (one reader for hand-written dates)
//	content, interactions ─► internal/frontmatter (one splitter for the front matter of documents and comments; peers reads dates with it)
//	content, interactions ─► internal/yamlhint (YAML syntax errors said as what to change, at the line to change)
//	interactions ─► markdown (comments render through the one goldmark setup, then bluemonday)
//	markdown ─► internal/mdguard (the bound on what goldmark may spend on a post or a comment)
//	content, theme, interactions, server ─► internal/litter (editors' swap and backup files are not the site)
//	every package ─► diag (diag imports only the standard library)
//	feeds, links, ledger, webmention, dialect ─► no generator package except diag
//	history ─► internal/atomicfile only
//	site ─► internal/safelink (a file copied or read must not lead out of the site through a link)
//	config, content ─► internal/tomlkeys (where each TOML key sits, for errors at its line)
//	collect, search ─► no generator package
//	testkit/sitetest ─► site, themes (for tests: small sites from txtar, built in memory)
//	testkit/corpus, testkit/blogshape ─► testkit/fastimport (for tests: large blogs and TIL, news and social blogs with real git histories, written in one git fast-import stream)
//	testkit/pagecheck ─► no generator package (for tests: the Nu HTML Checker and axe-core over built pages)
//	generator/..., cmd/... ─► testkit only from test files (testkit, beside cmd/, holds the harnesses tests import)
//
// imports_test.go checks these edges.
//
// # Diagnostics
//
// A problem the user must fix is a diag.Error with a position and prints
// as file:line:col: message. Each phase collects every problem into a
// diag.List instead of stopping at the first; the CLI prints them sorted.
package generator
