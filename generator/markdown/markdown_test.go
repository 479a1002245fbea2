package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func render(t *testing.T, o Options, src string) *Result {
	t.Helper()
	res, err := New(o).Render([]byte(src))
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	return res
}

func TestRenderFeatures(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		opts    Options
		src     string
		want    []string // fragments of the HTML
		notWant []string
	}{
		{"table", Options{}, "| a | b |\n|:--|--:|\n| 1 | *2* |\n", []string{
			"<table>\n<thead>\n<tr>\n<th style=\"text-align:left\">a</th>\n<th style=\"text-align:right\">b</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td style=\"text-align:left\">1</td>\n<td style=\"text-align:right\"><em>2</em></td>\n</tr>\n</tbody>\n</table>\n",
		}, nil},
		{"strikethrough", Options{}, "a ~~b~~ c\n", []string{"<p>a <del>b</del> c</p>\n"}, nil},
		{"autolinks", Options{}, "See https://example.org/a?b=1, www.example.com and <https://example.net>.\n", []string{
			`<a href="https://example.org/a?b=1">https://example.org/a?b=1</a>,`,
			`<a href="http://www.example.com">www.example.com</a>`,
			`<a href="https://example.net">https://example.net</a>.`,
		}, nil},
		{"task list", Options{}, "- [x] done\n- [ ] todo\n", []string{
			"<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> done</li>\n<li><input disabled=\"\" type=\"checkbox\"> todo</li>\n</ul>\n",
		}, nil},
		{"footnotes", Options{}, "Claim.[^a]\n\n[^a]: Proof.\n", []string{
			`<p>Claim.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>`,
			`<div class="footnotes" role="doc-endnotes">`,
			`<li id="fn:1">` + "\n" + `<p>Proof.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>`,
		}, nil},
		{"typographer off", Options{}, "\"Hi\" it's 1--2 --- end...\n", []string{
			"<p>&quot;Hi&quot; it's 1--2 --- end...</p>\n",
		}, []string{"&ldquo;", "&rsquo;", "&ndash;", "&mdash;", "&hellip;"}},
		{"typographer on", Options{Typographer: true}, "\"Hi\" it's 1--2 --- end...\n", []string{
			"<p>&ldquo;Hi&rdquo; it&rsquo;s 1&ndash;2 &mdash; end&hellip;</p>\n",
		}, nil},
		{"heading id and anchor", Options{}, "## Why it *compounds*\n\n## Why it compounds\n", []string{
			`<h2 id="why-it-compounds">Why it <em>compounds</em> <a class="anchor" href="#why-it-compounds" aria-label="Link to this section">#</a></h2>` + "\n",
			`<h2 id="why-it-compounds-1">Why it compounds <a class="anchor" href="#why-it-compounds-1" aria-label="Link to this section">#</a></h2>` + "\n",
		}, nil},
		{"heading ids the theme's sections use", Options{}, "## Comments\n\n## Mentions\n", []string{
			`<h2 id="comments-1">Comments <a class="anchor" href="#comments-1" aria-label="Link to this section">#</a></h2>` + "\n",
			`<h2 id="mentions-1">Mentions <a class="anchor" href="#mentions-1" aria-label="Link to this section">#</a></h2>` + "\n",
		}, nil},
		{"fenced code with language", Options{}, "```go\nfunc f() {}\n```\n", []string{
			`<div class="highlight" tabindex="0" data-lang="go"><pre class="chroma"><code><span class="line"><span class="cl"><span class="kd">func</span><span class="w"> </span><span class="nf">f</span><span class="p">()</span>`,
			"</code></pre></div>\n",
		}, []string{"lntable"}},
		{"language is case-insensitive", Options{}, "```Go\nfunc f() {}\n```\n", []string{
			`data-lang="go"`, `<span class="kd">func</span>`,
		}, nil},
		{"unknown language falls back to text", Options{}, "```nosuchlang\nfunc <b> & c\n```\n", []string{
			`<div class="highlight" tabindex="0" data-lang="nosuchlang"><pre class="chroma"><code><span class="line"><span class="cl">func &lt;b&gt; &amp; c` + "\n</span></span></code></pre></div>\n",
		}, []string{`class="kd"`}},
		{"no language", Options{}, "```\nplain\n```\n", []string{
			`<div class="highlight" tabindex="0" data-lang="text"><pre class="chroma"><code><span class="line"><span class="cl">plain` + "\n</span></span></code></pre></div>\n",
		}, nil},
		{"language is escaped", Options{}, "```a\"><script>\nx\n```\n", []string{
			`data-lang="a&#34;&gt;&lt;script&gt;"`,
		}, []string{"<script>"}},
		{"line numbers from the fence", Options{}, "```go {linenos=true linenostart=7}\na\nb\n```\n", []string{
			`<table class="lntable">`, "<span class=\"lnt\">7\n</span><span class=\"lnt\">8\n</span></pre>",
		}, []string{`class="hl"`, "line hl"}},
		{"highlighted lines", Options{}, "```text {hl_lines=[\"2-3\"]}\na\nb\nc\nd\n```\n", []string{
			"<span class=\"line\"><span class=\"cl\">a\n</span></span>" +
				"<span class=\"line hl\"><span class=\"cl\">b\n</span></span>" +
				"<span class=\"line hl\"><span class=\"cl\">c\n</span></span>" +
				"<span class=\"line\"><span class=\"cl\">d\n</span></span>",
		}, nil},
		{"highlighted lines count from linenostart", Options{}, "```text {linenos=true linenostart=10 hl_lines=[1]}\na\nb\n```\n", []string{
			"<span class=\"hl\"><span class=\"lnt\">10\n</span></span><span class=\"lnt\">11\n</span>",
			"<span class=\"line hl\"><span class=\"cl\">a\n</span></span><span class=\"line\"><span class=\"cl\">b\n</span></span>",
		}, nil},
		{"line numbers by default", Options{LineNumbers: true}, "```go\nx\n```\n", []string{`<table class="lntable">`, "<span class=\"lnt\">1\n</span>"}, nil},
		{"fence turns default line numbers off", Options{LineNumbers: true}, "```go {linenos=false}\nx\n```\n", nil, []string{"lntable", `class="lnt"`}},
		{"indented code", Options{}, "Text\n\n    a <b>\n    c\n", []string{
			"<div class=\"highlight\" tabindex=\"0\" data-lang=\"text\"><pre class=\"chroma\"><code><span class=\"line\"><span class=\"cl\">a &lt;b&gt;\n</span></span><span class=\"line\"><span class=\"cl\">c\n</span></span></code></pre></div>\n",
		}, nil},
		{"raw html omitted by default", Options{}, "<div>block</div>\n\nInline <b>bold</b> <script>x()</script>\n", []string{
			"<!-- raw HTML omitted -->\n<p>Inline <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> <!-- raw HTML omitted -->x()<!-- raw HTML omitted --></p>\n",
		}, []string{"<div>", "<b>", "<script>"}},
		{"raw html kept with Unsafe", Options{Unsafe: true}, "<div>block</div>\n\nInline <b>bold</b> <script>x()</script>\n", []string{
			"<div>block</div>\n<p>Inline <b>bold</b> <script>x()</script></p>\n",
		}, []string{"raw HTML omitted"}},
		{"javascript links are dropped", Options{}, "[x](javascript:alert(1))\n", []string{`<p><a href="">x</a></p>`}, []string{"javascript:"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			html := string(render(t, tt.opts, tt.src).HTML)
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("HTML lacks %q:\n%s", w, html)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(html, w) {
					t.Errorf("HTML holds %q:\n%s", w, html)
				}
			}
		})
	}
}

