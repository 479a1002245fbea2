package site_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/report"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

const reportFixture = `
-- accrue.toml --
title = "Notes"
author = "Ada"
base_url = "https://notes.example/"
[value]
monthly_rate = 0.02
[value.weights]
comment = 4
[value.classes]
new_days = 30
-- content/posts/a.md --
---
title: A
date: 2024-01-01
---
First, with [a broken link](/posts/nope/).
-- content/posts/b.md --
---
title: B
date: 2024-02-01
---
Links [A](/posts/a/).
-- content/posts/a/comments/20240105T100000Z-aaaaaa.md --
---
id: aaaaaa
author: Grace
date: 2024-01-05T10:00:00Z
status: approved
---
Answered.
-- content/posts/a/comments/20240106T100000Z-bbbbbb.md --
---
id: bbbbbb
author: Ada
date: 2024-01-06T10:00:00Z
reply_to: aaaaaa
status: approved
---
Thanks!
-- content/posts/a/comments/20240107T100000Z-cccccc.md --
---
id: cccccc
author: Ken
date: 2024-01-07T10:00:00Z
reply_to: bbbbbb
status: approved
---
Waiting for an answer.
-- content/posts/a/comments/20240108T100000Z-dddddd.md --
---
id: dddddd
author: Pending
date: 2024-01-08T10:00:00Z
status: pending
---
Not shown.
`

func TestReportInput(t *testing.T) {
	t.Parallel()
	in, _, err := site.ReportInput(context.Background(), sitetest.FS(reportFixture), site.Options{Now: sitetest.Now, Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if in.Site.Title != "Notes" || len(in.Posts) != 2 || in.Ledger == nil {
		t.Fatalf("input = %+v", in)
	}
	if in.Model.MonthlyRate != 0.02 || in.Model.Weights[ledger.KindComment] != 4 || in.Model.Weights[ledger.KindMention] != 5 {
		t.Errorf("model = %+v; want the rate and comment weight of accrue.toml, defaults elsewhere", in.Model)
	}
	if in.Thresholds.NewDays != 30 || in.Thresholds.DormantMonths != 24 || in.Model.Interest != ledger.Activity {
		t.Errorf("thresholds = %+v", in.Thresholds)
	}
	var got []string
	for _, c := range in.Comments {
		got = append(got, c.Author+" answered="+c.Answered.Format(time.DateOnly))
	}
	// Grace was answered by Ada; Ken, replying to Ada, was not. Ada's own
	// reply and the pending comment are no conversations.
	if want := "Grace answered=2024-01-06 Ken answered=0001-01-01"; strings.Join(got, " ") != want {
		t.Errorf("comments = %q; want %q", strings.Join(got, " "), want)
	}
	if len(in.Broken) != 1 || !strings.HasPrefix(in.Broken[0], "content/posts/a.md:5:") {
		t.Errorf("broken = %q", in.Broken)
	}
	r := report.Compute(in, report.Options{AsOf: time.Date(2024, 2, 10, 0, 0, 0, 0, time.UTC)})
	// Two publishes (10 each), two comments at accrue.toml's weight of 4,
	// the author's reply (1) and B's link to A (2).
	if r.Summary.Principal != 31 {
		t.Errorf("principal = %v; want 31 with the weights of accrue.toml", r.Summary.Principal)
	}
	if len(r.Actions.Conversations) != 1 || r.Actions.Conversations[0].Author != "Ken" {
		t.Errorf("conversations = %+v", r.Actions.Conversations)
	}
}

func TestPublishedReport(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, reportFixture)
	if _, ok := r.Files[site.ReportPath]; ok {
		t.Errorf("%s is published without [report] publish", site.ReportPath)
	}
	r = sitetest.Build(t, reportFixture+"-- accrue.toml --\ntitle = \"Notes\"\n[report]\npublish = true\n")
	r.AssertFile(site.ReportPath, "<svg", "Notes")
}

// Served at another address (the dev server, --base-url), a site is the
// same site: links written on its published address stay internal and
// mentions of it stay its own.
func TestServedElsewhere(t *testing.T) {
	t.Parallel()
	fixture := `
-- accrue.toml --
base_url = "https://blog.example.org/"
-- content/posts/old.md --
---
title: Old
date: 2024-01-01
---
The first post.
-- content/posts/old/mentions/20240301T100000Z-m1.yaml --
source: https://other.example/a
target: https://blog.example.org/posts/old/
type: mention
received: 2024-03-01T10:00:00Z
status: approved
-- content/posts/new.md --
---
title: New
date: 2024-02-01
---
See [the old one](https://blog.example.org/posts/old/).
`
	l, diags, err := site.Ledger(context.Background(), sitetest.FS(fixture),
		site.Options{Now: sitetest.Now, Theme: themes.Default(), BaseURL: "http://localhost:1313/"})
	if err != nil {
		t.Fatalf("%v\n%s", err, diags.Error())
	}
	kinds := map[ledger.Kind]int{}
	for _, e := range l.Events {
		kinds[e.Kind]++
	}
	if kinds[ledger.KindInternalLink] != 1 || kinds[ledger.KindOutboundLink] != 0 || kinds[ledger.KindMention] != 1 {
		t.Errorf("events by kind = %v; want the link internal and the mention counted", kinds)
	}
}
