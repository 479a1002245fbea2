package report

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// socialBlog is a blog shaped like a social one: a post every two
// weeks for six years; a minority of posts draw comments and mentions,
// most at launch, then a trickle that fades as a power law, with a
// heavy tail of a few posts drawing far more. Into it come spikes: a
// forum finds an old post, and ten mentions arrive in two days. It is
// generated from a fixed seed, so it is the same on every run.
func socialBlog(spikes []time.Time) (Input, time.Time, []string) {
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2019, 1, 7, 9, 0, 0, 0, time.UTC)
	asOf := start.AddDate(6, 0, 0)
	poisson := func(lambda float64) int {
		l, k, p := math.Exp(-lambda), 0, 1.0
		for {
			p *= rng.Float64()
			if p <= l {
				return k
			}
			k++
		}
	}
	var posts []Post
	var events []ledger.Event
	n := 0
	deposit := func(p Post, at time.Time, kind ledger.Kind, actor, source string) {
		n++
		events = append(events, ledger.Event{Date: at, Post: p.File, Title: p.Title, Kind: kind, Actor: actor, Source: fmt.Sprint(source, n)})
	}
	readers := []string{"Grace", "Ken", "Barbara", "Linus", "Margaret", "Edsger", "Dennis", "Frances", "Alan", "Radia"}
	sites := []string{"https://lobste.rs/s/", "https://blog.example/", "https://mastodon.example/@x/", "https://news.example/"}
	for i := 0; ; i++ {
		date := start.AddDate(0, 0, 14*i)
		if date.After(asOf) {
			break
		}
		p := Post{File: fmt.Sprintf("content/posts/p%03d.md", i), Title: fmt.Sprintf("Post %d", i), URL: fmt.Sprintf("/p%03d/", i), Published: date}
		posts = append(posts, p)
		events = append(events, ledger.Event{Date: date, Post: p.File, Kind: ledger.KindPublish, Actor: "Ada", Source: p.File})
		if rng.Float64() > 0.25 {
			if rng.Float64() < 0.3 { // a stray comment, once
				deposit(p, date.AddDate(0, 0, rng.IntN(300)), ledger.KindComment, readers[rng.IntN(len(readers))], "c")
			}
			continue
		}
		// The heavy tail: a Pareto multiplier, most near 1, a few far above.
		pull := math.Min(1/math.Pow(1-rng.Float64(), 1/1.5), 8)
		for w := 0; date.AddDate(0, 0, 7*w).Before(asOf); w++ {
			lambda := pull * 1.5 / math.Pow(1+float64(w), 1.2)
			for range poisson(lambda) {
				at := date.AddDate(0, 0, 7*w).Add(time.Duration(rng.IntN(7*24)) * time.Hour)
				if !at.Before(asOf) {
					continue
				}
				if rng.Float64() < 0.6 {
					deposit(p, at, ledger.KindComment, readers[rng.IntN(len(readers))], "c")
				} else {
					deposit(p, at, ledger.KindMention, "", sites[rng.IntN(len(sites))])
				}
			}
		}
	}
	var spiked []string
	for k, at := range spikes {
		p := posts[10+20*k] // old posts, years before the spike
		spiked = append(spiked, p.File)
		for j := range 10 {
			deposit(p, at.Add(time.Duration(j)*5*time.Hour), ledger.KindMention, "news.ycombinator.com", "https://news.ycombinator.com/item?id=")
		}
	}
	return blogInput("social", posts, events), asOf, spiked
}

// TestMomentsOnSocialShape: on a blog shaped like a social one, every
// spike is found and named by its site, and moments stay rare: the
// ordinary ebb of comments and launches does not make them.
func TestMomentsOnSocialShape(t *testing.T) {
	spikes := []time.Time{time.Date(2022, 3, 14, 8, 0, 0, 0, time.UTC), time.Date(2023, 9, 4, 8, 0, 0, 0, time.UTC),
		time.Date(2024, 11, 18, 8, 0, 0, 0, time.UTC)}
	in, asOf, spiked := socialBlog(spikes)
	r := Compute(in, Options{AsOf: asOf, Since: in.Posts[0].Published})
	found := map[string]bool{}
	var other []string
	postsWith := map[string]bool{}
	all := 0
	for _, p := range in.Posts {
		st, _ := PostStatement(in, Options{AsOf: asOf}, p.File)
		for _, m := range st.Moments {
			all++
			postsWith[p.File] = true
			for k, f := range spiked {
				if f == p.File && !m.Start.After(spikes[k]) && !m.End.Before(spikes[k]) {
					found[f] = true
					if !strings.Contains(showSources(m.Sources), "10 mentions from news.ycombinator.com") {
						t.Errorf("the spike on %s reads %q", f, showSources(m.Sources))
					}
				}
			}
			if !found[p.File] {
				other = append(other, p.File+" "+momentWhen(m)+": "+showSources(m.Sources))
			}
		}
	}
	t.Logf("%d posts, %d moments on %d posts; besides the spikes:\n%s", len(in.Posts), all, len(postsWith), strings.Join(other, "\n"))
	if len(found) != len(spikes) {
		t.Errorf("found the spikes on %v; want all of %v", found, spiked)
	}
	// Besides the spikes, moments fall on at most one post in twenty,
	// and at most one noticed launch in ten is one.
	if len(other) > len(in.Posts)/20 {
		t.Errorf("%d moments besides the spikes on %d posts; want at most %d", len(other), len(in.Posts), len(in.Posts)/20)
	}
	noticed, launchMoments := len(newLaunches(in.Posts, in.Ledger.ForPost, asOf).ends), 0
	for _, o := range other {
		if strings.Contains(o, "(launch)") {
			launchMoments++
		}
	}
	t.Logf("%d noticed launches, %d of them moments", noticed, launchMoments)
	if noticed < 20 || launchMoments*10 > noticed {
		t.Errorf("%d of %d noticed launches are moments; want at most a tenth (of at least 20)", launchMoments, noticed)
	}
	// The report over the whole history lists the spikes first: they are
	// the newest moments.
	if len(r.Changes.Moments) < len(spikes) {
		t.Fatalf("the report lists %d moments; want the %d spikes at least", len(r.Changes.Moments), len(spikes))
	}
	for i, m := range r.Changes.Moments[:len(spikes)] {
		if want := spiked[len(spikes)-1-i]; m.Post != want {
			t.Errorf("moment %d of the report is on %s; want the spike on %s", i, m.Post, want)
		}
	}
}
