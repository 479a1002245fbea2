package site_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// earlyFixture is a post published on 2024-01-01 with one comment and one
// mention, dated by COMMENT_DATE and MENTION_DATE.
const earlyFixture = `
-- accrue.toml --
title = "Notes"
base_url = "https://notes.example/"
-- content/posts/a.md --
---
title: A
date: 2024-01-01
---
Hello.
-- content/posts/a/comments/20240101T000000Z-c1.md --
---
author: Grace
date: COMMENT_DATE
status: approved
---
Nice.
-- content/posts/a/mentions/20240101T000000Z-m1.yaml --
source: https://other.example/a
target: https://notes.example/posts/a/
type: mention
received: MENTION_DATE
status: approved
`

func TestDepositsBeforeTheirPost(t *testing.T) {
	t.Parallel()
	asOf := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	value := func(t *testing.T, comment, mention string) (float64, []ledger.Event, string) {
		t.Helper()
		files := strings.NewReplacer("COMMENT_DATE", comment, "MENTION_DATE", mention).Replace(earlyFixture)
		l, diags, err := site.Ledger(context.Background(), sitetest.FS(files), site.Options{Now: asOf, Theme: themes.Default()})
		if err != nil {
			t.Fatalf("%v\n%s", err, diags.Error())
		}
		if diags.HasErrors() {
			t.Fatalf("errors: %s", diags.Error())
		}
		return ledger.SavingsModel().Accounts(l, asOf)["content/posts/a.md"].Value, l.ForPost("content/posts/a.md"), diags.Error()
	}

	atPublication, _, warnings := value(t, "2024-01-01", "2024-01-01")
	if warnings != "" {
		t.Errorf("deposits dated at publication: warnings %s; want none", warnings)
	}
	early, events, warnings := value(t, "2019-03-04T10:00:00Z", "2018-05-06")
	want := `content/posts/a/comments/20240101T000000Z-c1.md:3:7: warning: comment: dated 2019-03-04, before its post was published on 2024-01-01; the ledger counts it from 2024-01-01, so correct the date if it is wrong
content/posts/a/mentions/20240101T000000Z-m1.yaml:4:11: warning: mention: received 2018-05-06, before its post was published on 2024-01-01; the ledger counts it from 2024-01-01, so correct the date if it is wrong`
	if warnings != want {
		t.Errorf("warnings =\n%s\nwant\n%s", warnings, want)
	}
	if early != atPublication {
		t.Errorf("value with deposits dated years early = %v; want %v, as when dated at publication", early, atPublication)
	}
	published := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	for _, e := range events {
		if e.Kind == ledger.KindComment || e.Kind == ledger.KindMention {
			n++
			if !e.Date.Equal(published) {
				t.Errorf("%v event dated %v; want %v", e.Kind, e.Date, published)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d comment and mention events; want 2", n)
	}

	later, _, warnings := value(t, "2024-06-01", "2024-07-01")
	if warnings != "" || later >= atPublication {
		t.Errorf("deposits after publication: value %v (at publication %v), warnings %q; want less value, no warnings", later, atPublication, warnings)
	}
}
