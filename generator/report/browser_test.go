package report

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accruehq/accrue/testkit/browsertest"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestBrowserReport opens the fixture's report in headless Chromium: it
// renders with every chart drawn, the posts table sorts by the column
// clicked, and the page writes no error and asks for nothing but itself.
func TestBrowserReport(t *testing.T) {
	ctx := browsertest.Start(t)
	r := Compute(fixture(), Options{AsOf: fixtureAsOf})
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	tab := openPage(t, ctx, page.Bytes())

	if got, want := tab.charts(t), []string{"classes", "value", "deposits"}; !slices.Equal(got, want) {
		t.Errorf("charts = %v; want %v", got, want)
	}
	if got, want := tab.phoneCharts(t), []string{"classes", "value-narrow", "deposits-narrow"}; !slices.Equal(got, want) {
		t.Errorf("charts on a phone = %v; want %v", got, want)
	}
	// The period links zoom the timeline without script: the address
	// names the period, and the stylesheet shows its charts alone.
	if err := chromedp.Do(tab.ctx, chromedp.Click(`nav.zoom a[href="#period-12m"]`, chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	if got, want := tab.charts(t), []string{"classes", "value-12m", "deposits-12m"}; !slices.Equal(got, want) {
		t.Errorf("charts after a click on the last 12 months = %v; want %v", got, want)
	}
	if err := chromedp.Do(tab.ctx, chromedp.Click(`nav.zoom a[href="#period-all"]`, chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	if got, want := tab.charts(t), []string{"classes", "value", "deposits"}; !slices.Equal(got, want) {
		t.Errorf("charts after a click on All = %v; want %v", got, want)
	}
	if n := tab.eval(t, `document.querySelectorAll("#posts svg.spark").length`); n != "6" {
		t.Errorf("%s sparklines; want one for each of the 6 posts", n)
	}
	if got := tab.eval(t, `document.querySelector("#posts svg.spark").getBoundingClientRect().width`); got == "0" {
		t.Error("the sparklines have no width")
	}

	want := make([]string, len(r.Posts))
	for i, p := range r.Posts {
		want[i] = p.Title
	}
	if got := tab.postTitles(t); !slices.Equal(got, want) {
		t.Errorf("before sorting, posts = %q; want by value %q", got, want)
	}
	tab.click(t, "Post")
	byTitle := slices.Clone(want)
	slices.SortFunc(byTitle, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	if got := tab.postTitles(t); !slices.Equal(got, byTitle) {
		t.Errorf("after a click on Post, posts = %q; want %q", got, byTitle)
	}
	if got := tab.eval(t, `document.querySelector("#posts thead th").getAttribute("aria-sort")`); got != "ascending" {
		t.Errorf("Post header aria-sort = %q; want ascending", got)
	}
	tab.click(t, "Value")
	if got := tab.postTitles(t); !slices.Equal(got, want) {
		t.Errorf("after a click on Value, posts = %q; want by value %q", got, want)
	}
	tab.click(t, "Value")
	leastFirst := slices.Clone(want)
	slices.Reverse(leastFirst)
	if got := tab.postTitles(t); !slices.Equal(got, leastFirst) {
		t.Errorf("after a second click on Value, posts = %q; want the least valuable first", got)
	}
	if n := tab.eval(t, `document.querySelectorAll("#posts th[aria-sort]").length`); n != "1" {
		t.Errorf("%s headers have aria-sort; want only the sorted one", n)
	}

	// The posts table scrolls with the page: no box of its own cuts it
	// short, and no row is left unpainted for a print or a capture.
	if got := tab.eval(t, `(function () { var b = document.querySelector(".posts-box"); return b.scrollHeight - b.clientHeight; })()`); got != "0" {
		t.Errorf("the posts table hides %s px in a box of its own", got)
	}
	if got := tab.eval(t, `getComputedStyle(document.querySelector("#posts tbody tr")).contentVisibility`); got != "visible" {
		t.Errorf("a posts row's content-visibility = %q; want visible, so it prints", got)
	}
	tab.checkQuiet(t)
	tab.screenshots(t, "report")
}

// TestBrowserStatement opens a post's statement: its balance chart is
// drawn and every deposit is listed.
func TestBrowserStatement(t *testing.T) {
	ctx := browsertest.Start(t)
	st, ok := PostStatement(fixture(), Options{AsOf: fixtureAsOf}, "hello")
	if !ok {
		t.Fatal("no statement for hello")
	}
	var page bytes.Buffer
	if err := st.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	tab := openPage(t, ctx, page.Bytes())
	if got := tab.charts(t); !slices.Equal(got, []string{"balance"}) {
		t.Errorf("charts = %v; want the balance", got)
	}
	if got := tab.phoneCharts(t); !slices.Equal(got, []string{"balance-narrow"}) {
		t.Errorf("charts on a phone = %v; want the balance", got)
	}
	rows := tab.eval(t, `document.querySelectorAll("#deposits tbody tr").length`)
	if want := len(st.Entries); rows != strconv.Itoa(want) {
		t.Errorf("%s deposit rows; want %d", rows, want)
	}
	// Every column shows whole, wide and on a phone, where each deposit
	// is a card; no cell is cut off at the window's right edge.
	if got := tab.cutCells(t, "#deposits td"); got != "" {
		t.Errorf("cells beyond the right edge at 1280 px: %s", got)
	}
	if err := chromedp.Do(tab.ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	if got := tab.cutCells(t, "#deposits td"); got != "" {
		t.Errorf("cells hidden or beyond the right edge on a phone: %s", got)
	}
	if err := chromedp.Do(tab.ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	if got, want := tab.eval(t, `Array.from(document.querySelectorAll("#deposits td.who a")).map(function (a) { return a.textContent; }).join("|")`), "The dev server"; !strings.Contains(got, want) {
		t.Errorf("linked names in Who = %q; want the linking post's title %q", got, want)
	}
	tab.checkQuiet(t)
	tab.screenshots(t, "statement")
}

// tab is a page open in its own browser tab, with what it did that a
// self-contained page must not: requests, errors, console warnings.
type tab struct {
	ctx  context.Context
	url  string
	mu   sync.Mutex
	seen []string // problems, as they happened
	hits []string // paths the server was asked for
}

// openPage serves page over HTTP, opens it in a new tab and waits until
// it has loaded.
func openPage(t *testing.T, browser context.Context, page []byte) *tab {
	t.Helper()
	tb := &tab{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tb.mu.Lock()
		tb.hits = append(tb.hits, r.URL.Path)
		tb.mu.Unlock()
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	t.Cleanup(srv.Close)
	tb.url = srv.URL + "/"
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	tb.ctx = ctx
	if err := chromedp.Listen(ctx, tb.listen); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(tb.url)); err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	return tb
}

// listen records what the page must not do. It runs on the browser's
// reading goroutine, so it only appends.
func (tb *tab) listen(ev any) {
	var problem string
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if e.Request.URL != tb.url {
			problem = "request for " + e.Request.URL
		}
	case *network.EventLoadingFailed:
		problem = "request that failed: " + e.ErrorText
	case *runtime.EventExceptionThrown:
		problem = "JavaScript exception: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			problem += " " + e.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
			problem = "call to console." + string(e.Type)
		}
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
			problem = "browser log entry: " + e.Entry.Text
		}
	}
	if problem != "" {
		tb.mu.Lock()
		tb.seen = append(tb.seen, problem)
		tb.mu.Unlock()
	}
}

// checkQuiet fails the test if the page made any request but itself or
// reported any error or warning.
func (tb *tab) checkQuiet(t *testing.T) {
	t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, p := range tb.seen {
		t.Errorf("a self-contained page must make no request and write no error; this one made a %s", p)
	}
	for _, h := range tb.hits {
		if h != "/" {
			t.Errorf("the page asked the server for %s", h)
		}
	}
}

func (tb *tab) eval(t *testing.T, js string) string {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[any](`String(`+js+`)`))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	s, _ := v.(string)
	return s
}

// charts lists the ids of the charts the page shows at its width: each
// has a title and a description it is labelled by, and a box on the
// screen.
func (tb *tab) charts(t *testing.T) []string {
	t.Helper()
	const js = `Array.from(document.querySelectorAll("svg.chart")).filter(function (svg) {
		return getComputedStyle(svg).display !== "none" && svg.closest(".period, body").checkVisibility();
	}).map(function (svg) {
		var ids = (svg.getAttribute("aria-labelledby") || "").split(" ");
		var title = document.getElementById(ids[0]), desc = document.getElementById(ids[1]);
		var box = svg.getBoundingClientRect();
		var ok = svg.getAttribute("role") === "img" && title && title.textContent && desc && desc.textContent && box.width > 0 && box.height > 0;
		return ok ? ids[0].replace(/-t$/, "") : "broken " + ids[0] + " " + box.width + "x" + box.height;
	})`
	ids, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](js))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if strings.HasPrefix(id, "broken") {
			t.Errorf("chart %s: no role, title, description or size", id)
		}
	}
	return ids
}

