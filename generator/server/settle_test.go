package server

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// gap is how long an editor in these tests takes between two steps of a
// save.
const gap = 30 * time.Millisecond

// bundleSite writes a site whose post hello is a bundle with an image and
// an approved comment, which must all stay while index.md is mid-save.
func bundleSite(t *testing.T) (dir, post string) {
	t.Helper()
	dir = testSite(t)
	if err := os.Remove(filepath.Join(dir, "content/posts/hello.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/posts/hello/index.md", helloVersion(0))
	writeFile(t, dir, "content/posts/hello/pic.svg", "<svg/>")
	writeFile(t, dir, "content/posts/hello/comments/20240701T000000Z-c1.md",
		"---\nid: c1\nauthor: Reader\ndate: 2024-07-01T00:00:00Z\nstatus: approved\n---\nA comment that stays.\n")
	return dir, filepath.Join(dir, "content/posts/hello/index.md")
}

func helloVersion(i int) string {
	return fmt.Sprintf("---\ntitle: Hello\ndate: 2024-01-01\n---\nVersion %d, whole.\n\n![pic](pic.svg)\n", i)
}

// cuts are where a save in two halves stops the first: nothing yet,
// inside the opening line, inside the front matter, inside the closing
// line.
var cuts = []int{0, 1, 2, 3, len("---\ntitle: Hel"), len("---\ntitle: Hello\ndate: 2024-01-01\n--")}

// Ways editors save a file: each leaves name whole at the end, after a
// middle that lasts gap.
var saves = []struct {
	name string
	save func(name, text string, i int) error
}{
	{"truncate and write half, then the rest", func(name, text string, i int) error {
		cut := cuts[i%len(cuts)]
		if err := os.WriteFile(name, []byte(text[:cut]), 0o644); err != nil {
			return err
		}
		time.Sleep(gap)
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return err
		}
		_, err = f.WriteString(text[cut:])
		return errorsJoin(err, f.Close())
	}},
	{"delete, then create", func(name, text string, i int) error {
		if err := os.Remove(name); err != nil {
			return err
		}
		time.Sleep(gap)
		return os.WriteFile(name, []byte(text), 0o644)
	}},
	{"rename to a backup, then create (vim)", func(name, text string, i int) error {
		if err := os.Rename(name, name+"~"); err != nil {
			return err
		}
		time.Sleep(gap)
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return err
		}
		return os.Remove(name + "~")
	}},
	{"write aside, rename the old away, rename the new in (JetBrains)", func(name, text string, i int) error {
		if err := os.WriteFile(name+"___jb_tmp___", []byte(text), 0o644); err != nil {
			return err
		}
		if err := os.Rename(name, name+"___jb_old___"); err != nil {
			return err
		}
		time.Sleep(gap)
		if err := os.Rename(name+"___jb_tmp___", name); err != nil {
			return err
		}
		return os.Remove(name + "___jb_old___")
	}},
}

func errorsJoin(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// TestSavesInStepsNeverShowTheMiddle saves a post again and again the way
// editors do, in steps with a pause between them, while a reader keeps
// loading its page: every answer must be a whole version of the page,
// with its image and comment, and no errors.
func TestSavesInStepsNeverShowTheMiddle(t *testing.T) {
	t.Parallel()
	for _, sv := range saves {
		t.Run(sv.name, func(t *testing.T) {
			t.Parallel()
			dir, post := bundleSite(t)
			// A long Settle: a loaded machine may stretch the pause.
			base := startWith(t, Options{Dir: dir, Now: time.Now, Settle: 5 * time.Second})
			const n = 30
			writer := make(chan error, 1)
			go func() {
				for i := 1; i <= n; i++ {
					if err := sv.save(post, helloVersion(i), i); err != nil {
						writer <- err
						return
					}
					time.Sleep(gap)
				}
				writer <- nil
			}()
			var bad []string
			reads := 0
			for done := false; !done; {
				select {
				case err := <-writer:
					if err != nil {
						t.Fatal(err)
					}
					done = true
				default:
				}
				reads++
				code, body := fetch(t, base+"/posts/hello/")
				problem := wholePage(code, body)
				if code, _ := fetch(t, base+"/posts/hello/pic.svg"); code != 200 && problem == "" {
					problem = fmt.Sprintf("the image: status %d", code)
				}
				if problem != "" {
					bad = append(bad, fmt.Sprintf("read %d: %s", reads, problem))
				}
				time.Sleep(time.Millisecond)
			}
			if len(bad) > 0 {
				t.Errorf("%d of %d reads went wrong while the post was saved %d times, first:\n%s", len(bad), reads, n, strings.Join(bad[:min(len(bad), 5)], "\n"))
			}
			// The last save shows, and the server did build all along.
			waitFor(t, base+"/posts/hello/", func(code int, body string) bool {
				return strings.Contains(body, fmt.Sprintf("Version %d, whole.", n))
			})
		})
	}
}

// wholePage says what is wrong with an answer for hello's page, or "".
func wholePage(code int, body string) string {
	content, state := between(body, `<div class="e-content post-content">`, "</div>"), between(body, "window.__accrue=", ";")
	switch {
	case code != 200:
		return fmt.Sprintf("status %d", code)
	case !strings.Contains(body, `<h1 class="p-name">Hello</h1>`) || !strings.Contains(content, ", whole.") || !strings.Contains(content, `src="pic.svg"`):
		return fmt.Sprintf("a page made from part of the file: %q", content)
	case !strings.Contains(body, "A comment that stays."):
		return "the comment is gone"
	case !strings.Contains(state, `"errors":[]`):
		return "errors shown: " + state
	}
	return ""
}

// between returns the text of s from the first start to the next end.
func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, end)
	return strings.TrimSpace(in)
}

