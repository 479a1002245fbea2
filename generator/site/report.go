package site

import (
	"bytes"
	"context"
	"io/fs"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/interactions"
	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/report"
)

// ReportPath is where the report is published when accrue.toml asks for
// it, and where the dev server shows it.
const ReportPath = "_accrue/report/index.html"

// ReportInput reads the site in src as Ledger does and returns what the
// value report is computed from.
func ReportInput(ctx context.Context, src fs.FS, o Options) (report.Input, diag.List, error) {
	b, diags, err := connectOnly(ctx, src, o)
	if err != nil {
		return report.Input{}, diags, err
	}
	return b.reportInput(), diags, nil
}

// ReportInput gathers the report's input from the last good build when
// called; ok is false before there is one. Gathering walks every post, so
// the dev server leaves it until the report is asked for: its rebuilds
// after a save take a few milliseconds, and this would double them. The
// build it reads is not changed by later ones in anything it reads.
func (inc *Incremental) ReportInput() (gather func() report.Input, ok bool) {
	b := inc.prev
	if b == nil || b.site == nil || b.site.Ledger == nil {
		return nil, false
	}
	return b.reportInput, true
}

// reportInput gathers the report's input once the ledger is connected.
func (b *builder) reportInput() report.Input {
	model, th := ValueModel(b.cfg)
	in := report.Input{
		Site:   report.Site{Title: b.cfg.Title, URL: b.cfg.BaseURL, Author: b.cfg.Author},
		Ledger: b.site.Ledger, Model: model, Thresholds: th, Location: b.cfg.Location,
		AsOf: b.cfg.Report.AsOfTime,
	}
	for _, p := range b.posts {
		in.Posts = append(in.Posts, report.Post{File: p.File, Title: p.Title, URL: p.URL, Published: p.Date})
		if p.interactions == nil {
			continue
		}
		var walk func([]*interactions.Comment)
		walk = func(cs []*interactions.Comment) {
			for _, c := range cs {
				if !isAuthor(c.Author, p, b.cfg.Author) {
					rc := report.Comment{Post: p.File, Author: c.Author, URL: c.AuthorURL, Date: c.Date, File: c.File}
					for _, r := range c.Replies { // by date: the first is the earliest answer
						if isAuthor(r.Author, p, b.cfg.Author) {
							rc.Answered = r.Date
							break
						}
					}
					in.Comments = append(in.Comments, rc)
				}
				walk(c.Replies)
			}
		}
		walk(p.interactions.Threads)
	}
	if b.site.conn != nil {
		for _, d := range b.site.conn.broken {
			in.Broken = append(in.Broken, d.Error())
		}
	}
	return in
}

// isAuthor reports whether a comment's author is the post's or the
// blog's, as the ledger decides author replies.
func isAuthor(name string, p *Page, siteAuthor string) bool {
	return name == p.Author || name == siteAuthor
}

// ValueModel is the value model and class thresholds accrue.toml sets:
// the defaults, with the weights it names replaced.
func ValueModel(cfg config.Config) (ledger.Model, ledger.Thresholds) {
	m := ledger.DefaultModel()
	m.Interest, _ = ledger.ParseInterest(cfg.Value.Model) // config.Load checked the name
	m.MonthlyRate = cfg.Value.MonthlyRate
	m.ActivityMonths, m.ActivityPoints, m.HalfLifeMonths = cfg.Value.ActivityMonths, cfg.Value.ActivityPoints, cfg.Value.HalfLifeMonths
	w := cfg.Value.Weights
	for k, v := range map[ledger.Kind]*float64{
		ledger.KindPublish: w.Publish, ledger.KindUpdate: w.Update, ledger.KindComment: w.Comment,
		ledger.KindAuthorReply: w.AuthorReply, ledger.KindReply: w.Reply, ledger.KindMention: w.Mention,
		ledger.KindLike: w.Like, ledger.KindRepost: w.Repost, ledger.KindBookmark: w.Bookmark,
		ledger.KindPingback: w.Pingback, ledger.KindTrackback: w.Trackback,
		ledger.KindInternalLink: w.InternalLink, ledger.KindOutboundLink: w.OutboundLink,
	} {
		if v != nil {
			m.Weights[k] = *v
		}
	}
	c := cfg.Value.Classes
	return m, ledger.Thresholds{NewDays: c.NewDays, DormantMonths: c.DormantMonths, WindowMonths: c.WindowMonths, LaunchMonths: c.LaunchMonths,
		MinDeposits: c.MinDeposits, EvergreenMonths: c.EvergreenMonths, EvergreenQuarters: c.EvergreenQuarters}
}

// publishedReport is the report as of the build, for [report] publish.
func (b *builder) publishedReport() ([]byte, error) {
	var buf bytes.Buffer
	in := b.reportInput()
	err := report.Compute(in, report.Options{AsOf: in.DefaultAsOf(b.opts.Now)}).WriteHTML(&buf)
	return buf.Bytes(), err
}
