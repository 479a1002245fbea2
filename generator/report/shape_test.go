package report

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// The shape tests run the report on histories shaped like real blogs and
// assert on what a blogger would read: how many posts compound, whether
// age alone buys a place among the most valuable, whether a quiet post's
// sparkline looks quiet. The histories are made here, deterministically,
// from a seed: the ledger is pure, so they need no repository.

// shapeAsOf is the date every shape is read at.
var shapeAsOf = time.Date(2026, 6, 30, 23, 59, 59, 0, time.UTC)

// blog builds a report input one post at a time.
type blog struct {
	rng    *rand.Rand
	posts  []Post
	events []ledger.Event
	// inbound counts the links each post received, for preferential
	// attachment: links to posts go mostly to posts already linked to, the
	// power law Leskovec et al. (2007) observed.
	inbound []int
}

func newBlog(seed uint64) *blog { return &blog{rng: rand.New(rand.NewPCG(seed, 1))} }

func (b *blog) add(kind ledger.Kind, post int, at time.Time, actor string) {
	if at.After(shapeAsOf) {
		return
	}
	b.events = append(b.events, ledger.Event{Date: at, Post: b.posts[post].File, Kind: kind, Actor: actor,
		Source: fmt.Sprintf("%s-%d", kind, len(b.events))})
}

// publish adds a post at t and has it link to up to links earlier posts,
// chosen in proportion to 1 + the links they already have.
func (b *blog) publish(t time.Time, links int) int {
	i := len(b.posts)
	file := fmt.Sprintf("content/posts/p%04d.md", i)
	b.posts = append(b.posts, Post{File: file, Title: fmt.Sprintf("Post %d", i), URL: fmt.Sprintf("/posts/p%04d/", i), Published: t})
	b.inbound = append(b.inbound, 0)
	b.add(ledger.KindPublish, i, t, "author")
	for range links {
		if i == 0 {
			break
		}
		total := 0
		for _, n := range b.inbound[:i] {
			total += 1 + n
		}
		pick := b.rng.IntN(total)
		for j, n := range b.inbound[:i] {
			if pick -= 1 + n; pick < 0 {
				b.inbound[j]++
				b.add(ledger.KindInternalLink, j, t, file)
				break
			}
		}
	}
	return i
}

// plus returns t plus m mean months.
func plus(t time.Time, m float64) time.Time {
	return t.Add(time.Duration(m * 365.2425 / 12 * 24 * float64(time.Hour)))
}

func (b *blog) input(m ledger.Model) Input {
	in := blogInput("shape", b.posts, b.events)
	in.Model = m
	return in
}

// tilShape is a today-I-learned blog kept in git without front matter or
// comments: 400 notes over six years, most never revised (at least 40%),
// a few revised for years; a note links to one or two earlier ones on
// average.
func tilShape() *blog {
	b := newBlog(7)
	start := shapeAsOf.AddDate(-6, 0, 0)
	for i := range 400 {
		t := plus(start, float64(i)*72/400+b.rng.Float64()*0.1)
		p := b.publish(t, b.rng.IntN(4))
		switch r := b.rng.Float64(); {
		case r < 0.55: // never revised
		case r < 0.93: // a fix or two in the first weeks
			for range 1 + b.rng.IntN(2) {
				b.add(ledger.KindUpdate, p, t.Add(time.Duration(1+b.rng.IntN(30))*24*time.Hour), "author")
			}
		default: // tended for years
			for at := plus(t, 2+b.rng.Float64()*4); at.Before(shapeAsOf); at = plus(at, 3+b.rng.Float64()*6) {
				b.add(ledger.KindUpdate, p, at, "author")
			}
		}
	}
	return b
}

