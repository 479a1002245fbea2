// Package pages is the site's model: the pages layouts render (Site,
// Page, Term, Pager and the rest, what every template sees as "." and
// .Site) and the plan of every file a build writes (Output).
//
// A build makes the model from its loaded documents (package site does:
// URLs, order, neighbours, terms, comments and mentions, git's revisions)
// and plans each output as data: its path, what asks for it (Origin, for
// messages), how it is made (Make: a layout over a page, a copied file, a
// feed, a shard of the search index, the sitemap...) and what from. The
// pages that list posts are laid out here (Site.Lists: the home page and
// its pagination, the archive, each taxonomy and term, the 404 page),
// as are redirects from old addresses (Alias) and the feeds (AllFeeds,
// PlanFeed); CheckDuplicates says which two outputs claim one path. Then
// the accounts are opened from the model (package accounts), given to
// the site once (Site.Open), and the builder renders the plan: it reads
// Output and makes each file, never changing the model.
//
// What a build needs beside a page and layouts never see (the loaded
// document, where the body waits until its page is written) stays with
// the builder; a page reaches its body through Body, which the builder
// sets (SetBody), so a large blog's bodies need not all be in memory.
//
// Rebase is the one way a site path becomes an absolute URL.
package pages
