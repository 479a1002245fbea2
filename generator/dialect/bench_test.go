package dialect

import (
	"bytes"
	"strings"
	"testing"
)

// post is a Jekyll post with the usual constructs, about 1 KiB.
const post = `Intro to {{ site.title }}, see [the last post]({% post_url 2010-07-21-name %}).

{% highlight go linenos %}
func main() {
	fmt.Println("hello")
}
{% endhighlight %}

Some *text* with ` + "`{{ code }}`" + ` and a [link]({{ "/about/" | relative_url }}).
{% comment %}
A note to self.
{% endcomment %}
{% raw %}{{ not liquid }}{% endraw %}

` + "```" + `
{% if true %}kept{% endif %}
` + "```" + `
`

// adversarial inputs of about n bytes: openers that never close, or
// constructs that make a naive scanner search to the end again and again.
var adversarial = map[string]struct {
	d   Dialect
	src func(n int) string
}{
	"hugo unclosed":        {Hugo, rep("{{<")},
	"hugo unclosed close":  {Hugo, func(n int) string { return rep("{{< x ")(n) + "\n\n>}}" }},
	"liquid unclosed":      {Jekyll, rep("{%")},
	"liquid blocks":        {Jekyll, rep("{% highlight go %} endhighlight ")},
	"liquid output":        {Jekyll, func(n int) string { return rep("{{")(n) + "}}" }},
	"zola braces":          {Zola, func(n int) string { return rep("{")(n) + "}}" }},
	"zola links":           {Zola, rep("(@/")},
	"zola quotes":          {Zola, rep("{% quote() %} end ")},
	"backticks":            {Jekyll, backtickRuns},
	"fences":               {Jekyll, rep("```\n")},
	"one line highlights":  {Jekyll, rep("{% highlight go %}x{% endhighlight %}")},
	"raw unclosed":         {Jekyll, rep("{% raw %}")},
	"raw in a fence":       {Jekyll, func(n int) string { return "```\n" + rep("{% raw %}")(n) }},
	"shortcodes in a line": {Hugo, rep("{{< highlight go >}}x")},
}

// rep repeats s to about n bytes.
func rep(s string) func(n int) string {
	return func(n int) string { return strings.Repeat(s, n/len(s)) }
}

// backtickRuns is runs of backticks of growing length that never close.
func backtickRuns(n int) string {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		b.WriteString(strings.Repeat("`", i%2000+1))
		b.WriteString("{{ x }}")
	}
	return b.String()
}

// TestAdversarialInputs rewrites 1 MiB of each adversarial input: each
// gives Markdown back and a bounded number of warnings. How the time grows
// with the input is BenchmarkAdversarial's to show (a linear scanner reads
// the 64 KiB and the 1 MiB input at the same MB/s), not a timed test's.
func TestAdversarialInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for name, in := range adversarial {
		r := Rewrite([]byte(in.src(1<<20)), Options{Dialect: in.d, File: "a.md"})
		if len(r.Markdown) == 0 || len(r.Diags) > maxWarnings+1 {
			t.Errorf("%s: %d bytes out, %d warnings", name, len(r.Markdown), len(r.Diags))
		}
	}
}

// BenchmarkAdversarial rewrites each adversarial input at 64 KiB and at
// 1 MiB: the MB/s of the two sizes stay close when the work is linear, and
// a quadratic scan shows as a 16-fold drop.
//
//	go test -run '^$' -bench Adversarial ./generator/dialect
func BenchmarkAdversarial(b *testing.B) {
	for name, in := range adversarial {
		for _, size := range []struct {
			name string
			n    int
		}{{"64KiB", 1 << 16}, {"1MiB", 1 << 20}} {
			src := []byte(in.src(size.n))
			o := Options{Dialect: in.d, File: "a.md"}
			b.Run(strings.ReplaceAll(name, " ", "-")+"/"+size.name, func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					Rewrite(src, o)
				}
			})
		}
	}
}

func BenchmarkRewrite(b *testing.B) {
	plain := bytes.Repeat([]byte("Plain *Markdown* with [links](/x/) and `code`.\n\n"), 1<<20/48)
	jekyll := []byte(strings.Repeat(post, 1<<20/len(post)))
	o := Options{Dialect: Jekyll, File: "a.md", Vars: map[string]string{"site.title": "T"}}
	b.Run("plain", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		for b.Loop() {
			Rewrite(plain, o)
		}
	})
	b.Run("jekyll", func(b *testing.B) {
		b.SetBytes(int64(len(jekyll)))
		for b.Loop() {
			Rewrite(jekyll, o)
		}
	})
	b.Run("hugo-unclosed", func(b *testing.B) {
		src := []byte(adversarial["hugo unclosed"].src(1 << 20))
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			Rewrite(src, Options{Dialect: Hugo})
		}
	})
}