func TestRenderHighlightWithLineStartNoNumbers(t *testing.T) {
	t.Parallel()
	html := string(render(t, Options{}, "```text {hl_lines=[2] linenostart=10}\na\nb\nc\n```\n").HTML)
	want := `<div class="highlight" tabindex="0" data-lang="text"><pre class="chroma"><code>` +
		"<span class=\"line\"><span class=\"cl\">a\n</span></span>" +
		"<span class=\"line hl\"><span class=\"cl\">b\n</span></span>" +
		"<span class=\"line\"><span class=\"cl\">c\n</span></span>" +
		"</code></pre></div>\n"
	if html != want {
		t.Errorf("HTML =\n%s\nwant line 2 highlighted:\n%s", html, want)
	}
}

func TestRenderEmpty(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"", "\n\n", "   "} {
		res := render(t, Options{}, src)
		want := &Result{}
		if !reflect.DeepEqual(res, want) {
			t.Errorf("Render(%q) = %+v; want an empty Result", src, res)
		}
	}
}

func TestSummaryMore(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		opts    Options
		src     string
		summary string
		html    string
	}{
		{"more", Options{}, "Intro *one*.\n\nIntro two.\n\n<!--more-->\n\nRest.\n",
			"<p>Intro <em>one</em>.</p>\n<p>Intro two.</p>",
			"<p>Intro <em>one</em>.</p>\n<p>Intro two.</p>\n<p>Rest.</p>\n"},
		{"spaces in the marker", Options{}, "Intro.\n<!-- more -->\nRest.\n",
			"<p>Intro.</p>", "<p>Intro.</p>\n<p>Rest.</p>\n"},
		{"unsafe", Options{Unsafe: true}, "# T\n\nIntro.\n\n<!--more-->\n\n<i>Rest</i>\n",
			`<h1 id="t">T <a class="anchor" href="#t" aria-label="Link to this section">#</a></h1>` + "\n<p>Intro.</p>",
			`<h1 id="t">T <a class="anchor" href="#t" aria-label="Link to this section">#</a></h1>` + "\n<p>Intro.</p>\n<p><i>Rest</i></p>\n"},
		{"nothing after", Options{}, "All of it.\n\n<!--more-->\n", "<p>All of it.</p>", "<p>All of it.</p>\n"},
		{"nothing before", Options{}, "<!--more-->\n\nAfter.\n", "", "<p>After.</p>\n"},
		{"only the first marker counts", Options{}, "A\n\n<!--more-->\n\nB\n\n<!--more-->\n\nC\n",
			"<p>A</p>", "<p>A</p>\n<p>B</p>\n<!-- raw HTML omitted -->\n<p>C</p>\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := render(t, tt.opts, tt.src)
			if !res.HasMore || res.Summary != template.HTML(tt.summary) || res.HTML != template.HTML(tt.html) {
				t.Errorf("Render(%q) =\nHasMore %v\nSummary %q\nHTML %q\nwant HasMore true\nSummary %q\nHTML %q",
					tt.src, res.HasMore, res.Summary, res.HTML, tt.summary, tt.html)
			}
		})
	}
}

