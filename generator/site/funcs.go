package site

import (
	"html/template"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/config"
	"github.com/accruehq/accrue/generator/pages"
)

// funcs are the template functions themes may call. The list is short on
// purpose; html/template already escapes everything by context.
func funcs(cfg config.Config) template.FuncMap {
	return template.FuncMap{
		// absURL makes a site-relative URL absolute on base_url, keeping
		// its path.
		"absURL": func(u string) string { return pages.Rebase(cfg.BaseURL, u) },
		// relURL makes a site path carry base_url's path ("/css/x.css"
		// is "/blog/css/x.css" for a site under /blog/). Pages need not
		// call it: the build prefixes every link to a file of the site.
		"relURL": func(u string) string { return relURL(cfg.BasePath(), u) },
		// date formats t with a Go layout ("January 2, 2006").
		"date": func(layout string, t time.Time) string { return t.Format(layout) },
		// iso formats t for datetime attributes and machine readers.
		"iso": func(t time.Time) string { return t.Format(time.RFC3339) },
		// plural picks the singular or plural word for n: plural 3 "post" "posts".
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"add": func(a, b int) int { return a + b },
		"sub": func(a, b int) int { return a - b },
		// list makes a slice from arguments, for ranges in templates.
		"list":     func(xs ...any) []any { return xs },
		"lower":    strings.ToLower,
		"upper":    strings.ToUpper,
		"join":     strings.Join,
		"contains": strings.Contains,
	}
}
