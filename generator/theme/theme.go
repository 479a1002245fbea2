package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/accruehq/accrue/generator/diag"
	"github.com/accruehq/accrue/generator/internal/litter"
)

// Layer is one file system a theme is read from, with the path shown in
// diagnostics for its files ("layouts", "themes/blue").
type Layer struct {
	FS   fs.FS
	Name string
}

// Theme is a loaded theme: one parsed template per kind and the static
// files to copy. It is read-only after Load and safe for concurrent use.
type Theme struct {
	templates map[Kind]*template.Template
	// sources maps a template name to the file it came from, for errors.
	sources map[string]string
	static  []StaticFile
	// sums are the checksums of the layout files parsed, by name, for
	// Fingerprint.
	sums map[string]uint64
	// cached holds partialCached results for the lifetime of the theme,
	// which is one build.
	cached sync.Map // partialKey -> template.HTML
}

type partialKey struct {
	name string
	data any
}

// StaticFile is a file to copy into the output as it is.
type StaticFile struct {
	Path  string // output path, slash separated, e.g. "css/theme.css"
	Layer Layer
	Src   string // path within Layer.FS
}

// Load reads layouts/ and static/ from layers, the first layer winning for
// each file name. funcs are the template functions; templates may only
// call those.
func Load(layers []Layer, funcs template.FuncMap) (*Theme, diag.List) {
	t := &Theme{templates: map[Kind]*template.Template{}, sources: map[string]string{}}
	all := template.FuncMap{}
	for k, v := range funcs {
		all[k] = v
	}
	all["partialCached"] = t.partialCached
	funcs = all
	layouts := map[string]file{}
	var diags diag.List
	for i := len(layers) - 1; i >= 0; i-- { // lowest first, higher layers overwrite
		for _, f := range listFiles(layers[i], "layouts") {
			layouts[f.name] = f
		}
	}
	partials := map[string]file{}
	for name, f := range layouts {
		if strings.HasPrefix(name, "partials/") {
			partials[name] = f
		}
	}
	base, ok := layouts[BaseLayout]
	if !ok {
		return nil, diag.List{diag.Errorf(diag.Pos{File: "layouts/" + BaseLayout}, "theme has no %s; every page layout is rendered inside it", BaseLayout)}
	}
	root := template.New(BaseLayout).Funcs(funcs)
	common := []file{base}
	for _, name := range sortedKeys(partials) {
		common = append(common, partials[name])
	}
	for _, f := range common {
		if err := t.parse(root, f); err != nil {
			diags.Add(err)
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	failed := map[string]bool{}
	for _, kind := range Kinds() {
		var f file
		found := false
		for _, name := range lookup[kind] {
			if f, found = layouts[name]; found {
				break
			}
		}
		if !found {
			diags.Add(diag.Errorf(diag.Pos{File: "layouts/" + lookup[kind][0]}, "theme has no layout for %s pages (looked for %s)", kind, strings.Join(lookup[kind], ", ")))
			continue
		}
		var tmpl *template.Template
		if standalone[f.name] {
			tmpl = template.New(f.name).Funcs(funcs)
		} else {
			clone, err := root.Clone()
			if err != nil {
				diags.Add(diag.Errorf(diag.Pos{File: f.source}, "%v", err))
				continue
			}
			tmpl = clone
		}
		if failed[f.name] {
			continue // one layout can serve several kinds; report it once
		}
		if err := t.parse(tmpl, f); err != nil {
			diags.Add(err)
			failed[f.name] = true
			continue
		}
		t.templates[kind] = tmpl
	}
	known := map[string]bool{BaseLayout: true}
	for _, names := range lookup {
		for _, n := range names {
			known[n] = true
		}
	}
	for _, name := range sortedKeys(layouts) {
		if !known[name] && !strings.HasPrefix(name, "partials/") {
			diags.Add(diag.Warnf(diag.Pos{File: layouts[name].source}, "layout %q is not used by any kind of page (known: %s)", name, strings.Join(sortedKeys(known), ", ")))
		}
	}
	statics := map[string]StaticFile{}
	for i := len(layers) - 1; i >= 0; i-- {
		for _, f := range listFiles(layers[i], "static") {
			statics[f.name] = StaticFile{Path: f.name, Layer: layers[i], Src: "static/" + f.name}
		}
	}
	for _, name := range sortedKeys(statics) {
		t.static = append(t.static, statics[name])
	}
	return t, diags
}

type file struct {
	name   string // path under layouts/ or static/
	layer  Layer
	source string // path shown to users
}

func listFiles(l Layer, dir string) []file {
	var out []file
	// A layer without this folder is normal, so walk errors are ignored.
	_ = fs.WalkDir(l.FS, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || litter.Is(d.Name()) {
			return nil
		}
		name := strings.TrimPrefix(p, dir+"/")
		out = append(out, file{name: name, layer: l, source: path.Join(l.Name, p)})
		return nil
	})
	return out
}

func (t *Theme) parse(tmpl *template.Template, f file) *diag.Error {
	src, err := fs.ReadFile(f.layer.FS, path.Join(strings.TrimPrefix(f.source, f.layer.Name+"/")))
	if err != nil {
		return diag.Errorf(diag.Pos{File: f.source}, "reading layout: %v", err)
	}
	t.sources[f.name] = f.source
	if t.sums == nil {
		t.sums = map[string]uint64{}
	}
	t.sums[f.name] = checksum(src)
	var target *template.Template
	if tmpl.Name() == f.name {
		target = tmpl
	} else {
		target = tmpl.New(f.name)
	}
	if _, err := target.Parse(string(src)); err != nil {
		return t.templateError(err)
	}
	return nil
}

var templateErr = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError turns an html/template error into a diagnostic at the
// theme file that caused it.
func (t *Theme) templateError(err error) *diag.Error {
	msg := err.Error()
	m := templateErr.FindStringSubmatch(msg)
	if m == nil {
		return diag.Errorf(diag.Pos{}, "template: %s", strings.TrimPrefix(msg, "template: "))
	}
	file := m[1]
	if src, ok := t.sources[file]; ok {
		file = src
	}
	line, _ := strconv.Atoi(m[2]) // the regexp matched digits
	col, _ := strconv.Atoi(m[3])
	text := m[4]
	if fn := undefinedFunc.FindStringSubmatch(text); fn != nil {
		text = fmt.Sprintf("undefined function %q", fn[1])
	}
	return diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, "template: %s", text)
}