// newsShape is a news blog since 2001: 500 posts, a mention or pingback at
// launch for some, rare updates, and links from later posts.
func newsShape() *blog {
	b := newBlog(11)
	start := time.Date(2001, 3, 1, 0, 0, 0, 0, time.UTC)
	span := ledger.Months(start, shapeAsOf)
	for i := range 500 {
		t := plus(start, float64(i)*span/500)
		p := b.publish(t, b.rng.IntN(2))
		if b.rng.Float64() < 0.3 {
			b.add(ledger.KindPingback, p, t.Add(48*time.Hour), "news.example")
		}
		if b.rng.Float64() < 0.1 {
			b.add(ledger.KindUpdate, p, plus(t, b.rng.Float64()*12), "author")
		}
	}
	return b
}

// socialShape is a blog with readers: 240 posts over eight years, a burst
// of comments at launch for most, and for a minority, heavy-tailed,
// comments and mentions that keep arriving for years.
func socialShape() *blog {
	b := newBlog(3)
	start := shapeAsOf.AddDate(-8, 0, 0)
	for i := range 240 {
		t := plus(start, float64(i)*96/240)
		p := b.publish(t, b.rng.IntN(2))
		for range b.rng.IntN(6) {
			b.add(ledger.KindComment, p, t.Add(time.Duration(1+b.rng.IntN(14*24))*time.Hour), "reader")
		}
		if b.rng.Float64() < 0.15 { // the posts people keep finding
			rate := math.Pow(2, 3*b.rng.Float64()) / 12 // from 1 to 8 deposits a year
			for at := plus(t, 3+b.rng.ExpFloat64()/rate); at.Before(shapeAsOf); at = plus(at, b.rng.ExpFloat64()/rate) {
				kind := ledger.KindComment
				if b.rng.Float64() < 0.3 {
					kind = ledger.KindMention
				}
				b.add(kind, p, at, "reader")
			}
		}
	}
	return b
}

func TestShapes(t *testing.T) {
	for _, tt := range []struct {
		name string
		blog *blog
		// others is whether others keep depositing on some posts: links
		// from later notes on the TIL blog, readers on the social one.
		others bool
	}{
		{"til", tilShape(), true},
		{"news", newsShape(), false},
		{"social", socialShape(), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Compute(tt.blog.input(ledger.DefaultModel()), Options{AsOf: shapeAsOf})
			s := r.Summary
			t.Logf("%d posts: %v; top 10%% hold %.1f%%, interest %.1f%% of value", s.Posts, s.Classes, 100*float64(s.TopTenthShare), 100*float64(s.Interest/s.Value))

			// Compounding is the minority HubSpot finds (about 1 in 10),
			// not nobody and not everybody.
			if share := float64(s.Classes["compounding"]) / float64(s.Posts); tt.others && (share < 0.03 || share > 0.25) || share > 0.25 {
				t.Errorf("compounding share %.3f; want between 0.03 and 0.25", share)
			}
			// Dormant means nothing for a long time, not most of the blog.
			if share := float64(s.Classes["dormant"]) / float64(s.Posts); share > 0.9 {
				t.Errorf("dormant share %.3f; want at most 0.9", share)
			}
			// Age alone never buys a place in the top decile: no post there
			// went five years without a deposit...
			top := r.Posts[:(len(r.Posts)+9)/10]
			for _, p := range top {
				if p.LastDeposit.Before(shapeAsOf.AddDate(-5, 0, 0)) {
					t.Errorf("%s, published %s, last deposit %s, is in the top decile on age alone", p.File,
						p.Published.Format("2006-01"), p.LastDeposit.Format("2006-01"))
				}
			}
			// ...and of two posts that received nothing but their
			// publication, the older is never worth more once the activity
			// window of its publication closed.
			var lone []PostRow
			for _, p := range r.Posts {
				if len(p.Deposits) == 1 && p.Deposits["publish"] == 1 && p.AgeDays > 185 {
					lone = append(lone, p)
				}
			}
			slices.SortFunc(lone, func(a, b PostRow) int { return cmp.Compare(a.AgeDays, b.AgeDays) })
			for i := 1; i < len(lone); i++ {
				if lone[i].Value > lone[i-1].Value {
					t.Errorf("%s (%d days) is worth %v, more than %s (%d days), %v", lone[i].File, lone[i].AgeDays, lone[i].Value,
						lone[i-1].File, lone[i-1].AgeDays, lone[i-1].Value)
				}
			}
			// A dormant post's sparkline is flat at the bottom; a
			// compounding one's is not.
			var dormant, compounding *PostRow
			for i, p := range r.Posts {
				switch {
				case p.Class == "dormant" && dormant == nil:
					dormant = &r.Posts[i]
				case p.Class == "compounding" && compounding == nil:
					compounding = &r.Posts[i]
				}
			}
			if compounding == nil && !tt.others {
				for i, p := range r.Posts { // a young post stands for a thriving one
					if p.Class == "new" {
						compounding = &r.Posts[i]
						break
					}
				}
			}
			if dormant == nil || compounding == nil {
				t.Fatalf("no dormant or no living post to compare")
			}
			scale := float64(flowTop(r.Posts))
			d, c := SparklineScaled(floats(dormant.Flow), scale), SparklineScaled(floats(compounding.Flow), scale)
			if d != strings.Repeat("▁", sparkMonths) || c == d {
				t.Errorf("sparklines: dormant %s %s, compounding %s %s", dormant.File, d, compounding.File, c)
			}
		})
	}
}

