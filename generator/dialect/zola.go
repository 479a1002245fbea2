package dialect

import (
	"strings"
)

// zolaCall reads "name(key=value, ...)"; ok is false for anything else,
// which Zola prints as it is.
func zolaCall(s string) (call, bool) {
	open := strings.IndexByte(s, '(')
	if open <= 0 || !strings.HasSuffix(s, ")") {
		return call{}, false
	}
	c := call{name: strings.TrimSpace(s[:open]), named: map[string]string{}}
	for _, ch := range c.name {
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_') {
			return call{}, false
		}
	}
	for _, t := range tokens(s[open+1 : len(s)-1]) {
		if t.key != "" {
			c.named[strings.TrimSpace(t.key)] = t.value
		} else if t.value != "" {
			c.pos = append(c.pos, t.value)
		}
	}
	return c, true
}

// zolaShortcode handles "{{ name(...) }}" and "{% name(...) %}...{% end %}"
// at pos for Zola.
func (r *rewriter) zolaShortcode() bool {
	at, s := r.pos, r.src
	if at+1 >= len(s) || (s[at+1] != '{' && s[at+1] != '%') {
		return false
	}
	closeDelim := "}}"
	if s[at+1] == '%' {
		closeDelim = "%}"
	}
	end, inner, ok := r.delimited(closeDelim, at+2, false)
	if !ok {
		return false
	}
	c, ok := zolaCall(inner)
	if !ok { // Zola prints it as it is
		r.copyTo(end)
		return true
	}
	if closeDelim == "}}" {
		switch c.name {
		case "youtube", "vimeo", "instagram":
			if card, ok := embedCard(c); ok {
				r.replace(end, card)
				return true
			}
			r.visible(end, "shortcode %s(): no usable id; shown as written", c.name)
		case "gist":
			u := c.arg("url", 0)
			if !strings.HasPrefix(u, "https://gist.github.com/") || strings.ContainsAny(u, " <>()[]\"'") {
				r.visible(end, "shortcode gist(): url must be a https://gist.github.com/ address; shown as written")
				return true
			}
			r.replace(end, "[Gist "+escape(strings.TrimPrefix(u, "https://gist.github.com/"))+"]("+u+")")
		default:
			r.visible(end, "shortcode %s() is not supported; shown as written", c.name)
		}
		return true
	}
	if c.name != "quote" {
		r.visible(end, "shortcode %s() is not supported; shown as written", c.name)
		return true
	}
	start, stop := r.blockEnd("end", end, []string{"{%"}, []string{"%}"})
	if start < 0 {
		r.visible(end, "shortcode %s() is not supported; shown as written", c.name)
		return true
	}
	body := strings.TrimSpace(strings.ReplaceAll(string(s[end:start]), "\r\n", "\n"))
	var b strings.Builder
	if !r.atLineStart() {
		b.WriteByte('\n')
	}
	for i, l := range strings.Split(body, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("> " + l)
	}
	if a := c.arg("author", 0); a != "" {
		b.WriteString("\n>\n> — " + escape(a))
	}
	b.WriteByte('\n') // a blank line ends the quote

	r.replace(stop, b.String())
	return true
}

// zolaLink turns "@/blog/post.md" in a link destination into a reference;
// an anchor after it stays.
func (r *rewriter) zolaLink() bool {
	at, s := r.pos, r.src
	if r.o.Dialect != Zola || at+1 >= len(s) || s[at+1] != '/' || at == 0 {
		return false
	}
	switch s[at-1] {
	case '(', '"', '\'', '<':
	case ' ':
		if !strings.HasSuffix(strings.TrimRight(string(s[max(0, at-8):at]), " "), "]:") {
			return false
		}
	default:
		return false
	}
	j := at + 2
	for j < len(s) && strings.IndexByte(")\"' <>#\t\r\n", s[j]) < 0 {
		j++
	}
	if j == at+2 {
		return false
	}
	r.replace(j, r.ref(at, string(s[at+2:j])))
	return true
}
