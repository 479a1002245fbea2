// Package report turns the ledger into the compound interest statement of
// a blog: what it is worth as of a date, how it grew month by month, which
// posts compound and which decay, who its champions are, what changed
// lately and what to do next; and writes it as text, Markdown, JSON, CSV
// or one self-contained HTML page with SVG charts.
//
// report is pure like ledger: package site gathers its Input, and nothing
// here reads files or the clock.
package report
