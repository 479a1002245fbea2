package report

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// Input is what the report reads: the ledger and what the site knows
// that the ledger does not (titles, URLs, comment threads, broken links).
type Input struct {
	Site   Site
	Posts  []Post
	Ledger *ledger.Ledger
	// Comments are the readers' comments (not the author's replies), for
	// the conversations still to answer.
	Comments []Comment
	// Broken are the broken internal links, as file:line:col: message.
	Broken []string

	Model      ledger.Model
	Thresholds ledger.Thresholds
	// Location is the blog's time zone: months start at its midnight.
	Location *time.Location
	// AsOf is the day the input is read as of, which the caller decided
	// (accrue report --as-of, [report] as_of or the clock): the report
	// reads as of it unless Options say another.
	AsOf time.Time
}

// Site names the blog.
type Site struct {
	Title  string `json:"title"`
	URL    string `json:"url"`
	Author string `json:"author"`
}

// Post is a published post.
type Post struct {
	File      string // source path, the ledger's key
	Title     string
	URL       string // site-relative
	Published time.Time
}

// Comment is a reader's comment and when the author first answered it.
type Comment struct {
	Post     string // source path of the post
	Author   string
	URL      string
	Date     time.Time
	File     string
	Answered time.Time // zero when never answered
}

// Options say which dates the report is computed for.
type Options struct {
	AsOf time.Time
	// Since starts the "what changed" period; zero means 30 days before
	// AsOf.
	Since time.Time
}

// DefaultPeriod is the "what changed" period when Options.Since is zero.
const DefaultPeriod = 30 * 24 * time.Hour

// ConversationDays is how far back unanswered comments are listed.
const ConversationDays = 90

// Lists are cut to this many rows: the report advises, it does not dump.
const listSize = 10

// sparkMonths is how many monthly values each post's sparkline shows.
const sparkMonths = 12

// Compute builds the report as of o.AsOf. It never reads the clock, so a
// report as of a date is the same whenever it is computed.
func Compute(in Input, o Options) *Report {
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	if in.Ledger == nil {
		in.Ledger = ledger.New(nil)
	}
	asOf := o.AsOf.In(loc)
	since := o.Since
	if since.IsZero() {
		since = asOf.Add(-DefaultPeriod)
	}
	since = since.In(loc)
	c := &computer{in: in, m: in.Model, th: in.Thresholds, asOf: asOf, since: since, loc: loc}
	r := &Report{
		Site: in.Site, AsOf: asOf, Since: since,
		Model: describeModel(in.Model, in.Thresholds),
	}
	c.posts()
	r.Posts = c.rows
	r.Summary = c.summary()
	r.Timeline = c.timeline()
	r.Changes = c.changes()
	r.Champions = c.champions()
	r.Changes.RecentSince = c.recentStart()
	r.Changes.Moments = c.moments()
	r.Changes.Friends = c.friends()
	r.Actions = c.actions()
	return r
}

// computer holds one computation's shared state.
type computer struct {
	in          Input
	m           ledger.Model
	th          ledger.Thresholds
	asOf, since time.Time
	loc         *time.Location
	// events are every post's counted events (made by asOf, not
	// withdrawn), by post file, in date order.
	events map[string][]ledger.Event
	rows   []PostRow
	byFile map[string]*PostRow
	// all are the events of every post in rows, in date order.
	all []ledger.Event
	// yearAgo are the posts' accounts a year before the report's date.
	yearAgo map[string]ledger.Account
}

// upTo is t, or the report's date when t is later.
func (c *computer) upTo(t time.Time) time.Time {
	if t.After(c.asOf) {
		return c.asOf
	}
	return t
}

// monthsBetween counts the calendar months from the month of from to the
// month of t.
func monthsBetween(from, t time.Time) int {
	return (t.Year()-from.Year())*12 + int(t.Month()) - int(from.Month())
}

// counted reports whether e is a deposit as of asOf.
func (c *computer) counted(e ledger.Event) bool {
	return e.Post != "" && !e.Withdrawn && !e.Date.After(c.asOf)
}

