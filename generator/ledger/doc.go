// Package ledger is the record of what each post has received over time:
// one chronological list of dated events (publish, update, comment, reply,
// mention, like, repost, bookmark, pingback, trackback, internal link in,
// outbound link, site-wide maintenance), each with its actor and a
// reference to its source. The value model and the report read it.
//
// The value model (value.go) has two kinds of interest, named in
// accrue.toml's [value] model. "savings" is the pure savings account:
// every deposit compounds at the monthly rate for ever, so value grows
// with age alone. "activity", the default, scales the rate by what a post
// received over a trailing window and halves a post's balance every
// half-life once the window is empty, so value follows what is alive.
// Both have closed forms that the tests check: a lone deposit, steady
// monthly deposits. Classify (class.go) names what a post's deposits say
// about it: new, compounding, evergreen, decaying or dormant.
//
// ledger is pure: it takes events built by package accounts and never
// reads files or the clock. It imports only the standard library.
package ledger
