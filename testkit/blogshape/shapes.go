package blogshape

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// schedule draws n publication days between start and end, leaving the
// last month free, oldest first.
func (g *gen) schedule(n int, start, end time.Time) []time.Time {
	days := int(end.Sub(start).Hours()/24) - 30
	out := make([]time.Time, n)
	for i := range out {
		out[i] = g.day(start, g.r.IntN(days))
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// publish schedules p's first commit.
func (g *gen) publish(p *post) {
	g.posts = append(g.posts, p)
	g.at(p.Published, func() (string, []file) {
		p.exists = true
		return "add " + p.title, []file{g.write(p)}
	})
}

// linkEarlier links p to up to n of the posts published before it.
func (g *gen) linkEarlier(p *post, earlier []*post, n int, href func(to *post) string) {
	for range n {
		if len(earlier) == 0 {
			return
		}
		to := earlier[g.r.IntN(len(earlier))]
		if slices.ContainsFunc(p.links, func(l link) bool { return l.to == to }) {
			continue
		}
		p.links = append(p.links, link{to: to, href: href(to)})
		to.LinkedFrom++
	}
}

// reviseSoon schedules 1 to max revisions within a year of publication.
func (g *gen) reviseSoon(p *post, max int) {
	for range 1 + g.r.IntN(max) {
		if d := g.day(p.Published, 1+g.r.IntN(365)); d.Before(g.end) {
			g.revision(p, d)
		}
	}
}

// together schedules a commit at d that revises each of ps its own way:
// several revisions, no shared edit.
func (g *gen) together(d time.Time, subject string, ps ...*post) {
	for _, p := range ps {
		p.Revisions = append(p.Revisions, d)
	}
	g.at(d, func() (string, []file) {
		var files []file
		for _, p := range ps {
			g.revise(p)
			files = append(files, g.write(p))
		}
		return subject, files
	})
}

// til draws a "today I learned" blog: no front matter, notes in topic
// folders, links written with the blog's own address.
func (g *gen) til() {
	g.base = "https://til.example.org/"
	g.config = "title = \"Today I learned\"\nbase_url = \"https://til.example.org/\"\n"
	start, end := date(2020, 1, 1), date(2025, 1, 1)
	g.end = end
	topics := []string{"git", "go", "python", "sql", "bash", "docker", "css", "js"}
	taken := map[string]bool{}
	own := []func(*post) string{
		func(to *post) string { return "https://til.example.org" + to.URL },
		func(to *post) string { return "http://til.example.org" + strings.TrimSuffix(to.URL, "/") },
		func(to *post) string { return "https://www.til.example.org" + to.URL },
	}
	var revised []*post
	for i, d := range g.schedule(150, start, end) {
		topic := topics[g.r.IntN(len(topics))]
		title, slug := g.title(taken)
		p := &post{Post: Post{File: "content/posts/" + topic + "/" + slug + ".md", URL: "/posts/" + topic + "/" + slug + "/", Published: d},
			title: title, paras: []string{g.paragraph()}}
		if g.r.IntN(10) < 4 {
			g.linkEarlier(p, g.posts, 1+g.r.IntN(2), func(to *post) string { return own[g.r.IntN(len(own))](to) })
		}
		g.publish(p)
		switch x := g.r.IntN(100); {
		case i%20 == 3 && i < 100:
			// A note kept for years: revised every few months.
			for d := g.day(p.Published, 60); d.Before(end.AddDate(0, -1, 0)); d = g.day(d, 90+g.r.IntN(120)) {
				g.revision(p, d)
			}
			revised = append(revised, p)
		case i == 40:
			g.readd(p)
		case x < 50:
			// never revised
		default:
			g.reviseSoon(p, 3)
			revised = append(revised, p)
		}
	}
	// A few commits revise two or three notes at once, each its own way.
	for k := range 6 {
		var ps []*post
		for _, i := range g.r.Perm(len(revised))[:2+k%2] {
			ps = append(ps, revised[i])
		}
		d := ps[0].Published
		for _, p := range ps {
			if p.Published.After(d) {
				d = p.Published
			}
		}
		if d = g.day(d, 10+g.r.IntN(200)); d.Before(end) {
			g.together(d, fmt.Sprintf("notes: tidy %d notes", len(ps)), ps...)
		}
	}
}

// readd deletes p five months after its publication and adds it back,
// rewritten, a year later.
func (g *gen) readd(p *post) {
	gone, back := g.day(p.Published, 150), g.day(p.Published, 500)
	if !back.Before(g.end) {
		return
	}
	p.Readded = true
	p.Revisions = append(p.Revisions, back)
	g.at(gone, func() (string, []file) {
		p.exists = false
		return "remove " + p.title + " for now", []file{{p.File, nil}}
	})
	g.at(back, func() (string, []file) {
		p.exists = true
		g.revise(p)
		return "bring back " + p.title, []file{g.write(p)}
	})
}

// news draws a long-lived blog with front matter, sweeps and mechanical
// commits.
func (g *gen) news() {
	g.base = "https://news.example.org/"
	g.config = "title = \"The News\"\nbase_url = \"https://news.example.org/\"\n"
	start, end := date(2008, 1, 1), date(2025, 1, 1)
	g.end = end
	taken := map[string]bool{}
	var revised []*post
	for _, d := range g.schedule(150, start, end) {
		title, slug := g.title(taken)
		p := &post{Post: Post{File: "content/posts/" + slug + ".md", URL: "/posts/" + slug + "/", Published: d},
			title: title, front: true, paras: []string{g.paragraph(), g.paragraph()}}
		if g.r.IntN(2) == 0 {
			g.linkEarlier(p, g.posts, 1+g.r.IntN(2), func(*post) string { return "" })
		}
		if d.After(date(2012, 6, 1)) {
			p.extra = append(p.extra, "layout: post")
		}
		g.publish(p)
		if g.r.IntN(10) < 4 {
			g.reviseSoon(p, 3)
			revised = append(revised, p)
		}
	}
	for k := range 5 {
		i := g.r.IntN(len(revised) - 3)
		ps := revised[i : i+2+k%2]
		if d := g.day(ps[len(ps)-1].Published, 20+g.r.IntN(300)); d.Before(end) {
			g.together(d, fmt.Sprintf("fix typos in %d posts", len(ps)), ps...)
		}
	}

	// Sweeps: every post's front matter at once.
	g.sweep(g.day(date(2012, 6, 1), 0), "add layout to every post's front matter", func(p *post) bool {
		if slices.Contains(p.extra, "layout: post") {
			return false
		}
		p.extra = append(p.extra, "layout: post")
		return true
	})
	g.sweep(g.day(date(2019, 3, 1), 0), "switch posts to the article layout", func(p *post) bool {
		i := slices.Index(p.extra, "layout: post")
		if i < 0 {
			return false
		}
		p.extra[i] = "layout: article"
		return true
	})
	// Mechanical commits: the same one-line edit to 10 to 16 posts.
	domain := func(p *post) bool {
		if p.abs || !slices.ContainsFunc(p.links, func(l link) bool { return l.href == "" }) {
			return false
		}
		p.abs = true
		return true
	}
	g.mechanical(g.day(date(2016, 5, 10), 0), "Add domain (site variable) to local links in posts", domain)
	g.mechanical(g.day(date(2016, 5, 11), 0), "Add domain (site variable) to local links in more posts", domain)
	g.mechanical(g.day(date(2021, 2, 2), 0), "Add domain (site variable) to local links in new posts", domain)
	g.mechanical(g.day(date(2020, 9, 1), 0), "Turn comments off on old posts", func(p *post) bool {
		if slices.Contains(p.extra, "comments: false") {
			return false
		}
		p.extra = append(p.extra, "comments: false")
		return true
	})
}

// sweep schedules a commit at d that changes every post edit accepts.
func (g *gen) sweep(d time.Time, subject string, edit func(*post) bool) {
	g.at(d, func() (string, []file) {
		var files []file
		for _, p := range g.posts {
			if p.exists && edit(p) {
				files = append(files, g.write(p))
			}
		}
		g.sweeps = append(g.sweeps, Commit{Subject: subject, Date: d, Posts: len(files)})
		return subject, files
	})
}

// mechanical schedules a commit at d that makes one edit to 10 to 16 of
// the posts that edit accepts, oldest first.
func (g *gen) mechanical(d time.Time, subject string, edit func(*post) bool) {
	n := 10 + g.r.IntN(7)
	g.at(d, func() (string, []file) {
		var files []file
		for _, p := range g.posts {
			if len(files) == n {
				break
			}
			if p.exists && edit(p) {
				files = append(files, g.write(p))
			}
		}
		if len(files) > 0 {
			g.mech = append(g.mech, Commit{Subject: subject, Date: d, Posts: len(files)})
		}
		return subject, files
	})
}

// participant is someone who comments on or mentions posts for a while.
type participant struct {
	name, url   string
	from, until time.Time
	weight      float64
}

// social draws a blog whose readers answer: comments and mentions for a
// minority of posts, a few of which get most of them, some for years.
func (g *gen) social() {
	g.base = "https://social.example.org/"
	g.config = "title = \"Social\"\nbase_url = \"https://social.example.org/\"\nauthor = \"Ada Blogger\"\n"
	start, end := date(2019, 1, 1), date(2025, 1, 1)
	g.end = end
	taken := map[string]bool{}
	for _, d := range g.schedule(120, start, end) {
		title, slug := g.title(taken)
		p := &post{Post: Post{File: "content/posts/" + slug + ".md", URL: "/posts/" + slug + "/", Published: d},
			title: title, front: true, paras: []string{g.paragraph(), g.paragraph()}}
		if g.r.IntN(10) < 3 {
			g.linkEarlier(p, g.posts, 1, func(*post) string { return "" })
		}
		g.publish(p)
		if g.r.IntN(2) == 0 {
			g.reviseSoon(p, 2)
		}
	}

	people := make([]participant, 60)
	for i := range people {
		from := g.day(start, g.r.IntN(5*365))
		until := end
		if g.r.IntN(3) == 0 { // one in three stops after a while
			until = g.day(from, 120+g.r.IntN(700))
		}
		people[i] = participant{name: fmt.Sprintf("Reader %d", i+1), url: fmt.Sprintf("https://reader%d.example.net/", i+1),
			from: from, until: until, weight: pareto(g.r.Float64(), 1.2)}
	}

	// A quarter of the posts are ever answered; their shares are
	// heavy-tailed, and a third of them keep being answered for years
	// rather than in the weeks after publication.
	type answered struct {
		p         *post
		weight    float64
		longLived bool
	}
	var as []answered
	total := 0.0
	for _, i := range g.r.Perm(len(g.posts))[:len(g.posts)/4] {
		a := answered{p: g.posts[i], weight: pareto(g.r.Float64(), 1.1), longLived: g.r.IntN(3) == 0}
		as = append(as, a)
		total += a.weight
	}
	for n := 0; n < 700; n++ {
		x, k := g.r.Float64()*total, 0
		for k < len(as)-1 && x >= as[k].weight {
			x -= as[k].weight
			k++
		}
		a := as[k]
		var d time.Time
		if a.longLived {
			d = g.day(a.p.Published, 1+g.r.IntN(int(end.Sub(a.p.Published).Hours()/24)))
		} else {
			d = a.p.Published.Add(time.Duration(g.r.ExpFloat64()*20*24) * time.Hour)
		}
		if !d.Before(end) || !d.After(a.p.Published) {
			continue
		}
		who := g.pick(people, d)
		if who == nil {
			continue
		}
		g.interaction(a.p, who, d, n)
	}
}

// pareto draws from a Pareto distribution with minimum 1 and shape alpha,
// given u uniform in [0, 1).
func pareto(u, alpha float64) float64 { return math.Pow(1-u, -1/alpha) }

// pick draws a participant active on d, by weight; nil if none is.
func (g *gen) pick(people []participant, d time.Time) *participant {
	total := 0.0
	for _, p := range people {
		if !d.Before(p.from) && d.Before(p.until) {
			total += p.weight
		}
	}
	if total == 0 {
		return nil
	}
	x := g.r.Float64() * total
	for i := range people {
		p := &people[i]
		if d.Before(p.from) || !d.Before(p.until) {
			continue
		}
		if x < p.weight {
			return p
		}
		x -= p.weight
	}
	return nil
}

// interaction schedules a comment or a mention of p by who at d, written
// as accrue collect writes them.
func (g *gen) interaction(p *post, who *participant, d time.Time, n int) {
	folder := strings.TrimSuffix(p.File, ".md")
	stamp := d.UTC().Format("20060102T150405Z")
	when := d.UTC().Format(time.RFC3339)
	if g.r.IntN(2) == 0 {
		p.Comments = append(p.Comments, d)
		id := fmt.Sprintf("c%d", n)
		text := fmt.Sprintf("---\nid: %s\nauthor: %s\nauthor_url: %s\ndate: %s\nstatus: approved\n---\n%s\n",
			id, who.name, who.url, when, g.sentence())
		g.collect(d, file{folder + "/comments/" + stamp + "-" + id + ".md", []byte(text)})
		return
	}
	p.Mentions = append(p.Mentions, d)
	id := fmt.Sprintf("m%d", n)
	kind := []string{"mention", "reply", "like", "repost"}[g.r.IntN(4)]
	text := fmt.Sprintf("source: %snotes/%d\ntarget: %s\ntype: %s\nauthor:\n  name: %s\n  url: %s\npublished: %s\nreceived: %s\nstatus: approved\n",
		who.url, n, strings.TrimSuffix(g.base, "/")+p.URL, kind, who.name, who.url, when, when)
	g.collect(d, file{folder + "/mentions/" + stamp + "-" + id + ".yaml", []byte(text)})
}

// collect adds f, an answer that arrived at d, to the commit of the
// weekly run of accrue collect that finds it: Sunday after d, or the end
// of the history.
func (g *gen) collect(d time.Time, f file) {
	run := d.Truncate(24*time.Hour).AddDate(0, 0, 7-int(d.Weekday())).Add(6 * time.Hour)
	if !run.Before(g.end) {
		run = g.end.Add(-time.Hour)
	}
	if g.runs == nil {
		g.runs = map[time.Time]*[]file{}
	}
	files, ok := g.runs[run]
	if !ok {
		files = new([]file)
		g.runs[run] = files
		g.at(run, func() (string, []file) {
			return fmt.Sprintf("collect: %d new replies", len(*files)), *files
		})
	}
	*files = append(*files, f)
}
