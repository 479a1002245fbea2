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

// adversarial inputs: each 1 MiB of openers that never close, or of
// constructs that make a naive scanner search to the end again and again.
var adversarial = map[string]struct {
	d   Dialect
	src string
}{
	"hugo unclosed":        {Hugo, strings.Repeat("{{<", 1<<20/3)},
	"hugo unclosed close":  {Hugo, strings.Repeat("{{< x ", 1<<20/6) + "\n\n>}}"},
	"liquid unclosed":      {Jekyll, strings.Repeat("{%", 1<<19)},
	"liquid blocks":        {Jekyll, strings.Repeat("{% highlight go %} endhighlight ", 1<<20/32)},
	"liquid output":        {Jekyll, strings.Repeat("{{", 1<<19) + "}}"},
	"zola braces":          {Zola, strings.Repeat("{", 1<<20) + "}}"},
	"zola links":           {Zola, strings.Repeat("(@/", 1<<20/3)},
	"zola quotes":          {Zola, strings.Repeat("{% quote() %} end ", 1<<20/18)},
	"backticks":            {Jekyll, backtickRuns(1 << 20)},
	"fences":               {Jekyll, strings.Repeat("```\n", 1<<18)},
	"one line highlights":  {Jekyll, strings.Repeat("{% highlight go %}x{% endhighlight %}", 1<<20/37)},
	"raw unclosed":         {Jekyll, strings.Repeat("{% raw %}", 1<<20/9)},
	"comments in a fence":  {Jekyll, "```\n" + strings.Repeat("{% raw %}", 1<<20/9)},
	"shortcodes in a line": {Hugo, strings.Repeat("{{< highlight go >}}x", 1<<20/21)},
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

// TestLinearTime checks that no adversarial input takes much longer than
// plain text of its size: a scanner that goes quadratic takes minutes.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for name, in := range adversarial {
		start := time.Now()
		r := Rewrite([]byte(in.src), Options{Dialect: in.d, File: "a.md"})
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(in.src))
		}
		t.Logf("%s: %v, %d warnings", name, time.Since(start), len(r.Diags))
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
		src := []byte(adversarial["hugo unclosed"].src)
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			Rewrite(src, Options{Dialect: Hugo})
		}
	})
}
