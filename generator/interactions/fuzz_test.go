package interactions

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/markdown"
)

// checkPositions fails when a diagnostic points outside src: every line
// must exist and every column must fall within its line (or just after
// its last byte).
func checkPositions(t *testing.T, file string, src []byte, diags diag.List) {
	t.Helper()
	lines := strings.Split(string(src), "\n")
	for _, d := range diags {
		p := d.Pos
		if p.File != file {
			t.Errorf("%v: file %q; want %q", d, p.File, file)
		}
		if p.Line < 1 || p.Line > len(lines) {
			t.Errorf("%v: line %d outside 1..%d", d, p.Line, len(lines))
			continue
		}
		if p.Col < 0 || p.Col > len(lines[p.Line-1])+1 {
			t.Errorf("%v: column %d outside 0..%d", d, p.Col, len(lines[p.Line-1])+1)
		}
	}
}

// allowedTag is every element a sanitized comment may hold.
var allowedTag = map[string]bool{
	"p": true, "em": true, "strong": true, "a": true, "code": true, "pre": true, "blockquote": true,
	"ul": true, "ol": true, "li": true, "hr": true, "br": true, "del": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
}

var (
	tagRE  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)
	attrRE = regexp.MustCompile(`\s([a-z-]+)="([^"]*)"`)
)

// checkHTML fails on any element, attribute or link target that a
// commenter could use to run script or reach outside the page.
func checkHTML(t *testing.T, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("HTML is not valid UTF-8: %q", out)
	}
	for _, m := range tagRE.FindAllStringSubmatch(out, -1) {
		if !allowedTag[m[2]] {
			t.Errorf("HTML holds <%s>: %q", m[2], out)
		}
		for _, a := range attrRE.FindAllStringSubmatch(m[3], -1) {
			switch a[1] {
			case "href":
				u, err := url.Parse(html.UnescapeString(a[2]))
				if err != nil {
					t.Errorf("HTML links to %q: %v", a[2], err)
					break
				}
				if s := strings.ToLower(u.Scheme); s != "" && s != "http" && s != "https" && s != "mailto" {
					t.Errorf("HTML links to %q", a[2])
				}
			case "rel":
				if a[2] != markdown.UGCRel {
					t.Errorf("HTML has rel=%q", a[2])
				}
			case "title", "class", "align":
			default:
				t.Errorf("HTML has attribute %s: %q", a[1], out)
			}
		}
		if m[2] == "a" && m[1] == "" && !strings.Contains(m[3], `rel="nofollow ugc"`) {
			t.Errorf("link without rel=\"nofollow ugc\": %q", m[0])
		}
	}
}

func FuzzComment(f *testing.F) {
	for _, s := range goodFolder {
		if !strings.HasPrefix(s, "source:") {
			f.Add([]byte(s))
		}
	}
	for _, s := range []string{
		"", "---", "---\n", "---\n---\n", "---\n---\nHi", "\ufeff---\r\nauthor: A\r\ndate: 2025-09-18\r\n---\r\nx\r\n",
		"---\nauthor: Ada\ndate: 2025-09-18: x\nstatus: approved\n---\nHi\n",
		"---\nauthor: Ada\ndate: [2025\nstatus: approved\n---\nHi\n",
		"---\nauthor: &a Ada\nsource: *a\nid: !!binary aGk=\n---\n<script>alert(1)</script>\n[x](javascript:alert(1)) <javascript:x> ![i](data:image/png;base64,AA)\n",
		"---\nauthor: \"\u202e\"\nauthor_url: https://a@b/\n---\n<div onclick=x>\n\n<a href=javascript:x>y</a>\n",
		"---\n\tauthor: x\n---\nx", "---\n? [a]\n: b\n---\nx", "---\n- a\n---\n", "---\n\"\n---\n",
		"---\nauthor: A\ndate: 2025-02-30\nreply_to: [a]\nstatus: [x]\n---\n> > > - * [a](<javascript:x>)\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const file = "c.md"
		c, diags := parseComment(file, "20250918T140502Z-k7m2qx.md", src, time.UTC)
		checkPositions(t, file, src, diags)
		if c == nil {
			return
		}
		checkHTML(t, string(c.HTML))
		if !diags.HasErrors() && (c.Author == "" || c.Date.IsZero()) {
			t.Errorf("no errors, but author %q and date %v", c.Author, c.Date)
		}
		if c.AuthorURL != "" && checkURL(c.AuthorURL) != nil {
			t.Errorf("AuthorURL %q passed", c.AuthorURL)
		}
	})
}

func FuzzMention(f *testing.F) {
	for _, s := range goodFolder {
		if strings.HasPrefix(s, "source:") {
			f.Add([]byte(s))
		}
	}
	for _, s := range []string{
		"", "\n", "---\n", okMention, okMention + "---\nx: y\n", okMention + "---\n[\n", "a: b: c\n", "[\n", "{a: 1}\n",
		"author:\n  name: \"<b>x</b>\u202e\"\n  url: javascript:x\n  photo: [a]\ntitle: <script>x</script>\nexcerpt: " + strings.Repeat("word ", 100) + "\n",
		"source: &a https://a.example/\ntarget: *a\ntype: !!int 3\nstatus: ~\nreceived: 2025-02-29\n",
		"author: {name: {a: b}}\n", "<<: {source: x}\n",
	} {
		f.Add([]byte(s))
	}
	targets := map[string]bool{}
	for _, u := range postURLs {
		targets[normalizeURL(u)] = true
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const file = "m.yaml"
		mm, diags := parseMention(file, "20250918T141200Z-a1.yaml", src, targets, postURLs[0], time.UTC)
		checkPositions(t, file, src, diags)
		if mm == nil {
			return
		}
		for _, s := range []string{mm.Title, mm.Excerpt, mm.AuthorName} {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\n\r\t\u202e\u2066") {
				t.Errorf("text %q is not one clean line", s)
			}
		}
		if n := utf8.RuneCountInString(mm.Title); n > maxTitle {
			t.Errorf("title of %d characters", n)
		}
		if n := utf8.RuneCountInString(mm.Excerpt); n > maxExcerpt {
			t.Errorf("excerpt of %d characters", n)
		}
		for _, u := range []string{mm.Source, mm.Target, mm.AuthorURL, mm.AuthorPhoto} {
			if u != "" && checkURL(u) != nil {
				t.Errorf("URL %q passed", u)
			}
		}
		if mm.Target != "" && !targets[normalizeURL(mm.Target)] {
			t.Errorf("target %q is not the post", mm.Target)
		}
	})
}
