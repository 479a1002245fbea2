package blogshape

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/testkit/fastimport"
)

// Shape is the kind of blog Write makes.
type Shape int

const (
	TIL    Shape = iota // notes without front matter, dated by git
	News                // front matter, sweeps and mechanical commits
	Social              // comments and mentions, heavy-tailed
)

var shapeNames = [...]string{"til", "news", "social"}

func (s Shape) String() string {
	if s < 0 || int(s) >= len(shapeNames) {
		return "Shape(" + strconv.Itoa(int(s)) + ")"
	}
	return shapeNames[s]
}

// Shapes lists every shape.
func Shapes() []Shape { return []Shape{TIL, News, Social} }

// Options say which blog to write. The zero value writes the TIL shape
// with seed 1.
type Options struct {
	Shape Shape
	Seed  uint64 // 0 means 1
}

// Blog is what Write made: the truth a report is compared with.
type Blog struct {
	Shape   Shape
	BaseURL string
	// End is the first instant after the whole history: a report as of
	// End sees every commit.
	End time.Time
	// Posts are the published posts, sorted by File.
	Posts []Post
	// Sweeps are the commits that touched at least 30 posts; Mechanical
	// those that made the same small edit to 10 to 16 posts. Both are
	// maintenance, no post's revision. Oldest first.
	Sweeps, Mechanical []Commit
	Commits            int // every commit of the history
}

// Post is one post and what happened to it.
type Post struct {
	File      string    // slash path from the site's folder
	URL       string    // site path, such as /posts/git/rebase/
	Published time.Time // its first commit (TIL) or its front matter date
	// Revisions are the commits that changed what the post says, oldest
	// first: neither sweeps nor mechanical edits.
	Revisions []time.Time
	Readded   bool // deleted and added back later, rewritten
	// Comments and Mentions are the dates of others' comments and
	// mentions, oldest first.
	Comments, Mentions []time.Time
	// LinkedFrom counts the later posts that link to it.
	LinkedFrom int
}

// Commit is a commit that is maintenance.
type Commit struct {
	Subject string
	Date    time.Time
	Posts   int // posts it changed
}

// Write writes a blog of the shape o names into dir, which should be
// empty or absent, as a git repository on branch main with its work tree
// checked out. It needs the git binary.
func Write(dir string, o Options) (*Blog, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("blogshape: git is not installed (apt-get install git): %w", err)
	}
	seed := o.Seed
	if seed == 0 {
		seed = 1
	}
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(o.Shape)+1)), shape: o.Shape}
	switch o.Shape {
	case TIL:
		g.til()
	case News:
		g.news()
	case Social:
		g.social()
	default:
		return nil, fmt.Errorf("blogshape: unknown shape %d", int(o.Shape))
	}
	commits := g.play()
	if err := writeGit(dir, commits); err != nil {
		return nil, err
	}
	return g.blog(len(commits)), nil
}

// gen draws a blog: first a schedule of dated events, then, played in
// date order, the commits they make.
type gen struct {
	r      *rand.Rand
	shape  Shape
	base   string // the blog's address, ending in "/"
	end    time.Time
	config string // accrue.toml

	posts  []*post
	events []event
	sweeps []Commit
	mech   []Commit
	seq    int // events drawn, to keep the order of equal dates

	runs map[time.Time]*[]file // the files each weekly collect commits
}

// post is a post's state while the history is played.
type post struct {
	Post
	title  string
	front  bool     // YAML front matter
	extra  []string // front matter lines added by maintenance, in order
	paras  []string
	links  []link
	abs    bool // local links written with the blog's domain
	exists bool
}

// link is a link to an earlier post, written as href says or, for a
// site path, with the domain once the post's links are absolute.
type link struct {
	to   *post
	href string // "" for the target's site path
}

// event is one thing that happens on a date; apply returns the files it
// changes (nil data deletes a file) and the commit's subject.
type event struct {
	date  time.Time
	seq   int
	apply func() (subject string, files []file)
}

type file struct {
	path string
	data []byte // nil deletes the file
}

func (g *gen) at(date time.Time, apply func() (string, []file)) {
	g.seq++
	g.events = append(g.events, event{date: date, seq: g.seq, apply: apply})
}