func TestSummaryFirstParagraph(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		opts    Options
		src     string
		summary string
	}{
		{"first paragraph", Options{}, "# Title\n\nFirst *para*\nline two.\n\nSecond.\n", "<p>First <em>para</em>\nline two.</p>"},
		{"quotes and lists are not the summary", Options{}, "> Quoted.\n\n- item\n\nReal [first](/x).\n\nNext.\n", `<p>Real <a href="/x">first</a>.</p>`},
		{"typographer applies", Options{Typographer: true}, "It's \"here\".\n", "<p>It&rsquo;s &ldquo;here&rdquo;.</p>"},
		{"no paragraph", Options{}, "# Only a title\n\n```\ncode\n```\n", ""},
		{"marker in code does not count", Options{}, "A\n\n```\n<!--more-->\n```\n", "<p>A</p>"},
		{"marker inside a paragraph does not count", Options{}, "A <!--more--> B\n\nC\n", "<p>A <!-- raw HTML omitted --> B</p>"},
		{"marker in a quote does not count", Options{}, "> <!--more-->\n\nA\n", "<p>A</p>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := render(t, tt.opts, tt.src)
			if res.HasMore || res.Summary != template.HTML(tt.summary) {
				t.Errorf("Render(%q): HasMore %v, Summary %q; want false, %q", tt.src, res.HasMore, res.Summary, tt.summary)
			}
		})
	}
	res := render(t, Options{}, "A\n\n```\n<!--more-->\n```\n")
	if !strings.Contains(string(res.HTML), "&lt;!--more--&gt;") {
		t.Errorf("the marker in a code block must stay in the HTML:\n%s", res.HTML)
	}
}

