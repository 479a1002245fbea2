package server

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/testkit/browsertest"
	"github.com/chromedp/chromedp"
)

// waitText polls the page until js returns a string containing want.
func waitText(t *testing.T, ctx context.Context, js, want string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err == nil {
			got = s
		}
		if err == nil && strings.Contains(got, want) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("page never showed %q; last saw:\n%s", want, got)
	return ""
}

// TestBrowserLiveReload opens a post in real headless Chromium and edits
// its file: the page shows the new text without a manual reload; broken
// front matter shows an overlay naming file and line; the fix clears it.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := testSite(t)
	base := start(t, dir)
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Navigate(base+"/posts/hello/")); err != nil {
		t.Fatal(err)
	}
	const body = `document.querySelector(".e-content") ? document.querySelector(".e-content").innerText : ""`
	waitText(t, tctx, body, "First version.")
	// Mark the page: a reload drops the mark, which shows the page was
	// reloaded by the script, not by us.
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`window.__mark = 1; true`)); err != nil {
		t.Fatal(err)
	}

	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nEdited in the editor.\n")
	waitText(t, tctx, body, "Edited in the editor.")
	mark, err := chromedp.Run(tctx, chromedp.Evaluate[string](`String(window.__mark)`))
	if err != nil || mark != "undefined" {
		t.Errorf("window mark after the edit = %q, %v; want the page reloaded", mark, err)
	}

	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-13-01\n---\nBroken.\n")
	const overlay = `document.getElementById("accrue-errors") ? document.getElementById("accrue-errors").innerText : ""`
	got := waitText(t, tctx, overlay, `content/posts/hello.md:3:1: front matter: date: "2024-13-01" is not a real date (month out of range)`)
	if !strings.Contains(got, "the build failed") {
		t.Errorf("overlay = %q; want it to say the build failed", got)
	}

	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nRecovered.\n")
	waitText(t, tctx, body, "Recovered.")
	left, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`document.getElementById("accrue-errors") !== null`))
	if err != nil || left {
		t.Errorf("overlay still shown after the fix (%v)", err)
	}

	// Deleting the open page leaves it for the home page.
	if err := os.Remove(dir + "/content/posts/hello.md"); err != nil {
		t.Fatal(err)
	}
	waitText(t, tctx, `location.pathname + "|" + document.title`, "/|Test")

}

// TestBrowserSubPath opens a site published under /blog/ in headless
// Chromium: the server's root leads to the blog, a post's stylesheet loads from /blog/, no link leaves
// /blog/, an edit reloads it, an error shows over it, and deleting it
// leaves it for the blog's home page, not the server's root.
func TestBrowserSubPath(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := subPathSite(t)
	base := startAt(t, Options{Dir: dir, Now: testNow}, "/blog/")
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	waitText(t, tctx, `location.pathname + "|" + document.title`, "/blog/|Test")
	if _, err := chromedp.Run(tctx, chromedp.Navigate(base+"/blog/posts/hello/")); err != nil {
		t.Fatal(err)
	}
	const body = `document.querySelector(".e-content") ? document.querySelector(".e-content").innerText : ""`
	waitText(t, tctx, body, "First version.")
	waitText(t, tctx, `Array.from(document.styleSheets).filter(s => s.href && new URL(s.href).pathname === "/blog/css/theme.css" && s.cssRules.length > 0).length + " theme stylesheet"`, "1 theme stylesheet")
	outside, err := chromedp.Run(tctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("[href],[src]")).map(e => e.getAttribute("href") || e.getAttribute("src")).filter(u => u.startsWith("/") && !u.startsWith("/blog/")).join(" ")`))
	if err != nil || outside != "" {
		t.Errorf("links outside /blog/: %q (%v)", outside, err)
	}

	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nEdited in the editor.\n")
	waitText(t, tctx, body, "Edited in the editor.")

	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-13-01\n---\nBroken.\n")
	const overlay = `document.getElementById("accrue-errors") ? document.getElementById("accrue-errors").innerText : ""`
	waitText(t, tctx, overlay, `content/posts/hello.md:3:1: front matter: date: "2024-13-01" is not a real date (month out of range)`)
	writeFile(t, dir, "content/posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nRecovered.\n")
	waitText(t, tctx, body, "Recovered.")

	if err := os.Remove(dir + "/content/posts/hello.md"); err != nil {
		t.Fatal(err)
	}
	waitText(t, tctx, `location.pathname + "|" + document.title`, "/blog/|Test")
}
