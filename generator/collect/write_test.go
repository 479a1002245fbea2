package collect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWriterKeepsTheBuildGreen writes items the build would refuse as
// they come: a reply to a comment that is not collected, an author whose
// name is invisible, a mention without an address.
func TestWriterKeepsTheBuildGreen(t *testing.T) {
	root := t.TempDir()
	posts := testPosts("")
	day := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	w := &Writer{Root: root, Status: "approved", Now: now}
	r, err := w.Write("mastodon", posts, Fetched{Items: []Item{
		{Source: "mastodon", RemoteID: "2", RemoteURL: "https://m.example/@a/2", Post: posts[0].File, Kind: KindReply,
			Author: Author{Name: "\u200b \u200b", URL: "https://m.example/@a"}, Published: day, HTML: "<p>orphan</p>",
			ReplyTo: "mastodon-m-example-1", FileID: "mastodon-m-example-2"},
		{Source: "mastodon", RemoteID: "3", RemoteURL: "javascript:alert(1)", Post: posts[0].File, Kind: KindLike,
			Author: Author{Name: "Eve"}, FileID: "mastodon-m-example-fav-3"},
		{Source: "mastodon", RemoteID: "4", Post: posts[0].File, Kind: KindReply, FileID: "../../evil"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := counts(r); got != "created 1, updated 0, unchanged 0, withdrawn 0, kept 0, unmatched 0" || len(r.Invalid) != 2 {
		t.Errorf("%s; invalid %q", got, r.Invalid)
	}
	src, err := os.ReadFile(filepath.Join(root, "content/posts/hello/comments/2025-09-01-mastodon-m-example-2.md"))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(src); strings.Contains(s, "reply_to") || !strings.Contains(s, `author: "m.example"`) {
		t.Errorf("file:\n%s\nwant no reply_to and the author's host as the name", s)
	}
	load(t, root, "content/posts/hello", posts[0].URLs)
}

func TestDryRunWritesNothing(t *testing.T) {
	root := t.TempDir()
	posts := testPosts("")
	w := &Writer{Root: root, Status: "approved", Now: now, DryRun: true}
	r, err := w.Write("webmentionio", posts, Fetched{Items: []Item{{Source: "webmentionio", RemoteID: "1", RemoteURL: "https://a.example/1",
		Target: "https://blog.example/posts/hello/", Kind: KindLike, FileID: "wm-1", Received: now}}})
	if err != nil || r.Created != 1 {
		t.Fatalf("report %+v, %v; want one created", r, err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("a dry run wrote %d entries", len(entries))
	}
}

// TestImportedMentionIsNotCollectedTwice: a mention accrue import
// webmentions stored has the same id, so collecting it again leaves the
// imported file alone and adds no second one.
func TestImportedMentionIsNotCollectedTwice(t *testing.T) {
	root := t.TempDir()
	posts := testPosts("")
	imported := filepath.Join(root, "content/posts/hello/mentions/20250918T090000Z-wm-7.yaml")
	if err := os.MkdirAll(filepath.Dir(imported), 0o755); err != nil {
		t.Fatal(err)
	}
	body := "source: https://a.example/7\ntarget: https://blog.example/posts/hello/\ntype: like\nreceived: 2025-09-18T09:00:00Z\nstatus: approved\n"
	if err := os.WriteFile(imported, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	w := &Writer{Root: root, Status: "approved", Now: now}
	r, err := w.Write("webmentionio", posts, Fetched{Items: []Item{{Source: "webmentionio", RemoteID: "7", RemoteURL: "https://a.example/7",
		Target: "https://blog.example/posts/hello/", Kind: KindLike, FileID: "wm-7", Received: time.Date(2025, 9, 18, 9, 0, 0, 0, time.UTC)}},
		Complete: []string{posts[0].File}})
	if err != nil {
		t.Fatal(err)
	}
	if got := counts(r); got != "created 0, updated 0, unchanged 0, withdrawn 0, kept 1, unmatched 0" || r.Changes[0].Reason != "not written by accrue collect" {
		t.Errorf("%s %+v", got, r.Changes)
	}
	if entries, _ := os.ReadDir(filepath.Dir(imported)); len(entries) != 1 {
		t.Errorf("the mentions folder holds %d files; want the imported one only", len(entries))
	}
}
