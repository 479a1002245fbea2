// Package report turns the ledger into the compound interest statement of
// a blog: what it is worth as of a date, how it grew month by month, which
// posts compound and which decay, who its champions are, what changed
// lately and what to do next; and writes it as text, Markdown, JSON, CSV
// or one self-contained HTML page with SVG charts.
//
// The report states the model and parameters it used, the shape of the
// distribution (what share of posts holds what share of the value) and,
// for each post, the points deposited in each of the last 12 months,
// drawn on one scale for every post so a quiet post's line is flat.
//
// The HTML page tells the kinds of deposit apart by family (kinds.go):
// the author's, the readers', other sites' and links, each with a hue,
// and the kinds within a family by pattern, in charts and legends alike.
//
// The time charts fold a year or more without deposits into a narrow
// band marked with its years (axis.go), so a blog that began with a post
// or two and grew years later shows its growth, not its quiet. The page
// also draws them over the last 3 years and 12 months, shown by in-page
// links (#period-12m) and its stylesheet, without script.
//
// report is pure like ledger: package accounts gathers its Input, and
// nothing here reads files or the clock. Compute makes the whole report
// and PostStatement one post's; accounts publishes the HTML page with the
// site, accrue report writes any format, and the dev server serves the
// page live.
//
// Besides the figures, what changed names two things a blogger can act
// on: moments (moments.go), weeks in which a post drew far more deposits
// from others than usual, with the sites and people that made them; and
// friends (lapsed.go), the people and sites that deposit, counted as
// gained, still regular and lapsed. Both look back RecentDays, longer
// than the default period, because a month is too short to see either.
package report
