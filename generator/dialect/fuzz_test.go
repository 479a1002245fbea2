package dialect

import (
	"bytes"
	"testing"
)

// FuzzRewrite checks properties of any rewrite: no panic, every position
// inside the file, every output line mapped to a source line in order,
// and a second rewrite changing nothing where the first left no template
// syntax to read (raw text and literal shortcodes are meant to print it).
func FuzzRewrite(f *testing.F) {
	for _, s := range []string{
		post,
		"{% highlight xml %}\n<a/>\n{% endhighlight %}",
		"{{< highlight go \"linenos=table\" >}}\nx\n{{< /highlight >}}\n{{< figure src=\"a\" caption=\"c\" >}}",
		"[a](@/blog/a.md#x) {{ youtube(id=\"x\") }}\n{% quote(author=\"A\") %}\nq\n{% end %}",
		"```\n{{ x }}\n```\n`{% y %}` {%", "{{<", "{{</* x */>}}", "> {% highlight %}\n> x\n> {% endhighlight %}",
		"- {% highlight go %}a{% endhighlight %}b\r\n\r\n{{ site.url | prepend: '/' | upcase }}",
	} {
		for d := range Zola + 1 {
			f.Add(uint8(d), s, 3)
		}
	}
	f.Fuzz(func(t *testing.T, d uint8, src string, line int) {
		line = max(1, line%1000)
		o := Options{Dialect: Dialect(d % 4), File: "a.md", Line: line, Vars: vars, Unsafe: d&4 != 0}
		r := Rewrite([]byte(src), o)
		lines := bytes.Count([]byte(src), []byte("\n")) + 1
		for _, e := range r.Diags {
			if e.Pos.File != "a.md" {
				t.Fatalf("diagnostic in another file: %v", e)
			}
			if e.Pos.Line != 0 && (e.Pos.Line < line || e.Pos.Line >= line+lines || e.Pos.Col < 1) {
				t.Fatalf("diagnostic outside the source (lines %d-%d): %v", line, line+lines-1, e)
			}
		}
		for _, ref := range r.Refs {
			if ref.Line < line || ref.Line >= line+lines || ref.Col < 1 {
				t.Fatalf("reference outside the source: %+v", ref)
			}
		}
		outLines := bytes.Count(r.Markdown, []byte("\n")) + 1
		prev := 1
		for k := 1; k <= outLines; k++ {
			sl := r.SourceLine(k)
			if sl < prev || sl > lines {
				t.Fatalf("output line %d maps to source line %d (previous %d, source has %d)\n%q", k, sl, prev, lines, r.Markdown)
			}
			prev = sl
		}
		if !r.Changed() && !bytes.Equal(r.Markdown, []byte(src)) {
			t.Fatalf("unchanged result differs from the source")
		}
		if o.Dialect == Jekyll && bytes.ContainsAny([]byte(src), `"'`) {
			return // a Liquid string may print anything
		}
		for _, literal := range []string{"raw", "/*", "quote", "{{{", "{{%{", "{%{"} {
			// Text that prints template syntax, and braces a construct
			// glues onto, are read again as written.
			if bytes.Contains([]byte(src), []byte(literal)) {
				return
			}
		}
		again := Rewrite(r.Markdown, o)
		if !bytes.Equal(again.Markdown, r.Markdown) {
			t.Fatalf("second rewrite changed the output:\nsource %q\nfirst  %q\nsecond %q", src, r.Markdown, again.Markdown)
		}
	})
}
