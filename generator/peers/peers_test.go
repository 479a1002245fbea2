package peers

import (
	"io/fs"
	"path"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestDetect(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		files map[string]string
		kind  Kind
		file  string
	}{
		{"jekyll", map[string]string{"_config.yml": "title: t\n", "_posts/2020-01-01-a.md": ""}, Jekyll, "_config.yml"},
		{"jekyll toml", map[string]string{"_config.toml": "title = 't'\n", "_posts/2020-01-01-a.md": ""}, Jekyll, "_config.toml"},
		{"jekyll config without posts", map[string]string{"_config.yml": "title: t\n", "index.md": ""}, None, ""},
		{"hugo.toml", map[string]string{"hugo.toml": "title = 't'\n", "content/posts/a.md": ""}, Hugo, "hugo.toml"},
		{"hugo config.toml", map[string]string{"config.toml": "baseURL = 'https://x.org/'\n", "content/posts/a.md": ""}, Hugo, "config.toml"},
		{"hugo config.yaml", map[string]string{"config.yaml": "baseURL: https://x.org/\n", "content/posts/a.md": ""}, Hugo, "config.yaml"},
		{"zola", map[string]string{"config.toml": "base_url = \"https://x.org\"\n", "content/blog/a.md": ""}, Zola, "config.toml"},
		{"zola without content", map[string]string{"config.toml": "base_url = \"https://x.org\"\n"}, None, ""},
		{"accrue", map[string]string{"accrue.toml": "title = 't'\n", "content/posts/a.md": ""}, None, ""},
		{"nothing", map[string]string{"notes.txt": ""}, None, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			kind, file := Detect(mapFS(tt.files))
			if kind != tt.kind || file != tt.file {
				t.Errorf("Detect = %v, %q; want %v, %q", kind, file, tt.kind, tt.file)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  Settings
	}{
		{"jekyll default permalink is date", map[string]string{
			"_config.yml": "title: T\nurl: https://x.org\n", "_posts/2020-01-01-a.md": ""},
			Settings{Title: "T", BaseURL: "https://x.org/", Permalinks: Permalinks{Posts: "/:categories/:year/:month/:day/:slug/", Aliases: []string{"/:categories/:year/:month/:day/:slug.html"}, PageAliases: []string{"/:path.html"}}}},
		{"jekyll pretty", map[string]string{
			"_config.yml": "url: https://x.org\nbaseurl: /blog\npermalink: pretty\nauthor: Ada\n", "_posts/2020-01-01-a.md": ""},
			Settings{BaseURL: "https://x.org/blog", Author: "Ada", Permalinks: Permalinks{Posts: "/:categories/:year/:month/:day/:slug/"}}},
		{"jekyll none", map[string]string{
			"_config.yml": "permalink: none\nlang: de\n", "_posts/2020-01-01-a.md": ""},
			Settings{Language: "de", Permalinks: Permalinks{Posts: "/:categories/:slug/", Aliases: []string{"/:categories/:slug.html"}, PageAliases: []string{"/:path.html"}}}},
		{"jekyll custom", map[string]string{
			"_config.yml": "permalink: /blog/:year/:title:output_ext\nexcerpt_separator: <!--more-->\n", "_posts/2020-01-01-a.md": ""},
			Settings{Content: ContentKeys{ExcerptSeparator: "<!--more-->"}, Permalinks: Permalinks{Posts: "/blog/:year/:slug/", Aliases: []string{"/blog/:year/:slug.html"}, PageAliases: []string{"/:path.html"}}}},
		{"hugo main section by dated pages", map[string]string{
			"config.toml":             "baseURL = 'https://x.org/'\nPaginate = 7\n[permalinks]\nblog = '/:section/:year/:filename/'\n",
			"content/blog/a.md":       "---\ndate: 2020-01-01\n---\n",
			"content/blog/b.md":       "+++\ndate = 2020-01-02\n+++\n",
			"content/docs/install.md": "---\ntitle: Install\n---\n",
			"content/docs/_index.md":  "---\ndate: 2020-01-01\n---\n",
		},
			Settings{BaseURL: "https://x.org/", Paginate: 7, Content: ContentKeys{PostSections: []string{"blog"}}, Permalinks: Permalinks{Posts: "/:section/:year/:filename/"}}},
		{"hugo mainSections and permalinks.page", map[string]string{
			"hugo.yaml":         "baseURL: https://x.org/\nparams:\n  mainSections: [notes, til]\npermalinks:\n  page:\n    notes: /:slug/\n",
			"content/blog/a.md": "---\ndate: 2020-01-01\n---\n",
		},
			Settings{BaseURL: "https://x.org/", Content: ContentKeys{PostSections: []string{"notes", "til"}}, Permalinks: Permalinks{Posts: "/:slugortitle/"}}},
		{"hugo config folder", map[string]string{
			"config/_default/hugo.toml":       "baseURL = 'https://x.org/'\n",
			"config/_default/params.toml":     "description = 'D'\nmainSections = ['post']\n",
			"config/_default/permalinks.toml": "post = '/:year/:slug/'\n",
			"content/post/a.md":               "---\ndate: 2020-01-01\n---\n",
		},
			Settings{BaseURL: "https://x.org/", Description: "D", Content: ContentKeys{PostSections: []string{"post"}}, Permalinks: Permalinks{Posts: "/:year/:slugortitle/"}}},
		{"zola", map[string]string{
			"config.toml":                     "base_url = \"https://x.org\"\ndefault_language = \"fr\"\nauthor = \"Ada\"\n",
			"content/journal/2020-01-01-a.md": "+++\ntitle = \"A\"\n+++\n",
		},
			Settings{BaseURL: "https://x.org", Language: "fr", Author: "Ada", Content: ContentKeys{PostSections: []string{"journal"}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(mapFS(tt.files))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.Settings, tt.want) {
				t.Errorf("Settings = %+v; want %+v", s.Settings, tt.want)
			}
			if s.Config.Peer != s.Kind.String() {
				t.Errorf("Config.Peer = %q; want %q", s.Config.Peer, s.Kind)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"jekyll token without counterpart", map[string]string{"_config.yml": "permalink: /:year/:y_day/:title/\n", "_posts/x.md": ""},
			`_config.yml: permalink: token :y_day in "/:year/:y_day/:title/" has no counterpart in accrue`},
		{"hugo token without counterpart", map[string]string{"hugo.toml": "[permalinks]\nposts = '/:weekdayname/:slug/'\n", "content/posts/a.md": "---\ndate: 2020-01-01\n---\n"},
			`hugo.toml: permalinks.posts: token :weekdayname`},
		{"bad YAML", map[string]string{"_config.yml": "title: [unclosed\n", "_posts/x.md": ""}, `_config.yml: yaml:`},
		{"bad base URL", map[string]string{"config.toml": "base_url = \"x.org\"\n", "content/blog/a.md": ""}, `config.toml: 2:1: base_url "x.org" must be an absolute http(s) URL`},
		{"title not a string", map[string]string{"hugo.toml": "title = 3\n", "content/posts/a.md": ""}, `hugo.toml: title: want a string, not 3`},
		{"not a peer", map[string]string{"notes.txt": ""}, ErrNotPeer.Error()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(mapFS(tt.files))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error = %v; want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestTOML(t *testing.T) {
	t.Parallel()
	s, err := Load(mapFS(map[string]string{"_config.yml": "title: T\nurl: https://x.org\npermalink: /:year/:title/\n", "_posts/x.md": ""}))
	if err != nil {
		t.Fatal(err)
	}
	want := `# Written by accrue migrate from Jekyll's _config.yml.
title = 'T'
base_url = 'https://x.org/'

[permalinks]
posts = '/:year/:slug/'

[markdown]
dialect = 'jekyll'
`
	if got := string(s.TOML()); got != want {
		t.Errorf("TOML =\n%s\nwant\n%s", got, want)
	}
}

func TestPlace(t *testing.T) {
	t.Parallel()
	jekyll := &Site{Kind: Jekyll, File: "_config.yml", Exclude: []string{"scripts"}}
	head := func(p string) []byte {
		if strings.HasPrefix(p, "fm") || strings.HasSuffix(p, "page.md") {
			return []byte("---\ntitle: x\n---\n")
		}
		if strings.HasSuffix(p, "long.md") { // a front matter longer than what is read
			return []byte("---\ntitle: x\ntags: [a, b, c")
		}
		return []byte("plain")
	}
	for _, tt := range []struct {
		p, want string
		drafts  bool
	}{
		{"_posts/2020-01-01-a.md", "content/posts/2020-01-01-a.md", false},
		{"_posts/go/2020-01-01-a.md", "content/posts/go/2020-01-01-a.md", false},
		{"_drafts/a.md", "", false},
		{"_drafts/a.md", "content/posts/a.md", true},
		{"about/page.md", "content/about/page.md", false},
		{"README.md", "", false},
		{"docs/long.md", "content/docs/long.md", false},
		{"notes.md", "", false}, // no front matter: Jekyll copies it as it is
		{"fm.html", "", false},  // a Liquid template
		{"assets/img.png", "static/assets/img.png", false},
		{"CNAME", "static/CNAME", false},
		{"_includes/x.html", "", false},
		{"blog/_posts/2020-01-01-a.md", "", false},
		{"docs/_data/x.yml", "", false},
		{"_site/index.html", "", false},
		{".github/workflows/x.yml", "", false},
		{"scripts/deploy.sh", "", false},
		{"vendor/bundle/x.rb", "", false},
		{"_config.yml", "", false},
		{"assets/.DS_Store", "", false},
	} {
		got, ok := jekyll.Place(tt.p, tt.drafts, head)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Jekyll Place(%q, drafts %v) = %q, %v; want %q", tt.p, tt.drafts, got, ok, tt.want)
		}
	}
	hugo := &Site{Kind: Hugo, File: "hugo.toml", ContentDir: "src"}
	for p, want := range map[string]string{
		"src/posts/a.md": "content/posts/a.md", "static/x.png": "static/x.png",
		"layouts/index.html": "", "themes/t/theme.toml": "", "content/posts/a.md": "", "public/index.html": "",
	} {
		if got, _ := hugo.Place(p, false, head); got != want {
			t.Errorf("Hugo Place(%q) = %q; want %q", p, got, want)
		}
	}
}

func TestView(t *testing.T) {
	t.Parallel()
	fsys := mapFS(map[string]string{
		"_config.yml": "title: T\n", "_posts/2020-01-01-a.md": "---\ntitle: A\n---\n",
		"about.md": "---\ntitle: About\n---\n", "assets/css/x.css": "body{}", "_layouts/post.html": "x",
	})
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	v, diags, err := s.View(fsys, false)
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	if err := fstest.TestFS(v, "content/posts/2020-01-01-a.md", "content/about.md", "static/assets/css/x.css"); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"_config.yml", "_layouts/post.html", "_posts"} {
		if _, err := v.Open(gone); err == nil {
			t.Errorf("the view shows %s", gone)
		}
	}
}

func TestLoadWarnings(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"hugo", map[string]string{
			"hugo.toml":          "uglyURLs = true\n[permalinks]\nposts = '/:slug/'\ndocs = '/d/:slug/'\n",
			"content/posts/a.md": "---\ndate: 2020-01-01\n---\n",
		}, []string{
			"permalinks.docs is not read: accrue reads the pattern of the posts section, posts, alone; pages are at /:path/",
			"uglyURLs is not read: accrue publishes each page as a folder (/posts/x/), not /posts/x.html",
		}},
		{"jekyll", map[string]string{
			"_config.yml": "collections:\n  recipes:\n    output: true\n", "_posts/x.md": "",
		}, []string{"collections are not read: only _posts/ and pages are built"}},
		{"zola", map[string]string{"config.toml": "base_url = \"https://x.org\"\n", "content/blog/a.md": ""}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(mapFS(tt.files))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.Warnings, tt.want) {
				t.Errorf("Warnings = %q; want %q", s.Warnings, tt.want)
			}
		})
	}
}

// FuzzPlace: any file name of any peer's folder gets an answer, and what
// is shown lands in content/ or static/ under its own name.
func FuzzPlace(f *testing.F) {
	for _, seed := range []string{"_posts/2020-01-01-a.md", "a", "about.md", "x/_y/z.md", "content/_index.md", "static/a.png", "_", "a/b"} {
		f.Add(seed, true)
	}
	sites := []*Site{{Kind: Jekyll, File: "_config.yml"}, {Kind: Hugo, File: "hugo.toml", ContentDir: "content"}, {Kind: Zola, File: "config.toml", ContentDir: "content"}}
	f.Fuzz(func(t *testing.T, p string, fm bool) {
		if !fs.ValidPath(p) || p == "." {
			return
		}
		head := func(string) []byte {
			if fm {
				return []byte("---\n---\n")
			}
			return nil
		}
		for _, s := range sites {
			to, ok := s.Place(p, true, head)
			if !ok {
				continue
			}
			if !strings.HasPrefix(to, "content/") && !strings.HasPrefix(to, "static/") || path.Base(to) != path.Base(p) || !fs.ValidPath(to) {
				t.Errorf("%s Place(%q) = %q", s.Kind.Name(), p, to)
			}
		}
	})
}

func TestDated(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src string
		want      bool
	}{
		{"yaml date", "---\ntitle: A\ndate: 2024-01-02\n---\nBody\n", true},
		{"toml date", "+++\ndate = 2024-01-02\n+++\n", true},
		{"bom and crlf", "\ufeff---\r\ndate: 2024-01-02\r\n---\r\n", true},
		{"opening line with trailing blanks", "--- \ndate: 2024-01-02\n---\n", true},
		{"a longer dash line does not close", "---\ntitle: A\n----\ndate: 2024-01-02\n---\n", true},
		{"no date", "---\ntitle: A\n---\n", false},
		{"date only in the body", "---\ntitle: A\n---\ndate: 2024-01-02\n", false},
		{"never closed", "---\ndate: 2024-01-02\n", false},
		{"no front matter", "date: 2024-01-02\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := mapFS(map[string]string{"_posts/a.md": tt.src})
			if got := dated(fsys, "_posts/a.md"); got != tt.want {
				t.Errorf("dated(%q) = %v; want %v", tt.src, got, tt.want)
			}
		})
	}
}
