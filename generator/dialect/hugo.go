package dialect

import (
	"html"
	"strings"
)

// call is a shortcode as written: its name and arguments.
type call struct {
	name        string
	pos         []string
	named       map[string]string
	closing     bool // {{< /name >}}
	selfClosing bool // {{< name />}}
}

// arg returns the named argument key, else the positional one at i.
func (c call) arg(key string, i int) string {
	if v, ok := c.named[key]; ok {
		return v
	}
	if i >= 0 && i < len(c.pos) {
		return c.pos[i]
	}
	return ""
}

// parseCall reads a Hugo shortcode's text: name, then positional and
// key="value" arguments, quoted with "" or “ or bare.
func parseCall(s string) call {
	c := call{named: map[string]string{}}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "/") {
		c.closing, s = true, strings.TrimSpace(s[1:])
	}
	if strings.HasSuffix(s, "/") {
		c.selfClosing, s = true, strings.TrimSpace(s[:len(s)-1])
	}
	toks := tokens(s)
	if len(toks) == 0 {
		return c
	}
	c.name = toks[0].value
	for _, t := range toks[1:] {
		if t.key != "" {
			c.named[t.key] = t.value
		} else {
			c.pos = append(c.pos, t.value)
		}
	}
	return c
}

type token struct{ key, value string }

// tokens splits shortcode arguments: a, "a b", key=v, key="a b", `raw`.
func tokens(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		if s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == ',' {
			i++
			continue
		}
		var t token
		if s[i] != '"' && s[i] != '`' && s[i] != '\'' {
			j := i
			for j < len(s) && s[j] != '=' && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != ',' && s[j] != ')' {
				j++
			}
			if j < len(s) && s[j] == '=' {
				t.key, i = s[i:j], j+1
			} else {
				out, i = append(out, token{value: s[i:j]}), j
				if j < len(s) && s[j] == ')' {
					i++
				}
				continue
			}
		}
		t.value, i = quoted(s, i)
		out = append(out, t)
	}
	return out
}

// quoted reads a quoted or bare value at s[i:].
func quoted(s string, i int) (string, int) {
	if i >= len(s) {
		return "", i
	}
	q := s[i]
	if q != '"' && q != '`' && q != '\'' {
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != ',' {
			j++
		}
		return s[i:j], j
	}
	var b strings.Builder
	j := i + 1
	for ; j < len(s) && s[j] != q; j++ {
		if s[j] == '\\' && q == '"' && j+1 < len(s) {
			j++
		}
		b.WriteByte(s[j])
	}
	return b.String(), min(j+1, len(s))
}

// shortcode handles "{{<" and "{{%" at pos for Hugo.
func (r *rewriter) shortcode() bool {
	at, s := r.pos, r.src
	if at+2 >= len(s) || s[at+1] != '{' || (s[at+2] != '<' && s[at+2] != '%') {
		return false
	}
	d := string(s[at+2])
	closeDelim := "%}}"
	if d == "<" {
		closeDelim = ">}}"
	}
	// {{</* figure */>}} prints the shortcode itself, for docs about them.
	i := at + 3
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if strings.HasPrefix(string(s[i:min(i+2, len(s))]), "/*") {
		if end, inner, ok := r.delimited("*/"+closeDelim, i+2, false); ok {
			r.replace(end, escape("{{"+d+" "+inner+" "+closeDelim))
			return true
		}
	}
	end, inner, ok := r.delimited(closeDelim, at+3, false)
	if !ok {
		r.visible(at+3, "unclosed shortcode: no %s before the paragraph ends; shown as written", closeDelim)
		return true
	}
	c := parseCall(inner)
	if c.closing || c.name == "" {
		r.replace(end, escape(string(s[at:end]))) // its opening was warned about
		return true
	}
	switch c.name {
	case "highlight":
		start, stop := r.blockEnd("highlight", end, []string{"{{</", "{{%/", "{{< /", "{{% /"}, []string{">}}", "%}}"})
		if start < 0 {
			r.visible(end, "{{< highlight >}} without {{< /highlight >}}; shown as written")
			return true
		}
		var attrs []string
		for _, o := range strings.Split(c.arg("options", 1), ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(o), "=")
			if ok && k != "" && !strings.ContainsAny(k, " {}") {
				attrs = append(attrs, k+"="+quote(v))
			}
		}
		r.fenced(stop, s[end:start], c.arg("lang", 0), attrs)
	case "figure":
		r.replace(end, r.figure(c.arg("src", 0), c.arg("alt", -1), c.arg("caption", -1), c.arg("title", -1), c.arg("link", -1)))
	case "ref", "relref":
		target := c.arg("path", 0)
		if target == "" {
			r.visible(end, "{{< %s >}} needs a path; shown as written", c.name)
			return true
		}
		target, anchor, _ := strings.Cut(target, "#")
		if anchor != "" {
			anchor = "#" + anchor
		}
		r.replace(end, r.ref(at, target)+anchor)
	case "youtube", "vimeo", "instagram", "tweet", "x", "gist":
		card, ok := embedCard(c)
		if !ok {
			r.visible(end, "{{< %s >}}: no usable id; shown as written", c.name)
			return true
		}
		r.replace(end, card)
	default:
		r.visible(end, "shortcode %q is not supported; shown as written", c.name)
	}
	return true
}

