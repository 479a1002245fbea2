package corpus

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/testkit/fastimport"
	"github.com/accruehq/accrue/testkit/gittest"
)

// readPosts returns every file under dir/content/posts by name.
func readPosts(t *testing.T, dir string) map[string]string {
	t.Helper()
	postsDir := filepath.Join(dir, "content", "posts")
	entries, err := os.ReadDir(postsDir)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(postsDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func write(t *testing.T, o Options) string {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, o); err != nil {
		t.Fatalf("Write(%+v): %v", o, err)
	}
	return dir
}

func TestWriteIsDeterministic(t *testing.T) {
	t.Parallel()
	a := readPosts(t, write(t, Options{Posts: 300, Seed: 7}))
	b := readPosts(t, write(t, Options{Posts: 300, Seed: 7}))
	if !maps.Equal(a, b) {
		t.Error("two Writes with the same Options gave different trees")
	}
	c := readPosts(t, write(t, Options{Posts: 300, Seed: 8}))
	if maps.Equal(a, c) {
		t.Error("Seed 7 and Seed 8 gave the same tree")
	}
	zero := readPosts(t, write(t, Options{Posts: 50}))
	one := readPosts(t, write(t, Options{Posts: 50, Seed: 1}))
	if !maps.Equal(zero, one) {
		t.Error("Seed 0 should mean Seed 1")
	}
}

func TestWriteRejectsNoPosts(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, -1} {
		if err := Write(t.TempDir(), Options{Posts: n}); err == nil {
			t.Errorf("Write with Posts %d: want an error", n)
		}
	}
}

var (
	frontMatterRE = regexp.MustCompile(`\A---\n` +
		`title: "([^"*` + "`" + `\n]+)"\n` +
		`date: (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\n` +
		`tags: \[([a-z]+-\d+(?:, [a-z]+-\d+)*)\]\n` +
		`categories: \[(?:essays|notes|tutorials|news|reviews)\]\n` +
		`summary: "[^"\n]+\."\n` +
		`(draft: true\n)?` +
		`---\n\n`)
	internalLinkRE = regexp.MustCompile(`See \[([a-z0-9 ]+)\]\(/posts/([a-z-]+-(\d+))/\)`)
	slugRE         = regexp.MustCompile(`\A[a-z]+-[a-z]+-[a-z]+-(\d+)\.md\z`)
	footnoteRefRE  = regexp.MustCompile(`\[\^(\d+)\][^:]`)
)

func TestWriteShape(t *testing.T) {
	t.Parallel()
	const n = 1000
	posts := readPosts(t, write(t, Options{Posts: n, Seed: 3}))
	if len(posts) != n {
		t.Fatalf("got %d posts, want %d", len(posts), n)
	}

	// Index posts by the number every slug ends with, which is their
	// order by date.
	dates := make([]time.Time, n)
	bodies := make([]string, n)
	slugs := make([]string, n)
	drafts := 0
	lo := time.Date(2017, 1, 1, 9, 0, 0, 0, time.UTC)
	hi := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -30)
	for name, text := range posts {
		m := slugRE.FindStringSubmatch(name)
		if m == nil {
			t.Fatalf("unexpected file name %q", name)
		}
		i, _ := strconv.Atoi(m[1])
		fm := frontMatterRE.FindStringSubmatch(text)
		if fm == nil {
			t.Fatalf("%s: front matter does not have the expected shape:\n%.400s", name, text)
		}
		d, err := time.Parse(time.RFC3339, fm[2])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d.Before(lo) || d.After(hi) {
			t.Errorf("%s: date %v outside [%v, %v]", name, d, lo, hi)
		}
		tags := strings.Split(fm[3], ", ")
		if len(tags) > 4 || !slices.IsSorted(tags) || len(slices.Compact(slices.Clone(tags))) != len(tags) {
			t.Errorf("%s: tags %q should be 1 to 4 distinct sorted tags", name, tags)
		}
		if fm[4] != "" {
			drafts++
		}
		if !strings.HasSuffix(text, ".\n") && !strings.HasSuffix(text, "```\n") && !strings.HasSuffix(text, " |\n") {
			t.Errorf("%s: should end with one newline after a block: %q", name, text[max(0, len(text)-40):])
		}
		if strings.Count(text, "```")%2 != 0 {
			t.Errorf("%s: unbalanced code fences", name)
		}
		dates[i], bodies[i], slugs[i] = d, text[len(fm[0]):], strings.TrimSuffix(name, ".md")
	}
	if !slices.IsSortedFunc(dates, time.Time.Compare) {
		t.Error("post dates should increase with the slug number")
	}
	// 1% of 1000: anything from 1 to 30 is plausible, 0 means drafts are
	// never drawn.
	if drafts < 1 || drafts > 30 {
		t.Errorf("got %d drafts in %d posts, want about 1%%", drafts, n)
	}

	links := 0
	for i, body := range bodies {
		for _, m := range internalLinkRE.FindAllStringSubmatch(body, -1) {
			links++
			j, _ := strconv.Atoi(m[3])
			switch {
			case j >= n || slugs[j] != m[2]:
				t.Errorf("%s links to %s, which does not exist", slugs[i], m[2])
			case j >= i || dates[j].After(dates[i]):
				t.Errorf("%s links to %s, which is not earlier", slugs[i], m[2])
			case i-j > maxLinked:
				t.Errorf("%s links to %s, more than %d posts back", slugs[i], m[2], maxLinked)
			}
			if want := strings.ReplaceAll(m[2], "-", " "); m[1] != want {
				t.Errorf("%s: link text %q, want %q", slugs[i], m[1], want)
			}
		}
		if strings.Contains(body, "](/posts/") != internalLinkRE.MatchString(body) {
			t.Errorf("%s: an internal link does not have the expected form", slugs[i])
		}
		for _, m := range footnoteRefRE.FindAllStringSubmatch(body, -1) {
			if !strings.Contains(body, "\n[^"+m[1]+"]: ") {
				t.Errorf("%s: footnote [^%s] has no definition", slugs[i], m[1])
			}
		}
	}
	if links == 0 {
		t.Error("no internal links")
	}

	all := strings.Join(bodies, "\n")
	for _, want := range []string{
		"\n## ", "\n### ", "*", "**", "`",
		"\n- ", "\n1. ", "\n> ",
		"\n| month | deposits | value |\n|---|---:|---:|\n| 1 | ",
		"[^1]\n\n[^1]: ", "[^2]: ",
		"](https://example.",
		"```go\npackage main", "```python\n", "```javascript\n", "```bash\n", "```rust\n",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no post contains %q", want)
		}
	}
}