func TestHeadings(t *testing.T) {
	t.Parallel()
	src := `# Compound Interest

## Why it *compounds*

### The ` + "`rate`" + `

## Why it compounds

Setext, *too*
-------------

###### Deep ######
`
	res := render(t, Options{}, src)
	want := []Heading{
		{1, "compound-interest", "Compound Interest"},
		{2, "why-it-compounds", "Why it compounds"},
		{3, "the-rate", "The rate"},
		{2, "why-it-compounds-1", "Why it compounds"},
		{2, "setext-too", "Setext, too"},
		{6, "deep", "Deep"},
	}
	if !reflect.DeepEqual(res.Headings, want) {
		t.Errorf("Headings =\n%+v\nwant\n%+v", res.Headings, want)
	}
	for _, h := range res.Headings {
		if tag := fmt.Sprintf(`<h%d id="%s">`, h.Level, h.ID); !strings.Contains(string(res.HTML), tag) {
			t.Errorf("HTML lacks %s", tag)
		}
	}
}

func TestHeadingText(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src string
		level     int
		text      string
	}{
		{"soft line break", "Two\n*lines*\n===\n", 1, "Two lines"},
		{"link, image and footnote", "##### See [the post](/x) and ![a chart](c.png)[^n]\n\n[^n]: Note.\n", 5, "See the post and a chart"},
		{"nested emphasis", "## **Bold _and_ em** `code`\n", 2, "Bold and em code"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := render(t, Options{}, tt.src)
			if len(res.Headings) != 1 || res.Headings[0].Level != tt.level || res.Headings[0].Text != tt.text {
				t.Errorf("Headings = %+v; want one level-%d heading with Text %q", res.Headings, tt.level, tt.text)
			}
		})
	}
}

func TestHeadingTextWithoutMarkup(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		opts Options
		src  string
		want string
	}{
		{"entity and escapes", Options{}, "## Tom &amp; Jerry \\*x\\*\n", "Tom & Jerry *x*"},
		{"numeric references", Options{}, "## A &#38; B &#x3C;3\n", "A & B <3"},
		{"not an entity", Options{}, "## AT&T &nosuch; \\q\n", "AT&T &nosuch; \\q"},
		{"code span keeps its text", Options{}, "## `&amp; \\*`\n", "&amp; \\*"},
		{"bare URL", Options{}, "## See https://a.example/\n", "See https://a.example/"},
		{"typographer", Options{Typographer: true}, "## Don't \"panic\"\n", "Don’t “panic”"},
		{"typographer dashes", Options{Typographer: true}, "## A -- B --- C...\n", "A – B — C…"},
		{"typographer in code", Options{Typographer: true}, "## `don't --`\n", "don't --"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := render(t, tt.opts, tt.src)
			if len(res.Headings) != 1 || res.Headings[0].Text != tt.want {
				t.Errorf("Render(%q).Headings = %+v; want one with Text %q", tt.src, res.Headings, tt.want)
			}
		})
	}
}

func TestHeadingIDsKeepNonASCIILetters(t *testing.T) {
	t.Parallel()
	res := render(t, Options{}, "# Über uns\n\n## 日本語\n")
	if got := []string{res.Headings[0].ID, res.Headings[1].ID}; got[0] != "über-uns" || got[1] != "日本語" {
		t.Errorf("IDs = %q; want [über-uns 日本語]", got)
	}
	want := `<h1 id="über-uns">Über uns <a class="anchor" href="#über-uns" aria-label="Link to this section">#</a></h1>` + "\n" +
		`<h2 id="日本語">日本語 <a class="anchor" href="#日本語" aria-label="Link to this section">#</a></h2>` + "\n"
	if got := string(res.HTML); got != want {
		t.Errorf("HTML =\n%s\nwant\n%s", got, want)
	}
}

