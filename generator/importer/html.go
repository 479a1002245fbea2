package importer

import (
	"fmt"
	"html"
	"regexp"
	"strings"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
)

// moreMark is WordPress's summary marker. accrue reads the same line as
// the end of the summary, so it is kept as it is.
var moreMark = regexp.MustCompile(`<!--more(?:\s[^>]*)?-->`)

// toMarkdown converts a WordPress body (HTML whose paragraphs are often
// bare text separated by blank lines) to Markdown. Shortcodes such as
// [caption] or [gallery] stay as visible text: accrue cannot run them,
// and losing the words inside them would lose the post.
func toMarkdown(body string) (string, error) {
	parts := moreMark.Split(body, 2)
	out := make([]string, 0, 2)
	for _, p := range parts {
		md, err := htmltomarkdown.ConvertString(autop(p))
		if err != nil {
			return "", fmt.Errorf("converting HTML to Markdown: %w", err)
		}
		out = append(out, strings.TrimSpace(md))
	}
	md := strings.Join(out, "\n\n<!--more-->\n\n")
	if len(parts) == 2 && out[1] == "" {
		md = out[0] + "\n\n<!--more-->"
	}
	return strings.TrimSpace(md) + "\n", nil
}

var (
	blankLines = regexp.MustCompile(`\n[ \t]*\n`)
	preBlock   = regexp.MustCompile(`(?is)<pre[\s>].*?</pre>`)
	// blockStart is what WordPress's wpautop leaves unwrapped: a chunk
	// that opens with a block element, a comment (Gutenberg's block
	// markers) or a [shortcode] on its own is not a paragraph.
	blockStart = regexp.MustCompile(`(?i)^(?:<(?:p|div|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|figure|figcaption|hr|form|address|section|article|aside|header|footer|nav|iframe|script|style|object|video|audio|details|summary|center)[\s>/]|<!--|\x00)`)
)

// autop wraps the bare paragraphs of s in <p> and turns their single
// newlines into <br>, as WordPress does when it shows a post. <pre>
// blocks are kept whole: their blank lines are code.
func autop(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var pres []string
	s = preBlock.ReplaceAllStringFunc(s, func(m string) string {
		pres = append(pres, m)
		return fmt.Sprintf("\n\n\x00%d\x00\n\n", len(pres)-1)
	})
	var b strings.Builder
	for _, chunk := range blankLines.Split(s, -1) {
		chunk = strings.TrimSpace(chunk)
		if chunk == "" {
			continue
		}
		if blockStart.MatchString(chunk) {
			b.WriteString(chunk)
		} else {
			b.WriteString("<p>")
			b.WriteString(strings.ReplaceAll(chunk, "\n", "<br>\n"))
			b.WriteString("</p>")
		}
		b.WriteString("\n\n")
	}
	out := b.String()
	for i, p := range pres {
		out = strings.Replace(out, fmt.Sprintf("\x00%d\x00", i), p, 1)
	}
	return out
}

// plainWords returns the first n words of the text of an HTML body, for
// a post that has no title.
func plainWords(body string, n int) string {
	text := tagOrShortcode.ReplaceAllString(moreMark.ReplaceAllString(body, " "), " ")
	text = html.UnescapeString(text)
	words := strings.Fields(text)
	if len(words) > n {
		return strings.Join(words[:n], " ") + "…"
	}
	return strings.Join(words, " ")
}

var tagOrShortcode = regexp.MustCompile(`<[^>]*>|\[/?[a-zA-Z_-]+[^\]]*\]`)
