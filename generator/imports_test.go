package generator_test

import (
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// allowed is the dependency diagram of doc.go: for each package, the
// generator packages it may import.
var allowed = map[string][]string{
	"diag":                 {},
	"config":               {"diag", "internal/tomlkeys"},
	"content":              {"diag", "config", "internal/tomlkeys", "internal/dates", "internal/litter", "internal/yamlhint"},
	"markdown":             {"diag", "internal/mdguard"},
	"theme":                {"diag", "internal/litter"},
	"feeds":                {"diag"},
	"history":              {"diag"},
	"peers":                {"diag", "config", "internal/litter"},
	"dialect":              {"diag"},
	"site":                 {"diag", "config", "content", "markdown", "rendercache", "theme", "feeds", "history", "interactions", "accounts", "internal/safelink", "internal/flock", "dialect", "peers", "search"},
	"accounts":             {"diag", "config", "history", "interactions", "links", "ledger", "report"},
	"output":               {"internal/flock"},
	"rendercache":          {"markdown", "internal/flock"},
	"server":               {"diag", "site", "report", "internal/litter"},
	"links":                {"diag"},
	"interactions":         {"diag", "internal/dates", "internal/mdguard", "internal/litter", "internal/yamlhint"},
	"ledger":               {"diag"},
	"search":               {},
	"webmention":           {"diag"},
	"importer":             {"diag", "content", "config"},
	"collect":              {},
	"report":               {"ledger"},
	"internal/tomlkeys":    {},
	"internal/safelink":    {},
	"internal/dates":       {},
	"internal/yamlhint":    {},
	"internal/flock":       {},
	"internal/mdguard":     {"diag"},
	"internal/litter":      {},
	"internal/gittest":     {},
	"internal/fastimport":  {},
	"internal/corpus":      {"internal/fastimport"},
	"internal/blogshape":   {"internal/fastimport"},
	"internal/sitetest":    {"diag", "site"},
	"internal/browsertest": {},
	"internal/pagecheck":   {},
}

func TestImports(t *testing.T) {
	const module = "github.com/accruehq/accrue/generator/"
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module)
		if !strings.HasPrefix(fields[0], module) {
			continue
		}
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s is not in the dependency diagram; add it to doc.go and allowed", pkg)
			continue
		}
		sort.Strings(ok)
		for _, imp := range fields[1:] {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			dep := strings.TrimPrefix(imp, module)
			if i := sort.SearchStrings(ok, dep); i == len(ok) || ok[i] != dep {
				t.Errorf("%s imports %s, which the diagram in doc.go does not allow", pkg, dep)
			}
		}
	}
}
