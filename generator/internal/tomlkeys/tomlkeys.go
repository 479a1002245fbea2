package tomlkeys

import (
	"bytes"
	"strings"
)

// Position is a 1-based line and column.
type Position struct{ Line, Col int }

// Find returns the position of every top-level and table key in src, by its
// dotted name ("permalinks.posts"). It reads only what decoding needs for
// error messages: [table] headers and key = value lines; a document the
// TOML decoder accepted is assumed. Keys inside inline tables and
// multi-line values are not listed.
func Find(src []byte) map[string]Position {
	out := map[string]Position{}
	table := ""
	inMultiline := ""
	for i, line := range bytes.Split(src, []byte("\n")) {
		s := string(line)
		trimmed := strings.TrimSpace(s)
		if inMultiline != "" {
			if strings.Contains(trimmed, inMultiline) {
				inMultiline = ""
			}
			continue
		}
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		col := len(s) - len(strings.TrimLeft(s, " \t")) + 1
		if trimmed[0] == '[' {
			name := strings.Trim(trimmed, "[]")
			if j := strings.Index(name, "#"); j >= 0 {
				name = name[:j]
			}
			table = unquote(strings.TrimRight(strings.TrimSpace(name), "]"))
			out[table] = Position{i + 1, col}
			continue
		}
		eq := strings.Index(trimmed, "=")
		if eq <= 0 {
			continue
		}
		key := unquote(strings.TrimSpace(trimmed[:eq]))
		if table != "" {
			key = table + "." + key
		}
		if _, seen := out[key]; !seen {
			out[key] = Position{i + 1, col}
		}
		value := strings.TrimSpace(trimmed[eq+1:])
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, q) && !strings.Contains(value[3:], q) {
				inMultiline = q
			}
		}
	}
	return out
}

func unquote(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}
