// Package peers reads a blog kept for another generator, Jekyll, Hugo or
// Zola, so accrue can build it in place: no file edited, every post at
// the URL that generator gave it.
//
// Detect says which generator a folder is laid out for, by its
// configuration file and folders (Hugo's split config/_default/ too, each
// file there a table). Settings of the peer's that accrue does not follow
// (another section's permalinks, uglyURLs, Jekyll collections) are
// Site.Warnings, never dropped without a word. Load reads that configuration into an
// accrue configuration (Site.Config, and Site.TOML, the accrue.toml that
// says the same) and maps the generator's folders onto accrue's layout
// (View): Jekyll's _posts/ become content/posts/, its pages content/, the
// other files it would copy static/; Hugo's and Zola's content/ and
// static/ stay as they are, and their _index.md list settings are left to
// content.Layout. Permalink patterns are translated token by token
// (Jekyll's :title is the file's name, accrue's :slug; Hugo's :slug is
// the front matter slug or the title, accrue's :slugortitle); a token
// with no counterpart is an error naming the configuration file, never a
// silently different URL. Places maps each file of the view back to its
// path in the peer's folder, since git names files by that path and the
// build by the view's; the files Jekyll's exclude names (Site.Exclude)
// are left out, as Jekyll leaves them.
//
// Moves lists the renames that turn such a folder into accrue's own
// layout, for accrue migrate.
//
// Package site uses peers only when a folder has no accrue.toml. peers
// imports config, diag, internal/litter and internal/frontmatter (the
// splitter content reads documents with, so a post counts as dated when
// its front matter, as accrue will read it, has a date).
package peers