func (c *computer) posts() {
	c.events = make(map[string][]ledger.Event, len(c.in.Posts))
	for _, e := range c.in.Ledger.Events {
		if c.counted(e) {
			c.events[e.Post] = append(c.events[e.Post], e)
		}
	}
	sparkStart := monthStart(c.asOf, c.loc).AddDate(0, -(sparkMonths - 1), 0)
	// One pass over a post's events gives its balance at every date the
	// report asks about: the sparkline's month ends, then the period's
	// start, a year ago and the report's date.
	var dates []time.Time
	for i := range sparkMonths {
		dates = append(dates, c.upTo(sparkStart.AddDate(0, i+1, 0)))
	}
	yearAgo := c.asOf.AddDate(-1, 0, 0)
	dates = append(dates, c.since, yearAgo, c.asOf)
	slices.SortStableFunc(dates, func(a, b time.Time) int { return a.Compare(b) })
	c.yearAgo = map[string]ledger.Account{}
	c.rows = make([]PostRow, 0, len(c.in.Posts))
	for _, p := range c.in.Posts {
		if p.Published.After(c.asOf) {
			continue // not published yet as of the report's date
		}
		ev := c.events[p.File]
		bal := c.m.Balances(ev, dates)
		at := func(t time.Time) ledger.Account {
			i, _ := slices.BinarySearchFunc(dates, t, func(a, b time.Time) int { return a.Compare(b) })
			return bal[i]
		}
		acc := at(c.asOf)
		c.yearAgo[p.File] = at(yearAgo)
		row := PostRow{
			File: p.File, Title: p.Title, URL: p.URL, Published: p.Published.In(c.loc),
			AgeDays:      int(c.asOf.Sub(p.Published) / (24 * time.Hour)),
			Class:        c.m.Classify(ev, p.Published, c.asOf, c.th).String(),
			Value:        Points(acc.Value),
			Principal:    Points(acc.Principal),
			Interest:     Points(acc.Interest()),
			Depreciation: Points(acc.Depreciated),
			Deposits:     map[string]int{},
			Growth:       Points(acc.Value - at(c.since).Value),
			Flow:         make([]Points, sparkMonths),
		}
		for _, e := range ev {
			row.Deposits[e.Kind.String()]++
			row.LastDeposit = e.Date.In(c.loc)
			if e.Kind == ledger.KindInternalLink {
				row.Inbound++
			}
			if i := monthsBetween(sparkStart, e.Date.In(c.loc)); i >= 0 && i < sparkMonths {
				row.Flow[i] += Points(c.m.Weights[e.Kind])
			}
		}
		for i := range sparkMonths {
			row.Spark = append(row.Spark, Points(at(c.upTo(sparkStart.AddDate(0, i+1, 0))).Value))
		}
		c.rows = append(c.rows, row)
	}
	slices.SortFunc(c.rows, func(a, b PostRow) int {
		if c := cmp.Compare(b.Value, a.Value); c != 0 {
			return c
		}
		return strings.Compare(a.File, b.File)
	})
	c.byFile = make(map[string]*PostRow, len(c.rows))
	for i := range c.rows {
		c.byFile[c.rows[i].File] = &c.rows[i]
	}
	c.all = make([]ledger.Event, 0, len(c.in.Ledger.Events))
	for _, e := range c.in.Ledger.Events { // in date order already
		if c.counted(e) && c.byFile[e.Post] != nil {
			c.all = append(c.all, e)
		}
	}
}

