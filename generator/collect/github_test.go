package collect

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeGitHub answers POST /graphql as GitHub's GraphQL API does for the
// query giscus readers need: discussions one to a page, with cursors.
type fakeGitHub struct {
	mu          sync.Mutex
	discussions []map[string]any
	limited     int  // answer this many requests with a 403 rate limit first
	broken      bool // answer with a GraphQL error
	brokenMore  bool // answer the queries for more comments and replies with a 502
}

func (f *fakeGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if r.Method != http.MethodPost || r.URL.Path != "/graphql" {
		w.WriteHeader(404)
		fmt.Fprint(w, `{"message":"Not Found"}`)
		return
	}
	if r.Header.Get("Authorization") != "bearer GHTOKEN" {
		w.WriteHeader(401)
		fmt.Fprint(w, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/graphql"}`)
		return
	}
	if f.limited > 0 {
		f.limited--
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", fmt.Sprint(now.Add(9*time.Second).Unix()))
		w.WriteHeader(403)
		fmt.Fprint(w, `{"message":"API rate limit exceeded"}`)
		return
	}
	var req struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || !strings.Contains(req.Query, "discussions(first: 100, after: $cursor)") &&
		!strings.Contains(req.Query, "discussion(number: $number)") && !strings.Contains(req.Query, "node(id: $id)") {
		w.WriteHeader(400)
		return
	}
	_, byNode := req.Variables["id"]
	if f.broken || !byNode && (req.Variables["owner"] != "me" || req.Variables["name"] != "blog") {
		fmt.Fprint(w, `{"data":{"repository":null},"errors":[{"type":"NOT_FOUND","path":["repository"],"message":"Could not resolve to a Repository with the name 'me/nope'."}]}`)
		return
	}
	more := strings.Contains(req.Query, "discussion(number: $number)") || strings.Contains(req.Query, "node(id: $id)")
	if more && f.brokenMore {
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, `{"message":"Server Error"}`)
		return
	}
	switch {
	case strings.Contains(req.Query, "discussion(number: $number)"):
		for _, d := range f.discussions {
			if fmt.Sprint(d["number"]) == fmt.Sprint(req.Variables["number"]) {
				after, _ := req.Variables["comments"].(string)
				json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"repository": map[string]any{"discussion": map[string]any{"comments": commentPage(d, after)}}}})
				return
			}
		}
		fmt.Fprint(w, `{"data":{"repository":{"discussion":null}},"errors":[{"type":"NOT_FOUND","path":["repository","discussion"],"message":"Could not resolve to a Discussion with the number of 9."}]}`)
		return
	case strings.Contains(req.Query, "node(id: $id)"):
		for _, d := range f.discussions {
			for _, c := range nodesOf(d["comments"]) {
				if c["id"] == req.Variables["id"] {
					after, _ := req.Variables["cursor"].(string)
					json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"node": map[string]any{"replies": pageOf(nodesOf(c["replies"]), after, nil)}}})
					return
				}
			}
		}
		fmt.Fprint(w, `{"data":{"node":null},"errors":[{"type":"NOT_FOUND","path":["node"],"message":"Could not resolve to a node with the global id of 'DC_x'"}]}`)
		return
	}
	i := 0
	if c, ok := req.Variables["cursor"].(string); ok {
		fmt.Sscan(strings.TrimPrefix(c, "c"), &i)
	}
	page := map[string]any{"pageInfo": map[string]any{"hasNextPage": i+1 < len(f.discussions), "endCursor": fmt.Sprintf("c%d", i+1)}, "nodes": []any{}}
	if i < len(f.discussions) {
		d := maps.Clone(f.discussions[i])
		d["comments"] = commentPage(d, "")
		page["nodes"] = []any{d}
	}
	json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"repository": map[string]any{"discussions": page}}})
}

// commentPage is the page of d's comments after the cursor, as GitHub
// gives it: 100 at most, each with its first 100 replies.
func commentPage(d map[string]any, after string) map[string]any {
	return pageOf(nodesOf(d["comments"]), after, func(c map[string]any) map[string]any {
		c = maps.Clone(c)
		c["replies"] = pageOf(nodesOf(c["replies"]), "", nil)
		return c
	})
}

