package yamlhint

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Each document is given to go-yaml, and its error to Explain, as the
// front matter and record readers do.
func TestExplain(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line      int
		msg       string
	}{
		{"colon in a title", "title: Git: a guide\ndate: 2024-01-01\n", 1,
			`the value of title contains ": ", which YAML reads as the start of another field: put the value in quotes, title: "Git: a guide"`},
		{"colon and a double quote", "date: 2024-01-01\ntitle: Say \"hi\": now\n", 2,
			`the value of title contains ": ", which YAML reads as the start of another field: put the value in quotes, title: 'Say "hi": now'`},
		{"at sign", "title: ok\nauthor: @ada\n", 2, `a value cannot start with "@" in YAML: put it in quotes, author: "@ada"`},
		{"backquote", "title: `code` rules\n", 1, "a value cannot start with \"`\" in YAML: put it in quotes, title: \"`code` rules\""},
		{"unclosed double quote", "title: \"unclosed\ndate: 2024-01-01\n", 1,
			`the double quote that opens the value of title is never closed: end the value with "`},
		{"unclosed single quote", "title: ok\ndescription: 'it''s\n", 2,
			`the single quote that opens the value of description is never closed: end the value with '`},
		{"unclosed list", "title: ok\ntags: [a, b\ndate: 2024-01-01\n", 2,
			`the list in tags opens with [ and is not closed: end it with ] on the same line`},
		{"tab", "title: ok\n\tdate: 2024-01-01\n", 2, `found a tab character that violates indentation: indent with spaces, YAML does not allow tabs there`},
	} {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(c.src), &n)
		if err == nil {
			t.Errorf("%s: go-yaml read it", c.name)
			continue
		}
		line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		gotLine, gotMsg := Explain([]byte(c.src), line, msg)
		if gotLine != c.line || gotMsg != c.msg {
			t.Errorf("%s: go-yaml said line %d %q\n got line %d %s\nwant line %d %s", c.name, line, msg, gotLine, gotMsg, c.line, c.msg)
		}
	}
}

// What it cannot explain keeps go-yaml's words and line.
func TestExplainOther(t *testing.T) {
	if line, msg := Explain([]byte("a: b\n"), 7, "something new"); line != 7 || msg != "something new" {
		t.Errorf("Explain = %d %q", line, msg)
	}
}
