package collect

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMarkdown checks that any HTML a service sends becomes Markdown in
// which no tag survives: every "<" is escaped or opens a link destination.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		`<p>See <a href="https://a.example/x">this</a>.</p>`,
		`<script>alert(1)</script><img src=x onerror=alert(1) alt="<b>">`,
		`<a href="https://a.example/"><a href="https://b.example/">nested</a></a>`,
		`1. <br>- x<br># y`,
		`&lt;script&gt; \` + "`" + `code` + "`",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Markdown(in)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("Markdown(%q) = %q: not UTF-8", in, out)
		}
		for i := strings.IndexByte(out, '<'); i >= 0; i = next(out, i) {
			if !(i > 0 && out[i-1] == '\\') && !strings.HasPrefix(out[max(i-2, 0):], "](<") {
				t.Fatalf("Markdown(%q) = %q: unescaped < at %d", in, out, i)
			}
		}
	})
}

func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '<')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}
