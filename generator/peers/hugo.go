package peers

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// hugoTokens translate Hugo's permalink tokens to accrue's.
var hugoTokens = map[string]string{
	":year": ":year", ":month": ":month", ":day": ":day",
	":slug": ":slugortitle", ":title": ":title", ":section": ":section",
	":filename": ":filename", ":contentbasename": ":filename", ":slugorfilename": ":slug",
	":slugorcontentbasename": ":slug",
}

// hugo reads hugo.toml (or config.toml, .yaml, .json).
func (s *Site) hugo(fsys fs.FS, t table) error {
	if err := s.common(t, "title", "languagecode", "timezone"); err != nil {
		return err
	}
	u, err := t.str("baseurl")
	if err != nil {
		return err
	}
	if u != "" {
		s.Settings.BaseURL = u
		s.Read = append(s.Read, "baseURL")
	}
	params := t.sub("params")
	if params != nil {
		if d, err := params.str("description"); err != nil {
			return fmt.Errorf("params.%w", err)
		} else if d != "" {
			s.Settings.Description = d
			s.Read = append(s.Read, "params.description")
		}
	}
	if err := s.author(t, ""); err != nil {
		return err
	}
	if s.Settings.Author == "" && params != nil {
		if err := s.author(params, "params."); err != nil {
			return err
		}
	}
	if dir, err := t.str("contentdir"); err != nil {
		return err
	} else if dir != "" {
		s.ContentDir = path.Clean(dir)
		s.Read = append(s.Read, "contentDir")
	}
	n, err := t.num("paginate")
	if err != nil {
		return err
	}
	if pg := t.sub("pagination"); pg != nil && n == 0 {
		if n, err = pg.num("pagersize"); err != nil {
			return fmt.Errorf("pagination.%w", err)
		}
	}
	if n > 0 {
		s.Settings.Paginate = n
		s.Read = append(s.Read, "paginate")
	}
	var main []string
	if params != nil {
		if main, err = params.strs("mainsections"); err != nil {
			return fmt.Errorf("params.%w", err)
		}
	}
	if len(main) > 0 {
		s.Read = append(s.Read, "params.mainSections")
	} else if secs := mostDated(fsys, s.ContentDir); len(secs) > 0 {
		main = secs[:1]
	} else {
		main = []string{"posts"}
	}
	s.Settings.Content.PostSections = main
	if perm := t.sub("permalinks"); perm != nil {
		if page := perm.sub("page"); page != nil { // Hugo 0.120's [permalinks.page]
			perm = page
		}
		if p, err := perm.str(main[0]); err != nil {
			return fmt.Errorf("permalinks.%w", err)
		} else if p != "" {
			out, err := translate(p, hugoTokens)
			if err != nil {
				return fmt.Errorf("permalinks.%s: %w", main[0], err)
			}
			s.Settings.Permalinks.Posts = out
			s.Read = append(s.Read, "permalinks")
		}
	}
	if tax := t.sub("taxonomies"); tax != nil {
		for _, v := range tax {
			if name, ok := v.(string); ok {
				s.Taxonomies = append(s.Taxonomies, name)
			}
		}
		sort.Strings(s.Taxonomies)
		s.Read = append(s.Read, "taxonomies")
	}
	return nil
}

// zola reads config.toml.
func (s *Site) zola(fsys fs.FS, t table) error {
	if err := s.common(t, "title", "description", "default_language"); err != nil {
		return err
	}
	u, err := t.str("base_url")
	if err != nil {
		return err
	}
	if u != "" {
		s.Settings.BaseURL = u
		s.Read = append(s.Read, "base_url")
	}
	if err := s.author(t, ""); err != nil {
		return err
	}
	if s.Settings.Author == "" {
		if extra := t.sub("extra"); extra != nil {
			if err := s.author(extra, "extra."); err != nil {
				return err
			}
		}
	}
	if list, ok := t["taxonomies"].([]any); ok {
		for _, v := range list {
			if tt, ok := v.(table); ok {
				if name, _ := tt.str("name"); name != "" {
					s.Taxonomies = append(s.Taxonomies, name)
				}
			}
		}
		s.Read = append(s.Read, "taxonomies")
	}
	// Zola has no permalink patterns: a page is at its section's path
	// and its slug, accrue's /:path/. Its sections are the folders with
	// an _index.md; the one with the most dated pages holds the posts.
	secs := mostDated(fsys, s.ContentDir)
	if len(secs) == 0 {
		secs = []string{"posts"}
	}
	s.Settings.Content.PostSections = secs[:1]
	return nil
}
