package interactions

import (
	"github.com/accruehq/accrue/generator/internal/dates"
	"html/template"
	"strings"
	"testing"
	"time"
)

// c is the folder prefix of the comment fixtures in messages.
const c = post + "/comments/"

func TestCommentValidation(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown field close to a known one", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauther: Ada\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:1:1: comment: field "author" is required
` + c + `20250918T140502Z-k7m2qx.md:2:1: comment: unknown field "auther" (did you mean "author"?)`},
		{"unknown field far from any", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: approved\nemail: ada@example.com\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:5:1: comment: unknown field "email"; known fields are id, author, author_url, author_photo, date, reply_to, source, status, withdrawn, remote_id, remote_url, content_hash`},
		{"field written twice", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18\nAuthor: Eve\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:4:1: comment: field "Author" is already defined on line 2; keep one`},
		{"date in no known form", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: yesterday\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:3:7: comment: date: cannot read "yesterday" as a date; write 2024-05-01, 2024-05-01T09:30:00 or 2024-05-01T09:30:00+02:00`},
		{"date that does not exist", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-02-30 10:00:00\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:3:7: comment: date: "2025-02-30 10:00:00" is not a real date (day out of range)`},
		{"hour that does not exist", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18T25:00:00Z\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:3:7: comment: date: "2025-09-18T25:00:00Z" is not a real date (hour out of range)`},
		{"javascript author_url", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\nauthor_url: javascript:alert(1)\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:3:13: comment: author_url: want an http:// or https:// URL, not "javascript:alert(1)"`},
		{"data: author_photo", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\nauthor_photo: data:image/svg+xml;base64,PHN2Zz4=\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:3:15: comment: author_photo: want an http:// or https:// URL, not "data:image/svg+xml;base64,PHN2Zz4="`},
		{"author_url with other schemes and shapes", map[string]string{
			"comments/20250918T140502Z-a1.md": "---\nauthor: A\nauthor_url: ftp://ada.example/\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-a2.md": "---\nauthor: A\nauthor_url: https://bank.example@evil.example/\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-a3.md": "---\nauthor: A\nauthor_url: https://\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-a4.md": "---\nauthor: A\nauthor_url: \"https://ada example/\"\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-a5.md": "---\nauthor: A\nauthor_url: [https://a.example/]\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-a6.md": "---\nauthor: A\nauthor_url: ada.example\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-a1.md:3:13: comment: author_url: want an http:// or https:// URL, not "ftp://ada.example/"
` + c + `20250918T140502Z-a2.md:3:13: comment: author_url: "https://bank.example@evil.example/" must not hold a user name or password before the host
` + c + `20250918T140502Z-a3.md:3:13: comment: author_url: "https://" has no host name
` + c + `20250918T140502Z-a4.md:3:13: comment: author_url: "https://ada example/" is not a valid URL; want an http:// or https:// URL
` + c + `20250918T140502Z-a5.md:3:13: comment: author_url: want text, not a list
` + c + `20250918T140502Z-a6.md:3:13: comment: author_url: want an http:// or https:// URL, not "ada.example"`},
		{"reply_to naming no comment", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T150000Z-r2d2aa.md": "---\nauthor: Bob\ndate: 2025-09-18\nreply_to: k7m2qy\nstatus: approved\n---\nHi\n",
			"comments/20250918T160000Z-zz.md":     "---\nauthor: Bob\ndate: 2025-09-18\nreply_to: nothing-like-it\nstatus: approved\n---\nHi\n",
		}, c + `20250918T150000Z-r2d2aa.md:4:11: comment: reply_to "k7m2qy" names no comment of this post (did you mean "k7m2qx"?)
` + c + `20250918T160000Z-zz.md:4:11: comment: reply_to "nothing-like-it" names no comment of this post`},
		{"reply to itself", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18\nreply_to: k7m2qx\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:4:11: comment: reply_to "k7m2qx" is this comment itself; remove reply_to to make it a top-level comment`},
		{"reply cycle", map[string]string{
			"comments/20250918T140502Z-aa.md": "---\nauthor: A\ndate: 2025-09-18\nstatus: approved\n---\nroot\n",
			"comments/20250918T150000Z-cc.md": "---\nauthor: C\ndate: 2025-09-18\nreply_to: bb\nstatus: approved\n---\nHi\n",
			"comments/20250918T160000Z-bb.md": "---\nauthor: B\ndate: 2025-09-18\nreply_to: dd\nstatus: approved\n---\nHi\n",
			"comments/20250918T170000Z-dd.md": "---\nauthor: D\ndate: 2025-09-18\nreply_to: cc\nstatus: approved\n---\nHi\n",
			"comments/20250918T180000Z-ee.md": "---\nauthor: E\ndate: 2025-09-18\nreply_to: dd\nstatus: approved\n---\nHi\n",
		}, c + `20250918T150000Z-cc.md:4:11: comment: reply_to "bb" makes a cycle: cc → bb → dd → cc; remove reply_to from one of them to make it a top-level comment`},
		{"duplicate ids", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250919T140502Z-k7m2qx.md": "---\nauthor: Bob\ndate: 2025-09-19\nstatus: approved\n---\nHi\n",
		}, c + `20250919T140502Z-k7m2qx.md: comment: id "k7m2qx" is already used by ` + c + `20250918T140502Z-k7m2qx.md; give this comment another id`},
		{"file names", map[string]string{
			"comments/hello.md":                         "---\nauthor: A\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-K7M2QX.md":       "---\nauthor: A\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-k7m2qx.markdown": "---\nauthor: A\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20251318T140502Z-k7m2qx.md":       "---\nauthor: A\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/2025-09-31-k7m2qx.md":             "---\nauthor: A\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
		}, c + `2025-09-31-k7m2qx.md: comment: file name "2025-09-31-k7m2qx.md": 2025-09-31 is not a real UTC time (day out of range)
` + c + `20250918T140502Z-K7M2QX.md: comment: file name "20250918T140502Z-K7M2QX.md" does not match <YYYYMMDDTHHMMSSZ>-<id>.md or <YYYY-MM-DD>-<id>.md, for example 20250918T140502Z-k7m2qx.md; the id is 1 to 64 lowercase letters, digits and hyphens
` + c + `20250918T140502Z-k7m2qx.markdown: comment: file name "20250918T140502Z-k7m2qx.markdown" does not match <YYYYMMDDTHHMMSSZ>-<id>.md or <YYYY-MM-DD>-<id>.md, for example 20250918T140502Z-k7m2qx.md; the id is 1 to 64 lowercase letters, digits and hyphens
` + c + `20251318T140502Z-k7m2qx.md: comment: file name "20251318T140502Z-k7m2qx.md": 20251318T140502Z is not a real UTC time (month out of range)
` + c + `hello.md: comment: file name "hello.md" does not match <YYYYMMDDTHHMMSSZ>-<id>.md or <YYYY-MM-DD>-<id>.md, for example 20250918T140502Z-k7m2qx.md; the id is 1 to 64 lowercase letters, digits and hyphens`},
		{"id that does not match the file name", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nid: k7m2qy\nauthor: Ada\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:2:5: comment: id "k7m2qy" does not match the id "k7m2qx" in the file name`},
		{"no status", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:1:1: warning: comment: no status; the comment stays pending until you add "status: approved"`},
		{"unknown status", map[string]string{
			"comments/20250918T140502Z-a1.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: aproved\n---\nHi\n",
			"comments/20250918T140502Z-a2.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: spam\n---\nHi\n",
			"comments/20250918T140502Z-a3.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: deleted\n---\nHi\n",
		}, c + `20250918T140502Z-a1.md:4:9: comment: status: want approved or pending, not "aproved" (did you mean "approved"?)
` + c + `20250918T140502Z-a2.md:4:9: comment: status: want approved or pending, not "spam"
` + c + `20250918T140502Z-a3.md:4:9: comment: status: comments are approved or pending, not "deleted"; delete the file to remove a comment`},
		{"empty body", map[string]string{
			"comments/20250918T140502Z-a1.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: approved\n---\n",
			"comments/20250918T140502Z-a2.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: approved\n---\n \n\t\n",
		}, c + `20250918T140502Z-a1.md:5:1: comment: the comment has no text; write it in Markdown after the closing "---"
` + c + `20250918T140502Z-a2.md:5:1: comment: the comment has no text; write it in Markdown after the closing "---"`},
		{"no front matter", map[string]string{
			"comments/20250918T140502Z-a1.md": "Just text.\n",
			"comments/20250918T140502Z-a2.md": "---\nauthor: Ada\n\nHi\n",
			"comments/20250918T140502Z-a3.md": "",
			"comments/20250918T140502Z-a4.md": "+++\nauthor = \"Ada\"\n+++\nHi\n",
			"comments/20250918T140502Z-a5.md": "+++\nauthor = \"Ada\"\n",
			"comments/20250918T140502Z-a6.md": "---",
		}, c + `20250918T140502Z-a1.md:1:1: comment: want a line "---", fields such as "author: Ada", another "---", then the comment in Markdown
` + c + `20250918T140502Z-a2.md:1:1: comment: front matter opened with "---" on line 1 is never closed; add a line "---" after the last field
` + c + `20250918T140502Z-a3.md:1:1: comment: want a line "---", fields such as "author: Ada", another "---", then the comment in Markdown
` + c + `20250918T140502Z-a4.md:1:1: comment: want a line "---", fields such as "author: Ada", another "---", then the comment in Markdown
` + c + `20250918T140502Z-a5.md:1:1: comment: want a line "---", fields such as "author: Ada", another "---", then the comment in Markdown
` + c + `20250918T140502Z-a6.md:1:1: comment: front matter opened with "---" on line 1 is never closed; add a line "---" after the last field`},
		{"broken YAML", map[string]string{
			"comments/20250918T140502Z-a1.md": "---\nauthor: Ada\ndate: 2025: x\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-a2.md": "---\n- author: Ada\n---\nHi\n",
		}, c + `20250918T140502Z-a1.md:3: comment: the value of date contains ": ", which YAML reads as the start of another field: put the value in quotes, date: "2025: x"
` + c + `20250918T140502Z-a2.md:2:1: comment: want fields such as "author: Ada", not a list`},
		{"source that is not a word", map[string]string{
			"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18\nsource: contact form\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-k7m2qx.md:4:9: comment: source: want one word such as form, wordpress, disqus or email, not "contact form"`},
		{"empty and missing author", map[string]string{
			"comments/20250918T140502Z-a1.md": "---\nauthor: \"\"\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-a2.md": "---\nauthor: \"\u202e\u200b\"\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-a3.md": "---\nauthor:\n  name: Ada\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			"comments/20250918T140502Z-a4.md": "---\nstatus: approved\n---\nHi\n",
		}, c + `20250918T140502Z-a1.md:2:9: comment: author must not be empty
` + c + `20250918T140502Z-a2.md:2:9: comment: author must not be empty
` + c + `20250918T140502Z-a3.md:3:3: comment: author: want text, not a table of fields
` + c + `20250918T140502Z-a4.md:1:1: comment: field "author" is required
` + c + `20250918T140502Z-a4.md:1:1: comment: field "date" is required`},
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
			for _, c := range s.Comments {
				if bad[c.File] {
					t.Errorf("%s has errors but is in Comments", c.File)
				}
			}
		})
	}
}

