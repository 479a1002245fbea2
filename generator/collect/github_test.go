package collect

import (
	"context"
	"encoding/json"
	"fmt"
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
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || !strings.Contains(req.Query, "discussions(first: 100, after: $cursor)") {
		w.WriteHeader(400)
		return
	}
	if f.broken || req.Variables["owner"] != "me" || req.Variables["name"] != "blog" {
		fmt.Fprint(w, `{"data":{"repository":null},"errors":[{"type":"NOT_FOUND","path":["repository"],"message":"Could not resolve to a Repository with the name 'me/nope'."}]}`)
		return
	}
	i := 0
	if c, ok := req.Variables["cursor"].(string); ok {
		fmt.Sscan(strings.TrimPrefix(c, "c"), &i)
	}
	page := map[string]any{"pageInfo": map[string]any{"hasNextPage": i+1 < len(f.discussions), "endCursor": fmt.Sprintf("c%d", i+1)}, "nodes": []any{}}
	if i < len(f.discussions) {
		page["nodes"] = []any{f.discussions[i]}
	}
	json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"repository": map[string]any{"discussions": page}}})
}

func ghCommentJSON(id int, login, html string, replies ...map[string]any) map[string]any {
	return map[string]any{"databaseId": id, "url": fmt.Sprintf("https://github.com/me/blog/discussions/1#discussioncomment-%d", id),
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

	fake.broken = true
	if _, err := src.Fetch(context.Background(), posts); err == nil || !strings.Contains(err.Error(), "NOT_FOUND: Could not resolve to a Repository") {
		t.Errorf("error = %v; want GitHub's GraphQL error", err)
	}
	src.Token = ""
	if _, err := src.Fetch(context.Background(), posts); err == nil || !strings.Contains(err.Error(), "ACCRUE_GITHUB_TOKEN") {
		t.Errorf("error = %v; want it to name the variable", err)
	}
}