func TestHeadingIDs(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		opts Options
		src  string
		want []string
	}{
		{"entity", Options{}, "## Tom &amp; Jerry\n", []string{"tom--jerry"}},
		{"link", Options{}, "## See [the post](/x)\n", []string{"see-the-post"}},
		{"image and footnote", Options{}, "## A ![chart](c.png)[^n]\n\n[^n]: Note.\n", []string{"a-chart"}},
		{"escapes and punctuation", Options{}, "## \\*Version\\* 2.0: what's new?\n", []string{"version-20-whats-new"}},
		{"typographer", Options{Typographer: true}, "## Don't -- \"panic\"\n", []string{"dont--panic"}},
		{"setext over two lines", Options{}, "Two\n*lines*\n===\n", []string{"two-lines"}},
		{"other scripts", Options{}, "# Привет, мир\n# हिन्दी\n# Ελληνικά\n", []string{"привет-мир", "हिन्दी", "ελληνικά"}},
		{"repeats", Options{}, "# A\n# A\n# a\n", []string{"a", "a-1", "a-2"}},
		{"a repeat skips a used suffix", Options{}, "# A 1\n# A\n# A\n", []string{"a-1", "a", "a-2"}},
		{"empty headings", Options{}, "#\n## !?\n", []string{"heading", "heading-1"}},
		{"in a quote and a list", Options{}, "> # Q\n\n- ## Q\n", []string{"q", "q-1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := render(t, tt.opts, tt.src)
			var got []string
			for _, h := range res.Headings {
				got = append(got, h.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Render(%q) heading IDs = %q; want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestLinks(t *testing.T) {
	t.Parallel()
	src := "Intro [one](/a) and ![img](pic.png \"t\").\n" + // line 1
		"\n" +
		"> Quote with <https://example.org/q> and <me@example.org>.\n" + // line 3
		"\n" +
		"- item [ref][r]\n" + // line 5
		"  - nested [two](../b/ \"T\")\n" + // line 6
		"\n" +
		"| a | b |\n|---|---|\n| x | [cell](/c) |\n" + // line 10
		"\n" +
		"Footnote.[^1]\n" +
		"\n" +
		"[^1]: In a [note](/n).\n" + // line 14
		"\n" +
		"```\n[not a link](/code)\n```\n" +
		"\n" +
		"`[nor](/span)` [![badge](/b.svg)](/target)\n" + // line 20
		"\n" +
		"[r]: /ref\n"
	res := render(t, Options{}, src)
	want := []Link{
		{Dest: "/a", Line: 1, Col: 7},
		{Dest: "pic.png", Image: true, Line: 1, Col: 21},
		{Dest: "https://example.org/q", Line: 3, Col: 14},
		{Dest: "/ref", Line: 5, Col: 8},
		{Dest: "../b/", Line: 6, Col: 12},
		{Dest: "/c", Line: 10, Col: 7},
		{Dest: "/target", Line: 20, Col: 16},
		{Dest: "/b.svg", Image: true, Line: 20, Col: 17},
		{Dest: "/n", Line: 14, Col: 12}, // footnotes are rendered, and walked, last
	}
	if !reflect.DeepEqual(res.Links, want) {
		t.Errorf("Links =\n%+v\nwant\n%+v", res.Links, want)
	}
	// Every position points at the text that opens the link.
	lines := strings.Split(src, "\n")
	for _, l := range res.Links {
		at := lines[l.Line-1][l.Col-1:]
		if !strings.HasPrefix(at, "[") && !strings.HasPrefix(at, "![") && !strings.HasPrefix(at, "<") {
			t.Errorf("link %q at %d:%d points at %q", l.Dest, l.Line, l.Col, at)
		}
	}
}

func TestLinksBareURLPosition(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		src  string
		want Link
	}{
		{"x https://a.example/\n", Link{Dest: "https://a.example/", Line: 1, Col: 3}},
		{"*see* www.a.example\n", Link{Dest: "http://www.a.example", Line: 1, Col: 7}},
		{"(https://a.example/)\n", Link{Dest: "https://a.example/", Line: 1, Col: 2}},
		{"~~https://a.example/~~\n", Link{Dest: "https://a.example/", Line: 1, Col: 3}},
		{"a\n_https://a.example/_\n", Link{Dest: "https://a.example/", Line: 2, Col: 2}},
		{"https://a.example/\n", Link{Dest: "https://a.example/", Line: 1, Col: 1}},
		{"x <https://a.example/>\n", Link{Dest: "https://a.example/", Line: 1, Col: 3}},
	} {
		res := render(t, Options{}, tt.src)
		if len(res.Links) != 1 || res.Links[0] != tt.want {
			t.Errorf("Render(%q).Links = %+v; want [%+v]", tt.src, res.Links, tt.want)
		}
	}
}

func TestLinksBareURLDest(t *testing.T) {
	t.Parallel()
	// The destinations are right even where the column is not.
	res := render(t, Options{}, "https://a.example/p at the start, www.b.example later.\n")
	var got []string
	for _, l := range res.Links {
		got = append(got, l.Dest)
		if l.Line != 1 || l.Image {
			t.Errorf("link %+v; want line 1, not an image", l)
		}
	}
	if want := []string{"https://a.example/p", "http://www.b.example"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Link destinations = %q; want %q", got, want)
	}
	if res.Links[0].Col != 1 {
		t.Errorf("URL at the start of a line at column %d; want 1", res.Links[0].Col)
	}
}

func TestWords(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src string
		want      int
	}{
		{"empty", "", 0},
		{"two", "Hello world", 2},
		{"heading and paragraph", "# The Title\n\nOne two three.", 5},
		{"hyphens and apostrophes join", "Compound-interest isn't hard.", 3},
		{"punctuation separates", "a,b;c.d", 4},
		{"soft line break separates", "one\ntwo", 2},
		{"hard line break separates", "one  \ntwo\\\nthree", 3},
		{"emphasis", "*one* **two** ~~three~~", 3},
		{"code span", "run `go test` now", 4},
		{"fenced code", "```\nfoo bar\nbaz\n```\n", 3},
		{"indented code", "    a b c\n", 3},
		{"link and image text", "[link text](/x) ![alt words](/y.png)", 4},
		{"list and quote", "- one\n- two three\n\n> four", 4},
		{"table", "| a b | c |\n|---|---|\n| d | e f |\n", 6},
		{"non-Latin", "日本語 text Привет", 3},
		{"numbers", "In 2024 it grew 5%", 5},
		{"raw html is not counted", "<div>hidden words</div>\n\nshown", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := render(t, Options{}, tt.src).Words; got != tt.want {
				t.Errorf("Render(%q).Words = %d; want %d", tt.src, got, tt.want)
			}
		})
	}
}

func TestWordsAcrossInlines(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		opts Options
		src  string
		want int
	}{
		{"emphasis inside a word", Options{}, "**com**pound", 1},
		{"link inside a word", Options{}, "[com](/x)pound *a*b`c` d", 3},
		{"typographer", Options{Typographer: true}, "don't -- stop", 2},
		{"typographer off", Options{}, "don't -- stop", 2},
		{"typographer quotes and dashes", Options{Typographer: true}, "\"quoted\"---'single' rock'n'roll... end", 4},
		{"lone hyphens and apostrophes", Options{}, "a - b ' c", 3},
		{"entities", Options{}, "Tom &amp; Jerry&hellip;again &#39;tis", 4},
		{"escapes", Options{}, "a\\*b \\*c\\*", 3},
		{"paragraphs", Options{}, "one\n\ntwo", 2},
		{"list items", Options{}, "- one\n- two\n  - three", 3},
		{"table cells", Options{}, "|a|b|\n|-|-|\n|c|d|\n", 4},
		{"heading then paragraph", Options{}, "# one\ntwo", 2},
		{"quote", Options{}, "> one\n>\n> two", 2},
		{"setext heading lines", Options{}, "one\ntwo\n===\n", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := render(t, tt.opts, tt.src).Words; got != tt.want {
				t.Errorf("Render(%q).Words = %d; want %d", tt.src, got, tt.want)
			}
		})
	}
}

