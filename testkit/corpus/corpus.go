package corpus

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/testkit/fastimport"
)

// Options configures Write. The zero value is not useful: set Posts.
type Options struct {
	Posts int // number of posts

	// Seed picks the corpus; the same Options always give the same bytes,
	// so benchmark runs compare like with like. 0 means 1, the script's
	// default.
	Seed int64

	// Git makes dir a git repository whose history adds each post on its
	// own date and later revises some, so per-post update history can be
	// measured. It requires the git binary.
	Git bool

	// Revisions is how many revision commits to draw when Git is set;
	// draws that would land after the history's end are dropped. Negative
	// means Posts/2, the script's default, so that 0 can mean none.
	Revisions int
}

// Write writes dir/content/posts/<slug>.md for o.Posts posts with YAML front
// matter (title, date, tags, categories, summary; about 1% drafts) and
// Markdown bodies, dated between 2017-01-01 and 2026-05-31. Posts link only
// to posts published before them, as a real archive does.
//
// With o.Git, dir becomes a git repository (branch main) built by one git
// fast-import stream, which is what makes thousands of dated commits cheap;
// the working tree is then checked out, so posts hold their revised text.
// dir should be empty or absent.
func Write(dir string, o Options) error {
	if o.Posts <= 0 {
		return fmt.Errorf("corpus: Options.Posts must be positive, got %d", o.Posts)
	}
	if o.Git {
		// Fail before spending time on generation.
		if _, err := exec.LookPath("git"); err != nil {
			return fmt.Errorf("corpus: Options.Git needs the git binary on PATH (install git, e.g. apt-get install git): %w", err)
		}
	}
	seed := o.Seed
	if seed == 0 {
		seed = 1
	}
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), pcgStream))}

	n := o.Posts
	dates := make([]int64, n)
	for i := range dates {
		dates[i] = start + int64(g.randint(0, int(span)))
	}
	slices.Sort(dates)
	slugs := make([]string, n)
	var sb []byte
	for i := range slugs {
		sb = append(sb[:0], g.word()...)
		sb = append(sb, '-')
		sb = append(sb, g.word()...)
		sb = append(sb, '-')
		sb = append(sb, g.word()...)
		sb = append(sb, '-')
		sb = strconv.AppendInt(sb, int64(i), 10)
		slugs[i] = string(sb)
	}

	postsDir := filepath.Join(dir, "content", "posts")
	if !o.Git {
		if err := os.MkdirAll(postsDir, 0o755); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	// Without git each post is written as soon as it is made, in one
	// reused buffer; with git every text is kept, because revisions
	// append to it in date order.
	var texts [][]byte
	if o.Git {
		texts = make([][]byte, n)
	}
	var buf []byte
	for i, slug := range slugs {
		buf = g.post(buf[:0], dates[i], slugs[max(0, i-maxLinked):i], slug)
		if o.Git {
			texts[i] = bytes.Clone(buf)
			continue
		}
		if err := os.WriteFile(filepath.Join(postsDir, slug+".md"), buf, 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	if !o.Git {
		return nil
	}
	revs := o.Revisions
	if revs < 0 {
		revs = n / 2
	}
	return writeGit(dir, g, slugs, dates, texts, revs)
}

const (
	// pcgStream is the second PCG seed word; any fixed value keeps Write
	// deterministic, this one only has to never change.
	pcgStream = 0x61636372756521 // "accrue!"

	// maxLinked is how far back a post may link, as in the script: the
	// last 200 posts before it.
	maxLinked = 200

	dateLayout = "2006-01-02T15:04:05Z"
)

var (
	// start and end bound the corpus so that reports made from it are
	// reproducible whatever day they run: posts fall in [start, end-30d],
	// revisions before end.
	start = time.Date(2017, 1, 1, 9, 0, 0, 0, time.UTC).Unix()
	end   = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC).Unix()
	span  = end - start - 30*24*3600
)

// words is the script's vocabulary; tags and slugs are drawn from it too,
// so changing it changes every corpus.
var words = strings.Fields(`value compound interest post blog reader comment link network community
customer partner trust idea content garden market channel story update
revision archive feed search theme build serve static host deploy write
draft publish tag series reply mention author visitor evangelist growth
time year month week day small things micro conversation listening`)

var (
	tags       = makeTags()
	categories = []string{"essays", "notes", "tutorials", "news", "reviews"}
	tlds       = []string{"com", "org", "net"}
)

// makeTags numbers the first 50 words, as the script does, so that tags
// look like taxonomy terms ("value-0") rather than plain words.
func makeTags() []string {
	t := make([]string, 50)
	for i := range t {
		t[i] = words[i] + "-" + strconv.Itoa(i)
	}
	return t
}

// langs is sorted by name, matching the script's sorted(LANGS), so the
// draw picks languages with the same weights.
var langs = []struct{ name, code string }{
	{"bash", "#!/bin/sh\nset -eu\nfor f in content/posts/*.md; do\n  wc -w \"$f\"\ndone | sort -n | tail -5\n"},
	{"go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println(\"deposit\", i)\n\t}\n}\n"},
	{"javascript", "const posts = await fetch(\"/feed.json\").then(r => r.json());\nposts.items.forEach(p => console.log(p.title));\n"},
	{"python", "def compound(p, r, n):\n    \"\"\"Value after n periods.\"\"\"\n    return p * (1 + r) ** n\n\nprint(compound(1.0, 0.05, 12))\n"},
	{"rust", "fn main() {\n    let v: Vec<u32> = (1..10).map(|x| x * x).collect();\n    println!(\"{:?}\", v);\n}\n"},
}

// gen holds the one random source every draw comes from; draws happen in
// a fixed order, which is all that makes the output deterministic.
type gen struct {
	r       *rand.Rand
	scratch []int // word indexes of the sentence being built
	tagIdx  []int // permutation scratch for drawing tags
	tagPick []string
}

// randint mirrors Python's random.randint: both ends included.
func (g *gen) randint(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *gen) word() string { return words[g.r.IntN(len(words))] }

// sentence appends n words, some emphasised, strong or code, capitalised
// and ending in a full stop.
func (g *gen) sentence(b []byte, n int) []byte {
	// All words are drawn before any decoration, as in the script.
	idx := g.scratch[:0]
	for range n {
		idx = append(idx, g.r.IntN(len(words)))
	}
	g.scratch = idx
	first := len(b)
	for k, w := range idx {
		if k > 0 {
			b = append(b, ' ')
		}
		switch x := g.r.Float64(); {
		case x < 0.03:
			b = append(append(append(b, '*'), words[w]...), '*')
		case x < 0.05:
			b = append(append(append(b, "**"...), words[w]...), "**"...)
		case x < 0.06:
			b = append(append(append(b, '`'), words[w]...), '`')
		default:
			b = append(b, words[w]...)
		}
	}
	if c := b[first]; 'a' <= c && c <= 'z' {
		b[first] = c - 'a' + 'A'
	}
	return append(b, '.')
}

// paragraph appends 3 to 7 sentences, some followed by a link to one of
// slugs or to an outside site.
func (g *gen) paragraph(b []byte, slugs []string, me string) []byte {
	for k := range g.randint(3, 7) {
		if k > 0 {
			b = append(b, ' ')
		}
		b = g.sentence(b, g.randint(8, 22))
		x := g.r.Float64()
		if x < 0.15 && len(slugs) > 0 {
			if other := slugs[g.r.IntN(len(slugs))]; other != me {
				b = append(b, " See ["...)
				for _, c := range []byte(other) {
					if c == '-' {
						c = ' '
					}
					b = append(b, c)
				}
				b = append(b, "](/posts/"...)
				b = append(b, other...)
				b = append(b, "/)."...)
			}
		} else if x < 0.22 {
			b = append(b, " More at ["...)
			b = append(b, g.word()...)
			b = append(b, "](https://example."...)
			b = append(b, tlds[g.r.IntN(len(tlds))]...)
			b = append(b, '/')
			b = append(b, g.word()...)
			b = append(b, '/')
			b = strconv.AppendInt(b, int64(g.randint(1, 999)), 10)
			b = append(b, ")."...)
		}
	}
	return b
}

// body appends an opening paragraph and 2 to 5 sections, each ending in at
// most one block construct, blocks separated by blank lines.
func (g *gen) body(b []byte, slugs []string, me string) []byte {
	b = g.paragraph(b, slugs, me)
	fn := 0
	for range g.randint(2, 5) {
		b = append(b, "\n\n## "...)
		b = g.sentence(b, g.randint(2, 5))
		b = b[:len(b)-1]
		for range g.randint(1, 3) {
			b = append(b, "\n\n"...)
			b = g.paragraph(b, slugs, me)
		}
		switch x := g.r.Float64(); {
		case x < 0.35:
			l := langs[g.r.IntN(len(langs))]
			b = append(b, "\n\n```"...)
			b = append(b, l.name...)
			b = append(b, '\n')
			b = append(b, l.code...)
			b = append(b, "```"...)
		case x < 0.5:
			b = g.list(b, "- ", g.randint(3, 6))
		case x < 0.6:
			b = g.list(b, "1. ", g.randint(2, 5))
		case x < 0.68:
			b = append(b, "\n\n> "...)
			b = g.sentence(b, g.randint(8, 22))
			b = append(b, "\n> "...)
			b = g.sentence(b, g.randint(8, 22))
		case x < 0.75:
			b = append(b, "\n\n| month | deposits | value |\n|---|---:|---:|"...)
			for m := range g.randint(3, 8) - 1 {
				b = append(b, "\n| "...)
				b = strconv.AppendInt(b, int64(m+1), 10)
				b = append(b, " | "...)
				b = strconv.AppendInt(b, int64(g.randint(0, 20)), 10)
				b = append(b, " | "...)
				b = strconv.AppendFloat(b, g.r.Float64()*100, 'f', 2, 64)
				b = append(b, " |"...)
			}
		case x < 0.82:
			fn++
			b = append(b, "\n\n"...)
			b = g.paragraph(b, slugs, me)
			b = append(b, "[^"...)
			b = strconv.AppendInt(b, int64(fn), 10)
			b = append(b, "]\n\n[^"...)
			b = strconv.AppendInt(b, int64(fn), 10)
			b = append(b, "]: "...)
			b = g.sentence(b, g.randint(8, 22))
		}
		if g.r.Float64() < 0.1 {
			b = append(b, "\n\n### "...)
			b = g.sentence(b, 3)
			b = b[:len(b)-1]
			b = append(b, "\n\n"...)
			b = g.paragraph(b, slugs, me)
		}
	}
	return append(b, '\n')
}

// list appends a block of n short items, each starting with marker.
func (g *gen) list(b []byte, marker string, n int) []byte {
	b = append(b, '\n')
	for range n {
		b = append(b, '\n')
		b = append(b, marker...)
		b = g.sentence(b, g.randint(3, 9))
	}
	return b
}

// post appends a whole post: front matter, a blank line, then the body.
func (g *gen) post(b []byte, date int64, earlier []string, slug string) []byte {
	b = append(b, "---\ntitle: \""...)
	// The title is a sentence without its full stop or inline markup, and
	// without quotes, so it needs no escaping inside YAML quotes.
	t := len(b)
	b = g.sentence(b, g.randint(3, 8))
	b = b[:len(b)-1]
	title := b[t:]
	j := 0
	for _, c := range title {
		if c != '*' && c != '`' && c != '"' {
			title[j] = c
			j++
		}
	}
	b = b[:t+j]
	b = append(b, "\"\ndate: "...)
	b = time.Unix(date, 0).UTC().AppendFormat(b, dateLayout)
	b = append(b, "\ntags: ["...)
	for k, tag := range g.sampleTags(g.randint(1, 4)) {
		if k > 0 {
			b = append(b, ", "...)
		}
		b = append(b, tag...)
	}
	b = append(b, "]\ncategories: ["...)
	b = append(b, categories[g.r.IntN(len(categories))]...)
	b = append(b, "]\nsummary: \""...)
	b = g.sentence(b, 12)
	b = append(b, "\"\n"...)
	if g.r.Float64() < 0.01 {
		b = append(b, "draft: true\n"...)
	}
	b = append(b, "---\n\n"...)
	return g.body(b, earlier, slug)
}

// sampleTags draws k distinct tags, sorted, like sorted(random.sample()).
// The result is only valid until the next call.
func (g *gen) sampleTags(k int) []string {
	if g.tagIdx == nil {
		g.tagIdx = make([]int, len(tags))
	}
	for i := range g.tagIdx {
		g.tagIdx[i] = i
	}
	g.tagPick = g.tagPick[:0]
	for i := range k {
		j := i + g.r.IntN(len(tags)-i)
		g.tagIdx[i], g.tagIdx[j] = g.tagIdx[j], g.tagIdx[i]
		g.tagPick = append(g.tagPick, tags[g.tagIdx[i]])
	}
	slices.Sort(g.tagPick)
	return g.tagPick
}

// event is one commit of the git history. Events sort by date, then adds
// before revisions, then post, like the script's tuples, so a post is
// always added before it is revised.
type event struct {
	date   int64
	revise bool
	post   int
}

func (a event) compare(b event) int {
	if c := cmp.Compare(a.date, b.date); c != 0 {
		return c
	}
	if a.revise != b.revise {
		if a.revise {
			return 1
		}
		return -1
	}
	return cmp.Compare(a.post, b.post)
}

// writeGit builds the history in one fast-import stream, which is what
// makes thousands of commits take seconds instead of minutes, then checks
// out main so the working tree holds every post's latest text.
func writeGit(dir string, g *gen, slugs []string, dates []int64, texts [][]byte, revs int) error {
	events := make([]event, 0, len(slugs)+revs)
	for i, d := range dates {
		events = append(events, event{date: d, post: i})
	}
	for range revs {
		i := g.r.IntN(len(slugs))
		later := dates[i] + int64(g.randint(1, 900))*24*3600
		if later < end { // the history stops at a fixed day, so reports are reproducible
			events = append(events, event{date: later, revise: true, post: i})
		}
	}
	slices.SortFunc(events, event.compare)

	err := fastimport.Write(dir, func(w *bufio.Writer) error {
		var hdr []byte
		for _, e := range events {
			slug := slugs[e.post]
			kind := "add "
			if e.revise {
				kind = "revise "
				t := append(texts[e.post], '\n')
				t = g.paragraph(t, nil, slug)
				texts[e.post] = append(t, '\n')
			}
			when := strconv.FormatInt(e.date, 10)
			hdr = append(hdr[:0], "commit refs/heads/main\nauthor "...)
			hdr = append(hdr, gitIdent...)
			hdr = append(hdr, ' ')
			hdr = append(hdr, when...)
			hdr = append(hdr, " +0000\ncommitter "...)
			hdr = append(hdr, gitIdent...)
			hdr = append(hdr, ' ')
			hdr = append(hdr, when...)
			hdr = append(hdr, " +0000\ndata "...)
			hdr = strconv.AppendInt(hdr, int64(len(kind)+len(slug)), 10)
			hdr = append(hdr, '\n')
			hdr = append(hdr, kind...)
			hdr = append(hdr, slug...)
			hdr = append(hdr, "\nM 100644 inline content/posts/"...)
			hdr = append(hdr, slug...)
			hdr = append(hdr, ".md\ndata "...)
			hdr = strconv.AppendInt(hdr, int64(len(texts[e.post])), 10)
			hdr = append(hdr, '\n')
			w.Write(hdr)
			w.Write(texts[e.post])
			if _, err := w.WriteString("\n"); err != nil {
				return err // fast-import stopped reading; Write reports why
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// gitIdent is the one author of the whole history; fixed, like the dates,
// so the same Options give the same commit hashes.
const gitIdent = "Author <author@example.com>"