// pageOf is the page of 100 nodes after the cursor ("k" and an index).
func pageOf(nodes []map[string]any, after string, each func(map[string]any) map[string]any) map[string]any {
	i := 0
	fmt.Sscan(strings.TrimPrefix(after, "k"), &i)
	end := min(i+100, len(nodes))
	out := []any{}
	for _, n := range nodes[min(i, end):end] {
		if each != nil {
			n = each(n)
		}
		out = append(out, n)
	}
	return map[string]any{"pageInfo": map[string]any{"hasNextPage": end < len(nodes), "endCursor": fmt.Sprintf("k%d", end)}, "nodes": out}
}

// nodesOf is the whole list of nodes the fixture holds under a connection.
func nodesOf(connection any) []map[string]any {
	c, _ := connection.(map[string]any)
	switch n := c["nodes"].(type) {
	case []map[string]any:
		return n
	case []any:
		var out []map[string]any
		for _, x := range n {
			out = append(out, x.(map[string]any))
		}
		return out
	}
	return nil
}

func ghCommentJSON(id int, login, html string, replies ...map[string]any) map[string]any {
	return map[string]any{"id": fmt.Sprintf("DC_%d", id), "databaseId": id, "url": fmt.Sprintf("https://github.com/me/blog/discussions/1#discussioncomment-%d", id),
		"bodyHTML": html, "createdAt": "2025-09-23T12:00:00Z", "isMinimized": false,
		"author":  map[string]any{"login": login, "url": "https://github.com/" + login, "avatarUrl": "https://avatars.example/" + login},
		"replies": map[string]any{"pageInfo": map[string]any{"hasNextPage": false}, "nodes": append([]map[string]any{}, replies...)}}
}

func ghDiscussionJSON(number int, title, category string, hearts int, comments ...map[string]any) map[string]any {
	return map[string]any{"number": number, "title": title, "url": fmt.Sprintf("https://github.com/me/blog/discussions/%d", number),
		"category": map[string]any{"name": category},
		"reactionGroups": []any{
			map[string]any{"content": "HEART", "users": map[string]any{"totalCount": hearts}},
			map[string]any{"content": "THUMBS_DOWN", "users": map[string]any{"totalCount": 4}},
		},
		"comments": map[string]any{"pageInfo": map[string]any{"hasNextPage": false}, "nodes": append([]map[string]any{}, comments...)}}
}

