package main

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// TestDocLinks checks that every relative link of README.md and docs/*.md
// leads somewhere: to a file of the repository and, for a Markdown file
// with a #fragment, to one of its headings as GitHub names them.
func TestDocLinks(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no docs/*.md: the README links to them")
	}
	files := []string{"README.md"}
	for _, d := range docs {
		files = append(files, "docs/"+filepath.Base(d))
	}
	anchors := map[string]map[string]bool{} // file → its heading anchors
	anchorsOf := func(file string) (map[string]bool, error) {
		if a, ok := anchors[file]; ok {
			return a, nil
		}
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			return nil, err
		}
		a, _ := scanMarkdown(src)
		anchors[file] = a
		return a, nil
	}
	checked := 0
	for _, file := range files {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		_, links := scanMarkdown(src)
		for _, l := range links {
			u, err := url.Parse(l.dest)
			if err != nil {
				t.Errorf("%s:%d: link %q: %v", file, l.line, l.dest, err)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // another site: not checked offline
			}
			checked++
			target := file
			if u.Path != "" {
				if strings.HasPrefix(u.Path, "/") {
					target = strings.TrimPrefix(path.Clean(u.Path), "/")
				} else {
					target = path.Join(path.Dir(file), u.Path)
				}
				if target == ".." || strings.HasPrefix(target, "../") {
					t.Errorf("%s:%d: link %q leads out of the repository", file, l.line, l.dest)
					continue
				}
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(target))); err != nil {
					t.Errorf("%s:%d: link %q: no file %s", file, l.line, l.dest, target)
					continue
				}
			}
			if u.Fragment == "" || !strings.HasSuffix(target, ".md") {
				continue
			}
			a, err := anchorsOf(target)
			if err != nil {
				t.Errorf("%s:%d: link %q: %v", file, l.line, l.dest, err)
				continue
			}
			if !a[u.Fragment] {
				t.Errorf("%s:%d: link %q: %s has no heading #%s", file, l.line, l.dest, target, u.Fragment)
			}
		}
	}
	if checked == 0 {
		t.Error("no relative link found: the README should link to docs/")
	}
}

// docLink is a link destination and the line it is written on.
type docLink struct {
	dest string
	line int
}

// scanMarkdown returns the heading anchors GitHub gives a Markdown
// document and its link and image destinations. Links inside code are
// text, which is why the document is parsed rather than searched.
func scanMarkdown(src []byte) (map[string]bool, []docLink) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	doc := md.Parser().Parse(text.NewReader(src))
	anchors := map[string]bool{}
	seen := map[string]int{}
	var links []docLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			slug := githubAnchor(plainText(n, src))
			// GitHub numbers repeated headings: x, x-1, x-2.
			if k := seen[slug]; k > 0 {
				anchors[fmt.Sprintf("%s-%d", slug, k)] = true
			} else {
				anchors[slug] = true
			}
			seen[slug]++
		case *ast.Link:
			links = append(links, docLink{string(n.Destination), lineOf(n, src)})
		case *ast.Image:
			links = append(links, docLink{string(n.Destination), lineOf(n, src)})
		}
		return ast.WalkContinue, nil
	})
	return anchors, links
}

// plainText is a heading's text as GitHub slugs it: the words of its
// text and code spans, without the marks around them.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// githubAnchor follows GitHub's rule for heading anchors: lowercase,
// every character but letters, digits, '_', '-' and spaces dropped, then
// each space a hyphen.
func githubAnchor(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lineOf is the line an inline node starts on: that of its first text,
// which a link or image always has unless it is empty.
func lineOf(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return bytes.Count(src[:t.Segment.Start], []byte("\n")) + 1
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return bytes.Count(src[:p.Lines().At(0).Start], []byte("\n")) + 1
		}
	}
	return 0
}

func TestGithubAnchor(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, in, want string }{
		{"words", "Hosting under a sub-path", "hosting-under-a-sub-path"},
		{"punctuation", "Configuration: accrue.toml", "configuration-accruetoml"},
		{"code", "accrue build", "accrue-build"},
		{"comma", "Coming from Jekyll, Hugo or Zola", "coming-from-jekyll-hugo-or-zola"},
		{"unicode", "Zürich Notes", "zürich-notes"},
		{"underscore", "post_sections", "post_sections"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := githubAnchor(tt.in); got != tt.want {
				t.Errorf("githubAnchor(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
