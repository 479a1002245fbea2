package site_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accruehq/accrue/testkit/browsertest"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserSearch searches a built site in headless Chromium, as a
// reader does: a query typed in the header's box opens the search page
// with the posts that have its words, best first; arrow keys walk the
// results; the count is announced; nothing goes wrong in the console and
// nothing is asked of any server but the site's. The index is cut into
// chunks of one post, as a blog of thousands is, so that results come
// from several.
func TestBrowserSearch(t *testing.T) {
	ctx := browsertest.Start(t)
	r := sitetest.Build(t, searchSite)
	rechunk(t, r.Files)
	srv := serveFiles(t, r.Files)
	ctx, cancel := chromedp.NewContext(ctx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		var p string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			p = "exception: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				p += " " + e.ExceptionDetails.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				p = "console." + string(e.Type)
			}
		}
		if p != "" {
			mu.Lock()
			problems = append(problems, p)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	try := func(js string) (string, error) {
		// A page still loading may not have the element yet: say so, and
		// wait polls again.
		return chromedp.Run(ctx, chromedp.Evaluate[string](`(function () { try { return String(`+js+`) } catch (e) { return "not yet: " + e } })()`))
	}
	eval := func(js string) string {
		t.Helper()
		s, err := try(js)
		if err != nil {
			t.Fatalf("evaluating %s: %v", js, err)
		}
		return s
	}
	// wait polls js until it returns want. A page that is navigating
	// (the header box submits its form) cannot be evaluated until the
	// next one is there: that is "not yet" too.
	wait := func(js, want string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		got := ""
		for time.Now().Before(deadline) {
			s, err := try(js)
			if err != nil {
				got = "not yet: " + err.Error()
			} else if got = s; got == want {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s = %q; want %q", js, got, want)
	}
	const (
		status  = `document.getElementById("search-status").textContent`
		titles  = `Array.from(document.querySelectorAll("#search-results h2")).map(function (h) { return h.textContent }).join("|")`
		focused = `document.activeElement.id || document.activeElement.textContent`
	)

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/posts/new/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#site-search-q"), "Pati\n")); err != nil {
		t.Fatal(err)
	}
	wait(status, "2 posts found for “Pati”.")
	if got := eval(`location.pathname + location.search`); got != "/search/?q=Pati" {
		t.Errorf("the header box went to %s; want /search/?q=Pati", got)
	}
	// "Old news" has patience in its body and its summary, "Fresh start"
	// in its body only.
	if got := eval(titles); got != "Old news|Fresh start" {
		t.Errorf("results for Pati = %s; want Old news|Fresh start", got)
	}
	if got := eval(`document.querySelector("#search-results li").innerText`); !strings.Contains(got, "May 1, 2023") || !strings.Contains(got, "Nothing compounds like patience.") {
		t.Errorf("first result = %q; want its date and summary", got)
	}
	if got := eval(`Array.from(document.querySelectorAll("#search-results mark")).map(function (m) { return m.textContent }).join("|")`); got != "patience" {
		t.Errorf("marked words = %q; want patience, in Old news' summary", got)
	}
	if got := eval(`document.getElementById("search-q").value`); got != "Pati" {
		t.Errorf("search page input = %q; want the query from the header box", got)
	}

	// Typing narrows the results as it goes: a tag's word counts.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), " archive")); err != nil {
		t.Fatal(err)
	}
	wait(status, "1 post found for “Pati archive”.")
	if got := eval(titles); got != "Old news" {
		t.Errorf("results for Pati archive = %s; want Old news", got)
	}

	// Arrow keys walk the results and come back; Enter follows a link.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), kb.End+strings.Repeat(kb.Backspace, len(" archive")))); err != nil {
		t.Fatal(err)
	}
	wait(status, "2 posts found for “Pati”.")
	for _, step := range []struct{ key, want string }{
		{kb.ArrowDown, "Old news"},
		{kb.ArrowDown, "Fresh start"},
		{kb.ArrowDown, "Fresh start"}, // the last stays
		{kb.ArrowUp, "Old news"},
		{kb.ArrowUp, "search-q"},
		{kb.ArrowDown, "Old news"},
		{kb.Escape, "search-q"},
		{kb.ArrowDown, "Old news"},
	} {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(step.key)); err != nil {
			t.Fatal(err)
		}
		if got := eval(focused); got != step.want {
			t.Fatalf("after %q, focus is on %q; want %q", step.key, got, step.want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	wait(`location.pathname`, "/posts/old/")

	// A word no post has says so; words the index leaves out say so too.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=zebra")); err != nil {
		t.Fatal(err)
	}
	wait(status, "No posts found for “zebra”.")
	if got := eval(titles); got != "" {
		t.Errorf("results for zebra = %q; want none", got)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=the")); err != nil {
		t.Fatal(err)
	}
	wait(status, "Words as common as “the” are not searched for: add another.")
	// Queries fold case and accents as the index does.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=P%C3%82TIENCE")); err != nil {
		t.Fatal(err)
	}
	wait(status, "2 posts found for “PÂTIENCE”.")
	if got := eval(`document.getElementById("search-status").getAttribute("aria-live")`); got != "polite" {
		t.Errorf("status aria-live = %q; want polite", got)
	}

	// Dark mode: the box takes the theme's dark colours.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	if got := eval(`getComputedStyle(document.getElementById("search-q")).backgroundColor`); got != "rgb(19, 21, 24)" {
		t.Errorf("search box background in dark mode = %s; want the theme's dark --bg", got)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("the page had a %s", p)
	}
	for _, h := range srv.requests() {
		if !slices.Contains([]string{"/posts/new/", "/search/", "/search/index.json", "/search/posts-0.json", "/search/posts-1.json", "/js/search.js", "/css/theme.css", "/css/syntax.css", "/posts/old/", "/favicon.svg", "/favicon.ico"}, h) {
			t.Errorf("the pages asked for %s", h)
		}
	}
}

// rechunk rewrites a built index of two posts as chunks of one post.
func rechunk(t *testing.T, files map[string][]byte) {
	t.Helper()
	var rows []json.RawMessage
	if err := json.Unmarshal(files["search/posts-0.json"], &rows); err != nil || len(rows) != 2 {
		t.Fatalf("search/posts-0.json: %d posts, %v; want 2", len(rows), err)
	}
	index := string(files["search/index.json"])
	if !strings.Contains(index, `"chunk":1000,`) {
		t.Fatalf("search/index.json has no chunk of 1000:\n%s", index)
	}
	files["search/index.json"] = []byte(strings.Replace(index, `"chunk":1000,`, `"chunk":1,`, 1))
	files["search/posts-0.json"] = []byte("[" + string(rows[0]) + "]")
	files["search/posts-1.json"] = []byte("[" + string(rows[1]) + "]")
}

type fileServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits []string
}

func (s *fileServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hits)
}

// serveFiles serves a build's output as a static host does.
func serveFiles(t *testing.T, files map[string][]byte) *fileServer {
	t.Helper()
	s := &fileServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits = append(s.hits, r.URL.Path)
		s.mu.Unlock()
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasSuffix(name, ".html"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case strings.HasSuffix(name, ".json"):
			w.Header().Set("Content-Type", "application/json")
		case strings.HasSuffix(name, ".js"):
			w.Header().Set("Content-Type", "text/javascript")
		case strings.HasSuffix(name, ".css"):
			w.Header().Set("Content-Type", "text/css")
		case strings.HasSuffix(name, ".svg"):
			w.Header().Set("Content-Type", "image/svg+xml")
		}
		w.Write(data)
	}))
	t.Cleanup(s.Close)
	return s
}
