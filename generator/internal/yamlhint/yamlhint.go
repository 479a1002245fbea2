package yamlhint

import (
	"fmt"
	"strings"
)

// Explain returns the line (counted from 1 in src) and the message for a
// go-yaml syntax error reported as msg at line.
func Explain(src []byte, line int, msg string) (int, string) {
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	at := func(n int) string {
		if n >= 1 && n <= len(lines) {
			return lines[n-1]
		}
		return ""
	}
	switch {
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		if key, value, ok := field(at(line)); ok && strings.Contains(value, ": ") {
			return line, fmt.Sprintf(`the value of %s contains ": ", which YAML reads as the start of another field: put the value in quotes, %s: %s`, key, key, quoted(value))
		}
	case strings.HasPrefix(msg, "found character that cannot start any token"):
		if key, value, ok := field(at(line)); ok && value != "" && strings.ContainsRune("@`%|>!&*", rune(value[0])) {
			return line, fmt.Sprintf(`a value cannot start with %q in YAML: put it in quotes, %s: %s`, value[:1], key, quoted(value))
		}
	case strings.HasPrefix(msg, "found unexpected end of stream"), strings.Contains(msg, "while scanning a quoted scalar"):
		for n := 1; n <= len(lines); n++ {
			if key, value, ok := field(at(n)); ok && value != "" && (value[0] == '"' || value[0] == '\'') && !closes(value) {
				return n, fmt.Sprintf("the %s quote that opens the value of %s is never closed: end the value with %s", quoteName(value[0]), key, value[:1])
			}
		}
	case strings.HasPrefix(msg, "did not find expected ',' or ']'"), strings.HasPrefix(msg, "did not find expected ',' or '}'"):
		open, close := "[", "]"
		if strings.HasSuffix(msg, "'}'") {
			open, close = "{", "}"
		}
		// go-yaml's parser counts this error's line from 0: look from
		// the line after the one it names, back.
		for n := min(line+1, len(lines)); n >= 1; n-- {
			if key, value, ok := field(at(n)); ok && strings.HasPrefix(value, open) && !strings.Contains(value, close) {
				return n, fmt.Sprintf("the list in %s opens with %s and is not closed: end it with %s on the same line", key, open, close)
			}
		}
	case strings.HasPrefix(msg, "found a tab character"):
		return line, msg + ": indent with spaces, YAML does not allow tabs there"
	case strings.HasPrefix(msg, "could not find expected ':'"):
		return line, msg + `: each line is a field, "name: value"; a value that goes on over several lines must be indented or quoted`
	}
	return line, msg
}

// field splits a top-level "key: value" line.
func field(line string) (key, value string, ok bool) {
	if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-' {
		return "", "", false
	}
	key, value, ok = strings.Cut(line, ":")
	if !ok || strings.ContainsAny(key, `"' []{}`) || key == "" {
		return "", "", false
	}
	return key, strings.TrimSpace(value), true
}

// closes says whether a value that starts with a quote ends it on its line.
func closes(value string) bool {
	q := value[0]
	for i := 1; i < len(value); i++ {
		switch {
		case q == '"' && value[i] == '\\':
			i++
		case value[i] == q && q == '\'' && i+1 < len(value) && value[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case value[i] == q:
			return true
		}
	}
	return false
}

// quoted is value as a YAML quoted scalar: double quotes, or single
// quotes when it holds a double quote.
func quoted(value string) string {
	if strings.Contains(value, `"`) {
		return "'" + strings.ReplaceAll(value, "'", "''") + "'"
	}
	return `"` + strings.ReplaceAll(value, `\`, `\\`) + `"`
}

func quoteName(q byte) string {
	if q == '"' {
		return "double"
	}
	return "single"
}
