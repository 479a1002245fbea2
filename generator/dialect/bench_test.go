package dialect

import (
	"bytes"
	"strings"
	"testing"
	"time"
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

// TestLinearTime checks that 16 times the input takes about 16 times as
// long, not 256 (quadratic): 1 MiB of adversarial input against 64 KiB.
// The bound is loose, for a busy machine and the race detector.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for name, in := range adversarial {
		small, large := []byte(in.src(1<<16)), []byte(in.src(1<<20))
		o := Options{Dialect: in.d, File: "a.md"}
		best := func(src []byte) (time.Duration, *Result) {
			var d time.Duration
			var r *Result
			for i := range 3 {
				start := time.Now()
				r = Rewrite(src, o)
				if e := time.Since(start); i == 0 || e < d {
					d = e
				}
			}
			return d, r
		}
		ds, _ := best(small)
		dl, r := best(large)
		t.Logf("%s: 64 KiB %v, 1 MiB %v, %d warnings", name, ds, dl, len(r.Diags))
		if dl > 80*ds+20*time.Millisecond {
			t.Errorf("%s: 1 MiB took %v, 64 KiB %v: not linear", name, dl, ds)
		}
		if len(r.Markdown) == 0 || len(r.Diags) > maxWarnings+1 {
			t.Errorf("%s: %d bytes out, %d warnings", name, len(r.Markdown), len(r.Diags))
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
