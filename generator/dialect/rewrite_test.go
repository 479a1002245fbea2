package dialect

import (
	"strings"
	"testing"
)

var vars = map[string]string{
	"site.url": "https://example.org", "site.baseurl": "/blog", "site.title": "Notes",
	"page.title": "Hello",
}

func TestRewrite(t *testing.T) {
	ref := func(target string) string { return RefURL(target) }
	for _, tt := range []struct {
		name    string
		dialect Dialect
		unsafe  bool
		in      string
		want    string
		diags   []string // warnings, as printed
	}{
		{"none untouched", None, false, "{% highlight go %}\nx\n{% endhighlight %}", "{% highlight go %}\nx\n{% endhighlight %}", nil},
		{"no template syntax", Jekyll, false, "# Title\n\nplain *text*\n", "# Title\n\nplain *text*\n", nil},

		// Jekyll
		{"highlight", Jekyll, false, "a\n\n{% highlight xml %}\n<a x=\"1\">'q'</a>\n{% endhighlight %}\nb\n",
			"a\n\n```xml\n<a x=\"1\">'q'</a>\n```\nb\n", nil},
		{"highlight linenos", Jekyll, false, "{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}",
			"```ruby {linenos=true}\nputs 1\n```", nil},
		{"highlight dashes and no spaces", Jekyll, false, "{%- highlight go -%}\nx\n{%endhighlight%}",
			"```go\nx\n```", nil},
		{"highlight fence longer than backticks inside", Jekyll, false, "{% highlight md %}\n````\ncode\n````\n{% endhighlight %}",
			"`````md\n````\ncode\n````\n`````", nil},
		{"highlight in list keeps indent", Jekyll, false, "1. step\n\n   {% highlight sh %}\n   ls\n   {% endhighlight %}\n",
			"1. step\n\n   ```sh\n   ls\n   ```\n", nil},
		{"highlight after text on a line", Jekyll, false, "see: {% highlight go %}x{% endhighlight %} done",
			"see: \n```go\nx\n```\n done", nil},
		{"highlight keeps liquid inside", Jekyll, false, "{% highlight liquid %}\n{{ page.title }}\n{% endhighlight %}",
			"```liquid\n{{ page.title }}\n```", nil},
		{"highlight unclosed", Jekyll, false, "a\n{% highlight go %}\nx\n", `a
\{\% highlight go \%\}
x
`, []string{"p.md:2:1: warning: {% highlight %} without {% endhighlight %}; shown as written"}},
		{"raw", Jekyll, false, "{% raw %}{{ page.title }} {% if %}{% endraw %}", "{{ page.title }} {% if %}", nil},
		{"nested raw", Jekyll, false, "{% raw %}{% raw %}x{% endraw %} y", "{% raw %}x y", nil},
		{"raw in a fence is dropped", Jekyll, false, "```\n{% raw %}{{ x }}{% endraw %}\n```\n", "```\n{{ x }}\n```\n", nil},
		{"comment", Jekyll, false, "a {% comment %}\nsecret *x*\n{% endcomment %} b", "a  b", nil},
		{"site and page values", Jekyll, false, "{{ site.title }}: {{page.title}} at {{ site.url }}{{ site.baseurl }}",
			"Notes: Hello at https://example.org/blog", nil},
		{"filters", Jekyll, false, `{{ "/x/" | relative_url }} {{ '/y' | absolute_url }} {{ site.baseurl | prepend: site.url }} {{ "a" | append: "b" }}`,
			"/blog/x/ https://example.org/blog/y https://example.org/blog ab", nil},
		{"unknown filter", Jekyll, false, "{{ page.title | upcase }}", `\{\{ page\.title \| upcase \}\}`,
			[]string{`p.md:1:1: warning: Liquid {{ page.title | upcase }}: filter "upcase" is not supported; shown as written`}},
		{"unknown variable", Jekyll, false, "x {{ page.tags }}", `x \{\{ page\.tags \}\}`,
			[]string{`p.md:1:3: warning: Liquid {{ page.tags }}: "page.tags" is not a value accrue knows; shown as written`}},
		{"post_url and link", Jekyll, false, "[a]({% post_url 2010-07-21-name %}#s) [b]({% link _posts/2010-07-21-name.md %}) [c]({% link about.md %})",
			"[a](" + ref("2010-07-21-name") + "#s) [b](" + ref("_posts/2010-07-21-name.md") + ") [c](" + ref("about.md") + ")", nil},
		{"include", Jekyll, false, "{% include note.html %}", `\{\% include note\.html \%\}`,
			[]string{"p.md:1:1: warning: {% include note.html %}: included files are not rendered; paste the file's content into the post; shown as written"}},
		{"unknown tags warn once each", Jekyll, false, "{% assign x = 1 %}\n\n{% capture y %}*z*{% endcapture %}",
			`\{\% assign x \= 1 \%\}` + "\n\n" + `\{\% capture y \%\}*z*\{\% endcapture \%\}`,
			[]string{"p.md:1:1: warning: Liquid tag {% assign %} is not supported; shown as written",
				"p.md:3:1: warning: Liquid tag {% capture %} is not supported; shown as written",
				"p.md:3:19: warning: Liquid tag {% endcapture %} is not supported; shown as written"}},
		{"unclosed tag at its line", Jekyll, false, "a\nb {% if x\n\nc", "a\nb \\{\\% if x\n\nc",
			[]string{"p.md:2:3: warning: unclosed Liquid tag: no %} before the paragraph ends; shown as written"}},
		{"liquid in a fence", Jekyll, false, "```liquid\n{% highlight go %}\n{{ site.title }}\n```\n{{ site.title }}", "```liquid\n{% highlight go %}\n{{ site.title }}\n```\nNotes", nil},
		{"liquid in a tilde fence in a quote", Jekyll, false, "> ~~~\n> {{ x }}\n> ~~~\n", "> ~~~\n> {{ x }}\n> ~~~\n", nil},
		{"liquid in code spans", Jekyll, false, "`{{ site.title }}` and ``{% if ` %}`` and {{ site.title }}", "`{{ site.title }}` and ``{% if ` %}`` and Notes", nil},
		{"unmatched backtick is text", Jekyll, false, "`` a ` {{ site.title }}", "`` a ` Notes", nil},
		{"backslash keeps braces", Jekyll, false, `\{{ site.title }} \{% if %}`, `\{{ site.title }} \{% if %}`, nil},
		{"language with a backtick is dropped", Jekyll, false, "{% highlight a`b %}\nx\n{% endhighlight %}", "```\nx\n```", nil},
		{"crlf", Jekyll, false, "a\r\n{% highlight go %}\r\nx := 1\r\n{% endhighlight %}\r\n{% assign %}\r\n",
			"a\r\n```go\nx := 1\n```\r\n\\{\\% assign \\%\\}\r\n",
			[]string{"p.md:5:1: warning: Liquid tag {% assign %} is not supported; shown as written"}},

		// Hugo
		{"hugo highlight", Hugo, false, "{{< highlight go \"linenos=table,hl_lines=8 15-17,linenostart=199\" >}}\nfmt.Println(\"x\")\n{{< / highlight >}}",
			"```go {linenos=\"table\" hl_lines=\"8 15-17\" linenostart=\"199\"}\nfmt.Println(\"x\")\n```", nil},
		{"hugo highlight percent", Hugo, false, "{{% highlight xml %}}\n<a/>\n{{% /highlight %}}", "```xml\n<a/>\n```", nil},
		{"figure html", Hugo, true, `{{< figure src="/a b.png" alt="A \"b\" <c>" caption="Fig & 1" title="T" link="/big.png" >}}`,
			`<figure><a href="/big.png"><img src="/a b.png" alt="A &#34;b&#34; &lt;c&gt;"></a><figcaption><h4>T</h4><p>Fig &amp; 1</p></figcaption></figure>`, nil},
		{"figure markdown when unsafe is off", Hugo, false, `{{< figure src="/a.png" alt="A*" caption="Cap" >}}`,
			`![A\*](</a.png>) *Cap*`, nil},
		{"youtube", Hugo, false, "{{< youtube dQw4w9WgXcQ >}}\n{{< youtube id=\"abc\" title=\"Talk\" >}}",
			"[YouTube video dQw4w9WgXcQ](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n[YouTube video\\: Talk](https://www.youtube.com/watch?v=abc)", nil},
		{"embeds", Hugo, false, `{{< vimeo 1 >}} {{< tweet user="jack" id="20" >}} {{< gist spf13 7896402 >}} {{< instagram BW >}}`,
			"[Vimeo video 1](https://vimeo.com/1) [Post on X 20](https://x.com/jack/status/20) [Gist 7896402](https://gist.github.com/spf13/7896402) [Instagram post BW](https://www.instagram.com/p/BW/)", nil},
		{"youtube with a bad id", Hugo, false, `{{< youtube "a\"><script>" >}}`, `\{\{\< youtube \"a\\\"\>\<script\>\" \>\}\}`,
			[]string{"p.md:1:1: warning: {{< youtube >}}: no usable id; shown as written"}},
		{"ref and relref", Hugo, false, `[a]({{< ref "post.md#sec" >}}) [b]({{% relref "/blog/b" %}})`,
			"[a](" + ref("post.md") + "#sec) [b](" + ref("/blog/b") + ")", nil},
		{"shortcode comment", Hugo, false, `{{</* figure src="x" */>}}`, `\{\{\< figure src\=\"x\" \>\}\}`, nil},
		{"unknown paired shortcode warns once", Hugo, false, "{{< note >}}\n*hi*\n{{< /note >}}", "\\{\\{\\< note \\>\\}\\}\n*hi*\n\\{\\{\\< \\/note \\>\\}\\}",
			[]string{`p.md:1:1: warning: shortcode "note" is not supported; shown as written`}},
		{"self-closing", Hugo, false, `{{< youtube abc />}}`, "[YouTube video abc](https://www.youtube.com/watch?v=abc)", nil},
		{"unclosed shortcode", Hugo, false, "x {{< figure src=a\n\ny", "x \\{\\{\\< figure src=a\n\ny",
			[]string{"p.md:1:3: warning: unclosed shortcode: no >}} before the paragraph ends; shown as written"}},
		{"hugo liquid is text", Hugo, false, "{% raw %} {{ .Title }}", "{% raw %} {{ .Title }}", nil},

		// Zola
		{"zola link", Zola, false, "[a](@/blog/post.md) [b](@/blog/post.md#x)\n\n[c]: @/about.md",
			"[a](" + ref("blog/post.md") + ") [b](" + ref("blog/post.md") + "#x)\n\n[c]: " + ref("about.md"), nil},
		{"zola at in prose", Zola, false, "mail @/home and a@/b", "mail @/home and a@/b", nil},
		{"zola youtube", Zola, false, `{{ youtube(id="dQw4w9WgXcQ", autoplay=true) }}`, "[YouTube video dQw4w9WgXcQ](https://www.youtube.com/watch?v=dQw4w9WgXcQ)", nil},
		{"zola gist", Zola, false, `{{ gist(url="https://gist.github.com/Keats/e5fb6aad409f28721c0ba14161644c57") }}`,
			`[Gist Keats\/e5fb6aad409f28721c0ba14161644c57](https://gist.github.com/Keats/e5fb6aad409f28721c0ba14161644c57)`, nil},
		{"zola quote", Zola, false, "{% quote(author=\"Ada\") %}\nOne\nTwo\n{% end %}\nafter",
			"> One\n> Two\n>\n> — Ada\n\nafter", nil},
		{"zola unknown", Zola, false, "{{ chart(w=1) }}", `\{\{ chart\(w\=1\) \}\}`,
			[]string{"p.md:1:1: warning: shortcode chart() is not supported; shown as written"}},
		{"zola non-shortcode braces stay", Zola, false, "{{ not a call }} {% end %}", "{{ not a call }} {% end %}", nil},
		{"zola code span", Zola, false, "`[a](@/x.md)` `{{ youtube(id=\"a\") }}`", "`[a](@/x.md)` `{{ youtube(id=\"a\") }}`", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Rewrite([]byte(tt.in), Options{Dialect: tt.dialect, File: "p.md", Vars: vars, Unsafe: tt.unsafe})
			if got := string(r.Markdown); got != tt.want {
				t.Errorf("Markdown =\n%s\nwant\n%s\n(%q)", got, tt.want, got)
			}
			var got []string
			for _, d := range r.Diags {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.diags, "\n") {
				t.Errorf("diagnostics =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}

func TestPositions(t *testing.T) {
	// The body starts at line 5 of the file, after front matter.
	src := "para\n{% highlight go %}\na\nb\n{% endhighlight %}\n{% comment %}\nx\n{% endcomment %}\n[l]({% post_url p %})\n{% bad %}\n"
	r := Rewrite([]byte(src), Options{Dialect: Jekyll, File: "content/posts/x.md", Line: 5})
	if len(r.Diags) != 1 || r.Diags[0].Error() != "content/posts/x.md:14:1: warning: Liquid tag {% bad %} is not supported; shown as written" {
		t.Errorf("diags = %v", r.Diags)
	}
	if len(r.Refs) != 1 || r.Refs[0] != (Ref{Target: "p", Line: 13, Col: 5}) {
		t.Errorf("refs = %+v", r.Refs)
	}
	// Each line of the output maps to the source line it came from.
	out := strings.Split(string(r.Markdown), "\n")
	want := map[string]int{"para": 1, "a": 3, "b": 4, "[l](" + RefURL("p") + ")": 9}
	for i, l := range out {
		if w, ok := want[l]; ok {
			if got := r.SourceLine(i + 1); got != w {
				t.Errorf("SourceLine(%d) (%q) = %d; want %d", i+1, l, got, w)
			}
			delete(want, l)
		}
	}
	if len(want) > 0 {
		t.Errorf("lines not found in output: %v\n%s", want, r.Markdown)
	}
}

func TestParse(t *testing.T) {
	for _, name := range []string{"", "jekyll", "hugo", "zola"} {
		d, err := Parse(name)
		if err != nil || d.String() != name {
			t.Errorf("Parse(%q) = %v, %v", name, d, err)
		}
	}
	if _, err := Parse("Jekyll"); err == nil || !strings.Contains(err.Error(), `unknown dialect "Jekyll"`) {
		t.Errorf("Parse(Jekyll) error = %v", err)
	}
}