func (c *computer) summary() Summary {
	s := Summary{Posts: len(c.rows), Classes: map[string]int{}}
	for _, k := range ledger.Classes() {
		s.Classes[k.String()] = 0
	}
	var compounding Points
	for _, r := range c.rows {
		s.Value += r.Value
		s.Principal += r.Principal
		s.Interest += r.Interest
		s.Depreciation += r.Depreciation
		s.Classes[r.Class]++
		if r.Class == ledger.ClassCompounding.String() {
			compounding += r.Value
		}
		for _, n := range r.Deposits {
			s.Deposits += n
		}
	}
	for _, r := range c.rows {
		s.ValueYearAgo += Points(c.yearAgo[r.File].Value)
	}
	if s.ValueYearAgo >= 1 { // from a few hundredths of a point, growth is a meaningless thousands of percent
		g := Ratio(s.Value/s.ValueYearAgo - 1)
		s.AnnualGrowth = &g
	}
	if n := s.Classes[ledger.ClassCompounding.String()]; n > 0 {
		s.CompoundingOneIn = int(math.Round(float64(s.Posts) / float64(n)))
	}
	if s.Value > 0 {
		s.TopTenthShare = c.topShare(0.1, s.Value)
		s.CompoundingShare = Ratio(compounding / s.Value)
		for _, f := range []float64{0.01, 0.1, 0.2, 0.5} {
			s.Shape = append(s.Shape, Share{Posts: Ratio(f), Value: c.topShare(f, s.Value)})
		}
		var v Points
		for _, r := range c.rows { // highest value first
			if v >= s.Value/2 {
				break
			}
			v += r.Value
			s.HalfValuePosts++
		}
	}
	return s
}

// topShare is the share of value held by the most valuable fraction f of
// posts (at least one).
func (c *computer) topShare(f float64, total Points) Ratio {
	n := max(1, int(math.Ceil(f*float64(len(c.rows))-1e-9)))
	var v Points
	for _, r := range c.rows[:n] { // rows are by value, highest first
		v += r.Value
	}
	return Ratio(v / total)
}

// timeline is the bank statement: a row a month from the first deposit's
// month to the report's.
func (c *computer) timeline() []Month {
	all := c.all
	if len(all) == 0 {
		return nil
	}
	var out []Month
	var value float64
	i := 0
	for start := monthStart(all[0].Date.In(c.loc), c.loc); !start.After(c.asOf); start = start.AddDate(0, 1, 0) {
		end := start.AddDate(0, 1, 0)
		last := !end.Before(c.asOf) // the report's own month closes on its date
		if last {
			end = c.asOf
		}
		opening := value
		mo := Month{Month: start.Format("2006-01"), Deposits: map[string]Points{}, Opening: Points(opening)}
		value = c.m.Value(value, start, end) // the month's interest on what was there
		for ; i < len(all) && (all[i].Date.Before(end) || last && !all[i].Date.After(end)); i++ {
			e := all[i]
			w := c.m.Weights[e.Kind]
			mo.Deposits[e.Kind.String()] += Points(w)
			mo.Count++
			mo.Principal += Points(w)
			value += c.m.Value(w, e.Date, end)
		}
		mo.Closing = Points(value)
		mo.Interest = mo.Closing - Points(opening) - mo.Principal
		out = append(out, mo)
		if last {
			break
		}
	}
	if c.m.Interest == ledger.Activity {
		c.activityTimeline(out)
	}
	return out
}

// activityTimeline replaces the savings arithmetic of the months with the
// activity model's: there a post's balance depends on its own recent
// deposits, so the blog's is the sum of its posts' at each month's end.
func (c *computer) activityTimeline(months []Month) {
	ends := make([]time.Time, len(months))
	for i, mo := range months {
		start, _ := time.ParseInLocation("2006-01", mo.Month, c.loc)
		ends[i] = c.upTo(start.AddDate(0, 1, 0))
	}
	sum := make([]ledger.Account, len(months))
	for _, r := range c.rows {
		for i, a := range c.m.Balances(c.events[r.File], ends) {
			sum[i] = sum[i].Add(a)
		}
	}
	var prev ledger.Account
	for i := range months {
		months[i].Opening = Points(prev.Value)
		months[i].Closing = Points(sum[i].Value)
		months[i].Interest = Points(sum[i].Earned - prev.Earned)
		months[i].Depreciation = Points(sum[i].Depreciated - prev.Depreciated)
		prev = sum[i]
	}
}

func monthStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
}

