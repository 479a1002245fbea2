package dialect

import (
	"encoding/hex"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Index finds the URL of the page a cross-reference names, the ways
// Jekyll, Hugo and Zola name them: by path under content/ (with or
// without the extension, or from the referring page's folder), else by
// file name, with or without a date prefix and extension.
type Index struct {
	byPath map[string]string   // "posts/2010-07-21-name.md", "posts/2010-07-21-name" -> URL
	byName map[string][]string // "2010-07-21-name.md", "2010-07-21-name", "name" -> paths
}

// datePrefix is the date a Jekyll or Zola file name starts with.
var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[-_]`)

// NewIndex indexes pages: content path ("content/posts/a.md") -> URL.
func NewIndex(pages map[string]string) *Index {
	x := &Index{byPath: map[string]string{}, byName: map[string][]string{}}
	paths := make([]string, 0, len(pages))
	for p := range pages {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, full := range paths {
		u := pages[full]
		p := strings.TrimPrefix(full, "content/")
		noExt := strings.TrimSuffix(p, path.Ext(p))
		x.byPath[p], x.byPath[noExt] = u, u
		base := path.Base(p)
		if b := strings.TrimSuffix(base, path.Ext(base)); b == "index" || b == "_index" {
			dir := path.Dir(p)
			x.byPath[dir] = u
			base = path.Base(dir) + path.Ext(base)
		}
		names := []string{base, strings.TrimSuffix(base, path.Ext(base))}
		if d := datePrefix.FindString(names[1]); d != "" {
			names = append(names, names[1][len(d):])
		}
		for _, n := range names {
			if !contains(x.byName[n], full) {
				x.byName[n] = append(x.byName[n], full)
			}
		}
	}
	return x
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Lookup returns the URL of target, referred to from the page at from
// (its content path).
func (x *Index) Lookup(target, from string) (string, error) {
	t := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(target), "./"), "/")
	t = strings.TrimPrefix(t, "/")
	t = strings.TrimPrefix(t, "content/")
	candidates := []string{t, strings.TrimPrefix(t, "_")} // Jekyll's _posts/ is accrue's posts/
	if from != "" && !strings.HasPrefix(strings.TrimSpace(target), "/") {
		candidates = append(candidates, path.Join(path.Dir(strings.TrimPrefix(from, "content/")), t))
	}
	for _, c := range candidates {
		if u, ok := x.byPath[c]; ok {
			return u, nil
		}
	}
	name := path.Base(t)
	found := x.byName[name]
	if len(found) == 0 {
		found = x.byName[strings.TrimSuffix(name, path.Ext(name))]
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("no post or page %q", target)
	case 1:
		return x.byPath[strings.TrimPrefix(found[0], "content/")], nil
	}
	return "", fmt.Errorf("%q could be %s: write its path", target, strings.Join(found, " or "))
}

// Resolve replaces the RefURL tokens in s: resolve gives the URL of a
// target, or ok false to leave a visible broken reference (never an empty
// link).
func Resolve(s string, resolve func(target string) (u string, ok bool)) string {
	i := strings.Index(s, RefScheme)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		s = s[i+len(RefScheme):]
		n := 0
		for n < len(s) && isHex(s[n]) {
			n++
		}
		raw, err := hex.DecodeString(s[:n&^1])
		if err != nil || n == 0 {
			b.WriteString(RefScheme)
		} else if u, ok := resolve(string(raw)); ok {
			b.WriteString(u)
			s = s[n&^1:]
		} else {
			b.WriteString("#broken-reference:" + url.PathEscape(string(raw)))
			s = s[n&^1:]
		}
		i = strings.Index(s, RefScheme)
	}
	b.WriteString(s)
	return b.String()
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }
