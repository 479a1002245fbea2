package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

var funcs = template.FuncMap{"upper": strings.ToUpper}

// base is a minimal theme with every layout.
func base() fstest.MapFS {
	fsys := fstest.MapFS{
		"layouts/base.html":          {Data: []byte(`<main>{{ block "main" . }}{{ end }}</main>{{ template "partials/foot.html" . }}`)},
		"layouts/partials/foot.html": {Data: []byte(`<footer>base foot</footer>`)},
		"layouts/alias.html":         {Data: []byte(`moved to {{ . }}`)},
		"static/css/theme.css":       {Data: []byte(`base css`)},
		"static/img/logo.svg":        {Data: []byte(`<svg/>`)},
	}
	for _, name := range []string{"post", "page", "list", "terms", "archive", "404"} {
		fsys["layouts/"+name+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}` + name + ` {{ . }}{{ end }}`)}
	}
	return fsys
}

func render(t *testing.T, th *Theme, k Kind, data any) string {
	t.Helper()
	var b strings.Builder
	if err := th.Execute(&b, k, data); err != nil {
		t.Fatalf("Execute(%s): %v", k, err)
	}
	return b.String()
}

func TestLookupAndLayers(t *testing.T) {
	site := fstest.MapFS{
		"layouts/post.html":          {Data: []byte(`{{ define "main" }}site post {{ upper . }}{{ end }}`)},
		"layouts/partials/foot.html": {Data: []byte(`<footer>site foot</footer>`)},
		"static/css/theme.css":       {Data: []byte(`site css`)},
	}
	th, diags := Load([]Layer{{FS: site, Name: ""}, {FS: base(), Name: "builtin"}}, funcs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, tt := range []struct {
		kind Kind
		want string
	}{
		{KindPost, "<main>site post HELLO</main><footer>site foot</footer>"},
		{KindPage, "<main>page hello</main><footer>site foot</footer>"},
		{KindHome, "<main>list hello</main><footer>site foot</footer>"}, // home.html falls back to list.html
		{KindTerm, "<main>list hello</main><footer>site foot</footer>"},
		{KindAlias, "moved to hello"}, // standalone: no base.html
	} {
		if got := render(t, th, tt.kind, "hello"); got != tt.want {
			t.Errorf("%s page = %q; want %q", tt.kind, got, tt.want)
		}
	}
	var got []string
	for _, f := range th.Static() {
		data, err := ReadStatic(f)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.Path+"="+string(data))
	}
	if want := "css/theme.css=site css,img/logo.svg=<svg/>"; strings.Join(got, ",") != want {
		t.Errorf("static = %v; want %s", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(fstest.MapFS)
		want string
	}{
		{"undefined function", func(f fstest.MapFS) {
			f["layouts/post.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n\n{{ sumary . }}{{ end }}")}
		}, `themes/x/layouts/post.html:3: template: undefined function "sumary"`},
		{"syntax", func(f fstest.MapFS) {
			f["layouts/list.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}{{ if }}{{ end }}")}
		}, `themes/x/layouts/list.html:1: template: missing value for if`},
		{"missing layout", func(f fstest.MapFS) { delete(f, "layouts/archive.html") },
			`layouts/archive.html: theme has no layout for archive pages (looked for archive.html)`},
		{"missing base", func(f fstest.MapFS) { delete(f, "layouts/base.html") },
			`layouts/base.html: theme has no base.html; every page layout is rendered inside it`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := base()
			tt.edit(fsys)
			_, diags := Load([]Layer{{FS: fsys, Name: "themes/x"}}, funcs)
			if got := diags.Errors().Error(); got != tt.want {
				t.Errorf("errors = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestUnusedLayoutWarns(t *testing.T) {
	fsys := base()
	fsys["layouts/single.html"] = &fstest.MapFile{Data: []byte(`x`)}
	_, diags := Load([]Layer{{FS: fsys, Name: "themes/x"}}, funcs)
	if got := diags.Warnings().Error(); !strings.HasPrefix(got, `themes/x/layouts/single.html: warning: layout "single.html" is not used by any kind of page`) {
		t.Errorf("warnings = %q", got)
	}
}

func TestExecuteErrorNamesFile(t *testing.T) {
	fsys := base()
	fsys["layouts/post.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n{{ .Missing }}{{ end }}")}
	th, diags := Load([]Layer{{FS: fsys, Name: "themes/x"}}, funcs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	err := th.Execute(&strings.Builder{}, KindPost, struct{}{})
	if err == nil || !strings.HasPrefix(err.Error(), `themes/x/layouts/post.html:2:3: template: executing "main" at <.Missing>`) {
		t.Errorf("err = %v", err)
	}
}

func TestPartialCached(t *testing.T) {
	fsys := base()
	calls := 0
	f := template.FuncMap{"count": func() int { calls++; return calls }}
	fsys["layouts/partials/card.html"] = &fstest.MapFile{Data: []byte(`card {{ .N }} call {{ count }}`)}
	fsys["layouts/post.html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ partialCached "partials/card.html" . }}|{{ partialCached "partials/card.html" . }}{{ end }}`)}
	th, diags := Load([]Layer{{FS: fsys, Name: "x"}}, f)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	type data struct{ N int }
	one, two := &data{1}, &data{2}
	if got := render(t, th, KindPost, one); !strings.Contains(got, "card 1 call 1|card 1 call 1") {
		t.Errorf("first render = %q; want the partial rendered once", got)
	}
	if got := render(t, th, KindPost, two); !strings.Contains(got, "card 2 call 2|card 2 call 2") {
		t.Errorf("other data = %q; want a fresh render", got)
	}
	if got := render(t, th, KindPost, one); !strings.Contains(got, "card 1 call 1") {
		t.Errorf("same data again = %q; want the cached render", got)
	}
}