// inPeriod reports whether t falls in the "what changed" period.
func (c *computer) inPeriod(t time.Time) bool { return !t.Before(c.since) && !t.After(c.asOf) }

func (c *computer) changes() Changes {
	ch := Changes{}
	commenters := map[string]bool{}
	domains := map[string]bool{}
	for _, e := range c.all {
		switch {
		case e.Kind == ledger.KindComment:
			key := personKey(e)
			if !commenters[key] && c.inPeriod(e.Date) {
				ch.NewCommenters = append(ch.NewCommenters, c.first(e, e.Actor, e.ActorURL))
			}
			commenters[key] = true
		case isWebmention(e.Kind):
			d := SiteOf(e.Source)
			if d == "" {
				continue
			}
			if !domains[d] && c.inPeriod(e.Date) {
				ch.NewDomains = append(ch.NewDomains, c.first(e, d, "https://"+d+"/"))
			}
			domains[d] = true
		case e.Kind == ledger.KindInternalLink && c.inPeriod(e.Date):
			from := c.byFile[e.Actor]
			l := Link{From: e.Actor, To: e.Post, Date: e.Date.In(c.loc), ToTitle: c.byFile[e.Post].Title}
			if from != nil {
				l.FromTitle = from.Title
			}
			ch.NewLinks = append(ch.NewLinks, l)
		}
	}
	for _, r := range c.rows {
		if r.Published.After(c.since) {
			continue // it had no class when the period began
		}
		before := c.m.Classify(c.events[r.File], r.Published, c.since, c.th).String()
		if before != r.Class {
			ch.ClassChanges = append(ch.ClassChanges, ClassChange{Post: r.File, Title: r.Title, From: before, To: r.Class})
		}
	}
	gainers := slices.Clone(c.rows)
	slices.SortStableFunc(gainers, func(a, b PostRow) int { return cmp.Compare(b.Growth, a.Growth) })
	for _, r := range gainers {
		if r.Growth <= 0 || len(ch.Gainers) == listSize {
			break
		}
		ch.Gainers = append(ch.Gainers, Gainer{Post: r.File, Title: r.Title, Gain: r.Growth, Value: r.Value})
	}
	slices.Reverse(ch.NewCommenters) // newest first
	slices.Reverse(ch.NewDomains)
	slices.Reverse(ch.NewLinks)
	return ch
}

func (c *computer) first(e ledger.Event, name, url string) First {
	return First{Name: name, URL: url, Post: e.Post, Title: c.byFile[e.Post].Title, Kind: e.Kind.String(), Date: e.Date.In(c.loc)}
}

// isWebmention reports whether k arrives from another site.
func isWebmention(k ledger.Kind) bool {
	switch k {
	case ledger.KindMention, ledger.KindReply, ledger.KindLike, ledger.KindRepost, ledger.KindBookmark,
		ledger.KindPingback, ledger.KindTrackback:
		return true
	}
	return false
}

// personKey identifies who made e: their name, ignoring case and spacing
// (people sign comments and mentions alike, but give a URL on some and
// not on others), else their URL.
func personKey(e ledger.Event) string {
	if name := strings.Join(strings.Fields(strings.ToLower(e.Actor)), " "); name != "" {
		return name
	}
	return strings.TrimSuffix(strings.ToLower(e.ActorURL), "/")
}

// SiteOf is the site a URL is on, as the report groups deposits: its
// host, lowercase, without "www.", a port or a user; "" for no http(s)
// address.
func SiteOf(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return ""
	}
	host, _, _ := strings.Cut(u[i+3:], "/")
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = host[at+1:]
	}
	if h, _, ok := strings.Cut(host, ":"); ok {
		host = h
	}
	return strings.TrimPrefix(strings.ToLower(host), "www.")
}

