package collect

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accruehq/accrue/generator/interactions"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "update golden files")

// now is the clock of every test.
var now = time.Date(2025, 10, 1, 12, 0, 0, 0, time.UTC)

// sleeps records the waits of a Client instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

func testClient(s *sleeps) *Client {
	return &Client{Sleep: s.sleep, Now: func() time.Time { return now }}
}

func testPosts(mastodon string) []Post {
	return []Post{
		{File: "content/posts/hello.md", Folder: "content/posts/hello",
			URLs: []string{"https://blog.example/posts/hello/", "https://blog.example/posts/hello"}, Mastodon: mastodon},
		{File: "content/posts/other/index.md", Folder: "content/posts/other",
			URLs: []string{"https://blog.example/posts/other/", "https://blog.example/posts/other"}},
	}
}

// fakeWebmentionIO answers /api/mentions.jf2 as webmention.io documents
// it: the token's mentions newest last, since_id, per-page and page from 0.
type fakeWebmentionIO struct {
	mu       sync.Mutex
	entries  []map[string]any
	limited  int      // answer this many requests with 429 first
	requests []string // the queries asked, token left out
}

func (f *fakeWebmentionIO) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := r.URL.Query()
	if r.URL.Path != "/api/mentions.jf2" {
		http.NotFound(w, r)
		return
	}
	if q.Get("token") != "T0KEN" {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"error":"forbidden","error_description":"invalid token"}`)
		return
	}
	if f.limited > 0 {
		f.limited--
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	q.Del("token")
	f.requests = append(f.requests, q.Encode())
	since, _ := strconv.ParseInt(q.Get("since_id"), 10, 64)
	per, _ := strconv.Atoi(q.Get("per-page"))
	page, _ := strconv.Atoi(q.Get("page"))
	var match []map[string]any
	for _, e := range f.entries {
		if int64(e["wm-id"].(int)) > since {
			match = append(match, e)
		}
	}
	lo, hi := min(page*per, len(match)), min((page+1)*per, len(match))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"type": "feed", "name": "Webmentions", "children": append([]map[string]any{}, match[lo:hi]...)})
}

func wmEntry(id int, property, target, html string) map[string]any {
	e := map[string]any{
		"type":        "entry",
		"author":      map[string]any{"type": "card", "name": fmt.Sprintf("Reader %d", id), "photo": "https://readers.example/p" + strconv.Itoa(id) + ".jpg", "url": "https://readers.example/" + strconv.Itoa(id)},
		"url":         fmt.Sprintf("https://readers.example/notes/%d", id),
		"published":   "2025-09-18T10:00:00+02:00",
		"wm-received": "2025-09-18T09:00:00Z",
		"wm-id":       id,
		"wm-source":   fmt.Sprintf("https://readers.example/notes/%d", id),
		"wm-target":   target,
		"wm-protocol": "webmention",
		"wm-property": property,
		"wm-private":  false,
		property:      target,
	}
	if html != "" {
		e["content"] = map[string]any{"html": html, "text": "text"}
	}
	return e
}

func TestWebmentionIO(t *testing.T) {
	hello := "https://blog.example/posts/hello/"
	fake := &fakeWebmentionIO{limited: 1, entries: []map[string]any{
		wmEntry(101, "in-reply-to", hello, `<p>Great <b>post</b>! See <a href="https://readers.example/x">this</a>.</p><script>alert(1)</script><p>* not a list</p>`),
		wmEntry(102, "like-of", hello, ""),
		wmEntry(103, "repost-of", "https://blog.example/posts/nowhere/", ""),
		wmEntry(104, "in-reply-to", hello, "<p>private</p>"),
		wmEntry(105, "mention-of", "HTTPS://Blog.Example/posts/hello/#comments", "<p>Mentioned it.</p>"),
	}}
	fake.entries[3]["wm-private"] = true
	srv := httptest.NewServer(fake)
	defer srv.Close()
	root := t.TempDir()
	posts := testPosts("")
	var sl sleeps
	w := &Writer{Root: root, Status: "approved", Now: now}
	run := func(since int64) (Report, int64) {
		t.Helper()
		src := &WebmentionIO{Client: testClient(&sl), BaseURL: srv.URL, Token: "T0KEN", SinceID: since}
		f, err := src.Fetch(context.Background(), posts)
		if err != nil {
			t.Fatal(err)
		}
		r, err := w.Write(src.Name(), posts, f)
		if err != nil {
			t.Fatal(err)
		}
		return r, src.LastID
	}

	r, last := run(0)
	if got := counts(r); got != "created 3, updated 0, unchanged 0, withdrawn 0, kept 0, unmatched 1" || last != 105 {
		t.Errorf("first run: %s, last id %d", got, last)
	}
	if len(r.Unmatched) != 1 || r.Unmatched[0].Target != "https://blog.example/posts/nowhere/" {
		t.Errorf("unmatched = %+v", r.Unmatched)
	}
	if len(sl.d) != 1 || sl.d[0] != 7*time.Second {
		t.Errorf("waits = %v; want one of 7s after the 429", sl.d)
	}

	// A new reply: an incremental run asks only for what is newer.
	fake.entries = append(fake.entries, wmEntry(106, "in-reply-to", hello, "<p>Later.</p>"))
	fake.requests = nil
	r, last = run(105)
	if got := counts(r); got != "created 1, updated 0, unchanged 0, withdrawn 0, kept 0, unmatched 0" || last != 106 {
		t.Errorf("incremental run: %s, last id %d", got, last)
	}
	if want := "page=0&per-page=100&since_id=105"; len(fake.requests) != 2 || fake.requests[0] != want {
		t.Errorf("requests = %q; want %q then page 1", fake.requests, want)
	}

	// Between runs: 101 is edited, 102 deleted, and the blogger edits 106.
	fake.entries[0]["content"] = map[string]any{"html": "<p>Great post, edited.</p>"}
	fake.entries = append(fake.entries[:1], fake.entries[2:]...)
	edited := filepath.Join(root, "content/posts/hello/comments/20250918T090000Z-wm-106.md")
	appendFile(t, edited, "An owner's note.\n")
	r, _ = run(0)
	if got := counts(r); got != "created 0, updated 1, unchanged 1, withdrawn 1, kept 1, unmatched 1" {
		t.Errorf("full run: %s\n%+v", got, r.Changes)
	}
	golden(t, root, "testdata/webmentionio.golden.txtar")

	// Nothing changed at the service: nothing is written.
	r, _ = run(0)
	if got := counts(r); got != "created 0, updated 0, unchanged 2, withdrawn 0, kept 1, unmatched 1" {
		t.Errorf("second full run: %s", got)
	}

	s := load(t, root, "content/posts/hello", posts[0].URLs)
	if c := s.Counts(); c.Comments != 2 || c.Likes != 0 || c.Mentions != 1 {
		t.Errorf("the build shows %+v; want 2 comments, 1 mention and the withdrawn like gone", c)
	}
	if h := string(s.Threads[0].HTML); !strings.Contains(h, "Great post, edited.") {
		t.Errorf("comment HTML = %q", h)
	}
}

func TestWebmentionIOErrors(t *testing.T) {
	fake := &fakeWebmentionIO{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	var sl sleeps
	src := &WebmentionIO{Client: testClient(&sl), BaseURL: srv.URL, Token: "wrong"}
	_, err := src.Fetch(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "HTTP 403") || strings.Contains(err.Error(), "wrong") {
		t.Errorf("error = %v; want HTTP 403 without the token", err)
	}
	src = &WebmentionIO{Client: testClient(&sl), BaseURL: srv.URL}
	if _, err := src.Fetch(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "ACCRUE_WEBMENTIONIO_TOKEN") {
		t.Errorf("error = %v; want it to name the variable", err)
	}
	fake.limited = 10
	src = &WebmentionIO{Client: testClient(&sl), BaseURL: srv.URL, Token: "T0KEN"}
	if _, err := src.Fetch(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "HTTP 429") {
		t.Errorf("error = %v; want HTTP 429 after the retries", err)
	}
	if len(sl.d) != 3 {
		t.Errorf("waits = %v; want 3 retries", sl.d)
	}
}

// fakeMastodon answers the status API of one server as Mastodon
// documents it.
type fakeMastodon struct {
	mu          sync.Mutex
	url         string
	descendants map[string][]map[string]any
	favs        map[string][]map[string]any
	boosts      map[string][]map[string]any
	limited     int // answer reblogged_by this many times with 429 first
}

func (f *fakeMastodon) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v1/statuses/"), "/")
	if len(parts) != 2 {
		http.NotFound(w, r)
		return
	}
	id, what := parts[0], parts[1]
	if id == "500" {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `{"error":"down for maintenance"}`)
		return
	}
	if _, ok := f.descendants[id]; !ok {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"Record not found"}`)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch what {
	case "context":
		json.NewEncoder(w).Encode(map[string]any{"ancestors": []any{}, "descendants": f.descendants[id]})
	case "favourited_by", "reblogged_by":
		list := f.favs[id]
		if what == "reblogged_by" {
			if f.limited > 0 {
				f.limited--
				w.Header().Set("X-RateLimit-Reset", now.Add(5*time.Second).Format(time.RFC3339Nano))
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			list = f.boosts[id]
		}
		// Two accounts a page, newest first; max_id pages back.
		start := 0
		if m := r.URL.Query().Get("max_id"); m != "" {
			start, _ = strconv.Atoi(m)
		}
		end := min(start+2, len(list))
		if end < len(list) {
			w.Header().Set("Link", fmt.Sprintf(`<%s%s?max_id=%d>; rel="next", <%s%s?min_id=0>; rel="prev"`, f.url, r.URL.Path, end, f.url, r.URL.Path))
		}
		json.NewEncoder(w).Encode(list[start:end])
	default:
		http.NotFound(w, r)
	}
}

