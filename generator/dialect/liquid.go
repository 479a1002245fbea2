package dialect

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// rawTag is Jekyll's {% raw %} or {% endraw %}, as dropped from code.
var rawTag = regexp.MustCompile(`\{%-?[ \t]*(?:end)?raw[ \t]*-?%\}`)

// delimited finds the close of a tag whose text starts at from: the tag
// may span lines, not paragraphs. inner is the text between, trimmed of
// spaces and of Liquid's whitespace-control dashes when dash is set.
func (r *rewriter) delimited(close string, from int, dash bool) (end int, inner string, ok bool) {
	j := r.find(close, from)
	if j < 0 {
		return 0, "", false
	}
	if b := r.find("\n\n", from); b >= 0 && b < j {
		return 0, "", false
	}
	if b := r.find("\n\r\n", from); b >= 0 && b < j {
		return 0, "", false
	}
	inner = string(r.src[from:j])
	if dash {
		inner = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(inner), "-"), "-")
	}
	return j + len(close), strings.TrimSpace(inner), true
}

// blockEnd finds the tag that closes a block: name between open and
// close, with only spaces (and dashes) around it. It returns where the
// tag starts and ends, or -1.
func (r *rewriter) blockEnd(name string, from int, opens, closes []string) (start, end int) {
	key := name + "\x00" + strings.Join(opens, "\x00")
	if f, ok := r.noEnd[key]; ok && from >= f {
		return -1, -1
	}
	for f := from; ; {
		j := r.find(name, f)
		if j < 0 {
			r.noEnd[key] = from
			return -1, -1
		}
		f = j + 1
		i := j
		for i > from && (r.src[i-1] == ' ' || r.src[i-1] == '\t' || r.src[i-1] == '-') {
			i--
		}
		k := j + len(name)
		for k < len(r.src) && (r.src[k] == ' ' || r.src[k] == '\t' || r.src[k] == '-') {
			k++
		}
		for _, o := range opens {
			if i-len(o) < from || string(r.src[i-len(o):i]) != o {
				continue
			}
			for _, c := range closes {
				if bytes.HasPrefix(r.src[k:], []byte(c)) {
					return i - len(o), k + len(c)
				}
			}
		}
	}
}

// liquid handles "{%" and "{{" at pos for Jekyll.
func (r *rewriter) liquid() bool {
	at := r.pos
	if at+1 >= len(r.src) {
		return false
	}
	switch r.src[at+1] {
	case '%':
		end, inner, ok := r.delimited("%}", at+2, true)
		if !ok {
			r.visible(at+2, "unclosed Liquid tag: no %%} before the paragraph ends; shown as written")
			return true
		}
		r.liquidTag(end, inner)
	case '{':
		end, inner, ok := r.delimited("}}", at+2, true)
		if !ok {
			r.visible(at+2, "unclosed Liquid output: no }} before the paragraph ends; shown as written")
			return true
		}
		v, err := r.output(inner)
		if err != nil {
			r.visible(end, "Liquid {{ %s }}: %v; shown as written", inner, err)
			return true
		}
		r.replace(end, v)
	default:
		return false
	}
	return true
}

func (r *rewriter) liquidTag(end int, inner string) {
	at := r.pos
	name, args, _ := strings.Cut(inner, " ")
	name, args = strings.TrimSpace(name), strings.TrimSpace(args)
	opens, closes := []string{"{%"}, []string{"%}"}
	switch name {
	case "highlight":
		start, stop := r.blockEnd("endhighlight", end, opens, closes)
		if start < 0 {
			r.visible(end, "{%% highlight %%} without {%% endhighlight %%}; shown as written")
			return
		}
		f := strings.Fields(args)
		lang := ""
		if len(f) > 0 {
			lang, f = f[0], f[1:]
		}
		var attrs []string
		for _, o := range f {
			switch k, v, _ := strings.Cut(o, "="); k {
			case "linenos":
				attrs = append(attrs, "linenos=true")
			case "hl_lines":
				attrs = append(attrs, "hl_lines="+quote(strings.Trim(v, `"'`)))
			}
		}
		r.fenced(stop, r.src[end:start], lang, attrs)
	case "raw":
		start, stop := r.blockEnd("endraw", end, opens, closes)
		if start < 0 {
			r.visible(end, "{%% raw %%} without {%% endraw %%}; shown as written")
			return
		}
		r.replace(stop, string(r.src[end:start]))
	case "comment":
		_, stop := r.blockEnd("endcomment", end, opens, closes)
		if stop < 0 {
			r.visible(end, "{%% comment %%} without {%% endcomment %%}; shown as written")
			return
		}
		r.replace(stop, "")
	case "post_url", "link":
		if args == "" || strings.ContainsAny(args, "{}") {
			r.visible(end, "{%% %s %%} needs a file name; shown as written", name)
			return
		}
		r.replace(end, r.ref(at, args))
	case "include", "include_relative":
		r.visible(end, "{%% %s %s %%}: included files are not rendered; paste the file's content into the post; shown as written", name, args)
	default:
		r.visible(end, "Liquid tag {%% %s %%} is not supported; shown as written", name)
	}
}

