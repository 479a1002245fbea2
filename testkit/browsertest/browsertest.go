package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Start starts headless Chromium for the test and returns a chromedp
// context for its first tab; the browser stops when the test ends. It
// finds Chromium through ACCRUE_CHROMIUM or PATH. Without it the test
// fails, saying how to install it, unless ACCRUE_SKIP_BROWSER_TESTS=1: a
// skip in CI would hide that the pages were never tried in a browser.
func Start(t testing.TB) context.Context {
	t.Helper()
	path := chromium()
	if path == "" {
		if os.Getenv("ACCRUE_SKIP_BROWSER_TESTS") == "1" {
			t.Skip("no Chromium and ACCRUE_SKIP_BROWSER_TESTS=1")
		}
		t.Fatal("headless Chromium is needed: apt-get install chromium (or set ACCRUE_CHROMIUM to a Chrome binary; ACCRUE_SKIP_BROWSER_TESTS=1 skips)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium at %s: %v", path, err)
	}
	return ctx
}

// chromium is the browser's path, or "" when there is none.
func chromium() string {
	if p := os.Getenv("ACCRUE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
