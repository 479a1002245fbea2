package ledger

import (
	"bytes"
	"flag"
	"os"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "update golden files")

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err) // test data is written by hand
	}
	return t
}

func fixture() *Ledger {
	return New([]Event{
		{Date: day("2024-03-01"), Post: "content/posts/b.md", Title: "B", Kind: KindPublish, Actor: "Ada", Source: "content/posts/b.md"},
		{Date: day("2024-01-01"), Post: "content/posts/a.md", Title: "A", Kind: KindPublish, Actor: "Ada", Source: "content/posts/a.md"},
		{Date: day("2024-02-01"), Post: "content/posts/a.md", Title: "A", Kind: KindUpdate, Actor: "Ada", Source: "abc123", Note: "fix typo, +2 -1"},
		{Date: day("2024-03-01"), Post: "content/posts/a.md", Title: "A", Kind: KindInternalLink, Actor: "content/posts/b.md", Source: "content/posts/b.md:4:7"},
		{Date: day("2024-03-05"), Post: "content/posts/a.md", Title: "A", Kind: KindComment, Actor: "Grace", ActorURL: "https://grace.example/", Source: "content/posts/a/comments/20240305T100000Z-x1.md", Note: "Nice, \"quoted\", and, commas"},
		{Date: day("2024-03-06"), Post: "content/posts/a.md", Title: "A", Kind: KindMention, Actor: "news.example", Source: "https://news.example/story", Withdrawn: true},
		{Date: day("2024-03-07"), Post: "content/posts/a.md", Title: "A", Kind: KindLike, Actor: "Linus", Source: "https://social.example/likes/1"},
		{Date: day("2024-04-01"), Kind: KindMaintenance, Actor: "Ada", Source: "def456", Note: "reformat 30 posts"},
	})
}

func TestOrderAndPosts(t *testing.T) {
	l := fixture()
	var got []string
	for _, e := range l.Events {
		got = append(got, e.Date.Format("01-02")+" "+e.Kind.String())
	}
	want := []string{"01-01 publish", "02-01 update", "03-01 internal-link", "03-01 publish", "03-05 comment", "03-06 mention", "03-07 like", "04-01 maintenance"}
	if len(got) != len(want) {
		t.Fatalf("events = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %s; want %s", i, got[i], want[i])
		}
	}
	if a := l.ForPost("content/posts/a.md"); len(a) != 6 || a[0].Kind != KindPublish || a[5].Kind != KindLike {
		t.Errorf("ForPost(a) = %+v", a)
	}
	if site := l.ForPost(""); len(site) != 1 || site[0].Kind != KindMaintenance {
		t.Errorf("site-wide events = %+v", site)
	}
}

func TestCounts(t *testing.T) {
	c := fixture().CountsFor("content/posts/a.md")
	if c.Updates() != 1 || c.Comments() != 1 || c.Mentions() != 0 || c.References() != 1 || c.Count(KindLike) != 1 {
		t.Errorf("counts = %+v (a withdrawn mention must not count)", c.ByKind)
	}
	if got, want := c.Summary(), "1 comment, 1 like, updated once, referenced by 1 post"; got != want {
		t.Errorf("Summary() = %q; want %q", got, want)
	}
	var many Counts
	many.ByKind[KindComment], many.ByKind[KindAuthorReply], many.ByKind[KindReply], many.ByKind[KindPingback] = 3, 1, 2, 1
	many.ByKind[KindUpdate], many.ByKind[KindInternalLink] = 5, 2
	if got, want := many.Summary(), "4 comments, 3 mentions, updated 5 times, referenced by 2 posts"; got != want {
		t.Errorf("Summary() = %q; want %q", got, want)
	}
	if (Counts{}).Summary() != "" {
		t.Error("empty counts should say nothing")
	}
}

func TestLinkDate(t *testing.T) {
	revs := []time.Time{day("2024-02-01"), day("2024-05-01"), day("2024-09-01")}
	for _, tt := range []struct {
		name         string
		link, target time.Time
		want         time.Time
		ok           bool
	}{
		{"target older", day("2024-03-01"), day("2024-01-01"), day("2024-03-01"), true},
		{"same day", day("2024-03-01"), day("2024-03-01"), day("2024-03-01"), true},
		{"target newer: first revision after it", day("2024-01-01"), day("2024-04-01"), day("2024-05-01"), true},
		{"revision on the target's date", day("2024-01-01"), day("2024-05-01"), day("2024-05-01"), true},
		{"no revision after the target", day("2024-01-01"), day("2024-10-01"), day("2024-10-01"), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LinkDate(tt.link, revs, tt.target)
			if !got.Equal(tt.want) || ok != tt.ok {
				t.Errorf("LinkDate = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestKinds(t *testing.T) {
	for _, k := range Kinds() {
		back, ok := ParseKind(k.String())
		if !ok || back != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), back, ok)
		}
	}
	if _, ok := ParseKind("nope"); ok {
		t.Error("ParseKind accepted an unknown name")
	}
	if KindPublish.FromOthers() || KindUpdate.FromOthers() || !KindComment.FromOthers() || !KindInternalLink.FromOthers() {
		t.Error("FromOthers misclassifies the author's own deposits")
	}
}

func TestDumpGolden(t *testing.T) {
	l := fixture()
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"testdata/ledger.golden.jsonl", func(b *bytes.Buffer) error { return l.WriteJSONL(b) }},
		{"testdata/ledger.golden.csv", func(b *bytes.Buffer) error { return l.WriteCSV(b) }},
	} {
		var b bytes.Buffer
		if err := f.write(&b); err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(f.name, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(f.name)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s differs:\n%s", f.name, b.String())
		}
	}
}
