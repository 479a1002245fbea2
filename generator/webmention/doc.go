// Package webmention sends Webmentions: for each link a post makes to
// another site, it finds the endpoint the linked page advertises and
// tells it the post links there (W3C Webmention Recommendation, 2017).
//
// It sits beside the build, not inside it: accrue send gives it the
// published posts and their links (site.Outbound) and the state of what
// was sent before, and it decides what to send (MakePlan: new links,
// links of posts changed since, failures, and removed links, sent once
// more so the receiver can delete its mention), sends it (Sender.Run)
// and records the results (State, saved atomically in StatePath).
//
// Files by concept:
//
//   - discover.go: endpoint discovery, a pure function of the page's URL
//     after redirects, its headers and what was read of its body.
//   - guard.go: which addresses a request may reach. Every connection is
//     checked at dial time, after DNS, so a name that resolves to this
//     machine or the local network is refused however it was written.
//   - client.go: the one HTTP client: no proxy, checked redirects, a
//     timeout per request, one request at a time per host.
//   - send.go: discovery then the POST, retries after 429 and 503, and a
//     run over many mentions.
//   - state.go: the state file and the plan.
//
// It imports no generator package except diag, so it is tested alone,
// against local servers written from the Recommendation and the
// discovery cases of webmention.rocks.
package webmention