// body wraps Markdown in a valid approved comment.
func body(md string) map[string]string {
	return map[string]string{"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: approved\n---\n" + md}
}

func TestCommentHostileMarkdown(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, in, want string }{
		{"script block", "<script>alert(1)</script>\n\nnext",
			"<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>next</p>\n"},
		{"inline script", "Hi <script>alert(document.cookie)</script> there",
			"<p>Hi &lt;script&gt;alert(document.cookie)&lt;/script&gt; there</p>\n"},
		{"javascript link", "[click me](javascript:alert(1))",
			"<p>click me</p>\n"},
		{"javascript link in capitals", "[x](JaVaScRiPt:alert(1))",
			"<p>x</p>\n"},
		{"javascript link hidden by an entity", "[x](java&#115;cript:alert(1))",
			"<p>x</p>\n"},
		{"javascript autolink", "<javascript:alert(1)>",
			"<p>javascript:alert(1)</p>\n"},
		{"data link", "[x](data:text/html;base64,PHNjcmlwdD4=)",
			"<p>x</p>\n"},
		{"vbscript link", "[x](vbscript:msgbox)",
			"<p>x</p>\n"},
		{"event handler attribute", `<img src=x onerror="alert(1)">`,
			"<p>&lt;img src=x onerror=&#34;alert(1)&#34;&gt;</p>\n"},
		{"event handler inline", `text <b onmouseover="alert(1)">bold</b>`,
			"<p>text &lt;b onmouseover=&#34;alert(1)&#34;&gt;bold&lt;/b&gt;</p>\n"},
		{"raw anchor", `<a href="javascript:alert(1)">x</a>`,
			"<p>&lt;a href=&#34;javascript:alert(1)&#34;&gt;x&lt;/a&gt;</p>\n"},
		{"broken HTML", "</div></article><div class=\"x\">\nstill inside\n",
			"<p>&lt;/div&gt;&lt;/article&gt;&lt;div class=&#34;x&#34;&gt;\nstill inside</p>\n"},
		{"unclosed inline tag", "a <em>b\n\nc",
			"<p>a &lt;em&gt;b</p>\n<p>c</p>\n"},
		{"style block", "<style>body{display:none}</style>",
			"<p>&lt;style&gt;body{display:none}&lt;/style&gt;</p>\n"},
		{"iframe", `<iframe src="https://evil.example/"></iframe>`,
			"<p>&lt;iframe src=&#34;https://evil.example/&#34;&gt;&lt;/iframe&gt;</p>\n"},
		{"headings stay below the page's", "# Big\n\n## Less\n\n#### Least",
			"<h4>Big</h4>\n<h5>Less</h5>\n<h6>Least</h6>\n"},
		{"HTML comment", "a <!-- b --> c",
			"<p>a &lt;!-- b --&gt; c</p>\n"},
		{"safe link", `[docs](https://example.org/a?b=1&c=2 "Title")`,
			`<p><a href="https://example.org/a?b=1&amp;c=2" title="Title" rel="nofollow ugc">docs</a></p>` + "\n"},
		{"relative link", "[see](/posts/other/#top)",
			`<p><a href="/posts/other/#top" rel="nofollow ugc">see</a></p>` + "\n"},
		{"angle autolink", "<https://example.org/x>",
			`<p><a href="https://example.org/x" rel="nofollow ugc">https://example.org/x</a></p>` + "\n"},
		{"bare autolinks", "see www.example.org and https://example.org/y.",
			`<p>see <a href="http://www.example.org" rel="nofollow ugc">www.example.org</a> and <a href="https://example.org/y" rel="nofollow ugc">https://example.org/y</a>.</p>` + "\n"},
		{"email autolink", "mail ada@example.org",
			`<p>mail <a href="mailto:ada@example.org" rel="nofollow ugc">ada@example.org</a></p>` + "\n"},
		{"link with a password", "[x](https://bank.example@evil.example/)",
			"<p>x</p>\n"},
		{"image becomes a link", `![a cat](https://img.example/cat.png)`,
			`<p><a href="https://img.example/cat.png" rel="nofollow ugc">a cat</a></p>` + "\n"},
		{"image in a link", `[![a cat](https://img.example/cat.png)](https://example.org/cats)`,
			`<p><a href="https://example.org/cats" rel="nofollow ugc">a cat</a></p>` + "\n"},
		{"data image", `![pixel](data:image/png;base64,iVBORw0KGgo=)`,
			"<p>pixel</p>\n"},
		{"homoglyph host", "[pay](https://p\u0430ypal.com/)",
			`<p><a href="https://p%D0%B0ypal.com/" rel="nofollow ugc">pay</a></p>` + "\n"},
		{"right-to-left override stays inside its paragraph", "file \u202egnp.exe",
			"<p>file \u202egnp.exe</p>\n"},
		{"code keeps markup as text", "`<script>` and\n\n```html\n<script>alert(1)</script>\n```",
			"<p><code>&lt;script&gt;</code> and</p>\n<pre><code class=\"language-html\">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"},
		{"attribute injection through a title, which bluemonday drops", `[x](https://a.example/ "\" onmouseover=\"alert(1)")`,
			`<p><a href="https://a.example/" rel="nofollow ugc">x</a></p>` + "\n"},
		{"quote in a URL", `[x](https://a.example/"onmouseover="alert(1))`,
			`<p><a href="https://a.example/%22onmouseover=%22alert(1)" rel="nofollow ugc">x</a></p>` + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, diags := load(t, body(tt.in))
			if diags != nil {
				t.Fatalf("diagnostics: %v", diags)
			}
			if got := string(s.Comments[0].HTML); got != tt.want {
				t.Errorf("HTML =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestCommentLongBody(t *testing.T) {
	t.Parallel()
	word := "compound <b>interest</b> "
	const paragraphs = 240 // 60 KiB, near MaxRecordSize
	in := strings.Repeat(strings.Repeat(word, 10)+"\n\n", paragraphs)
	s, diags := load(t, body(in))
	if diags != nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	got := string(s.Comments[0].HTML)
	want := strings.Repeat("<p>"+strings.Repeat("compound &lt;b&gt;interest&lt;/b&gt; ", 9)+"compound &lt;b&gt;interest&lt;/b&gt;</p>\n", paragraphs)
	if got != want {
		t.Errorf("HTML of a 60 KiB comment: %d bytes starting %.60q; want %d bytes", len(got), got, len(want))
	}
}

func TestCommentAuthorText(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, in, want string }{
		{"right-to-left override removed", "Ada\u202egnp.exe", "Adagnp.exe"},
		{"isolates removed", "\u2067Ada\u2069", "Ada"},
		{"zero-width joiner kept", "\U0001F469\u200D\U0001F4BB Ada", "\U0001F469\u200D\U0001F4BB Ada"},
		{"line breaks and tabs collapsed", "Ada\n\t Lovelace ", "Ada Lovelace"},
		{"markup stays text", "<b>Ada</b>", "<b>Ada</b>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, diags := load(t, map[string]string{
				"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: \"" + strings.ReplaceAll(strings.ReplaceAll(tt.in, "\n", `\n`), "\t", `\t`) + "\"\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
			})
			if diags != nil {
				t.Fatalf("diagnostics: %v", diags)
			}
			if got := s.Comments[0].Author; got != tt.want {
				t.Errorf("Author = %q; want %q", got, tt.want)
			}
		})
	}
}

