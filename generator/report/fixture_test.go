package report

import (
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// fixtureAsOf is the date every fixture report is computed for.
var fixtureAsOf = time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(9 * time.Hour)
}

// blogInput is the Input of a blog titled title with these posts and
// events, on the default model and thresholds, in UTC: what most tests
// that build their own ledger need.
func blogInput(title string, posts []Post, events []ledger.Event) Input {
	return Input{Site: Site{Title: title}, Posts: posts, Ledger: ledger.New(events), Model: ledger.DefaultModel(),
		Thresholds: ledger.DefaultThresholds(), Location: time.UTC}
}

// fixture is a small blog of six posts over two and a half years with
// one post of each class, champions, fresh commenters and domains, a
// moment, a lapsed friend, an orphan, an unanswered comment and a broken
// link.
func fixture() Input {
	posts := []Post{
		{File: "content/posts/hello.md", Title: "Hello, compound interest", URL: "/posts/hello/", Published: day("2023-01-10")},
		{File: "content/posts/chroma.md", Title: "Highlighting code", URL: "/posts/chroma/", Published: day("2023-03-01")},
		{File: "content/posts/feeds.md", Title: "Feeds done right", URL: "/posts/feeds/", Published: day("2024-02-01")},
		{File: "content/posts/serve.md", Title: "The dev server", URL: "/posts/serve/", Published: day("2024-09-01")},
		{File: "content/posts/faq.md", Title: "FAQ", URL: "/posts/faq/", Published: day("2024-11-15")},
		{File: "content/posts/report.md", Title: "Reading the report", URL: "/posts/report/", Published: day("2025-05-20")},
		{File: "content/posts/later.md", Title: "Not yet", URL: "/posts/later/", Published: day("2025-08-01")},
	}
	var events []ledger.Event
	add := func(date, post string, k ledger.Kind, actor, actorURL, source string) {
		events = append(events, ledger.Event{Date: day(date), Post: "content/posts/" + post + ".md", Kind: k,
			Actor: actor, ActorURL: actorURL, Source: source})
	}
	for _, p := range posts {
		events = append(events, ledger.Event{Date: p.Published, Post: p.File, Title: p.Title, Kind: ledger.KindPublish, Actor: "Ada", Source: p.File})
	}
	// hello compounds: others keep coming, more than at launch.
	add("2023-01-12", "hello", ledger.KindComment, "Grace", "https://grace.example/", "c1")
	add("2023-01-13", "hello", ledger.KindAuthorReply, "Ada", "", "c2")
	add("2023-06-01", "hello", ledger.KindUpdate, "Ada", "", "abc123")
	add("2024-03-02", "hello", ledger.KindMention, "Linus", "https://linus.example/", "https://news.example/a")
	add("2025-01-20", "hello", ledger.KindComment, "Grace", "https://grace.example/", "c3")
	add("2025-02-10", "hello", ledger.KindRepost, "mastodon.example", "", "https://mastodon.example/@x/1")
	add("2025-04-05", "hello", ledger.KindMention, "Linus", "https://linus.example/", "https://news.example/b")
	add("2025-06-10", "hello", ledger.KindComment, "Margaret", "", "c4")
	add("2025-06-12", "hello", ledger.KindLike, "blog.example", "", "https://blog.example/likes/1")
	add("2025-06-20", "hello", ledger.KindInternalLink, "content/posts/serve.md", "/posts/serve/", "content/posts/serve.md")
	add("2025-06-25", "hello", ledger.KindMention, "Gone", "", "https://gone.example/x")
	events[len(events)-1].Withdrawn = true
	// chroma had its launch and nothing since: dormant.
	add("2023-03-02", "chroma", ledger.KindPingback, "old.example", "", "https://old.example/p")
	add("2023-03-05", "chroma", ledger.KindComment, "Grace", "https://grace.example/", "c5")
	add("2023-03-05", "chroma", ledger.KindOutboundLink, "go.dev", "https://go.dev/", "content/posts/chroma.md")
	add("2023-03-05", "chroma", ledger.KindInternalLink, "content/posts/hello.md", "/posts/hello/", "content/posts/hello.md")
	// feeds decays: a busy launch, a trickle since.
	add("2024-02-02", "feeds", ledger.KindMention, "news.example", "", "https://news.example/c")
	add("2024-02-03", "feeds", ledger.KindMention, "Linus", "https://linus.example/", "https://news.example/d")
	add("2024-02-05", "feeds", ledger.KindComment, "Barbara", "", "c6")
	add("2025-03-01", "feeds", ledger.KindLike, "Linus", "https://linus.example/", "https://news.example/e")
	add("2024-02-05", "feeds", ledger.KindInternalLink, "content/posts/hello.md", "/posts/hello/", "content/posts/hello.md")
	// serve gains in the period.
	add("2024-09-03", "serve", ledger.KindComment, "Grace", "https://grace.example/", "c7")
	add("2025-06-05", "serve", ledger.KindInternalLink, "content/posts/report.md", "/posts/report/", "content/posts/report.md")
	add("2025-06-15", "serve", ledger.KindReply, "Edsger", "https://edsger.example/", "https://edsger.example/r")
	add("2025-06-18", "serve", ledger.KindComment, "Barbara", "", "c8")
	// faq: nobody links to it, a question waits.
	add("2025-06-01", "faq", ledger.KindComment, "Ken", "https://ken.example/", "c9")
	// report: new.
	add("2025-05-25", "report", ledger.KindBookmark, "pinboard.example", "", "https://pinboard.example/u/1")
	// hello has its moment: a comment, two mentions and a like in a week.
	add("2025-06-11", "hello", ledger.KindMention, "news.example", "", "https://news.example/f")
	add("2025-06-11", "hello", ledger.KindMention, "news.example", "", "https://news.example/g")
	// Dennis commented every month, then stopped: a lapsed friend.
	add("2024-11-12", "hello", ledger.KindComment, "Dennis", "https://dennis.example/", "c10")
	add("2024-12-10", "hello", ledger.KindComment, "Dennis", "https://dennis.example/", "c11")
	add("2025-01-10", "hello", ledger.KindComment, "Dennis", "https://dennis.example/", "c12")
	// site-wide maintenance is no post's deposit.
	events = append(events, ledger.Event{Date: day("2024-01-01"), Kind: ledger.KindMaintenance, Actor: "Ada", Source: "fff000"})

	return Input{
		Site:   Site{Title: "Ada's notes", URL: "https://ada.example/", Author: "Ada"},
		Posts:  posts,
		Ledger: ledger.New(events),
		Comments: []Comment{
			{Post: "content/posts/hello.md", Author: "Margaret", Date: day("2025-06-10"), File: "content/posts/hello/comments/c4.md"},
			{Post: "content/posts/faq.md", Author: "Ken", URL: "https://ken.example/", Date: day("2025-06-01"), File: "content/posts/faq/comments/c9.md"},
			{Post: "content/posts/serve.md", Author: "Barbara", Date: day("2025-06-18"), File: "content/posts/serve/comments/c8.md", Answered: day("2025-06-19")},
			{Post: "content/posts/hello.md", Author: "Grace", Date: day("2023-01-12"), File: "content/posts/hello/comments/c1.md"},
		},
		Broken:     []string{"content/posts/faq.md:12:3: broken link to /posts/nowhere/"},
		Model:      ledger.DefaultModel(),
		Thresholds: ledger.DefaultThresholds(),
		Location:   time.UTC,
	}
}