func TestSyntaxCSS(t *testing.T) {
	css, err := SyntaxCSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	light, dark, ok := strings.Cut(s, "@media (prefers-color-scheme: dark) {")
	if !ok || !strings.Contains(light, "@media not all and (prefers-color-scheme: dark) {") || !strings.Contains(light, ".chroma") || !strings.Contains(dark, ".chroma") || !strings.HasSuffix(s, "}\n") {
		t.Errorf("stylesheet lacks light rules, a dark media query or its end:\n%s", s)
	}
	if _, err := SyntaxCSS("nope", ""); err == nil || !strings.HasPrefix(err.Error(), `unknown highlight style "nope" (known: `) {
		t.Errorf("err = %v", err)
	}
}

func TestSharedFields(t *testing.T) {
	fsys := base()
	fsys["layouts/post.html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ .Content }} {{ .Title }} {{ .Prev.Title }}{{ with .SeriesNav }}{{ .Index }}{{ end }}{{ $.WordCount }}{{ template "partials/meta.html" . }}{{ end }}`)}
	fsys["layouts/partials/meta.html"] = &fstest.MapFile{Data: []byte(`{{ .Date }}`)}
	fsys["layouts/partials/card.html"] = &fstest.MapFile{Data: []byte(`{{ .Summary }}{{ template "partials/meta.html" . }}`)}
	fsys["layouts/list.html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ range .Posts }}{{ partialCached "partials/card.html" . }}{{ $.Kind }}{{ end }}{{ (index .Posts 0).Headings }}{{ end }}`)}
	th, diags := Load([]Layer{{FS: fsys, Name: "x"}}, funcs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got := th.SharedFields()
	for _, name := range []string{"Title", "Index", "Summary", "Date", "Headings"} {
		if !got[name] {
			t.Errorf("%s is read from other values but not reported as shared", name)
		}
	}
	for _, name := range []string{"Content", "WordCount", "Prev", "SeriesNav", "Kind", "Posts"} {
		if got[name] {
			t.Errorf("%s is read only from the page itself but reported as shared", name)
		}
	}
}