// fetch gets url; a request that fails outright fails the test.
func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// TestHeldFileBuiltAsItIsAfterSettle leaves a post empty, then broken,
// then deleted. The build that first sees each keeps the last good
// version; once Settle has passed, the post is built as it is.
func TestHeldFileBuiltAsItIsAfterSettle(t *testing.T) {
	t.Parallel()
	dir := testSite(t)
	log := &logBuffer{}
	base := startWith(t, Options{Dir: dir, Now: time.Now, Settle: 100 * time.Millisecond, Log: log})
	events := subscribe(t, base)
	// held checks that the first rebuild after edit changed nothing.
	held := func(edit func()) {
		t.Helper()
		n := log.count("rebuil")
		edit()
		waitLog(t, log, "rebuil", n+1)
		if line := log.line("rebuil", n); !strings.HasSuffix(line, ": 0 files changed") {
			t.Errorf("the first rebuild after the edit: %q; want it to keep the last good version", line)
		}
	}

	// Emptied on purpose: a post titled after its file, dated by it.
	held(func() { writeFile(t, dir, "content/posts/hello.md", "") })
	waitFor(t, base+"/posts/hello/", func(code int, body string) bool {
		return code == 200 && !strings.Contains(body, "First version.")
	})
	waitLog(t, log, "content/posts/hello.md:1: warning: no date in front matter", 1)

	// Left with its front matter open: the error, with its position.
	held(func() { writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\n") })
	for {
		e := events.next(t)
		if strings.Contains(e, `"errors":["content/posts/hello.md:1:1: front matter opened with`) {
			break
		}
	}
	waitLog(t, log, "rebuild failed: 1 error", 1)

	// Fixed, then deleted: the page goes.
	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nBack.\n")
	waitFor(t, base+"/posts/hello/", func(code int, body string) bool { return strings.Contains(body, "Back.") })
	held(func() {
		if err := os.Remove(filepath.Join(dir, "content/posts/hello.md")); err != nil {
			t.Fatal(err)
		}
	})
	waitFor(t, base+"/posts/hello/", func(code int, body string) bool { return code == 404 })
	waitFor(t, base+"/posts/other/", func(code int, body string) bool { return strings.Contains(body, `"errors":[]`) })
}

// TestWarningsSaidOnce rebuilds a site with warnings many times, their
// set changing around them: each is printed when it appears, once, and
// again only after it went away and came back.
func TestWarningsSaidOnce(t *testing.T) {
	t.Parallel()
	dir := testSite(t)
	outside := t.TempDir()
	writeFile(t, outside, "secret.md", "---\ntitle: Secret\n---\nNot the site's.\n")
	writeFile(t, outside, "secret.svg", "<svg/>")
	writeFile(t, dir, "content/posts/pics/index.md", "---\ntitle: Pics\ndate: 2024-03-01\n---\nPictures.\n")
	for link, target := range map[string]string{
		"content/posts/evil.md":      filepath.Join(outside, "secret.md"),
		"content/posts/pics/out.svg": filepath.Join(outside, "secret.svg"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	log := &logBuffer{}
	base := startWith(t, Options{Dir: dir, Now: time.Now, Settle: 20 * time.Millisecond, Log: log})

	const (
		evil    = "content/posts/evil.md: warning: not read: symbolic link points outside the site"
		out     = "content/posts/pics/out.svg: warning: not copied: symbolic link points outside the site"
		undated = "content/posts/undated.md:1: warning: no date in front matter"
		open    = "content/posts/hello.md:1:1: front matter opened with"
	)
	rebuilt := func(action func()) {
		t.Helper()
		n := log.count("rebuil")
		action()
		waitLog(t, log, "rebuil", n+1)
	}
	// A post whose warning comes and goes with it.
	for i := range 3 {
		writeFile(t, dir, "content/posts/undated.md", "Undated.\n")
		waitFor(t, base+"/posts/undated/", func(code int, body string) bool { return code == 200 })
		waitLog(t, log, undated, i+1)
		if err := os.Remove(filepath.Join(dir, "content/posts/undated.md")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, base+"/posts/undated/", func(code int, body string) bool { return code == 404 })
	}
	rebuilt(func() { writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\n") })
	waitLog(t, log, "rebuild failed", 1)
	for i := range 3 {
		text := fmt.Sprintf("---\ntitle: Hello\ndate: 2024-01-01\n---\nEdit %d.\n", i)
		writeFile(t, dir, "content/posts/hello.md", text)
		waitFor(t, base+"/posts/hello/", func(code int, body string) bool { return strings.Contains(body, fmt.Sprintf("Edit %d.", i)) })
	}
	for _, tt := range []struct {
		line string
		want int
	}{{evil, 1}, {out, 1}, {undated, 3}, {open, 1}} {
		if got := log.count(tt.line); got != tt.want {
			t.Errorf("%q printed %d times; want %d. The log:\n%s", tt.line, got, tt.want, log)
		}
	}
}

// logBuffer is a server's log that a test reads while the server writes.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) count(s string) int { return strings.Count(l.String(), s) }

// line returns the i-th line (from 0) of the log that holds s, or "".
func (l *logBuffer) line(s string, i int) string {
	for _, line := range strings.Split(l.String(), "\n") {
		if strings.Contains(line, s) {
			if i == 0 {
				return line
			}
			i--
		}
	}
	return ""
}

// waitLog waits, at most 10s, until the log holds s n times or more.
func waitLog(t *testing.T, l *logBuffer, s string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for l.count(s) < n {
		if time.Now().After(deadline) {
			t.Fatalf("the log did not show %q %d times within 10s:\n%s", s, n, l)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