func TestParseFence(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name        string
		info        string
		lineNumbers bool
		want        FenceOptions
	}{
		{"empty", "", false, FenceOptions{LineStart: 1}},
		{"empty keeps the default", "", true, FenceOptions{LineNumbers: true, LineStart: 1}},
		{"language", "go", false, FenceOptions{Lang: "go", LineStart: 1}},
		{"language is lowercased", "  Python  ", false, FenceOptions{Lang: "python", LineStart: 1}},
		{"words after the language", "js title=app.js", false, FenceOptions{Lang: "js", LineStart: 1}},
		{"linenos true", "go {linenos=true}", false, FenceOptions{Lang: "go", LineNumbers: true, LineStart: 1}},
		{"linenos table", "go {linenos=table}", false, FenceOptions{Lang: "go", LineNumbers: true, LineStart: 1}},
		{"linenos inline", "go {linenos=inline}", false, FenceOptions{Lang: "go", LineNumbers: true, LineStart: 1}},
		{"linenos false", "go {linenos=false}", true, FenceOptions{Lang: "go", LineStart: 1}},
		{"linenos quoted", `go {linenos="true"}`, false, FenceOptions{Lang: "go", LineNumbers: true, LineStart: 1}},
		{"no space before brace", "go{linenos=true}", false, FenceOptions{Lang: "go", LineNumbers: true, LineStart: 1}},
		{"options only", "{linenos=true}", false, FenceOptions{LineNumbers: true, LineStart: 1}},
		{"linenostart", "go {linenostart=10}", false, FenceOptions{Lang: "go", LineStart: 10}},
		{"linenostart quoted", `go {linenostart="12"}`, false, FenceOptions{Lang: "go", LineStart: 12}},
		{"linenostart zero", "go {linenostart=0}", false, FenceOptions{Lang: "go", LineStart: 1}},
		{"linenostart negative", "go {linenostart=-3}", false, FenceOptions{Lang: "go", LineStart: 1}},
		{"linenostart junk", "go {linenostart=ten}", false, FenceOptions{Lang: "go", LineStart: 1}},
		{"hl_lines hugo style", `go {hl_lines=[2,"4-5"]}`, false, FenceOptions{Lang: "go", Highlight: [][2]int{{2, 2}, {4, 5}}, LineStart: 1}},
		{"hl_lines with spaces in brackets", `go {hl_lines=[1, 3-4] linenos=true}`, false,
			FenceOptions{Lang: "go", LineNumbers: true, Highlight: [][2]int{{1, 1}, {3, 4}}, LineStart: 1}},
		{"hl_lines string", `go {hl_lines="2"}`, false, FenceOptions{Lang: "go", LineStart: 1, Highlight: [][2]int{{2, 2}}}},
		{"hl_lines string range", `go {hl_lines="4-5"}`, false, FenceOptions{Lang: "go", LineStart: 1, Highlight: [][2]int{{4, 5}}}},
		{"hl_lines single quotes", `go {hl_lines=['7']}`, false, FenceOptions{Lang: "go", LineStart: 1, Highlight: [][2]int{{7, 7}}}},
		{"hl_lines bad parts dropped", `go {hl_lines=[0, 5-3, x, 2, 3-, -1]}`, false, FenceOptions{Lang: "go", LineStart: 1, Highlight: [][2]int{{2, 2}}}},
		{"commas between options", `go {linenos=true, hl_lines=[2], linenostart=5}`, false,
			FenceOptions{Lang: "go", LineNumbers: true, Highlight: [][2]int{{2, 2}}, LineStart: 5}},
		{"unknown options ignored", `go {title="x" style=monokai linenos=true}`, false, FenceOptions{Lang: "go", LineNumbers: true, LineStart: 1}},
		{"missing closing brace", "go {linenos=true", false, FenceOptions{Lang: "go", LineNumbers: true, LineStart: 1}},
		{"spaces around equals", "go { linenos = true }", false, FenceOptions{Lang: "go", LineStart: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ParseFence(tt.info, tt.lineNumbers); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseFence(%q, %v) = %+v; want %+v", tt.info, tt.lineNumbers, got, tt.want)
			}
		})
	}
}