func mastoAccountJSON(id, name string) map[string]any {
	return map[string]any{"id": id, "username": name, "acct": name + "@elsewhere.example", "display_name": strings.ToUpper(name[:1]) + name[1:],
		"url": "https://elsewhere.example/@" + name, "avatar": "https://elsewhere.example/avatars/" + id + ".png"}
}

func mastoStatusJSON(id, replyTo, content, who string) map[string]any {
	return map[string]any{"id": id, "in_reply_to_id": replyTo, "created_at": "2025-09-19T08:00:00.000Z", "visibility": "public",
		"url": "https://elsewhere.example/@" + who + "/" + id, "uri": "https://elsewhere.example/users/" + who + "/statuses/" + id,
		"content": content, "account": mastoAccountJSON("9"+id, who)}
}

func TestMastodon(t *testing.T) {
	fake := &fakeMastodon{limited: 1,
		descendants: map[string][]map[string]any{"100": {
			mastoStatusJSON("111", "100", `<p><span class="h-card"><a href="https://blog.example/@me" class="u-url mention">@<span>me</span></a></span> Nice &amp; clear.</p>`, "ada"),
			mastoStatusJSON("112", "111", "<p>Agreed.</p><p>1. First</p>", "bob"),
			mastoStatusJSON("113", "100", "<p>Psst.</p>", "eve"),
		}},
		favs:   map[string][]map[string]any{"100": {mastoAccountJSON("1", "ann"), mastoAccountJSON("2", "ben"), mastoAccountJSON("3", "cy")}},
		boosts: map[string][]map[string]any{"100": {mastoAccountJSON("1", "ann")}},
	}
	fake.descendants["100"][2]["visibility"] = "direct"
	srv := httptest.NewServer(fake)
	defer srv.Close()
	// The server is called mastodon.example, so that files name the same
	// host every run; every connection goes to the fake.
	fake.url = "http://mastodon.example"
	posts := testPosts(fake.url + "/@me/100")
	posts[1].Mastodon = fake.url + "/@me/500"
	root := t.TempDir()
	var sl sleeps
	client := testClient(&sl)
	client.HTTP = &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}}}
	w := &Writer{Root: root, Status: "approved", Now: now}
	run := func() Report {
		t.Helper()
		src := &Mastodon{Client: client, Likes: true, Reposts: true}
		f, err := src.Fetch(context.Background(), posts)
		if err == nil || !strings.Contains(err.Error(), "content/posts/other/index.md: http://mastodon.example/api/v1/statuses/500/context: HTTP 503") {
			t.Errorf("error = %v; want the failing post named with its HTTP status", err)
		}
		r, err := w.Write(src.Name(), posts, f)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := run()
	if got := counts(r); got != "created 6, updated 0, unchanged 0, withdrawn 0, kept 0, unmatched 0" {
		t.Errorf("first run: %s\n%+v", got, r.Changes)
	}
	// The 429 waited for X-RateLimit-Reset; the 503 backed off 1s, 2s, 4s.
	if want := []time.Duration{5 * time.Second, time.Second, 2 * time.Second, 4 * time.Second}; fmt.Sprint(sl.d) != fmt.Sprint(want) {
		t.Errorf("waits = %v; want %v", sl.d, want)
	}

	// Ada edits her reply, Bob deletes his, Ben no longer likes the post.
	fake.descendants["100"][0]["content"] = "<p>Nice &amp; clear, edited.</p>"
	fake.descendants["100"] = append(fake.descendants["100"][:1], fake.descendants["100"][2])
	fake.favs["100"] = append(fake.favs["100"][:1], fake.favs["100"][2])
	r = run()
	if got := counts(r); got != "created 0, updated 1, unchanged 3, withdrawn 2, kept 0, unmatched 0" {
		t.Errorf("second run: %s\n%+v", got, r.Changes)
	}
	golden(t, root, "testdata/mastodon.golden.txtar")
	r = run()
	if got := counts(r); got != "created 0, updated 0, unchanged 4, withdrawn 0, kept 0, unmatched 0" {
		t.Errorf("third run: %s\n%+v", got, r.Changes)
	}
	s := load(t, root, "content/posts/hello", posts[0].URLs)
	if c := s.Counts(); c.Comments != 1 || c.Likes != 2 || c.Reposts != 1 {
		t.Errorf("the build shows %+v; want 1 comment, 2 likes, 1 repost", c)
	}
}