// TestShapeSavingsRanksByAge is the contrast: on the news blog the savings
// account fills the top decile with old posts that received nothing for
// years, which the activity model does not.
func TestShapeSavingsRanksByAge(t *testing.T) {
	b := newsShape()
	old := func(m ledger.Model) int {
		r := Compute(b.input(m), Options{AsOf: shapeAsOf})
		n := 0
		for _, p := range r.Posts[:(len(r.Posts)+9)/10] {
			if p.LastDeposit.Before(shapeAsOf.AddDate(-10, 0, 0)) {
				n++
			}
		}
		return n
	}
	if s, a := old(ledger.SavingsModel()), old(ledger.DefaultModel()); s < 25 || a != 0 {
		t.Errorf("top-decile posts untouched for 10 years: savings %d, activity %d; want at least 25, and 0", s, a)
	}
}

// TestShapeDistribution checks the shape line against the rows: the
// shares add up, and a few posts hold half of a heavy-tailed blog.
func TestShapeDistribution(t *testing.T) {
	r := Compute(socialShape().input(ledger.DefaultModel()), Options{AsOf: shapeAsOf})
	s := r.Summary
	values := make([]float64, len(r.Posts))
	for i, p := range r.Posts {
		values[i] = float64(p.Value)
	}
	if !slices.IsSortedFunc(values, func(a, b float64) int { return cmp.Compare(b, a) }) {
		t.Fatal("posts are not by value, highest first")
	}
	var half float64
	for _, v := range values[:s.HalfValuePosts] {
		half += v
	}
	if half < float64(s.Value)/2 || half-values[s.HalfValuePosts-1] >= float64(s.Value)/2 {
		t.Errorf("%d posts hold %v of %v: not the fewest that hold half", s.HalfValuePosts, half, s.Value)
	}
	if len(s.Shape) != 4 || s.Shape[1].Posts != 0.1 || s.Shape[1].Value != s.TopTenthShare {
		t.Errorf("shape %+v, top tenth %v", s.Shape, s.TopTenthShare)
	}
	for i := 1; i < len(s.Shape); i++ {
		if s.Shape[i].Value < s.Shape[i-1].Value {
			t.Errorf("shape %+v is not cumulative", s.Shape)
		}
	}
	if s.HalfValuePosts > s.Posts/4 {
		t.Errorf("%d of %d posts hold half the value; a heavy tail concentrates it", s.HalfValuePosts, s.Posts)
	}
	if n := s.Classes["compounding"]; s.CompoundingOneIn != int(math.Round(float64(s.Posts)/float64(n))) {
		t.Errorf("1 in %d compounds; %d of %d posts do", s.CompoundingOneIn, n, s.Posts)
	}
}
