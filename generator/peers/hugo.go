package peers

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// hugoTokens translate Hugo's permalink tokens to accrue's.
var hugoTokens = map[string]string{
	":year": ":year", ":month": ":month", ":day": ":day",
	":slug": ":slugortitle", ":title": ":title", ":section": ":section",
	":filename": ":filename", ":contentbasename": ":filename", ":slugorfilename": ":slug",
	":slugorcontentbasename": ":slug",
}

// hugoConfigDir is where Hugo's split configuration lives: hugo.toml
// and one file for each other table, named after it (params.toml,
// permalinks.toml...).
const hugoConfigDir = "config/_default"

// hugoConfigFiles adds the tables of hugoConfigDir's other files to t.
func hugoConfigFiles(fsys fs.FS, t table) error {
	entries, err := fs.ReadDir(fsys, hugoConfigDir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		key := strings.ToLower(strings.TrimSuffix(name, ext))
		if e.IsDir() || key == "hugo" || key == "config" || (ext != ".toml" && ext != ".yaml" && ext != ".yml" && ext != ".json") {
			continue
		}
		file := hugoConfigDir + "/" + name
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return err
		}
		sub, err := decode(file, src)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		t[key] = sub
	}
	return nil
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
		for sec := range perm {
			if sec != main[0] && sec != "page" && sec != "section" && sec != "term" && sec != "taxonomy" {
				s.Warnings = append(s.Warnings, fmt.Sprintf("permalinks.%s is not read: accrue reads the pattern of the posts section, %s, alone; pages are at /:path/", sec, main[0]))
			}
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
	if ugly, _ := t["uglyurls"].(bool); ugly {
		s.Warnings = append(s.Warnings, "uglyURLs is not read: accrue publishes each page as a folder (/posts/x/), not /posts/x.html")
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