func TestParseFenceQuotedRanges(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, info string
		want       FenceOptions
	}{
		{"double quotes", `go {hl_lines="2 4-5" linenos=true}`,
			FenceOptions{Lang: "go", LineNumbers: true, Highlight: [][2]int{{2, 2}, {4, 5}}, LineStart: 1}},
		{"single quotes and commas", `go {hl_lines='1, 3-4',linenostart=2}`,
			FenceOptions{Lang: "go", Highlight: [][2]int{{1, 1}, {3, 4}}, LineStart: 2}},
		{"brackets in a quoted value", `go {title="a [b" hl_lines=[2]}`,
			FenceOptions{Lang: "go", Highlight: [][2]int{{2, 2}}, LineStart: 1}},
		{"unclosed quote runs to the end", `go {linenos=true title="a b hl_lines=[2]}`,
			FenceOptions{Lang: "go", LineNumbers: true, LineStart: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ParseFence(tt.info, false); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseFence(%q) = %+v; want %+v", tt.info, got, tt.want)
			}
		})
	}
}

// TestConcurrentHighlight shares one Renderer between goroutines, as the
// build does, and checks that every result, code tokens included, is the
// one rendering alone gives; run it with -race.
func TestConcurrentHighlight(t *testing.T) {
	t.Parallel()
	// chroma's lexers give each rule 250ms of wall time and take a rule
	// that ran out of it for no match: on a loaded machine "package" in a
	// Go block came out as a name (class "nx") instead of a keyword ("kn").
	// The busy goroutines make this process such a machine: with chroma's
	// timeouts, rendering under them changes some tokens.
	defer busy(8 * runtime.GOMAXPROCS(0))()
	renderConcurrently(t)
}

