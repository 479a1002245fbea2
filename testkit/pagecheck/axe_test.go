package pagecheck_test

import (
	"context"
	"fmt"
	"html"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/testkit/browsertest"
	"github.com/accruehq/accrue/testkit/pagecheck"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// scrollWidths is the width of the document and of the window: a page
// wider than its window scrolls sideways.
const scrollWidths = `[document.documentElement.scrollWidth, window.innerWidth]`

// statementLink is how the served report links a post's statement.
var statementLink = regexp.MustCompile(`href="(\?post=[^"]+)"`)

// TestAccessible runs axe-core in headless Chromium over the demo blog's
// home page, a post with comments, a tag page, the report and a
// statement, each wide and as wide as a phone, light and dark: no
// serious or critical violation, and nothing wider than a phone's
// screen. It saves a full-page screenshot of each into
// ACCRUE_SCREENSHOT_DIR (a new temporary folder, said in the log, when
// it is not set) for a person to look at; no test compares them.
func TestAccessible(t *testing.T) {
	axe := tool(t, "ACCRUE_AXE_JS", "axe-core's axe.min.js")
	script, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	browser := browsertest.Start(t)
	shots := screenshotDir(t)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	d := buildDemo(t, base+"/")
	srv := &http.Server{Handler: d.handler()}
	go srv.Serve(ln) // ends with Close below
	t.Cleanup(func() { srv.Close() })

	m := statementLink.FindSubmatch(d.report)
	if m == nil {
		t.Fatal("the report links no statement")
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"post-with-comments", "/posts/faq/"},
		{"tag", "/" + strings.TrimSuffix(d.firstTag(t), "index.html")},
		{"report", "/_accrue/report/"},
		{"statement", "/_accrue/report/" + html.UnescapeString(string(m[1]))},
	}
	if !strings.Contains(d.file(t, "posts/faq/index.html"), `class="comment-list"`) {
		t.Fatal("posts/faq/index.html shows no comments; pick another post with comments")
	}

	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(browser)
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
			defer cancelTimeout()
			for _, width := range []int64{1280, 390} {
				for _, scheme := range []string{"light", "dark"} {
					view := fmt.Sprintf("%s at %dpx, %s", p.path, width, scheme)
					media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
					if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
						t.Fatal(err)
					}
					resp, err := chromedp.RunResponse(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(base+p.path))
					if err != nil {
						t.Fatalf("opening %s: %v", view, err)
					}
					if resp.Status != http.StatusOK {
						t.Fatalf("%s: status %d; want the page", view, resp.Status)
					}
					vs, err := pagecheck.Axe(ctx, string(script))
					if err != nil {
						t.Fatalf("%s: %v", view, err)
					}
					for _, v := range vs {
						if v.Severe() {
							t.Errorf("%s: %s", view, v)
						} else {
							t.Logf("%s (not failing): %s", view, v)
						}
					}
					if width == 390 {
						wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](scrollWidths))
						if err != nil {
							t.Fatal(err)
						}
						if wide[0] > wide[1] {
							t.Errorf("%s: the page is %dpx wide, wider than the %dpx window: it scrolls sideways", view, wide[0], wide[1])
						}
					}
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatal(err)
					}
					file := filepath.Join(shots, fmt.Sprintf("demo-%s-%d-%s.png", p.name, width, scheme))
					if err := os.WriteFile(file, png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
}

// screenshotDir is ACCRUE_SCREENSHOT_DIR, made when missing, or a new
// temporary folder that outlives the test so it can be opened.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ACCRUE_SCREENSHOT_DIR")
	if dir == "" {
		d, err := os.MkdirTemp("", "accrue-screenshots-")
		if err != nil {
			t.Fatal(err)
		}
		dir = d
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots: %s", dir)
	return dir
}

// handler serves the built blog, and the report and statements as accrue
// serve does.
func (d *demo) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(d.dir)))
	mux.HandleFunc("/_accrue/report/", func(w http.ResponseWriter, r *http.Request) {
		page := d.report
		if post := r.URL.Query().Get("post"); post != "" {
			var ok bool
			if page, ok = d.statements[post]; !ok {
				http.NotFound(w, r)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	return mux
}

// file is a built page.
func (d *demo) file(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(d.dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// firstTag is the first tag page of the built blog, by name.
func (d *demo) firstTag(t *testing.T) string {
	t.Helper()
	tags, err := filepath.Glob(filepath.Join(d.dir, "tags", "*", "index.html"))
	if err != nil || len(tags) == 0 {
		t.Fatalf("the demo blog has no tag page (%v)", err)
	}
	sort.Strings(tags)
	rel, err := filepath.Rel(d.dir, tags[0])
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(rel)
}
