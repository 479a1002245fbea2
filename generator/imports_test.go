package generator_test

import (
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// allowed is the dependency diagram of doc.go: for each package, the
// packages of the module it may import. A name is the package's path under
// generator/; one that starts with a slash is the path from the module's
// root instead (cmd/accrue, the harnesses in testkit/, themes).
var allowed = map[string][]string{
	"diag":                 {},
	"config":               {"diag", "internal/tomlkeys"},
	"content":              {"diag", "config", "internal/tomlkeys", "internal/dates", "internal/frontmatter", "internal/litter", "internal/yamlhint"},
	"markdown":             {"diag", "internal/mdguard"},
	"theme":                {"diag", "internal/litter"},
	"feeds":                {"diag"},
	"history":              {"diag", "internal/atomicfile"},
	"peers":                {"diag", "config", "internal/frontmatter", "internal/litter"},
	"dialect":              {"diag"},
	"pages":                {"diag", "config", "history", "interactions", "markdown", "theme", "accounts"},
	"site":                 {"diag", "config", "content", "markdown", "rendercache", "theme", "feeds", "history", "interactions", "accounts", "pages", "internal/safelink", "internal/flock", "dialect", "peers", "search"},
	"accounts":             {"diag", "config", "history", "interactions", "links", "ledger", "report"},
	"output":               {"internal/flock", "internal/atomicfile"},
	"rendercache":          {"markdown", "internal/flock", "internal/atomicfile"},
	"server":               {"diag", "site", "report", "internal/litter"},
	"links":                {"diag"},
	"interactions":         {"diag", "markdown", "internal/dates", "internal/frontmatter", "internal/litter", "internal/yamlhint"},
	"ledger":               {"diag"},
	"search":               {},
	"webmention":           {"diag"},
	"importer":             {"diag", "content", "config"},
	"collect":              {},
	"report":               {"ledger"},
	"internal/tomlkeys":    {},
	"internal/safelink":    {},
	"internal/dates":       {},
	"internal/frontmatter": {},
	"internal/yamlhint":    {},
	"internal/flock":       {},
	"internal/atomicfile":  {},
	"internal/mdguard":     {"diag"},
	"internal/litter":      {},
	"/cmd/accrue":          {"diag", "config", "content", "site", "server", "report", "output", "webmention", "importer", "collect", "peers", "/themes"},
	"/testkit/gittest":     {},
	"/testkit/fastimport":  {},
	"/testkit/corpus":      {"/testkit/fastimport"},
	"/testkit/blogshape":   {"/testkit/fastimport"},
	"/testkit/sitetest":    {"diag", "site", "/themes"},
	"/testkit/browsertest": {},
	"/testkit/pagecheck":   {},
}

// module is the module's import path, with the slash that ends it.
const module = "github.com/accruehq/accrue/"

// name is the name allowed knows the package at path by, and whether it is
// one of the module's packages.
func name(path string) (string, bool) {
	rel, ok := strings.CutPrefix(path, module)
	if !ok {
		return "", false
	}
	if pkg, ok := strings.CutPrefix(rel, "generator/"); ok {
		return pkg, true
	}
	return "/" + rel, true
}

// TestImports checks the non-test imports of every package under
// generator/, cmd/ and testkit/ against allowed. Files that the build
// constraints leave out on this system are checked too, so a file for
// another system cannot hide an edge. Above the diagram, one rule holds
// whatever allowed says: testkit is for tests, and no non-test file under
// generator/ or cmd/ may import it.
//
// Test files are not checked. A package's tests may import testkit and, to
// test end to end, the packages that import it or its siblings (collect's
// tests read what they write with interactions, site's build with
// sitetest); Go already refuses the cycles that would make.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Dir,Imports,IgnoredGoFiles", "../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p struct {
			ImportPath, Dir         string
			Imports, IgnoredGoFiles []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list: %v", err)
		}
		pkg, _ := name(p.ImportPath)
		top := strings.HasPrefix(pkg, "/cmd/") || strings.HasPrefix(pkg, "/testkit/")
		if strings.HasPrefix(pkg, "/") && !top {
			continue // themes, which is files, and the notes generator and testkit, which have no code
		}
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s is not in the dependency diagram; add it to doc.go and allowed", pkg)
			continue
		}
		imports := p.Imports
		for _, f := range p.IgnoredGoFiles {
			if !strings.HasSuffix(f, "_test.go") {
				imports = append(imports, fileImports(t, filepath.Join(p.Dir, f))...)
			}
		}
		for _, imp := range imports {
			dep, mod := name(imp)
			switch {
			case !mod:
			case strings.HasPrefix(dep, "/testkit/") && !strings.HasPrefix(pkg, "/testkit/"):
				t.Errorf("%s imports %s outside its tests; testkit is only for tests", pkg, dep)
			case !slices.Contains(ok, dep):
				t.Errorf("%s imports %s, which the diagram in doc.go does not allow", pkg, dep)
			}
		}
	}
}

// fileImports reads the import paths of the Go file at path.
func fileImports(t *testing.T, path string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatalf("reading the imports of %s: %v", path, err)
	}
	var paths []string
	for _, s := range f.Imports {
		p, err := strconv.Unquote(s.Path.Value)
		if err != nil {
			t.Fatalf("%s: import %s: %v", path, s.Path.Value, err)
		}
		paths = append(paths, p)
	}
	return paths
}