func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := fastimport.Git(dir, args...)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestWriteGit(t *testing.T) {
	t.Parallel()
	gittest.Require(t)
	const n = 200
	dir := write(t, Options{Posts: n, Seed: 5, Git: true, Revisions: -1})

	if st := gitOut(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("working tree differs from main after Write:\n%s", st)
	}
	posts := readPosts(t, dir)
	if len(posts) != n {
		t.Fatalf("checked out %d posts, want %d", len(posts), n)
	}
	postDate := map[string]int64{}
	for name, text := range posts {
		fm := frontMatterRE.FindStringSubmatch(text)
		if fm == nil {
			t.Fatalf("%s: front matter does not have the expected shape", name)
		}
		d, _ := time.Parse(time.RFC3339, fm[2])
		postDate[strings.TrimSuffix(name, ".md")] = d.Unix()
	}

	log := strings.Split(strings.TrimSpace(gitOut(t, dir, "log", "--reverse", "--format=%at %ct %an <%ae> %s")), "\n")
	adds, revises := 0, 0
	var last int64
	revised := map[string]bool{}
	for _, line := range log {
		f := strings.Fields(line)
		if len(f) != 6 || f[2] != "Author" || f[3] != "<author@example.com>" {
			t.Fatalf("unexpected log line %q", line)
		}
		at, _ := strconv.ParseInt(f[0], 10, 64)
		if f[1] != f[0] {
			t.Errorf("%q: committer date differs from author date", line)
		}
		if at < last {
			t.Errorf("%q: commits are not in date order", line)
		}
		last = at
		if at >= end {
			t.Errorf("%q: dated on or after 2026-06-30", line)
		}
		slug := f[5]
		added, ok := postDate[slug]
		if !ok {
			t.Fatalf("%q: no such post", line)
		}
		switch f[4] {
		case "add":
			adds++
			if at != added {
				t.Errorf("%q: dated %d, front matter says %d", line, at, added)
			}
		case "revise":
			revises++
			revised[slug] = true
			if at <= added {
				t.Errorf("%q: revision not after the post was added", line)
			}
		default:
			t.Errorf("unexpected commit %q", line)
		}
	}
	if adds != n {
		t.Errorf("got %d add commits, want %d", adds, n)
	}
	// Posts/2 revisions are drawn; those that would land after the end of
	// the history are dropped, but most do not.
	if revises < n/4 || revises > n/2 {
		t.Errorf("got %d revise commits, want between %d and %d", revises, n/4, n/2)
	}
	// A revision appends a paragraph, so a revised post's last block is
	// not the same as a fresh post's; check one grew by comparing with
	// its first commit.
	for slug := range revised {
		path := "content/posts/" + slug + ".md"
		first := strings.TrimSpace(gitOut(t, dir, "log", "--reverse", "--format=%H", "--", path))
		first = first[:strings.IndexByte(first+"\n", '\n')]
		orig := gitOut(t, dir, "show", first+":"+path)
		if now := posts[slug+".md"]; !strings.HasPrefix(now, orig+"\n") || len(now) <= len(orig)+1 {
			t.Errorf("%s: revised text should extend the added text", slug)
		}
		break
	}

	// Fixed dates and identity make the history itself reproducible.
	again := write(t, Options{Posts: n, Seed: 5, Git: true, Revisions: -1})
	if h1, h2 := gitOut(t, dir, "rev-parse", "HEAD"), gitOut(t, again, "rev-parse", "HEAD"); h1 != h2 {
		t.Errorf("same Options gave different histories: %s vs %s", h1, h2)
	}
}

func TestWriteGitNoRevisions(t *testing.T) {
	t.Parallel()
	gittest.Require(t)
	dir := write(t, Options{Posts: 30, Git: true})
	if got := strings.TrimSpace(gitOut(t, dir, "rev-list", "--count", "HEAD")); got != "30" {
		t.Errorf("got %s commits with Revisions 0, want 30", got)
	}
	if b := gitOut(t, dir, "branch", "--show-current"); b != "main\n" {
		t.Errorf("current branch %q, want main", b)
	}
}

// TestWriteGitMissing cannot be parallel: it empties PATH.
func TestWriteGitMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	err := Write(dir, Options{Posts: 10, Git: true})
	if err == nil || !strings.Contains(err.Error(), "apt-get install git") {
		t.Fatalf("Write without git on PATH: got %v, want an error saying to install git", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("Write wrote %d entries before failing", len(entries))
	}
}
