package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// services is a local webmention.io and Mastodon server, answering in
// their documented wire formats: /api/mentions.jf2 (token T0KEN),
// /api/v1/statuses/100/{context,favourited_by,reblogged_by} and
// Bluesky's /xrpc/app.bsky.feed.{getPostThread,getLikes,getRepostedBy}
// and GitHub's /graphql (token GHTOKEN).
type services struct {
	mu      sync.Mutex
	entries []map[string]any
	replies []map[string]any
	favs    []map[string]any
}

func newServices() *services {
	hello := "https://blog.example/posts/hello/"
	return &services{
		entries: []map[string]any{
			jf2(101, "in-reply-to", hello, "<p>Great post about <em>compounding</em>.</p>"),
			jf2(102, "like-of", hello, ""),
			jf2(103, "repost-of", "https://blog.example/posts/nowhere/", ""),
		},
		replies: []map[string]any{{"id": "111", "in_reply_to_id": "100", "created_at": "2025-09-19T08:00:00.000Z", "visibility": "public",
			"url": "https://social.example/@ada/111", "content": "<p>Nice &amp; clear.</p>",
			"account": map[string]any{"id": "7", "acct": "ada@social.example", "display_name": "Ada", "url": "https://social.example/@ada", "avatar": "https://social.example/a.png"}}},
		favs: []map[string]any{{"id": "8", "acct": "bob", "display_name": "Bob", "url": "https://social.example/@bob", "avatar": "https://social.example/b.png"}},
	}
}

func jf2(id int, property, target, html string) map[string]any {
	e := map[string]any{"type": "entry", "wm-id": id, "wm-property": property, "wm-target": target, property: target,
		"wm-source": "https://readers.example/notes/" + strconv.Itoa(id), "url": "https://readers.example/notes/" + strconv.Itoa(id),
		"published": "2025-09-18T10:00:00+00:00", "wm-received": "2025-09-18T11:00:00Z", "wm-private": false,
		"author": map[string]any{"type": "card", "name": "Reader " + strconv.Itoa(id), "url": "https://readers.example/", "photo": "https://readers.example/me.jpg"}}
	if html != "" {
		e["content"] = map[string]any{"html": html, "text": "text"}
	}
	return e
}

func (s *services) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/api/mentions.jf2":
		q := r.URL.Query()
		if q.Get("token") != "T0KEN" {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"error":"forbidden"}`)
			return
		}
		since, _ := strconv.Atoi(q.Get("since_id"))
		var out []map[string]any
		if q.Get("page") == "0" {
			for _, e := range s.entries {
				if e["wm-id"].(int) > since {
					out = append(out, e)
				}
			}
		}
		json.NewEncoder(w).Encode(map[string]any{"type": "feed", "name": "Webmentions", "children": append([]map[string]any{}, out...)})
	case "/api/v1/statuses/100/context":
		json.NewEncoder(w).Encode(map[string]any{"ancestors": []any{}, "descendants": s.replies})
	case "/api/v1/statuses/100/favourited_by":
		json.NewEncoder(w).Encode(s.favs)
	case "/api/v1/statuses/100/reblogged_by":
		fmt.Fprint(w, "[]")
	case "/xrpc/app.bsky.feed.getPostThread":
		fmt.Fprint(w, `{"thread":{"$type":"app.bsky.feed.defs#threadViewPost",
		"post":{"uri":"at://did:plc:me/app.bsky.feed.post/3kroot","cid":"bafy1","author":{"did":"did:plc:me","handle":"me.example"},
		  "record":{"text":"New post","createdAt":"2025-09-20T10:00:00Z"},"indexedAt":"2025-09-20T10:00:00Z"},
		"replies":[{"$type":"app.bsky.feed.defs#threadViewPost",
		  "post":{"uri":"at://did:plc:cy/app.bsky.feed.post/3kcy","cid":"bafy2","author":{"did":"did:plc:cy","handle":"cy.example","displayName":"Cy"},
		    "record":{"text":"Sky-high <praise>.","createdAt":"2025-09-21T10:00:00Z"},"indexedAt":"2025-09-21T10:00:01Z"},"replies":[]}]}}`)
	case "/graphql":
		if r.Header.Get("Authorization") != "bearer GHTOKEN" {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message":"Bad credentials"}`)
			return
		}
		fmt.Fprint(w, `{"data":{"repository":{"discussions":{"pageInfo":{"hasNextPage":false,"endCursor":"c1"},"nodes":[
		  {"number":1,"title":"posts/hello/","url":"https://github.com/me/blog/discussions/1","category":{"name":"Comments"},
		   "reactionGroups":[{"content":"HEART","users":{"totalCount":1}}],
		   "comments":{"pageInfo":{"hasNextPage":false},"nodes":[{"databaseId":501,"url":"https://github.com/me/blog/discussions/1#discussioncomment-501",
		     "bodyHTML":"<p>Giscus says hi.</p>","createdAt":"2025-09-23T12:00:00Z","isMinimized":false,
		     "author":{"login":"dee","url":"https://github.com/dee","avatarUrl":"https://avatars.example/dee"},
		     "replies":{"pageInfo":{"hasNextPage":false},"nodes":[]}}]}}]}}}}`)
	case "/xrpc/app.bsky.feed.getLikes":
		fmt.Fprint(w, `{"likes":[]}`)
	case "/xrpc/app.bsky.feed.getRepostedBy":
		fmt.Fprint(w, `{"repostedBy":[]}`)
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"Record not found"}`)
	}
}

// TestCollectScripts runs the scripts in testdata/collect against a local
// server. The site writes http://services.test for its address; the
// command "remote" changes what the server holds: "remote delete-reply"
// deletes webmention 101 and "remote edit-toot" edits toot 111.
func TestCollectScripts(t *testing.T) {
	key := "services"
	testscript.Run(t, testscript.Params{
		Dir: "testdata/collect",
		Setup: func(env *testscript.Env) error {
			s := newServices()
			srv := httptest.NewServer(s)
			env.Defer(srv.Close)
			env.Values[key] = s
			env.Setenv("ACCRUE_CACHE_DIR", filepath.Join(env.WorkDir, ".cache"))
			if err := fixURLs(env.WorkDir, srv.URL); err != nil {
				return err
			}
			return replaceIn(filepath.Join(env.WorkDir, "accrue.toml"), "http://receiver.test", srv.URL)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"remote": func(ts *testscript.TestScript, neg bool, args []string) {
				s := ts.Value(key).(*services)
				s.mu.Lock()
				defer s.mu.Unlock()
				for _, a := range args {
					switch a {
					case "delete-reply":
						s.entries = s.entries[1:]
					case "edit-toot":
						s.replies[0]["content"] = "<p>Nice &amp; clear, edited.</p>"
					default:
						ts.Fatalf("remote: unknown change %q", a)
					}
				}
			},
		},
	})
}

func replaceIn(name, old, new string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	return os.WriteFile(name, []byte(strings.ReplaceAll(string(data), old, new)), 0o644)
}
