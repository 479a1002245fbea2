package interactions

import "testing"

// TestCollected reads files named by day and remote id, as importers and
// accrue collect write them, with their provenance, and hides what was
// withdrawn where it came from.
func TestCollected(t *testing.T) {
	s, diags := load(t, map[string]string{
		"comments/2025-09-18-mastodon-social-example-113.md": `---
author: Ada
author_url: https://social.example/@ada
date: 2025-09-18T14:05:02Z
source: mastodon
status: approved
remote_id: "113"
remote_url: https://social.example/@ada/113
content_hash: abc
---
First.
`,
		"comments/2025-09-19-mastodon-social-example-114.md": `---
author: Bob
date: 2025-09-19T10:00:00Z
source: mastodon
status: approved
withdrawn: true
remote_id: "114"
---
Gone.
`,
		"mentions/2025-09-20-wm-7.yaml": `source: https://bob.example/likes/1
target: https://example.com/posts/hello/
type: like
received: 2025-09-20T08:00:00Z
status: approved
via: webmentionio
remote_id: "7"
withdrawn: true
`,
		"mentions/2025-09-20-wm-8.yaml": `source: https://eve.example/likes/1
target: https://example.com/posts/hello/
type: like
received: 2025-09-20T09:00:00Z
status: approved
via: webmentionio
remote_id: "8"
content_hash: def
`,
	})
	if diags.HasErrors() {
		t.Fatalf("diagnostics:\n%s", lines(diags))
	}
	if len(s.Comments) != 2 || len(s.Threads) != 1 || s.Threads[0].ID != "mastodon-social-example-113" {
		t.Fatalf("comments %d, threads %v; want 2 comments and one thread, the first", len(s.Comments), s.Threads)
	}
	want := Origin{RemoteID: "113", RemoteURL: "https://social.example/@ada/113", Hash: "abc"}
	if got := s.Threads[0].Origin; got != want {
		t.Errorf("origin = %+v; want %+v", got, want)
	}
	if !s.Comments[1].Withdrawn || s.Comments[1].Shown() {
		t.Errorf("withdrawn comment: Withdrawn %v, Shown %v; want true, false", s.Comments[1].Withdrawn, s.Comments[1].Shown())
	}
	if c := s.Counts(); c.Likes != 1 || c.Comments != 1 {
		t.Errorf("counts = %+v; want 1 comment and 1 like", c)
	}
	if got := s.Mentions[1].Origin; got != (Origin{Via: "webmentionio", RemoteID: "8", Hash: "def"}) {
		t.Errorf("mention origin = %+v", got)
	}
}

func TestWithdrawnNotABool(t *testing.T) {
	_, diags := load(t, map[string]string{
		"comments/2025-09-18-a1.md": "---\nauthor: A\ndate: 2025-09-18\nstatus: approved\nwithdrawn: maybe\n---\nHi\n",
	})
	want := post + `/comments/2025-09-18-a1.md:5:12: comment: withdrawn: want true or false, not "maybe"`
	if got := lines(diags); got != want {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
}