// fenced writes code as a fenced code block in place of src[pos:end]:
// the fence is longer than any backtick run in the code, and starts and
// ends lines of its own, indented as the tag was (in a list item).
func (r *rewriter) fenced(end int, code []byte, lang string, attrs []string) {
	code = bytes.TrimPrefix(code, []byte("\r"))
	code = bytes.TrimPrefix(bytes.TrimLeft(code, " \t"), []byte("\n"))
	code = bytes.TrimRight(code, " \t")
	code = bytes.TrimSuffix(bytes.TrimSuffix(code, []byte("\n")), []byte("\r"))
	longest := 0
	for i := 0; i < len(code); {
		if code[i] != '`' {
			i++
			continue
		}
		n := run(code, i, '`')
		longest = max(longest, n)
		i += n
	}
	fence := strings.Repeat("`", max(3, longest+1))
	// A backtick or line break in the info string would end the fence.
	if strings.ContainsAny(lang, "`{}\r\n \t") {
		lang = ""
	}
	for i := 0; i < len(attrs); i++ {
		if strings.ContainsAny(attrs[i], "`{}\r\n") {
			attrs = append(attrs[:i], attrs[i+1:]...)
			i--
		}
	}
	var b strings.Builder
	indent := ""
	prefix := r.out.Bytes()[r.lineStart:]
	if len(bytes.TrimLeft(prefix, " \t")) == 0 {
		indent = string(prefix)
	} else {
		b.WriteByte('\n')
	}
	b.WriteString(fence)
	b.WriteString(lang)
	if len(attrs) > 0 {
		b.WriteString(" {" + strings.Join(attrs, " ") + "}")
	}
	b.WriteByte('\n')
	if len(code) > 0 {
		b.Write(code)
		b.WriteByte('\n')
	}
	b.WriteString(indent + fence)
	// Text after the closing tag goes on a line of its own.
	k := end
	for k < len(r.src) && (r.src[k] == ' ' || r.src[k] == '\t' || r.src[k] == '\r') {
		k++
	}
	if k < len(r.src) && r.src[k] != '\n' {
		b.WriteByte('\n')
	}
	r.replace(end, b.String())
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, "") + `"` }

// output evaluates Liquid output: a known variable or a string, through
// the filters accrue knows.
func (r *rewriter) output(expr string) (string, error) {
	parts := splitOutside(expr, '|')
	v, err := r.value(parts[0])
	if err != nil {
		return "", err
	}
	for _, f := range parts[1:] {
		name, arg, _ := strings.Cut(f, ":")
		name, arg = strings.TrimSpace(name), strings.TrimSpace(arg)
		switch name {
		case "relative_url":
			v = r.relativeURL(v)
		case "absolute_url":
			if !hasScheme(v) {
				v = strings.TrimSuffix(r.o.Vars["site.url"], "/") + r.relativeURL(v)
			}
		case "prepend", "append":
			a, err := r.value(arg)
			if err != nil {
				return "", err
			}
			if name == "prepend" {
				v = a + v
			} else {
				v += a
			}
		default:
			return "", fmt.Errorf("filter %q is not supported", name)
		}
	}
	return v, nil
}

func (r *rewriter) relativeURL(v string) string {
	if hasScheme(v) {
		return v
	}
	base := strings.TrimSuffix(r.o.Vars["site.baseurl"], "/")
	return base + "/" + strings.TrimPrefix(v, "/")
}

func hasScheme(v string) bool { return strings.Contains(v, "://") || strings.HasPrefix(v, "//") }

// value is a string literal or a variable Options.Vars knows.
func (r *rewriter) value(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], nil
	}
	if v, ok := r.o.Vars[s]; ok {
		return v, nil
	}
	if s == "" {
		return "", fmt.Errorf("no value")
	}
	return "", fmt.Errorf("%q is not a value accrue knows", s)
}

// splitOutside splits s at sep outside quotes.
func splitOutside(s string, sep byte) []string {
	var out []string
	var q byte
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