func TestGitHub(t *testing.T) {
	fake := &fakeGitHub{limited: 1, discussions: []map[string]any{
		ghDiscussionJSON(1, "posts/hello/", "Comments", 2,
			ghCommentJSON(501, "ada", `<p>Good read. <img src="https://x.example/t.gif" alt="tada"></p>`, ghCommentJSON(502, "bob", "<p>+1</p>"))),
		ghDiscussionJSON(2, "posts/hello/", "Ideas", 9, ghCommentJSON(601, "eve", "<p>another category</p>")),
		ghDiscussionJSON(3, "about/", "Comments", 1),
	}}
	fake.discussions[0]["comments"].(map[string]any)["nodes"] = append(fake.discussions[0]["comments"].(map[string]any)["nodes"].([]map[string]any),
		map[string]any{"databaseId": 503, "isMinimized": true, "bodyHTML": "spam", "replies": map[string]any{"nodes": []any{}}})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	posts := testPosts("")
	root := t.TempDir()
	var sl sleeps
	w := &Writer{Root: root, Status: "approved", Now: now}
	src := &GitHub{Client: testClient(&sl), BaseURL: srv.URL, Token: "GHTOKEN", Repo: "me/blog", Category: "Comments", Mapping: "pathname"}
	run := func() Report {
		t.Helper()
		f, err := src.Fetch(context.Background(), posts)
		if err != nil {
			t.Fatal(err)
		}
		r, err := w.Write(src.Name(), posts, f)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := run()
	if got := counts(r); got != "created 4, updated 0, unchanged 0, withdrawn 0, kept 0, unmatched 1" {
		t.Errorf("first run: %s\n%+v", got, r.Changes)
	}
	// giscus's discussion for about/, which is no post: listed, not lost.
	if len(r.Unmatched) != 1 || r.Unmatched[0].Target != "about/" || r.Unmatched[0].Kind != "like" {
		t.Errorf("unmatched = %+v; want the like on about/", r.Unmatched)
	}
	if fmt.Sprint(sl.d) != "[9s]" {
		t.Errorf("waits = %v; want 9s, until X-RateLimit-Reset", sl.d)
	}
	// Bob's reply is deleted, a heart taken back, Ada edits hers.
	d := fake.discussions[0]
	c := d["comments"].(map[string]any)["nodes"].([]map[string]any)[0]
	c["replies"] = map[string]any{"pageInfo": map[string]any{"hasNextPage": false}, "nodes": []any{}}
	c["bodyHTML"] = "<p>Good read, edited.</p>"
	d["reactionGroups"].([]any)[0].(map[string]any)["users"] = map[string]any{"totalCount": 1}
	r = run()
	if got := counts(r); got != "created 0, updated 1, unchanged 1, withdrawn 2, kept 0, unmatched 1" {
		t.Errorf("second run: %s\n%+v", got, r.Changes)
	}
	golden(t, root, "testdata/github.golden.txtar")
	s := load(t, root, "content/posts/hello", posts[0].URLs)
	if c := s.Counts(); c.Comments != 1 || c.Likes != 1 {
		t.Errorf("the build shows %+v; want 1 comment and 1 like", c)
	}
	if len(s.Threads) != 1 || s.Threads[0].AuthorPhoto != "https://avatars.example/ada" {
		t.Errorf("threads = %+v; want Ada's comment with her avatar's address", s.Threads)
	}

	fake.broken = true
	if _, err := src.Fetch(context.Background(), posts); err == nil || !strings.Contains(err.Error(), "NOT_FOUND: Could not resolve to a Repository") {
		t.Errorf("error = %v; want GitHub's GraphQL error", err)
	}
	src.Token = ""
	if _, err := src.Fetch(context.Background(), posts); err == nil || !strings.Contains(err.Error(), "ACCRUE_GITHUB_TOKEN") {
		t.Errorf("error = %v; want it to name the variable", err)
	}
}

// A discussion with more comments than a page, and a comment with more
// replies than a page, are read whole: every comment and reply is written,
// and one deleted on a later page is withdrawn. When the later pages
// cannot be read, the first ones are written and nothing is withdrawn.
func TestGitHubLongDiscussion(t *testing.T) {
	var replies []map[string]any
	for i := range 230 {
		replies = append(replies, ghCommentJSON(20000+i, fmt.Sprintf("r%d", i), fmt.Sprintf("<p>reply %d</p>", i)))
	}
	comments := []map[string]any{ghCommentJSON(10000, "ada", "<p>first</p>", replies...)}
	for i := 1; i < 250; i++ {
		comments = append(comments, ghCommentJSON(10000+i, fmt.Sprintf("c%d", i), fmt.Sprintf("<p>comment %d</p>", i)))
	}
	fake := &fakeGitHub{discussions: []map[string]any{ghDiscussionJSON(1, "posts/hello/", "Comments", 0, comments...)}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	posts := testPosts("")
	root := t.TempDir()
	var sl sleeps
	w := &Writer{Root: root, Status: "approved", Now: now}
	src := &GitHub{Client: testClient(&sl), BaseURL: srv.URL, Token: "GHTOKEN", Repo: "me/blog", Category: "Comments", Mapping: "pathname"}
	run := func() (Report, error) {
		t.Helper()
		f, ferr := src.Fetch(context.Background(), posts)
		r, err := w.Write(src.Name(), posts, f)
		if err != nil {
			t.Fatal(err)
		}
		return r, ferr
	}
	r, err := run()
	if err != nil || counts(r) != "created 480, updated 0, unchanged 0, withdrawn 0, kept 0, unmatched 0" {
		t.Fatalf("first run: %s, %v; want all 250 comments and 230 replies", counts(r), err)
	}
	if c := load(t, root, "content/posts/hello", posts[0].URLs).Counts(); c.Comments != 480 {
		t.Errorf("the build shows %d comments; want 480", c.Comments)
	}

	// Comment 249 (third page) and reply 229 (third page of replies) are deleted.
	d := fake.discussions[0]
	d["comments"].(map[string]any)["nodes"] = comments[:249]
	comments[0]["replies"].(map[string]any)["nodes"] = replies[:229]
	r, err = run()
	if err != nil || counts(r) != "created 0, updated 0, unchanged 478, withdrawn 2, kept 0, unmatched 0" {
		t.Errorf("after two deletions: %s, %v; want both withdrawn", counts(r), err)
	}

	// Later pages fail: what was read is kept, nothing is withdrawn.
	d["comments"].(map[string]any)["nodes"] = comments[:10]
	fake.brokenMore = true
	r, err = run()
	if err == nil || !strings.Contains(err.Error(), "discussion 1 (posts/hello/)") || !strings.Contains(err.Error(), "502") {
		t.Errorf("error = %v; want the discussion named and GitHub's 502", err)
	}
	if r.Withdrawn != 0 {
		t.Errorf("withdrew %d with pages unread; want none", r.Withdrawn)
	}
}