// play applies the events in date order and returns the commits.
func (g *gen) play() []commit {
	slices.SortStableFunc(g.events, func(a, b event) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	commits := []commit{{date: g.events[0].date.Add(-time.Hour), subject: "start the blog",
		files: []file{{"accrue.toml", []byte(g.config)}}}}
	for _, e := range g.events {
		subject, files := e.apply()
		if len(files) == 0 {
			continue
		}
		commits = append(commits, commit{date: e.date, subject: subject, files: files})
	}
	return commits
}

func (g *gen) blog(commits int) *Blog {
	b := &Blog{Shape: g.shape, BaseURL: g.base, End: g.end, Sweeps: g.sweeps, Mechanical: g.mech, Commits: commits}
	for _, p := range g.posts {
		if p.exists {
			slices.SortFunc(p.Revisions, time.Time.Compare)
			b.Posts = append(b.Posts, p.Post)
		}
	}
	slices.SortFunc(b.Posts, func(a, b Post) int { return strings.Compare(a.File, b.File) })
	return b
}

// render writes the post's file as it stands.
func (p *post) render(base string) []byte {
	var b bytes.Buffer
	if p.front {
		fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\n", p.title, p.Published.UTC().Format(time.RFC3339))
		for _, l := range p.extra {
			b.WriteString(l + "\n")
		}
		b.WriteString("---\n\n")
	} else {
		fmt.Fprintf(&b, "# %s\n\n", p.title)
	}
	b.WriteString(strings.Join(p.paras, "\n\n"))
	b.WriteString("\n")
	for _, l := range p.links {
		href := l.href
		if href == "" {
			href = l.to.URL
			if p.abs {
				href = strings.TrimSuffix(base, "/") + href
			}
		}
		fmt.Fprintf(&b, "\nSee also [%s](%s).\n", l.to.title, href)
	}
	return b.Bytes()
}

func (g *gen) write(p *post) file { return file{p.File, p.render(g.base)} }

// Words, for text that reads like prose and differs from post to post.
var words = strings.Fields(`account balance branch cache commit compound config deposit
	diff editor feed folder garden git interest ledger link merge note offset paragraph
	patch query rebase render reply sample schema search server shell slice sparkline
	statement stream syntax table template thread timer token update value version
	window worker yield archive budget canvas cursor docker embed filter graph header
	index kernel layout macro module packet pipeline plugin queue router socket vector`)

func (g *gen) word() string { return words[g.r.IntN(len(words))] }

func (g *gen) sentence() string {
	n := 6 + g.r.IntN(10)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph() string {
	n := 2 + g.r.IntN(4)
	ss := make([]string, n)
	for i := range ss {
		ss[i] = g.sentence()
	}
	return strings.Join(ss, " ")
}

// title draws a title no other post has.
func (g *gen) title(taken map[string]bool) (title, slug string) {
	for {
		a, b := g.word(), g.word()
		if a == b {
			continue
		}
		title = strings.ToUpper(a[:1]) + a[1:] + " and " + b
		slug = a + "-and-" + b
		if !taken[slug] {
			taken[slug] = true
			return title, slug
		}
	}
}

// day returns a time on the day d days after start, at a drawn hour.
func (g *gen) day(start time.Time, d int) time.Time {
	return start.AddDate(0, 0, d).Add(time.Duration(8+g.r.IntN(12))*time.Hour + time.Duration(g.r.IntN(60))*time.Minute)
}

// revise changes what a post says: a new paragraph, or a sentence of one
// rewritten.
func (g *gen) revise(p *post) {
	if len(p.paras) > 1 && g.r.IntN(2) == 0 {
		i := g.r.IntN(len(p.paras))
		p.paras[i] = g.sentence() + " " + p.paras[i]
		return
	}
	p.paras = append(p.paras, g.paragraph())
}

// revision schedules a revision of p alone at date.
func (g *gen) revision(p *post, date time.Time) {
	p.Revisions = append(p.Revisions, date)
	g.at(date, func() (string, []file) {
		g.revise(p)
		return "update " + p.title, []file{g.write(p)}
	})
}

// commit is one commit of the history.
type commit struct {
	date    time.Time
	subject string
	files   []file
}

// writeGit writes the commits with one git fast-import stream, then
// checks out main.
func writeGit(dir string, commits []commit) error {
	err := fastimport.Write(dir, func(w *bufio.Writer) error {
		for _, c := range commits {
			when := strconv.FormatInt(c.date.Unix(), 10) + " +0000"
			// Writes to a bufio.Writer fail only once the pipe does;
			// fastimport.Write reports that when it flushes.
			fmt.Fprintf(w, "commit refs/heads/main\nauthor %s %s\ncommitter %s %s\ndata %d\n%s\n",
				ident, when, ident, when, len(c.subject), c.subject)
			for _, f := range c.files {
				if f.data == nil {
					fmt.Fprintf(w, "D %s\n", f.path)
					continue
				}
				fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n", f.path, len(f.data))
				w.Write(f.data)
				w.WriteString("\n")
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("blogshape: %w", err)
	}
	return nil
}

// ident is the one committer of the history, so the same Options give
// the same hashes.
const ident = "Ada Blogger <ada@example.org>"
