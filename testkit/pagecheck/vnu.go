package pagecheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
)

// Message is one error the Nu HTML Checker found.
type Message struct {
	File    string // as given to Validate
	Line    int    // 1-based; 0 when the error is about the whole file
	Column  int
	Text    string
	Extract string // the markup around the error
}

func (m Message) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", m.File, m.Line, m.Column, m.Text)
}

// Validate runs the Nu HTML Checker in jar over the HTML files and
// returns its errors (warnings are not asked for). It fails only when the
// checker cannot be run or says something it cannot read.
func Validate(ctx context.Context, jar string, files []string) ([]Message, error) {
	if len(files) == 0 {
		return nil, nil
	}
	// --exit-zero-always: errors in the pages are the answer, read from
	// the report; a non-zero exit then means the checker itself failed.
	args := append([]string{"-jar", jar, "--errors-only", "--exit-zero-always", "--format", "json"}, files...)
	cmd := exec.CommandContext(ctx, "java", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("java -jar %s: %v\n%s%s", jar, err, stdout.Bytes(), stderr.Bytes())
	}
	var out struct {
		Messages []struct {
			Type      string `json:"type"`
			URL       string `json:"url"`
			LastLine  int    `json:"lastLine"`
			FirstLine int    `json:"firstLine"`
			FirstCol  int    `json:"firstColumn"`
			Message   string `json:"message"`
			Extract   string `json:"extract"`
		} `json:"messages"`
	}
	// The JSON report goes to stderr.
	if err := json.Unmarshal(stderr.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("reading the Nu HTML Checker's report: %v\n%s", err, stderr.Bytes())
	}
	byURL := make(map[string]string, len(files))
	for _, f := range files {
		byURL[fileURL(f)] = f
	}
	var msgs []Message
	for _, m := range out.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		file, ok := byURL[m.URL]
		if !ok {
			file = m.URL
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		msgs = append(msgs, Message{File: file, Line: line, Column: m.FirstCol, Text: m.Message, Extract: m.Extract})
	}
	return msgs, nil
}

// fileURL is how the checker names a file it was given by path.
func fileURL(path string) string {
	u := url.URL{Scheme: "file", Path: path}
	return strings.Replace(u.String(), "file://", "file:", 1)
}
