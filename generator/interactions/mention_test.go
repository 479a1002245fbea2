package interactions

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// m is the folder prefix of the mention fixtures in messages.
const m = post + "/mentions/"

// okMention is a valid mention to edit in fixtures.
const okMention = `source: https://blog.example/post
target: https://example.com/posts/hello/
type: reply
author:
  name: Eve
  url: https://blog.example/
  photo: https://blog.example/eve.jpg
received: 2025-09-18T14:12:00Z
status: approved
`

func TestMentionValidation(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"target that is not this post", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": strings.Replace(okMention, "posts/hello/", "posts/other/", 1),
			"mentions/20250918T141200Z-a2.yaml": strings.Replace(okMention, "https://example.com/", "https://example.org/", 1),
		}, m + `20250918T141200Z-a1.yaml:2:9: mention: target "https://example.com/posts/other/" is not this post; want https://example.com/posts/hello/
` + m + `20250918T141200Z-a2.yaml:2:9: mention: target "https://example.org/posts/hello/" is not this post; want https://example.com/posts/hello/`},
		{"unknown type", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": strings.Replace(okMention, "type: reply", "type: lkie", 1),
			"mentions/20250918T141200Z-a2.yaml": strings.Replace(okMention, "type: reply", "type: follow", 1),
		}, m + `20250918T141200Z-a1.yaml:3:7: mention: type: want one of mention, reply, like, repost, bookmark, pingback, trackback, not "lkie" (did you mean "like"?)
` + m + `20250918T141200Z-a2.yaml:3:7: mention: type: want one of mention, reply, like, repost, bookmark, pingback, trackback, not "follow"`},
		{"unknown status", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": strings.Replace(okMention, "status: approved", "status: deleeted", 1),
			"mentions/20250918T141200Z-a2.yaml": strings.Replace(okMention, "status: approved", "status: spam", 1),
		}, m + `20250918T141200Z-a1.yaml:9:9: mention: status: want approved, pending or deleted, not "deleeted" (did you mean "deleted"?)
` + m + `20250918T141200Z-a2.yaml:9:9: mention: status: want approved, pending or deleted, not "spam"`},
		{"no status", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": strings.Replace(okMention, "status: approved\n", "", 1),
		}, m + `20250918T141200Z-a1.yaml:1:1: warning: mention: no status; the mention stays pending until you add "status: approved"`},
		{"unknown fields", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": strings.Replace(okMention, "  name: Eve", "  nmae: Eve", 1),
			"mentions/20250918T141200Z-a2.yaml": strings.Replace(okMention, "received:", "recieved:", 1),
			"mentions/20250918T141200Z-a3.yaml": okMention + "content: hi\n",
			"mentions/20250918T141200Z-a4.yaml": strings.Replace(okMention, "  name: Eve", "  avatar: x", 1),
		}, m + `20250918T141200Z-a1.yaml:5:3: mention: unknown field "nmae" in author (did you mean "name"?)
` + m + `20250918T141200Z-a2.yaml:1:1: mention: field "received" is required
` + m + `20250918T141200Z-a2.yaml:8:1: mention: unknown field "recieved" (did you mean "received"?)
` + m + `20250918T141200Z-a3.yaml:10:1: mention: unknown field "content"; known fields are source, target, type, author, published, received, title, excerpt, status, withdrawn, via, remote_id, content_hash
` + m + `20250918T141200Z-a4.yaml:5:3: mention: unknown field "avatar" in author; known fields are name, url, photo`},
		{"bad URLs", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": strings.Replace(okMention, "https://blog.example/eve.jpg", "javascript:alert(1)", 1),
			"mentions/20250918T141200Z-a2.yaml": strings.Replace(okMention, "https://blog.example/eve.jpg", "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", 1),
			"mentions/20250918T141200Z-a3.yaml": strings.Replace(okMention, "url: https://blog.example/", "url: //blog.example/", 1),
			"mentions/20250918T141200Z-a4.yaml": strings.Replace(okMention, "source: https://blog.example/post", "source: file:///etc/passwd", 1),
		}, m + `20250918T141200Z-a1.yaml:7:10: mention: author.photo: want an http:// or https:// URL, not "javascript:alert(1)"
` + m + `20250918T141200Z-a2.yaml:7:10: mention: author.photo: want an http:// or https:// URL, not "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"
` + m + `20250918T141200Z-a3.yaml:6:8: mention: author.url: want an http:// or https:// URL, not "//blog.example/"
` + m + `20250918T141200Z-a4.yaml:1:9: mention: source: want an http:// or https:// URL, not "file:///etc/passwd"`},
		{"bad dates", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": strings.Replace(okMention, "2025-09-18T14:12:00Z", "2025-13-01", 1),
			"mentions/20250918T141200Z-a2.yaml": okMention + "published: last week\n",
		}, m + `20250918T141200Z-a1.yaml:8:11: mention: received: "2025-13-01" is not a real date (month out of range)
` + m + `20250918T141200Z-a2.yaml:10:12: mention: published: cannot read "last week" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`},
		{"missing required fields", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": "status: approved\n",
			"mentions/20250918T141200Z-a2.yaml": "",
		}, m + `20250918T141200Z-a1.yaml:1:1: mention: field "received" is required
` + m + `20250918T141200Z-a1.yaml:1:1: mention: field "source" is required
` + m + `20250918T141200Z-a1.yaml:1:1: mention: field "target" is required
` + m + `20250918T141200Z-a2.yaml:1:1: mention: field "received" is required
` + m + `20250918T141200Z-a2.yaml:1:1: mention: field "source" is required
` + m + `20250918T141200Z-a2.yaml:1:1: mention: field "target" is required
` + m + `20250918T141200Z-a2.yaml:1:1: warning: mention: no status; the mention stays pending until you add "status: approved"`},
		{"author that is not a table", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": strings.Replace(okMention, "author:\n  name: Eve\n  url: https://blog.example/\n  photo: https://blog.example/eve.jpg\n", "author: Eve\n", 1),
		}, m + `20250918T141200Z-a1.yaml:4:9: mention: author: want fields such as {name: Ada, url: https://ada.example/}, not a single value`},
		{"file names", map[string]string{
			"mentions/20250918T141200Z-a1.yml":  okMention,
			"mentions/20250918T141200Z-.yaml":   okMention,
			"mentions/20250918T141200Z-a_.yaml": okMention,
		}, m + `20250918T141200Z-.yaml: mention: file name "20250918T141200Z-.yaml" does not match <YYYYMMDDTHHMMSSZ>-<id>.yaml or <YYYY-MM-DD>-<id>.yaml, for example 20250918T140502Z-k7m2qx.yaml; the id is 1 to 64 lowercase letters, digits and hyphens
` + m + `20250918T141200Z-a1.yml: mention: file name "20250918T141200Z-a1.yml" does not match <YYYYMMDDTHHMMSSZ>-<id>.yaml or <YYYY-MM-DD>-<id>.yaml, for example 20250918T140502Z-k7m2qx.yaml; the id is 1 to 64 lowercase letters, digits and hyphens
` + m + `20250918T141200Z-a_.yaml: mention: file name "20250918T141200Z-a_.yaml" does not match <YYYYMMDDTHHMMSSZ>-<id>.yaml or <YYYY-MM-DD>-<id>.yaml, for example 20250918T140502Z-k7m2qx.yaml; the id is 1 to 64 lowercase letters, digits and hyphens`},
		{"duplicate ids", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": okMention,
			"mentions/20250919T141200Z-a1.yaml": okMention,
		}, m + `20250919T141200Z-a1.yaml: mention: id "a1" is already used by ` + m + `20250918T141200Z-a1.yaml; give this mention another id`},
		{"two documents", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": okMention + "---\nsource: https://x.example/\n",
		}, m + `20250918T141200Z-a1.yaml:10:1: mention: a second YAML document starts here; a mention file holds one`},
		{"not a mapping", map[string]string{
			"mentions/20250918T141200Z-a1.yaml": "just a sentence\n",
			"mentions/20250918T141200Z-a2.yaml": "source: [\n",
		}, m + `20250918T141200Z-a1.yaml:1:1: mention: want fields such as "author: Ada", not a single value
` + m + `20250918T141200Z-a2.yaml:1: mention: did not find expected node content`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, diags := load(t, tt.files)
			if got := lines(diags); got != tt.want {
				t.Errorf("diagnostics =\n%s\nwant\n%s", got, tt.want)
			}
			// A file with errors never reaches the set.
			bad := map[string]bool{}
			for _, d := range diags.Errors() {
				bad[d.Pos.File] = true
			}
			for _, mm := range s.Mentions {
				if bad[mm.File] {
					t.Errorf("%s has errors but is in Mentions", mm.File)
				}
			}
		})
	}
}

