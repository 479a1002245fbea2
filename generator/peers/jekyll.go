package peers

import (
	"fmt"
	"strings"
)

// jekyllStyles are Jekyll's built-in permalink styles. Those that end in
// .html name a file; accrue publishes a folder, so a post is built at
// the folder and the .html address redirects to it (View.Aliases).
var jekyllStyles = map[string]string{
	"date":    "/:categories/:year/:month/:day/:title.html",
	"pretty":  "/:categories/:year/:month/:day/:title/",
	"none":    "/:categories/:title.html",
	"ordinal": "/:categories/:year/:y_day/:title.html",
}

// jekyll reads _config.yml.
func (s *Site) jekyll(t table) error {
	if err := s.common(t, "title", "description", "lang", "timezone", "excerpt_separator"); err != nil {
		return err
	}
	u, err := t.str("url")
	if err != nil {
		return err
	}
	base, err := t.str("baseurl")
	if err != nil {
		return err
	}
	if u != "" {
		s.Settings.BaseURL = strings.TrimSuffix(u, "/") + "/" + strings.Trim(base, "/")
		s.Read = append(s.Read, "url")
		if base != "" {
			s.Read = append(s.Read, "baseurl")
		}
	}
	if err := s.author(t, ""); err != nil {
		return err
	}
	if n, err := t.num("paginate"); err != nil {
		return err
	} else if n > 0 {
		s.Settings.Paginate = n
		s.Read = append(s.Read, "paginate")
	}
	if s.Exclude, err = t.strs("exclude"); err != nil {
		return err
	}
	p, err := t.str("permalink")
	if err != nil {
		return err
	}
	if p == "" {
		p = "date" // Jekyll's default
	} else {
		s.Read = append(s.Read, "permalink")
	}
	if style, ok := jekyllStyles[p]; ok {
		p = style
	}
	posts, err := jekyllPattern(p)
	if err != nil {
		return fmt.Errorf("permalink: %w", err)
	}
	s.Settings.Permalinks.Posts = posts
	if file := strings.TrimSuffix(p, ":output_ext"); strings.HasSuffix(file, ".html") || file != p {
		// Jekyll published a file: it redirects to the post's folder.
		alias, err := jekyllPattern(p)
		if err != nil {
			return fmt.Errorf("permalink: %w", err)
		}
		s.Settings.Permalinks.Aliases = []string{strings.TrimSuffix(alias, "/") + ".html"}
	}
	return nil
}

// jekyllPattern translates a Jekyll permalink pattern to accrue's. A
// pattern that names a file (".html", ":output_ext") is built as the
// folder of that name.
func jekyllPattern(p string) (string, error) {
	p = strings.TrimSuffix(p, ":output_ext")
	p = strings.TrimSuffix(p, ".html")
	out, err := translate(p, map[string]string{
		":year": ":year", ":month": ":month", ":day": ":day",
		":title": ":slug", ":slug": ":slug", ":name": ":slug",
		":categories": ":categories",
	})
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(out, "/") {
		out = "/" + out
	}
	if !strings.HasSuffix(out, "/") {
		out += "/"
	}
	return out, nil
}

// translate rewrites the tokens of pattern by tokens; a token it does
// not list is an error.
func translate(pattern string, tokens map[string]string) (string, error) {
	var out strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			out.WriteByte(pattern[i])
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z' || pattern[j] == '_') {
			j++
		}
		tok := pattern[i:j]
		to, ok := tokens[tok]
		if !ok {
			return "", fmt.Errorf("token %s in %q has no counterpart in accrue: set [permalinks] posts in an accrue.toml", tok, pattern)
		}
		out.WriteString(to)
		i = j - 1
	}
	return out.String(), nil
}

// common reads the keys whose names say the same in the peer and in
// accrue.toml, or nearly: lang and languageCode are language.
func (s *Site) common(t table, keys ...string) error {
	for _, k := range keys {
		v, err := t.str(k)
		if err != nil {
			return err
		}
		if v == "" {
			continue
		}
		switch k {
		case "title":
			s.Settings.Title = v
		case "description":
			s.Settings.Description = v
		case "lang", "languagecode", "default_language":
			s.Settings.Language = v
		case "timezone":
			s.Settings.Timezone = v
		case "excerpt_separator":
			s.Settings.Content.ExcerptSeparator = v
		}
		s.Read = append(s.Read, k)
	}
	return nil
}

// author reads author, under the table named by prefix ("params."): a
// name, or a table with a name.
func (s *Site) author(t table, prefix string) error {
	switch a := t["author"].(type) {
	case nil:
		return nil
	case string:
		s.Settings.Author = a
	case table:
		name, err := a.str("name")
		if err != nil {
			return fmt.Errorf("%sauthor.%w", prefix, err)
		}
		s.Settings.Author = name
	default:
		return fmt.Errorf("%sauthor: want a name, not %v", prefix, a)
	}
	if s.Settings.Author != "" {
		s.Read = append(s.Read, prefix+"author")
	}
	return nil
}
