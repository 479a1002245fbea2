// Package content finds the posts and pages of a site under content/ and
// reads each one: front matter split (by internal/frontmatter, the
// splitter comments share) and decoded (YAML or TOML), title,
// slug and date rules, drafts. It does not render Markdown (package
// markdown does) and does not read git (package history does); package site
// composes them.
//
// Layout.Discover (Discover for accrue's own layout) lists the documents
// under content/, each a Source with its folder and the resources beside
// it; Options.Read reads one into a Doc. Read touches nothing but its
// arguments, so the load phase runs it once per file in parallel. A
// document without a title takes its first "# " heading, removed from
// the body so it is not shown twice; a date may come from the file name;
// the site's excerpt_separator cuts the summary (Doc.Excerpt).
//
// Read refuses what would publish silently wrong: a file that is not UTF-8
// (Options.Encoding reads legacy latin1 files instead), a merge conflict
// git left outside fenced code, dates outside the years internal/dates
// allows, more tags, categories or series than Options.MaxTerms. Both
// front matter formats go through one set of type checks, so a mistake
// gets the same message in YAML and TOML. A file or folder name that
// cannot stand in a URL as it is (a space, "%", "?") gives its slug
// instead (URLName), with a warning; EscapePath encodes what a slug the
// author chose needs.
//
// Front matter belongs to the blogger: the fields of Jekyll, Hugo and
// Zola are read as those generators read them (published: false, a
// permalink, url or path, excerpt, authors, [taxonomies], [extra],
// publishDate, expiryDate, dates in file names), the post's
// announcements on Mastodon and Bluesky (checked to be addresses, since
// they become links), and the fields they use
// only for their own layout (layout, weight, template...) are kept in
// Params without a word, as are mastodon and bluesky, which accrue
// collect reads. Any other field is kept in Params too and listed
// in FrontMatter.Unknown, not reported: package site says once per field
// name that accrue does not read it, or with --strict refuses each one at
// its line (UnknownFieldError).
//
// Layout says which sections under content/ hold posts: content/posts/
// by default, the sections config.Content.PostSections names (a Hugo or
// Zola blog's content/blog/) otherwise. For a site in another
// generator's layout (config.Config.Peer), _index.md files are the
// sections' list settings and are skipped without a word.
//
// content imports only diag, config and internal packages (dates,
// frontmatter, litter, tomlkeys, yamlhint).
package content