// TestCommentInTemplate checks what a theme gets: html/template escapes
// the author and URL, and HTML goes in as it is.
func TestCommentInTemplate(t *testing.T) {
	t.Parallel()
	s, diags := load(t, map[string]string{
		"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: \"<script>x</script>\u200D\"\nauthor_url: \"https://p\u0430ypal.com/?q=\\\"><script>\"\ndate: 2025-09-18\nstatus: approved\n---\n*hi*\n",
	})
	if diags != nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	tmpl := template.Must(template.New("c").Parse(`{{range .Threads}}<a href="{{.AuthorURL}}">{{.Author}}</a>{{.HTML}}{{end}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	want := `<a href="https://p%d0%b0ypal.com/?q=%22%3e%3cscript%3e">&lt;script&gt;x&lt;/script&gt;` + "\u200D" + `</a><p><em>hi</em></p>` + "\n"
	if got := b.String(); got != want {
		t.Errorf("template output =\n%q\nwant\n%q", got, want)
	}
}

func TestCommentLocalDates(t *testing.T) {
	t.Parallel()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database")
	}
	for _, tt := range []struct{ in, want string }{
		{"2025-09-18 14:05:02", "2025-09-18T12:05:02Z"},
		{"2025-09-18T14:05:02", "2025-09-18T12:05:02Z"},
		{"2025-09-18", "2025-09-17T22:00:00Z"},
		{"2025-09-18T14:05:02Z", "2025-09-18T14:05:02Z"},
		{"2025-09-18 14:05:02+02:00", "2025-09-18T12:05:02Z"},
		{"2025-09-18 14:05:02.5 -0700", "2025-09-18T21:05:02.5Z"},
		{"2025-09-18T14:05:02.123456789-03:00", "2025-09-18T17:05:02.123456789Z"},
	} {
		got, err := dates.Parse(tt.in, paris)
		if err != nil {
			t.Errorf("dates.Parse(%q): %v", tt.in, err)
			continue
		}
		if s := got.UTC().Format(time.RFC3339Nano); s != tt.want {
			t.Errorf("dates.Parse(%q) = %s; want %s", tt.in, s, tt.want)
		}
	}
}

func TestCommentBOMAndCRLF(t *testing.T) {
	t.Parallel()
	s, diags := load(t, map[string]string{
		"comments/20250918T140502Z-k7m2qx.md": "\ufeff---\r\nauthor: Ada\r\ndate: 2025-09-18\r\nstatus: approved\r\n---\r\nline one\r\nline two\r\n",
	})
	if diags != nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	if got, want := string(s.Comments[0].HTML), "<p>line one\nline two</p>\n"; got != want {
		t.Errorf("HTML = %q; want %q", got, want)
	}
}

func TestCommentThematicBreak(t *testing.T) {
	t.Parallel()
	// The first "---" after the fields closes them; a later one is the
	// comment's own thematic break.
	s, diags := load(t, map[string]string{
		"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ada\ndate: 2025-09-18\nstatus: approved\n--- \nabove\n\n---\n\nbelow\n",
	})
	if diags != nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	if got, want := string(s.Comments[0].HTML), "<p>above</p>\n<hr>\n<p>below</p>\n"; got != want {
		t.Errorf("HTML = %q; want %q", got, want)
	}
}

func TestCommentNotUTF8(t *testing.T) {
	t.Parallel()
	_, diags := load(t, map[string]string{
		"comments/20250918T140502Z-k7m2qx.md": "---\nauthor: Ren\xe9\ndate: 2025-09-18\nstatus: approved\n---\nHi\n",
	})
	want := c + `20250918T140502Z-k7m2qx.md:2:12: comment: byte 0xe9 is not UTF-8; save the file as UTF-8`
	if got := lines(diags); got != want {
		t.Errorf("diagnostics =\n%s\nwant\n%s", got, want)
	}
}
