package site_test

import (
	"regexp"
	"strings"
	"testing"

	"os"

	"github.com/accruehq/accrue/generator/site"
	"github.com/accruehq/accrue/testkit/sitetest"
	"github.com/accruehq/accrue/themes"
)

// body is the post's article, between the markers the default theme
// writes, so assertions do not match the theme's own markup.
func body(t *testing.T, r *sitetest.Result, name string) string {
	t.Helper()
	page := r.File(name)
	i := strings.Index(page, `<div class="e-content`)
	if i < 0 {
		i = strings.Index(page, `<div class="page-content`)
	}
	if i < 0 {
		t.Fatalf("%s has no e-content:\n%s", name, page)
	}
	return page[i:]
}

// warnings returns the build's warnings, as printed.
func warnings(r *sitetest.Result) []string {
	var out []string
	for _, d := range r.Diags.Warnings() {
		out = append(out, d.Error())
	}
	return out
}

func TestDialectJekyll(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- accrue.toml --
title = "Notes"
base_url = "https://example.org/blog/"
[markdown]
dialect = "jekyll"
[permalinks]
posts = "/:year/:month/:day/:slug/"
-- content/posts/2010-07-21-name.md --
---
title: Target
---
Hello.
-- content/about.md --
---
title: About
---
About me.
-- content/posts/2011-01-01-code.md --
---
title: "Code"
---
From {{ site.title }}: [first]({% post_url 2010-07-21-name %}), [again]({% link _posts/2010-07-21-name.md %}#top), [about]({% link about.md %}), [home]({{ "/" | absolute_url }}).

{% highlight xml %}
<?xml version="1.0"?>
<config name='a' value="b"/>
{% endhighlight %}

{% comment %}
Not for readers.
{% endcomment %}
{% assign x = "y" %}

Nowhere: [gone]({% post_url 2009-01-01-missing %}).

`+"```"+`
{% raw %}{{ page.title }}{% endraw %}
`+"```"+`
`)
	code := body(t, r, "2011/01/01/code/index.html")
	for _, want := range []string{
		`From Notes: <a href="/blog/2010/07/21/name/">first</a>`,
		`<a href="/blog/2010/07/21/name/#top">again</a>`,
		`<a href="/blog/about/">about</a>`,
		`<a href="https://example.org/blog/">home</a>`,
		`<a href="#broken-reference:2009-01-01-missing">gone</a>`,
		`{% assign x = &quot;y&quot; %}`,
		`{{ page.title }}`,
	} {
		if !strings.Contains(code, want) {
			t.Errorf("post does not contain %q:\n%s", want, code)
		}
	}
	// The XML is chroma's, every line intact and quotes straight.
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(code, "")
	for _, want := range []string{`&lt;?xml version=&#34;1.0&#34;?&gt;`, `&lt;config name=&#39;a&#39; value=&#34;b&#34;/&gt;`} {
		if !strings.Contains(text, want) {
			t.Errorf("highlighted XML lacks %q:\n%s", want, code)
		}
	}
	if !strings.Contains(code, `class="chroma"`) {
		t.Errorf("the XML is not highlighted:\n%s", code)
	}
	for _, bad := range []string{"{% highlight", "Not for readers", "accrue-ref:", "“", "{% raw"} {
		if strings.Contains(code, bad) {
			t.Errorf("post contains %q:\n%s", bad, code)
		}
	}
	want := []string{
		"content/posts/2011-01-01-code.md:14:1: warning: Liquid tag {% assign %} is not supported; shown as written",
		`content/posts/2011-01-01-code.md:16:17: warning: reference: no post or page "2009-01-01-missing"; the link is shown broken`,
	}
	if got := warnings(r); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The post that is linked to knows it.
	r.AssertFile("2010/07/21/name/index.html", "Referenced by</h2>\n<ul><li><a href=\"/blog/2011/01/01/code/\">Code</a>")
}