func TestMentionPlainText(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("interest ", 50) // 450 characters
	for _, tt := range []struct{ name, title, excerpt, wantTitle, wantExcerpt string }{
		{"tags stripped and entities decoded", "<h1>Re: <i>Hello</i></h1>", "<p>Tom &amp; Jerry &lt;3</p>",
			"Re: Hello", "Tom & Jerry <3"},
		{"script and style contents dropped", "<script>alert(1)</script>Title", "<style>p{}</style>Text<img src=x onerror=alert(1)>",
			"Title", "Text"},
		{"broken HTML", "<b>bold", "a</div></p>b<",
			"bold", "ab<"},
		{"white space collapsed", "  a\n\n\tb  ", "line one\r\nline two",
			"a b", "line one line two"},
		{"bidirectional overrides removed", "Re\u202e: olleH", "\u2066x\u2069",
			"Re: olleH", "x"},
		{"long excerpt cut on a word", "t", long,
			"t", strings.TrimSpace(strings.Repeat("interest ", 33)) + "…"},
		{"long word cut anywhere", "t", strings.Repeat("é", 400),
			"t", strings.Repeat("é", 299) + "…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			yq := func(s string) string {
				return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
			}
			s, diags := load(t, map[string]string{
				"mentions/20250918T141200Z-a1.yaml": okMention + `title: "` + yq(tt.title) + "\"\nexcerpt: \"" + yq(tt.excerpt) + "\"\n",
			})
			if diags != nil {
				t.Fatalf("diagnostics: %v", diags)
			}
			mm := s.Mentions[0]
			if mm.Title != tt.wantTitle || mm.Excerpt != tt.wantExcerpt {
				t.Errorf("Title, Excerpt = %q, %q; want %q, %q", mm.Title, mm.Excerpt, tt.wantTitle, tt.wantExcerpt)
			}
			if n := utf8.RuneCountInString(mm.Excerpt); n > maxExcerpt {
				t.Errorf("excerpt is %d characters; want at most %d", n, maxExcerpt)
			}
		})
	}
}

