// Package collect brings readers' replies, likes, reposts and mentions in
// from the services static blogs use, and writes them as the comment and
// mention files package interactions reads, so they reach the page and
// the ledger like any other. It sits beside the build, not inside it:
// accrue collect runs it, and the build never touches the network.
//
// Each service is a Source (WebmentionIO, Mastodon, Bluesky, GitHub) that turns the
// service's wire format into Items; Writer maps items to post folders and
// writes one file per item, named by the item's day and remote id, so
// collecting again finds the same file. Files record their origin and a
// hash of themselves: an item edited at the service updates its file, a
// file the blogger edited is kept as it is, and an item gone from the
// service is marked withdrawn, never deleted. Remote HTML becomes escaped
// Markdown (Markdown), which the build renders and sanitizes as it does
// every comment; a reply longer than the build accepts is cut with a link
// to the rest, and names lose their bidi and zero-width characters, so no
// reader can stop the blog's build or pass for someone else. Client does
// the requests: bounded retries after 429 and 5xx, honouring Retry-After
// and X-RateLimit-Reset, its Sleep injectable for tests. State, saved in
// StatePath, is how far each source was read, so the next run asks only
// for what is new, and reads everything again now and then to see what
// was edited or deleted (RecheckWebmentionIO).
//
// collect imports no generator package.
package collect