func TestParseToot(t *testing.T) {
	for _, tt := range []struct{ in, host, id string }{
		{"https://mastodon.social/@ada/113456789012345678", "mastodon.social", "113456789012345678"},
		{"https://Social.Example/users/ada/statuses/42", "social.example", "42"},
	} {
		got, err := parseToot(tt.in)
		if err != nil || got.host != tt.host || got.id != tt.id {
			t.Errorf("parseToot(%q) = %+v, %v; want host %s, id %s", tt.in, got, err, tt.host, tt.id)
		}
	}
	for _, in := range []string{"https://mastodon.social/@ada", "ftp://x/@a/1", "not a url"} {
		if _, err := parseToot(in); err == nil {
			t.Errorf("parseToot(%q): no error", in)
		}
	}
}

func TestMarkdown(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"paragraphs and links", `<p>See <a href="https://a.example/x?y=1">this</a>.</p><p>Next</p>`, "See [this](<https://a.example/x?y=1>).\n\nNext"},
		{"markup is text", `<p>*bold* _it_ <b>b</b> [x](javascript:alert(1)) &lt;script&gt;</p>`, `\*bold\* \_it\_ b \[x\]\(javascript:alert\(1\)\) \<script\>`},
		{"script dropped", `<p>a</p><script>alert(1)</script><style>p{}</style>`, "a"},
		{"unsafe link kept as text", `<a href="javascript:alert(1)">click</a>`, "click"},
		{"line starts", `<p># not a heading</p><p>- not a list</p><p>12. not a list</p>`, "\\# not a heading\n\n\\- not a list\n\n12\\. not a list"},
		{"breaks", `a<br>b<br/>`, "a\\\nb"},
		{"list marker first", `- not a list<br>+ nor this`, "\\- not a list\\\n\\+ nor this"},
		{"image alt", `<img src="https://x.example/i.png" alt="a cat">`, "a cat"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Markdown(tt.in); got != tt.want {
				t.Errorf("Markdown(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNextLink(t *testing.T) {
	h := http.Header{}
	h.Add("Link", `<https://m.example/api/v1/statuses/1/favourited_by?max_id=7>; rel="next", <https://m.example/x?min_id=9>; rel="prev"`)
	if got := nextLink(h); got != "https://m.example/api/v1/statuses/1/favourited_by?max_id=7" {
		t.Errorf("nextLink = %q", got)
	}
	if got := nextLink(http.Header{}); got != "" {
		t.Errorf("nextLink of no header = %q", got)
	}
}

func counts(r Report) string {
	return fmt.Sprintf("created %d, updated %d, unchanged %d, withdrawn %d, kept %d, unmatched %d",
		r.Created, r.Updated, r.Unchanged, r.Withdrawn, r.Kept, len(r.Unmatched))
}

func appendFile(t *testing.T, name, s string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// load reads a post folder as the build does, and fails on any problem.
func load(t *testing.T, root, folder string, urls []string) *interactions.Set {
	t.Helper()
	s, diags := interactions.Load(os.DirFS(root), folder, urls, time.UTC)
	if len(diags) > 0 {
		t.Fatalf("the build reports:\n%v", diags)
	}
	return s
}

// golden compares every file under root with a txtar file.
func golden(t *testing.T, root, name string) {
	t.Helper()
	var ar txtar.Archive
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p) // p is under root
		ar.Files = append(ar.Files, txtar.File{Name: filepath.ToSlash(rel), Data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(ar.Files, func(i, j int) bool { return ar.Files[i].Name < ar.Files[j].Name })
	got := txtar.Format(&ar)
	if *update {
		if err := os.WriteFile(name, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/collect -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("files differ from %s (go test ./generator/collect -update)\ngot:\n%s", name, got)
	}
}
