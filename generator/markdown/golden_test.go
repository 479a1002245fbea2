package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "update golden files")

// goldenCases render testdata/<input> with opts and compare the HTML with
// testdata/<name>.golden.html. Update with
// go test ./generator/markdown -run TestGolden -update, then review the diff.
var goldenCases = []struct {
	name, input string
	opts        Options
}{
	{"gfm", "gfm.md", Options{}},
	{"footnotes", "footnotes.md", Options{}},
	{"typographer_off", "typographer.md", Options{}},
	{"typographer_on", "typographer.md", Options{Typographer: true}},
	{"headings", "headings.md", Options{}},
	{"code", "code.md", Options{}},
	{"code_linenumbers", "code.md", Options{LineNumbers: true}},
	{"rawhtml_safe", "rawhtml.md", Options{}},
	{"rawhtml_unsafe", "rawhtml.md", Options{Unsafe: true}},
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range goldenCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(filepath.Join("testdata", tt.input))
			if err != nil {
				t.Fatal(err)
			}
			res, err := New(tt.opts).Render(src)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tt.name+".golden.html")
			if *update {
				if err := os.WriteFile(golden, []byte(res.HTML), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./generator/markdown -run TestGolden -update)", err)
			}
			if got := string(res.HTML); got != string(want) {
				t.Errorf("Render(%s) differs from %s:\n--- got\n%s\n--- want\n%s", tt.input, golden, got, want)
			}
		})
	}
}