// figure renders Hugo's figure: HTML when raw HTML reaches the page, else
// a Markdown image with its caption in italics.
func (r *rewriter) figure(src, alt, caption, title, link string) string {
	if r.o.Unsafe {
		var b strings.Builder
		b.WriteString("<figure>")
		if link != "" {
			b.WriteString(`<a href="` + html.EscapeString(link) + `">`)
		}
		b.WriteString(`<img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(alt) + `">`)
		if link != "" {
			b.WriteString("</a>")
		}
		if title != "" || caption != "" {
			b.WriteString("<figcaption>")
			if title != "" {
				b.WriteString("<h4>" + html.EscapeString(title) + "</h4>")
			}
			if caption != "" {
				b.WriteString("<p>" + html.EscapeString(caption) + "</p>")
			}
			b.WriteString("</figcaption>")
		}
		b.WriteString("</figure>")
		return b.String()
	}
	img := "![" + escape(alt) + "](<" + destination(src) + ">)"
	if link != "" {
		img = "[" + img + "](<" + destination(link) + ">)"
	}
	if text := strings.TrimSpace(title + " " + caption); text != "" {
		img += " *" + escape(text) + "*"
	}
	return img
}

// destination makes s safe between < and > in a Markdown link.
func destination(s string) string {
	return strings.NewReplacer("<", "%3C", ">", "%3E", "\n", "", "\r", "", `\`, "%5C").Replace(s)
}

// embedCard turns an embed into a plain link to where the media lives:
// no iframe, no third-party script.
func embedCard(c call) (string, bool) {
	var label, u string
	switch c.name {
	case "youtube":
		id := c.arg("id", 0)
		label, u = "YouTube video", "https://www.youtube.com/watch?v="+id
		c.pos = []string{id}
	case "vimeo":
		label, u = "Vimeo video", "https://vimeo.com/"+c.arg("id", 0)
		c.pos = []string{c.arg("id", 0)}
	case "instagram":
		label, u = "Instagram post", "https://www.instagram.com/p/"+c.arg("id", 0)+"/"
		c.pos = []string{c.arg("id", 0)}
	case "tweet", "x":
		id, user := c.arg("id", 0), c.arg("user", -1)
		if user == "" {
			user = "i"
		}
		if !plainID(user) {
			return "", false
		}
		label, u = "Post on X", "https://x.com/"+user+"/status/"+id
		c.pos = []string{id}
	case "gist":
		user, id := c.arg("user", 0), c.arg("id", 1)
		if !plainID(user) {
			return "", false
		}
		label, u = "Gist", "https://gist.github.com/"+user+"/"+id
		c.pos = []string{id}
	}
	if len(c.pos) == 0 || !plainID(c.pos[0]) {
		return "", false
	}
	if t := c.arg("title", -1); t != "" {
		label += ": " + t
	} else {
		label += " " + c.pos[0]
	}
	return "[" + escape(label) + "](" + u + ")", true
}

// plainID reports whether id is safe in a URL as it is.
func plainID(id string) bool {
	if id == "" {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