func TestMentionReplacedBySameSource(t *testing.T) {
	t.Parallel()
	like := func(source, received, status string) string {
		return "source: " + source + "\ntarget: https://example.com/posts/hello/\ntype: like\nreceived: " + received + "\nstatus: " + status + "\n"
	}
	s, diags := load(t, map[string]string{
		// Received order, not file order, decides which one counts.
		"mentions/20250918T100000Z-b.yaml": like("https://social.example/@a/1", "2025-09-18 12:00:00", "approved"),
		"mentions/20250918T110000Z-a.yaml": like("HTTPS://Social.Example/@a/1", "2025-09-18 11:00:00", "approved"),
		"mentions/20250918T120000Z-c.yaml": like("https://social.example/@a/1#again", "2025-09-18 13:00:00", "approved"),
		"mentions/20250918T130000Z-d.yaml": like("https://social.example/@b/2", "2025-09-18 10:00:00", "approved"),
		"mentions/20250918T140000Z-e.yaml": like("https://social.example/@b/2", "2025-09-18 14:00:00", "pending"),
	})
	if diags != nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, mm := range s.Mentions {
		got = append(got, mm.ID+":"+map[bool]string{true: "replaced", false: mm.Status.String()}[mm.Replaced])
	}
	if g, want := strings.Join(got, " "), "d:replaced a:replaced b:approved c:approved e:pending"; g != want {
		t.Errorf("Mentions = %s; want %s", g, want)
	}
	if got := s.Counts().Likes; got != 2 {
		t.Errorf("Likes = %d; want 2", got)
	}
}
