package accounts

import (
	"bytes"
	"time"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/interactions"
	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/report"
)

// Report is what the value report is computed from, as of asOf: the day
// the caller decided its figures are for.
func (a *Accounts) Report(cfg config.Config, asOf time.Time) ReportInput {
	model, th := ValueModel(cfg)
	in := report.Input{
		Site:   report.Site{Title: cfg.Title, URL: cfg.BaseURL, Author: cfg.Author},
		Ledger: a.Ledger, Model: model, Thresholds: th, Location: cfg.Location,
		AsOf: asOf,
	}
	for i := range a.posts {
		p := &a.posts[i]
		in.Posts = append(in.Posts, report.Post{File: p.File, Title: p.Title, URL: p.URL, Published: p.Date})
		if p.Interactions == nil {
			continue
		}
		var walk func([]*interactions.Comment)
		walk = func(cs []*interactions.Comment) {
			for _, c := range cs {
				if !isAuthor(c.Author, p.Author, a.siteAuthor) {
					rc := report.Comment{Post: p.File, Author: c.Author, URL: c.AuthorURL, Date: c.Date, File: c.File}
					for _, r := range c.Replies { // by date: the first is the earliest answer
						if isAuthor(r.Author, p.Author, a.siteAuthor) {
							rc.Answered = r.Date
							break
						}
					}
					in.Comments = append(in.Comments, rc)
				}
				walk(c.Replies)
			}
		}
		walk(p.Interactions.Threads)
	}
	for _, d := range a.Broken {
		in.Broken = append(in.Broken, d.Error())
	}
	return in
}

// Champion is someone who deposited in the blog: a reader who comments,
// a site that mentions or links to its posts.
type Champion struct {
	Name     string    // as they sign
	URL      string    // their site or profile, http or https, or ""
	Site     string    // the host their deposits came from
	Deposits int       // comments, replies, mentions, likes, links...
	Posts    int       // how many posts they deposited in
	First    time.Time // their first deposit
	Last     time.Time // their latest
}

// Champions are the readers and sites whose deposits added most to the
// blog as of asOf, most first, as the report counts them.
func (a *Accounts) Champions(cfg config.Config, asOf time.Time) []Champion {
	in := a.Report(cfg, asOf)
	var out []Champion
	for _, c := range report.Compute(in, report.Options{AsOf: asOf}).Champions {
		out = append(out, Champion{Name: c.Name, URL: c.URL, Site: c.Site, Deposits: c.Deposits,
			Posts: c.Posts, First: c.First, Last: c.Last})
	}
	return out
}

// ReportHTML is the report as of asOf as a page, for [report] publish.
func (a *Accounts) ReportHTML(cfg config.Config, asOf time.Time) ([]byte, error) {
	var buf bytes.Buffer
	in := a.Report(cfg, asOf)
	err := report.Compute(in, report.Options{AsOf: asOf}).WriteHTML(&buf)
	return buf.Bytes(), err
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
