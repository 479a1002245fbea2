package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// TestEmptyReportHTML renders a blog with no posts: every section says
// there is nothing yet instead of breaking.
func TestEmptyReportHTML(t *testing.T) {
	in := Input{Site: Site{Title: "New blog"}, Ledger: ledger.New(nil), Model: ledger.DefaultModel(), Thresholds: ledger.DefaultThresholds()}
	var b bytes.Buffer
	if err := Compute(in, Options{AsOf: fixtureAsOf}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"No deposits yet", "No posts yet", "No published posts yet.", "nothing was deposited a year ago"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the empty report does not say %q", want)
		}
	}
}

// TestHTMLHostileContent puts markup and script URLs where content goes:
// titles, names, URLs. The page shows them as text and links only to
// http(s).
func TestHTMLHostileContent(t *testing.T) {
	const title = `</title><script>alert(1)</script><b>"x'</b>`
	in := fixture()
	in.Site = Site{Title: title, URL: "javascript:alert(1)"}
	in.Posts[0].Title = title
	in.Posts[0].URL = "javascript:alert(2)"
	var events []ledger.Event
	for _, e := range in.Ledger.Events {
		if e.Kind == ledger.KindComment && e.Actor == "Grace" {
			e.Actor, e.ActorURL, e.Source = title, "javascript:alert(3)", "javascript:alert(4)"
		}
		events = append(events, e)
	}
	in.Ledger = ledger.New(events)
	in.Comments[0].URL = " JavaScript:alert(5)"

	var page bytes.Buffer
	if err := Compute(in, Options{AsOf: fixtureAsOf}).WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	st, ok := PostStatement(in, Options{AsOf: fixtureAsOf}, "content/posts/hello.md")
	if !ok {
		t.Fatal("no statement for hello")
	}
	var statement bytes.Buffer
	if err := st.WriteHTML(&statement); err != nil {
		t.Fatal(err)
	}
	for name, html := range map[string]string{"report": page.String(), "statement": statement.String()} {
		t.Run(name, func(t *testing.T) {
			for _, bad := range []string{"<script>alert", `<b>"x`, "ZgotmplZ"} {
				if strings.Contains(html, bad) {
					t.Errorf("the page contains %q", bad)
				}
			}
			for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(html, -1) {
				h := m[1]
				sitePath := strings.HasPrefix(h, "/") && !strings.HasPrefix(h, "//")
				if !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") && !sitePath && !strings.HasPrefix(h, "#") && h != "data:," {
					t.Errorf("a link to %q", h)
				}
			}
			if !strings.Contains(html, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Error("the hostile title is not shown as text")
			}
			if n := strings.Count(html, "<script>"); n > 1 {
				t.Errorf("%d scripts; want at most the page's own", n)
			}
		})
	}
}

func TestSafeHref(t *testing.T) {
	for _, tt := range []struct {
		name, site, url, want string
	}{
		{"https", "", "https://grace.example/", "https://grace.example/"},
		{"http", "", "http://grace.example/a?b=c", "http://grace.example/a?b=c"},
		{"javascript", "", "javascript:alert(1)", ""},
		{"javascript, spaced and cased", "", " JavaScript:alert(1)", ""},
		{"data", "", "data:text/html,<script>", ""},
		{"mailto", "", "mailto:a@example.com", ""},
		{"no host", "", "https:///x", ""},
		{"post on the site", "https://ada.example/blog/", "/posts/hello/", "https://ada.example/blog/posts/hello/"},
		{"post, no site URL", "", "/posts/hello/", "/posts/hello/"},
		{"post, script site URL", "javascript:x", "/posts/hello/", "/posts/hello/"},
		{"protocol-relative", "https://ada.example/", "//evil.example/", ""},
		{"script post URL", "https://ada.example/", "javascript:alert(1)", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := siteHref(tt.site, tt.url); got != tt.want {
				t.Errorf("siteHref(%q, %q) = %q; want %q", tt.site, tt.url, got, tt.want)
			}
		})
	}
}

func TestShowNumbers(t *testing.T) {
	for _, tt := range []struct{ name, got, want string }{
		{"points", showPoints(1234567.26), "1,234,567.3"},
		{"small points", showPoints(0.04), "0.0"},
		{"negative points", showPoints(-1234.5), "-1,234.5"},
		{"gain", showSigned(3.21), "+3.2"},
		{"loss", showSigned(-1.5), "−1.5"},
		{"no change", showSigned(0.01), "0.0"},
		{"share", showPercent(0.2876), "28.8%"},
		{"growth", showSignedPercent(0.995), "+99.5%"},
		{"shrinkage", showSignedPercent(-0.04), "−4.0%"},
		{"no growth", showSignedPercent(-0.0004), "0.0%"},
		{"a whole gain", showSigned(100), "+100.0"},
		{"date", showDate(time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC)), "2 Jan 2006"},
		{"month", showMonth("2025-06"), "Jun 2025"},
		{"age in days", showAge(41), "41 days"},
		{"age in months", showAge(500), "16 months"},
		{"age in years", showAge(912), "2.5 years"},
		{"plural", showCount(2, "reply"), "2 replies"},
		{"singular", showCount(1, "day"), "1 day"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q; want %q", tt.name, tt.got, tt.want)
		}
	}
}

// bigInput is a blog of n posts over ten years, each with a few
// deposits, for the page's size and speed.
func bigInput(n int) Input {
	in := fixture()
	in.Posts = nil
	in.Comments = nil
	var events []ledger.Event
	start := fixtureAsOf.AddDate(-10, 0, 0)
	kinds := []ledger.Kind{ledger.KindComment, ledger.KindMention, ledger.KindLike, ledger.KindInternalLink, ledger.KindUpdate}
	for i := range n {
		file := fmt.Sprintf("content/posts/p%05d.md", i)
		published := start.Add(time.Duration(i) * (10 * 365 * 24 * time.Hour) / time.Duration(n))
		in.Posts = append(in.Posts, Post{File: file, Title: fmt.Sprintf("Post number %d about compounding", i),
			URL: fmt.Sprintf("/posts/p%05d/", i), Published: published})
		events = append(events, ledger.Event{Date: published, Post: file, Kind: ledger.KindPublish, Actor: "Ada"})
		for j := range i % 7 {
			events = append(events, ledger.Event{Date: published.AddDate(0, j+1, 0), Post: file, Kind: kinds[(i+j)%len(kinds)],
				Actor: fmt.Sprintf("reader%d", (i*7+j)%300), ActorURL: fmt.Sprintf("https://r%d.example/", (i*7+j)%300),
				Source: fmt.Sprintf("https://r%d.example/%d", (i*7+j)%300, i)})
		}
	}
	in.Ledger = ledger.New(events)
	return in
}

// TestLargeReportLean keeps a 10,000-post report to a size a browser
// opens without trouble: each row of the posts table stays short.
func TestLargeReportLean(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-post report")
	}
	r := Compute(bigInput(10000), Options{AsOf: fixtureAsOf})
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if perPost := b.Len() / len(r.Posts); perPost > 700 {
		t.Errorf("%d bytes a post (%d in all); want at most 700", perPost, b.Len())
	}
}

func BenchmarkWriteHTML(b *testing.B) {
	r := Compute(bigInput(10000), Options{AsOf: fixtureAsOf})
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := r.WriteHTML(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/page")
}
