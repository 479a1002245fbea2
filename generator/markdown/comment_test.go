package markdown

import (
	"errors"
	"strings"
	"testing"

	"github.com/accruehq/accrue/generator/diag"
)

// TestRenderComment covers what RenderComment does before any sanitizer;
// package interactions tests hostile comments through both walls.
func TestRenderComment(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, in, want string }{
		{"raw HTML is text", "a <b>b</b>\n\n<div>x</div>",
			"<p>a &lt;b&gt;b&lt;/b&gt;</p>\n<p>&lt;div&gt;x&lt;/div&gt;</p>\n"},
		{"image becomes a link", "![cat](https://img.example/c.png)",
			`<p><a href="https://img.example/c.png" rel="nofollow ugc">cat</a></p>` + "\n"},
		{"unsafe link is unwrapped", "[x](javascript:alert(1))", "<p>x</p>\n"},
		{"headings from h4, without ids", "# A\n\n### C", "<h4>A</h4>\n<h6>C</h6>\n"},
		{"code is not highlighted", "```go\nx := 1\n```", "<pre><code class=\"language-go\">x := 1\n</code></pre>\n"},
		{"no footnotes: [^1] is a link reference", "a[^1]\n\n[^1]: b", "<p>a<a href=\"b\" rel=\"nofollow ugc\">^1</a></p>\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := RenderComment([]byte(tt.in))
			if err != nil {
				t.Fatalf("RenderComment(%q): %v", tt.in, err)
			}
			if string(got) != tt.want {
				t.Errorf("RenderComment(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRenderCommentRefused(t *testing.T) {
	t.Parallel()
	body := "Hi\n\n" + strings.Repeat(">", 200) + " deep\n"
	_, err := RenderComment([]byte(body))
	var de *diag.Error
	if !errors.As(err, &de) {
		t.Fatalf("RenderComment(200 nested quotes) error = %v; want a *diag.Error", err)
	}
	if de.Pos.Line != 3 || de.Pos.File != "" {
		t.Errorf("refused at %v; want line 3 of the body, without a file", de.Pos)
	}
}