var undefinedFunc = regexp.MustCompile(`^function "([^"]+)" not defined$`)

// Execute renders the layout for kind with data into w. Errors name the
// layout file and line.
func (t *Theme) Execute(w io.Writer, kind Kind, data any) error {
	tmpl, ok := t.templates[kind]
	if !ok {
		return fmt.Errorf("no layout for %s pages", kind)
	}
	name := BaseLayout
	if standalone[tmpl.Name()] {
		name = tmpl.Name()
	}
	if err := tmpl.ExecuteTemplate(w, name, data); err != nil {
		var execErr texttemplate.ExecError
		if errors.As(err, &execErr) {
			return t.templateError(execErr.Err)
		}
		return t.templateError(err)
	}
	return nil
}

// partialCached renders the template name with data once per build and
// reuses the result, as Hugo's partialCached does: a post's summary is
// shown on the home page and on each of its tag pages, identically. data
// must be comparable (a page pointer is).
func (t *Theme) partialCached(name string, data any) (template.HTML, error) {
	key := partialKey{name, data}
	if html, ok := t.cached.Load(key); ok {
		return html.(template.HTML), nil
	}
	var tmpl *template.Template
	for _, k := range Kinds() {
		if tt := t.templates[k]; tt != nil && tt.Lookup(name) != nil {
			tmpl = tt
			break
		}
	}
	if tmpl == nil {
		return "", fmt.Errorf("partialCached: no template %q", name)
	}
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	t.cached.Store(key, html)
	return html, nil
}

// Static returns the static files to copy, sorted by output path.
func (t *Theme) Static() []StaticFile { return t.static }

// ReadStatic returns the bytes of f.
func ReadStatic(f StaticFile) ([]byte, error) {
	return fs.ReadFile(f.Layer.FS, f.Src)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
