package config

import (
	"strings"
	"testing"
)

func TestCollect(t *testing.T) {
	cfg, err := Parse([]byte(`[collect]
status = "pending"
[collect.webmentionio]
domain = "blog.example"
`), Default())
	if err != nil {
		t.Fatal(err)
	}
	c := cfg.Collect
	if c.Status != "pending" || !c.WebmentionIO.Enabled || c.WebmentionIO.Domain != "blog.example" ||
		c.WebmentionIO.BaseURL != "https://webmention.io" || c.Mastodon.Enabled {
		t.Errorf("collect = %+v", c)
	}
	cfg, err = Parse([]byte("[collect.mastodon]\n"), Default())
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Collect.Mastodon.Enabled || cfg.Collect.WebmentionIO.Enabled || cfg.Collect.Status != "approved" {
		t.Errorf("collect = %+v", cfg.Collect)
	}
}

func TestCollectRefusesTokens(t *testing.T) {
	_, err := Parse([]byte("title = \"t\"\n[collect.webmentionio]\ntoken = \"s3cret\"\n[collect]\nstatus = \"maybe\"\n"), Default())
	got := ""
	if err != nil {
		got = err.Error()
	}
	for _, want := range []string{
		`accrue.toml:3:1: collect.webmentionio.token: tokens are never read from accrue.toml`,
		`ACCRUE_WEBMENTIONIO_TOKEN`,
		`accrue.toml:5:1: collect.status: want "approved" or "pending", not "maybe"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("error = %q; want it to contain %q", got, want)
		}
	}
	_, err = Parse([]byte("[collect.github]\nrepo = \"me\"\nmapping = \"og:title\"\n"), Default())
	for _, want := range []string{
		`accrue.toml:2:1: collect.github.repo: want the discussions' repository as "owner/name", not "me"`,
		`accrue.toml:3:1: collect.github.mapping: want pathname, url or title (giscus's mappings), not "og:title"`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v; want it to contain %q", err, want)
		}
	}
	if strings.Contains(got, "s3cret") {
		t.Errorf("error %q repeats the token", got)
	}
}
