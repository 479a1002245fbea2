package pagecheck_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/testkit/browsertest"
	"github.com/accruehq/accrue/testkit/pagecheck"
	"github.com/chromedp/chromedp"
)

// A page with one mistake of each kind the checks look for: the checks
// that pass the real pages must fail this one, or they check nothing.
const broken = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>broken</title>
<meta name="viewport" content="width=device-width">
<style>body { margin: 0 } .wide { width: 800px }</style></head>
<body>
<main>
<h1 id="x">One</h1>
<h2 id="x">Two</h2>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<div class="wide">wide</div>
</main>
</body>
</html>
`

// TestValidateFindsErrors checks that Validate reports a duplicate id
// and an image without alt at their lines.
func TestValidateFindsErrors(t *testing.T) {
	jar := tool(t, "ACCRUE_VNU_JAR", "the Nu HTML Checker's vnu.jar")
	file := filepath.Join(t.TempDir(), "broken.html")
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	msgs, err := pagecheck.Validate(ctx, jar, []string{file})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range msgs {
		if m.File != file {
			t.Errorf("message for %q; want it for %q", m.File, file)
		}
		got = append(got, m.String()[len(file):])
	}
	want := []string{`:9:1: Duplicate ID “x”.`, `:10:1: An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Validate found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAxeFindsViolations checks that Axe reports the image without alt
// as critical, and that the page is measured wider than a phone.
func TestAxeFindsViolations(t *testing.T) {
	axe := tool(t, "ACCRUE_AXE_JS", "axe-core's axe.min.js")
	script, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	browser := browsertest.Start(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(broken))
	}))
	defer srv.Close()
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 900), chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	vs, err := pagecheck.Axe(ctx, string(script))
	if err != nil {
		t.Fatal(err)
	}
	var severe []string
	for _, v := range vs {
		if v.Severe() {
			severe = append(severe, v.Rule+" "+v.Impact)
		}
	}
	if got, want := strings.Join(severe, ", "), "image-alt critical"; got != want {
		t.Errorf("serious or critical violations: %s; want %s", got, want)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](scrollWidths))
	if err != nil {
		t.Fatal(err)
	}
	if wide[0] != 800 || wide[1] != 390 {
		t.Errorf("document and window widths = %v; want [800 390]", wide)
	}
}
