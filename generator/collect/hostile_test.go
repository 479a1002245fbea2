package collect

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

// What a reader can send through a service: markup that runs script,
// links that do, a name that reorders or hides text, and 1 MB of reply.
const (
	hostileHTML = `<p onclick="alert(1)">Hi <script>alert(2)</script><img src=x onerror=alert(3)> <a href="javascript:alert(4)">click</a> <a href="https://ok.example/" onmouseover="alert(5)">ok</a></p><svg onload=alert(6)></svg><iframe src="https://evil.example/"></iframe><style>body{display:none}</style><form action="https://evil.example/"><input name=q></form>`
	hostileName = "\u202eevil\u202c \u200b\u200bAda\u2066"
	hostileURL  = "javascript:alert(7)"
)

var hugeHTML = "<p>" + strings.Repeat("Lorem ipsum dolor sit amet. ", 40_000) + "</p>" // ~1.1 MB

// Whatever the service, what readers send is rendered inert and nothing
// they send can stop the blog's build.
func TestHostileRepliesStayInert(t *testing.T) {
	hello := "https://blog.example/posts/hello/"
	for _, c := range []struct {
		name  string
		start func(t *testing.T) (Source, []Post)
	}{
		{"webmentionio", func(t *testing.T) (Source, []Post) {
			fake := &fakeWebmentionIO{entries: []map[string]any{
				wmEntry(1, "in-reply-to", hello, hostileHTML),
				wmEntry(2, "in-reply-to", hello, hugeHTML),
				wmEntry(3, "in-reply-to", hello, "<p>Names can lie.</p>"),
				wmEntry(4, "mention-of", hello, hostileHTML),
			}}
			for _, e := range fake.entries[2:] {
				a := e["author"].(map[string]any)
				a["name"], a["url"], a["photo"] = hostileName, hostileURL, "data:image/svg+xml,<svg onload=alert(8)>"
			}
			fake.entries[3]["wm-source"] = hostileURL // a mention of nothing: refused, and said so
			fake.entries = append(fake.entries, wmEntry(5, "mention-of", hello, hostileHTML))
			srv := httptest.NewServer(fake)
			t.Cleanup(srv.Close)
			return &WebmentionIO{Client: testClient(&sleeps{}), BaseURL: srv.URL, Token: "T0KEN"}, testPosts("")
		}},
		{"mastodon", func(t *testing.T) (Source, []Post) {
			liar := mastoStatusJSON("113", "100", "<p>Names can lie.</p>", "eve")
			acct := liar["account"].(map[string]any)
			acct["display_name"], acct["url"], acct["avatar"] = hostileName, hostileURL, hostileURL
			liar["url"] = hostileURL
			fake := &fakeMastodon{url: "http://mastodon.example",
				descendants: map[string][]map[string]any{"100": {
					mastoStatusJSON("111", "100", hostileHTML, "ada"),
					mastoStatusJSON("112", "100", hugeHTML, "bob"),
					liar,
				}},
				favs: map[string][]map[string]any{"100": {acct}},
			}
			srv := httptest.NewServer(fake)
			t.Cleanup(srv.Close)
			client := testClient(&sleeps{})
			client.HTTP = &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
				return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
			}}}
			return &Mastodon{Client: client, Likes: true, Reposts: true}, testPosts(fake.url + "/@me/100")
		}},
		{"bluesky", func(t *testing.T) (Source, []Post) {
			liar := bskyReply("did:plc:eve", "eve.example", "3keve", "Names can lie.")
			actor := liar["post"].(map[string]any)["author"].(map[string]any)
			actor["displayName"], actor["avatar"] = hostileName, hostileURL
			// Bluesky replies are text: markup in them is text, and facets
			// that point at script are dropped.
			scripted := bskyLinked(bskyReply("did:plc:ann", "ann.example", "3kann", hostileHTML), 0, 20, hostileURL)
			fake := &fakeAppView{replies: []map[string]any{scripted, bskyReply("did:plc:ben", "ben.example", "3kben", strings.Repeat("Lorem ipsum dolor sit amet. ", 40_000)), liar},
				likes: []map[string]any{{"createdAt": "2025-09-21T00:00:00Z", "actor": actor}}}
			srv := httptest.NewServer(fake)
			t.Cleanup(srv.Close)
			posts := testPosts("")
			posts[0].Bluesky = "https://bsky.app/profile/me.example/post/3kroot"
			return &Bluesky{Client: testClient(&sleeps{}), BaseURL: srv.URL, Likes: true, Reposts: true}, posts[:1]
		}},
		{"github", func(t *testing.T) (Source, []Post) {
			liar := ghCommentJSON(503, "eve", "<p>Names can lie.</p>")
			liar["author"] = map[string]any{"login": hostileName, "url": hostileURL, "avatarUrl": hostileURL}
			fake := &fakeGitHub{discussions: []map[string]any{ghDiscussionJSON(1, "posts/hello/", "Comments", 1,
				ghCommentJSON(501, "ada", hostileHTML, liar), ghCommentJSON(502, "bob", hugeHTML))}}
			srv := httptest.NewServer(fake)
			t.Cleanup(srv.Close)
			return &GitHub{Client: testClient(&sleeps{}), BaseURL: srv.URL, Token: "GHTOKEN", Repo: "me/blog", Category: "Comments", Mapping: "pathname"}, testPosts("")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, posts := c.start(t)
			f, err := src.Fetch(context.Background(), posts)
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			w := &Writer{Root: root, Status: "approved", Now: now}
			r, err := w.Write(src.Name(), posts, f)
			if err != nil {
				t.Fatal(err)
			}
			if r.Created < 3 {
				t.Fatalf("created %d files: %+v; want every reply written", r.Created, r.Changes)
			}
			for _, why := range r.Invalid {
				if !strings.Contains(why, "no http or https address") {
					t.Errorf("refused: %s", why)
				}
			}
			s := load(t, root, "content/posts/hello", posts[0].URLs) // fails on any problem the build would report
			var shown []string
			for _, cm := range s.Comments {
				checkInert(t, "comment by "+cm.Author, string(cm.HTML))
				for _, u := range []string{cm.AuthorURL, cm.AuthorPhoto} {
					checkURL(t, "comment by "+cm.Author, u)
				}
				checkName(t, cm.Author)
				shown = append(shown, string(cm.HTML))
			}
			for _, m := range s.Mentions {
				checkInert(t, "mention from "+m.Source, string(m.Excerpt))
				for _, u := range []string{m.Source, m.AuthorURL, m.AuthorPhoto} {
					checkURL(t, "mention by "+m.AuthorName, u)
				}
				checkName(t, m.AuthorName)
			}
			if all := strings.Join(shown, "\n"); !strings.Contains(all, "The reply goes on at its page") {
				t.Error("the 1 MB reply was not cut with a link to the rest")
			}
		})
	}
}

// checkInert fails when fragment, as a browser would parse it, has an
// element or attribute that can run script, load something or restyle
// the page.
func checkInert(t *testing.T, what, fragment string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			switch string(name) {
			case "script", "style", "iframe", "img", "svg", "object", "embed", "form", "input", "link", "meta", "base":
				t.Errorf("%s: <%s> got through: %.300s", what, name, fragment)
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				key := strings.ToLower(string(k))
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" {
					t.Errorf("%s: attribute %s got through", what, key)
				}
				if key == "href" || key == "src" || key == "action" {
					checkURL(t, what, string(v))
				}
			}
		}
	}
}

// checkURL fails for an address that is not http, https or relative.
func checkURL(t *testing.T, what, s string) {
	t.Helper()
	if s == "" {
		return
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		t.Errorf("%s: address %q got through", what, s)
	}
}

// checkName fails for a name with bidi controls or invisible characters,
// with which a reader could pass for someone else.
func checkName(t *testing.T, name string) {
	t.Helper()
	for _, r := range name {
		if unicode.Is(unicode.Cf, r) {
			t.Errorf("name %q keeps the format character %U", name, r)
		}
	}
}