func (c *computer) champions() []Champion {
	byKey := map[string]*Champion{}
	posts := map[string]map[string]bool{}
	for _, r := range c.rows {
		for _, e := range c.events[r.File] {
			key, name, url, site, ok := depositor(e)
			if !ok {
				continue // the author and the blog's own posts are not its champions
			}
			ch := byKey[key]
			if ch == nil {
				ch = &Champion{Name: name, URL: url, Site: site, First: e.Date.In(c.loc)}
				byKey[key] = ch
				posts[key] = map[string]bool{}
			}
			if ch.Site == "" { // a comment without a URL says less than a mention
				ch.Site, ch.URL = site, url
			}
			w := c.m.Weights[e.Kind]
			ch.Points += Points(w)
			ch.Value += Points(c.depositValue(w, e, r))
			ch.Deposits++
			if e.Date.Before(ch.First) {
				ch.First = e.Date.In(c.loc)
			}
			if e.Date.After(ch.Last) {
				ch.Last = e.Date.In(c.loc)
			}
			if !posts[key][e.Post] {
				posts[key][e.Post] = true
				ch.Posts++
			}
		}
	}
	out := make([]Champion, 0, len(byKey))
	for _, ch := range byKey {
		out = append(out, *ch)
	}
	slices.SortFunc(out, func(a, b Champion) int {
		if c := cmp.Compare(b.Points, a.Points); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Posts, a.Posts); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	if len(out) > listSize {
		out = out[:listSize]
	}
	return out
}

// depositValue is what a deposit of w points to row's post is worth now.
// In the savings account deposits add up, so that is its own value; in
// the activity model they do not, and a deposit holds its share of the
// post's value in proportion to its points.
func (c *computer) depositValue(w float64, e ledger.Event, row PostRow) float64 {
	if c.m.Interest != ledger.Activity {
		return c.m.Value(w, e.Date, c.asOf)
	}
	if row.Principal <= 0 {
		return 0
	}
	return w * float64(row.Value/row.Principal)
}

func (c *computer) actions() Actions {
	a := Actions{Broken: c.in.Broken}
	for _, r := range c.rows { // highest value first
		if r.Class == ledger.ClassDormant.String() && len(a.Update) < listSize {
			a.Update = append(a.Update, Candidate{Post: r.File, Title: r.Title, Value: r.Value, LastDeposit: r.LastDeposit,
				Why: "no deposit since " + r.LastDeposit.Format("2 Jan 2006")})
		}
	}
	// Valuable decaying posts the author has not touched lately come
	// next: an update is a deposit, and a fresh post draws new ones.
	windowStart := c.asOf.AddDate(0, -c.th.WindowMonths, 0)
	for _, r := range c.rows {
		if len(a.Update) == listSize {
			break
		}
		if r.Class != ledger.ClassDecaying.String() || c.touchedSince(r.File, windowStart) {
			continue
		}
		rates := c.m.Rates(c.events[r.File], r.Published, c.asOf, c.th)
		a.Update = append(a.Update, Candidate{Post: r.File, Title: r.Title, Value: r.Value, LastDeposit: r.LastDeposit,
			Why: "decaying: " + points(rates.Recent) + " points a month from others lately, " + points(rates.Launch) + " at launch"})
	}
	for _, r := range c.rows {
		if r.Inbound == 0 {
			a.Orphans = append(a.Orphans, PostRef{Post: r.File, Title: r.Title, URL: r.URL, Value: r.Value})
		}
	}
	cutoff := c.asOf.Add(-ConversationDays * 24 * time.Hour)
	for _, cm := range c.in.Comments {
		if cm.Date.After(c.asOf) || cm.Date.Before(cutoff) || !cm.Answered.IsZero() && !cm.Answered.After(c.asOf) {
			continue
		}
		if c.byFile[cm.Post] == nil {
			continue
		}
		a.Conversations = append(a.Conversations, Conversation{Post: cm.Post, Title: c.byFile[cm.Post].Title,
			Author: cm.Author, URL: cm.URL, Date: cm.Date.In(c.loc), File: cm.File})
	}
	slices.SortStableFunc(a.Conversations, func(x, y Conversation) int { return y.Date.Compare(x.Date) })
	return a
}

// touchedSince reports whether the author published or updated the post
// after t.
func (c *computer) touchedSince(file string, t time.Time) bool {
	for _, e := range c.events[file] {
		if (e.Kind == ledger.KindPublish || e.Kind == ledger.KindUpdate) && e.Date.After(t) {
			return true
		}
	}
	return false
}

// Statement is one post's account: every deposit with its running
// balance.
type Statement struct {
	Site    Site      `json:"site"`
	AsOf    time.Time `json:"as_of"`
	Model   ModelInfo `json:"model"`
	Post    PostRow   `json:"post"`
	Entries []Entry   `json:"entries"`
	Months  []Month   `json:"timeline"`
	// Moments are every week the post drew far more than usual.
	Moments []Moment `json:"moments"`
}

// Entry is one line of a post's statement.
type Entry struct {
	Date     time.Time `json:"date"`
	Kind     string    `json:"kind"`
	Actor    string    `json:"actor"`
	ActorURL string    `json:"actor_url"`
	// ActorTitle is the linking post's title, for an internal link,
	// whose Actor is that post's file.
	ActorTitle string `json:"actor_title,omitempty"`
	Source     string `json:"source"`
	Note       string `json:"note"`
	Points     Points `json:"points"`
	// Balance is the post's value right after this deposit.
	Balance Points `json:"balance"`
}

// PostStatement is the statement of the post whose file, slug or URL is
// key; ok is false when no post matches.
func PostStatement(in Input, o Options, key string) (*Statement, bool) {
	if in.Ledger == nil {
		in.Ledger = ledger.New(nil)
	}
	var post *Post
	for i, p := range in.Posts {
		if matches(p, key) {
			post = &in.Posts[i]
			break
		}
	}
	if post == nil {
		return nil, false
	}
	one := in
	one.Posts = []Post{*post}
	one.Comments = nil
	one.Broken = nil
	r := Compute(one, o)
	if len(r.Posts) == 0 {
		return nil, false // published after the report's date
	}
	st := &Statement{Site: r.Site, AsOf: r.AsOf, Model: r.Model, Post: r.Posts[0], Months: r.Timeline}
	var counted []ledger.Event
	var dates []time.Time
	for _, e := range in.Ledger.ForPost(post.File) {
		if !e.Withdrawn && !e.Date.After(r.AsOf) {
			counted = append(counted, e)
			dates = append(dates, e.Date)
		}
	}
	st.Moments = postMoments(in, st.Post, counted, r.AsOf)
	// One pass gives the balance at each deposit's moment, with every
	// deposit of that moment in it; the running balance right after a
	// deposit leaves out those of the same moment that come after it.
	at := in.Model.Balances(counted, dates)
	titles := make(map[string]string, len(in.Posts))
	for _, p := range in.Posts {
		titles[p.File] = p.Title
	}
	for i, e := range counted {
		w := in.Model.Weights[e.Kind]
		balance := at[i].Value
		for _, later := range counted[i+1:] {
			if !later.Date.Equal(e.Date) {
				break
			}
			balance -= in.Model.Weights[later.Kind]
		}
		st.Entries = append(st.Entries, Entry{Date: e.Date.In(r.AsOf.Location()), Kind: e.Kind.String(), Actor: e.Actor,
			ActorURL: e.ActorURL, Source: e.Where(), Note: e.Note, Points: Points(w), Balance: Points(balance)})
		if e.Kind == ledger.KindInternalLink {
			st.Entries[len(st.Entries)-1].ActorTitle = titles[e.Actor]
		}
	}
	return st, true
}

// matches reports whether key names p: its source file, its slug (the
// last part of its URL or file name) or its URL.
func matches(p Post, key string) bool {
	key = strings.TrimSpace(key)
	if key == p.File || key == p.URL || "/"+strings.Trim(key, "/")+"/" == p.URL {
		return true
	}
	slug := strings.Trim(p.URL, "/")
	if i := strings.LastIndexByte(slug, '/'); i >= 0 {
		slug = slug[i+1:]
	}
	return key == slug
}