// phoneCharts is charts on a screen as wide as a phone's.
func (tb *tab) phoneCharts(t *testing.T) []string {
	t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	ids := tb.charts(t)
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	return ids
}

// cutCells lists the cells matching sel that the page does not show
// whole: hidden, or reaching past the window's right edge.
func (tb *tab) cutCells(t *testing.T, sel string) string {
	t.Helper()
	return tb.eval(t, `Array.from(document.querySelectorAll(`+strconv.Quote(sel)+`)).filter(function (td) {
		var box = td.getBoundingClientRect();
		return box.width === 0 || box.right > document.documentElement.clientWidth + 0.5;
	}).map(function (td) { return td.className + " " + td.textContent.trim().slice(0, 30); }).join("; ")`)
}

func (tb *tab) postTitles(t *testing.T) []string {
	t.Helper()
	titles, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#posts tbody th")).map(function (th) { return th.firstChild.textContent.trim(); })`))
	if err != nil {
		t.Fatal(err)
	}
	return titles
}

// click clicks the sort button of the posts table's column named head,
// as a reader would, with the mouse.
func (tb *tab) click(t *testing.T, head string) {
	t.Helper()
	xpath := `//table[@id="posts"]/thead//th/button[starts-with(normalize-space(.), "` + head + `")]`
	if err := chromedp.Do(tb.ctx, chromedp.Click(xpath, chromedp.NodeVisible)); err != nil {
		t.Fatalf("clicking %s: %v", head, err)
	}
}

