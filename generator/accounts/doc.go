// Package accounts keeps a site's books: from the published documents, as
// package site's model gives them, it makes the link graph (who links to
// whom, which links are broken), the ledger of every deposit (publish,
// updates, comments, mentions, links) and what the value report and the
// community page are computed from.
//
// It is the third phase of a build, after load and the model and before
// render: accrue ledger, report, send and collect stop here and render
// nothing. Its input is plain data (Input), so it knows nothing of pages
// or templates; its result (Accounts) is read-only once made, and the
// dev server keeps it while nothing that links or dates documents
// changed.
//
// It is the only package under the build that imports ledger, links and
// report: the types templates and callers see (Ledger, Event, Counts,
// Domain, Champion) are named here.
package accounts