func TestDialectHugo(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- accrue.toml --
title = "Notes"
base_url = "https://example.org/"
[markdown]
dialect = "hugo"
-- content/posts/target.md --
+++
title = "Target"
date = 2024-01-01
+++
## Setup
-- content/posts/shorts.md --
+++
title = "Shorts"
date = 2024-02-01
+++
See [target]({{< ref "target.md#setup" >}}) and [again]({{< relref "/posts/target" >}}).

{{< highlight go "linenos=table,hl_lines=2" >}}
s := "it's"
fmt.Println(s)
{{< /highlight >}}

{{< figure src="/img/a.png" alt="A <plot>" caption="Growth & more" >}}

{{< youtube dQw4w9WgXcQ >}}

{{< notice warning >}}
Careful.
{{< /notice >}}
`)
	post := body(t, r, "posts/shorts/index.html")
	for _, want := range []string{
		`<a href="/posts/target/#setup">target</a>`,
		`<a href="/posts/target/">again</a>`,
		`<figure><img src="/img/a.png" alt="A &lt;plot&gt;"><figcaption><p>Growth &amp; more</p></figcaption></figure>`,
		`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">YouTube video dQw4w9WgXcQ</a>`,
		`{{&lt; notice warning &gt;}}`,
		`class="chroma"`,
		`<span class="hl">`,
	} {
		if !strings.Contains(post, want) {
			t.Errorf("post does not contain %q:\n%s", want, post)
		}
	}
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(post, "")
	if !strings.Contains(text, `s := &#34;it&#39;s&#34;`) {
		t.Errorf("code lost its straight quotes:\n%s", post)
	}
	for _, bad := range []string{"{{< highlight", "<iframe", "accrue-ref:"} {
		if strings.Contains(post, bad) {
			t.Errorf("post contains %q", bad)
		}
	}
	want := `content/posts/shorts.md:16:1: warning: shortcode "notice" is not supported; shown as written`
	if got := warnings(r); strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

func TestDialectZola(t *testing.T) {
	t.Parallel()
	r := sitetest.Build(t, `
-- accrue.toml --
title = "Notes"
base_url = "https://example.org/"
[markdown]
dialect = "zola"
unsafe = false
-- content/blog/2024-01-01_first.md --
+++
title = "First"
+++
First.
-- content/blog/second.md --
+++
title = "Second"
date = 2024-02-01
+++
Back to [the first](@/blog/2024-01-01_first.md#top) and [nowhere](@/blog/none.md).

{{ youtube(id="dQw4w9WgXcQ") }}

{% quote(author="Ada") %}
Numbers.
{% end %}

{{ chart(data="x") }}
`)
	var post string
	for _, n := range r.Names() {
		if strings.Contains(n, "second") && strings.HasSuffix(n, "index.html") {
			post = body(t, r, n)
		}
	}
	var first string
	for _, n := range r.Names() {
		if strings.Contains(n, "first") && strings.HasSuffix(n, "index.html") {
			first = "/" + strings.TrimSuffix(n, "index.html")
		}
	}
	for _, want := range []string{
		`<a href="` + first + `#top">the first</a>`,
		`<a href="#broken-reference:blog%2Fnone.md">nowhere</a>`,
		`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">YouTube video dQw4w9WgXcQ</a>`,
		"<blockquote>\n<p>Numbers.</p>\n<p>— Ada</p>\n</blockquote>",
		`{{ chart(data=&quot;x&quot;) }}`,
	} {
		if !strings.Contains(post, want) {
			t.Errorf("post does not contain %q:\n%s", want, post)
		}
	}
	want := []string{
		`content/blog/second.md:5:67: warning: reference: no post or page "blog/none.md"; the link is shown broken`,
		`content/blog/second.md:13:1: warning: shortcode chart() is not supported; shown as written`,
	}
	if got := warnings(r); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDialectIncremental moves a post that another references: the dev
// server's next build, and one from the render cache, follow it.
func TestDialectIncremental(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) { t.Helper(); writeFile(t, dir, name, text) }
	write("accrue.toml", "title = \"T\"\nbase_url = \"https://t.example/\"\n[markdown]\ndialect = \"jekyll\"\n")
	write("content/posts/2024-01-01-a.md", "---\ntitle: A\n---\nSee [B]({% post_url 2024-02-01-b %}).\n")
	write("content/posts/2024-02-01-b.md", "---\ntitle: B\n---\nB.\n")
	opts := site.Options{Now: sitetest.Now, Theme: themes.Default(), Dir: dir, CacheDir: t.TempDir()}
	inc := site.NewIncremental(os.DirFS(dir), opts)
	build := func(step string, changed []string, want string) {
		t.Helper()
		got, full := sitetest.Rebuild(t, step, inc, dir, opts, changed)
		sitetest.CompareFiles(t, step+" (incremental, against a full build)", got, full)
		if page := string(full["posts/a/index.html"]); !strings.Contains(page, want) {
			t.Errorf("%s: posts/a/ lacks %q", step, want)
		}
	}
	build("first build", nil, `<a href="/posts/b/">B</a>`)
	write("content/posts/2024-02-01-b.md", "---\ntitle: B\nslug: bee\n---\nB.\n")
	build("the target moves", []string{"content/posts/2024-02-01-b.md"}, `<a href="/posts/bee/">B</a>`)
	write("content/posts/2024-01-01-a.md", "---\ntitle: A\n---\nSee [B]({% post_url 2024-02-01-b %}), again.\n")
	build("the referrer is edited", []string{"content/posts/2024-01-01-a.md"}, `<a href="/posts/bee/">B</a>, again.`)
}