// screenshots saves full-page screenshots, light and dark, wide and as
// wide as a phone, printed and as a colour-blind reader sees it, into
// ACCRUE_SCREENSHOT_DIR when it is set: a person looks at them, no test
// compares them. It reloads the page first, so the pictures show it as
// it opens; the vision emulation loads a filter, so it comes after the
// page's requests were checked.
func (tb *tab) screenshots(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("ACCRUE_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		suffix string
		width  int64
		scale  float64
		scheme string
		media  string
		vision emulation.SetEmulatedVisionDeficiencyType
	}{
		{"light", 1280, 1, "light", "", "none"},
		{"dark", 1280, 1, "dark", "", "none"},
		{"phone", 390, 2, "light", "", "none"},
		{"phone-dark", 390, 2, "dark", "", "none"},
		{"print", 720, 1, "dark", "print", "none"}, // print is black on white even in a dark theme
		{"deuteranopia", 1280, 1, "light", "", "deuteranopia"},
	} {
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedVisionDeficiency, emulation.SetEmulatedVisionDeficiencyParams{Type: v.vision}); err != nil {
			t.Fatal(err)
		}
		media := emulation.SetEmulatedMediaParams{Media: v.media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v.scheme}}}
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, media); err != nil {
			t.Fatal(err)
		}
		// A viewport as tall as the page keeps the sticky navigation at
		// the top of the picture.
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(v.width, 900, chromedp.EmulateScale(v.scale))); err != nil {
			t.Fatal(err)
		}
		height, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int64](`document.documentElement.scrollHeight`))
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(v.width, height, chromedp.EmulateScale(v.scale))); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+"-"+v.suffix+".png")
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", file)
	}
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedVisionDeficiency, emulation.SetEmulatedVisionDeficiencyParams{Type: "none"}); err != nil {
		t.Fatal(err)
	}
}