// busy keeps n goroutines busy until the returned function is called, so
// that other goroutines wait for their turn, as on a loaded machine.
func busy(n int) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for x := 0; ; x++ {
				if x%(1<<16) == 0 {
					select {
					case <-done:
						return
					default:
					}
				}
			}
		})
	}
	return func() {
		close(done)
		wg.Wait()
	}
}

// renderConcurrently renders the testdata documents from many goroutines
// with one Renderer and checks that each result equals the result of
// rendering alone.
func renderConcurrently(t *testing.T) {
	t.Helper()
	docs := testdataDocs(t)
	docs = append(docs, bytes.Join(docs, []byte("\n\n<!--more-->\n\n"))) // every feature at once
	for _, o := range []Options{{}, {Typographer: true, LineNumbers: true, Unsafe: true}} {
		r := New(o)
		want := make([]*Result, len(docs))
		for i, d := range docs {
			res, err := r.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			want[i] = res
		}
		const workers, rounds = 16, 8
		var wg sync.WaitGroup
		errs := make(chan error, workers*rounds)
		for w := range workers {
			wg.Go(func() {
				for n := range rounds {
					i := (w + n) % len(docs)
					res, err := r.Render(docs[i])
					switch {
					case err != nil:
						errs <- err
					case !reflect.DeepEqual(res, want[i]):
						errs <- fmt.Errorf("doc %d rendered differently under concurrency:\n%s\nwant\n%s", i, res.HTML, want[i].HTML)
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	}
}

// testdataDocs returns every Markdown file in testdata.
func testdataDocs(t testing.TB) [][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no Markdown in testdata: %v", err)
	}
	var docs [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, b)
	}
	return docs
}

func FuzzRender(f *testing.F) {
	for _, d := range testdataDocs(f) {
		f.Add(d)
	}
	for _, s := range []string{
		"[a](b", "<!--more-->", "```go {hl_lines=[99999999999999999999] linenostart=9999999}\nx\n```",
		"```{linenos=true linenostart=3 hl_lines=[1-2]}\n```", "# \n## #\n", "[^1]\n\n[^1]: [^1]",
		"| a |\n|---|\n| [x](y) ![z](w) <http://q> |", "\t```\n\tx", "> # h\n> <!--more-->",
	} {
		f.Add([]byte(s))
	}
	renderers := []*Renderer{New(Options{}), New(Options{Unsafe: true, Typographer: true, LineNumbers: true})}
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := strings.Split(string(src), "\n")
		for _, r := range renderers {
			res, err := r.Render(src)
			if err != nil {
				t.Fatalf("Render(%q): %v", src, err)
			}
			if r == renderers[0] && strings.Contains(string(res.HTML), moreMarker) {
				t.Errorf("Render(%q): the <!--more--> marker is left in the HTML", src)
			}
			if res.Words < 0 {
				t.Errorf("Render(%q).Words = %d", src, res.Words)
			}
			for _, l := range res.Links {
				if l.Line < 1 || l.Line > len(lines) || l.Col < 1 || l.Col > len(lines[l.Line-1])+1 {
					t.Errorf("Render(%q): link %q at %d:%d is outside the source", src, l.Dest, l.Line, l.Col)
				}
			}
		}
	})
}

func TestScanMatchesRender(t *testing.T) {
	t.Parallel()
	src := []byte("# Title\n\nSee [a](/posts/a/) and https://go.dev/.\n\n## Part *two*\n\n```go\nx := 1\n```\n\n![img](p.png)\n")
	r := New(Options{Typographer: true})
	full, err := r.Render(src)
	if err != nil {
		t.Fatal(err)
	}
	scan, err := r.Scan(src)
	if err != nil {
		t.Fatal(err)
	}
	if scan.HTML != "" || scan.Summary != "" {
		t.Errorf("Scan rendered HTML: %q %q", scan.HTML, scan.Summary)
	}
	if fmt.Sprint(scan.Links) != fmt.Sprint(full.Links) || fmt.Sprint(scan.Headings) != fmt.Sprint(full.Headings) || scan.Words != full.Words {
		t.Errorf("Scan = %+v %+v %d; Render = %+v %+v %d", scan.Links, scan.Headings, scan.Words, full.Links, full.Headings, full.Words)
	}
}
