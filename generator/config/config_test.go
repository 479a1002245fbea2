package config

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadDefaultsWithoutFile(t *testing.T) {
	cfg, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Paginate != 10 || cfg.Theme != "default" || cfg.Permalinks.Posts != "/:path/" || cfg.Location == nil {
		t.Errorf("defaults = %+v", cfg)
	}
}

func TestParse(t *testing.T) {
	cfg, err := Parse([]byte(`title = "T"
base_url = "https://example.org/blog"
timezone = "Europe/Berlin"
[permalinks]
posts = "/:year/:month/:slug/"
[highlight]
style = "monokai"
[markdown]
dialect = "hugo"
[content]
encoding = "latin1"
max_terms = 300
post_sections = ["blog", "til"]
`), Default())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Title != "T" || cfg.BaseURL != "https://example.org/blog/" || cfg.Location.String() != "Europe/Berlin" ||
		cfg.Permalinks.Posts != "/:year/:month/:slug/" || cfg.Permalinks.Pages != "/:path/" || cfg.Highlight.Style != "monokai" || cfg.Highlight.DarkStyle != "github-dark" ||
		!reflect.DeepEqual(cfg.Content, Content{Encoding: "latin1", MaxTerms: 300, PostSections: []string{"blog", "til"}}) || cfg.Markdown.Dialect != "hugo" {
		t.Errorf("got %+v", cfg)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"unknown key", "title = \"t\"\ntitel = \"x\"\n", `accrue.toml:2:1: unknown key "titel" (did you mean "title"?)`},
		{"unknown table key", "[highlight]\nstlye = \"x\"\n", `accrue.toml:2:1: unknown key "highlight.stlye" (did you mean "style"?)`},
		{"unknown far key", "colour = 1\n", `accrue.toml:1:1: unknown key "colour"`},
		{"syntax", "title = \n", "accrue.toml:1:9: unexpected character U+000A at start of value"},
		{"wrong type", "paginate = \"ten\"\n", `accrue.toml:1:12: cannot decode TOML string into struct field config.Config.Paginate of type int`},
		{"bad base url", "base_url = \"example.org\"\n", `accrue.toml:1:1: base_url "example.org" must be an absolute http(s) URL such as "https://example.org/"`},
		{"bad timezone", "\ntimezone = \"Mars/Olympus\"\n", `accrue.toml:2:1: unknown timezone "Mars/Olympus" (use an IANA name such as "Europe/Berlin" or "UTC")`},
		{"bad paginate", "paginate = 0\n", "accrue.toml:1:1: paginate must be at least 1, not 0"},
		{"bad permalink", "[permalinks]\nposts = \"/:yaer/:slug/\"\n", `accrue.toml:2:1: permalinks.posts: unknown token ":yaer" in pattern "/:yaer/:slug/" (known: :year :month :day :slug :section :title :path :categories :filename :slugortitle)`},
		{"unknown weight", "[value.weights]\ncomments = 3\n", `accrue.toml:2:1: unknown key "value.weights.comments" (did you mean "comment"?)`},
		{"negative weight", "[value.weights]\nlike = -1\n", `accrue.toml:2:1: value.weights.like must not be negative, not -1`},
		{"bad rate", "[value]\nmonthly_rate = 5\n", `accrue.toml:2:1: value.monthly_rate must be between 0 and 1 (0.01 is 1% a month), not 5`},
		{"bad model", "[value]\nmodel = \"activty\"\n", `accrue.toml:2:1: value.model must be "activity" or "savings", not "activty" (did you mean "activity"?)`},
		{"bad half-life", "[value]\nhalf_life_months = 0\n", `accrue.toml:2:1: value.half_life_months must be above 0 and at most 1200, not 0`},
		{"unknown value key", "[value]\nhalflife_months = 6\n", `accrue.toml:2:1: unknown key "value.halflife_months" (did you mean "half_life_months"?)`},
		{"bad evergreen", "[value.classes]\nevergreen_quarters = 0\n", `accrue.toml:2:1: value.classes.evergreen_quarters must be at least 1, not 0`},
		{"bad class threshold", "[value.classes]\nnew_days = 0\n", `accrue.toml:2:1: value.classes.new_days must be at least 1, not 0`},
		{"bad max terms", "[content]\nmax_terms = 0\n", `accrue.toml:2:1: content.max_terms must be at least 1, not 0`},
		{"bad dialect", "[markdown]\ndialect = \"Jekyll\"\n", `accrue.toml:2:1: markdown.dialect "Jekyll" is not one accrue reads: use "jekyll", "hugo" or "zola", or "" for plain Markdown`},
		{"unknown search key", "[search]\nenable = false\n", `accrue.toml:2:1: unknown key "search.enable" (did you mean "enabled"?)`},
		{"search enabled not a bool", "[search]\nenabled = \"no\"\n", `accrue.toml:2:11: cannot decode TOML string into struct field config.Search.Enabled of type bool`},
		{"permalink without slug", "[permalinks]\npages = \"/:year/\"\n", `accrue.toml:2:1: permalinks.pages: pattern "/:year/" must contain :slug, :title or :path`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), Default())
			if err == nil {
				t.Fatalf("Parse succeeded; want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestParseSearch(t *testing.T) {
	if !Default().Search.Enabled {
		t.Error("search is off by default; want on")
	}
	cfg, err := Parse([]byte("[search]\nenabled = false\n"), Default())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Search.Enabled {
		t.Error("[search] enabled = false left search on")
	}
}

func TestParseValue(t *testing.T) {
	cfg, err := Parse([]byte("[value]\nmodel = \"savings\"\nhalf_life_months = 6\nmonthly_rate = 0.02\n[value.weights]\ncomment = 4\ninternal_link = 0\n[value.classes]\ndormant_months = 18\n[report]\npublish = true\n"), Default())
	if err != nil {
		t.Fatal(err)
	}
	v := cfg.Value
	if v.MonthlyRate != 0.02 || *v.Weights.Comment != 4 || *v.Weights.InternalLink != 0 || v.Weights.Like != nil ||
		v.Classes.DormantMonths != 18 || v.Classes.NewDays != 60 || !cfg.Report.Publish ||
		v.Model != "savings" || v.HalfLifeMonths != 6 || v.ActivityMonths != 6 || v.Classes.EvergreenQuarters != 3 {
		t.Errorf("value = %+v, report = %+v", v, cfg.Report)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("title = \"t\"\n[permalinks]\nposts = \"/:slug/\"\n"))
	f.Add([]byte("[markdown]\nunsafe = true\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, _ = Parse(src, Default()) // the property is: no panic
	})
}

func TestWithBaseURL(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, in, want, path, err string }{
		{"root", "https://example.org", "https://example.org/", "/", ""},
		{"sub-path", "https://user.github.io/blog", "https://user.github.io/blog/", "/blog/", ""},
		{"sub-path with slash", "http://localhost:1313/blog/", "http://localhost:1313/blog/", "/blog/", ""},
		{"deeper", "https://example.org/a/b/", "https://example.org/a/b/", "/a/b/", ""},
		{"escaped", "https://example.org/my%20notes/", "https://example.org/my%20notes/", "/my%20notes/", ""},
		{"no scheme", "example.org/blog", "", "", `"example.org/blog" must be an absolute http(s) URL`},
		{"query", "https://example.org/?x=1", "", "", "must not have a query or a fragment"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Default().WithBaseURL(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("WithBaseURL(%q) error = %v; want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.BaseURL != tt.want || cfg.BasePath() != tt.path {
				t.Errorf("WithBaseURL(%q) = %q, path %q; want %q, path %q", tt.in, cfg.BaseURL, cfg.BasePath(), tt.want, tt.path)
			}
		})
	}
}
