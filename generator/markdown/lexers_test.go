package markdown

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// TestLexerCopies checks that the copies lex as chroma's lexers do and
// lists the lexers that are not copied, so that a chroma upgrade that
// changes either is seen.
func TestLexerCopies(t *testing.T) {
	s := lexerCopies()
	var foreigners []string
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		c := s.copies[l]
		switch c.(type) {
		case foreign:
			foreigners = append(foreigners, l.Config().Name)
		case *chroma.RegexLexer:
			if c == l {
				t.Errorf("%s: the copy is chroma's lexer", l.Config().Name)
			}
		default:
			t.Errorf("%s: copied as %T", l.Config().Name, c)
		}
	}
	slices.Sort(foreigners)
	// Lexers chroma builds out of other lexer values it does not expose:
	// they keep chroma's timeouts (see lexers.go and doc.go).
	want := []string{"Common Lisp", "ERB", "EmacsLisp", "Go HTML Template", "HTTP", "PHTML", "Svelte", "YAML+Jinja", "markdown"}
	if !slices.Equal(foreigners, want) {
		t.Errorf("lexers not copied = %q; want %q", foreigners, want)
	}

	rules, err := lexers.Go.(*chroma.RegexLexer).Rules()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(rules["root"], func(r chroma.Rule) bool { return r.Pattern == goRawString }) {
		t.Errorf("chroma's Go lexer has no rule %q for raw strings: goRawStrings must follow it", goRawString)
	}

	for _, tt := range []struct{ lang, code string }{
		{"go", "package main\n\nimport \"fmt\"\n\n// Tag is `json`.\ntype T struct {\n\tA int `json:\"a\"`\n}\n\nvar tmpl = `{{ range .Posts }}{{ .Title }}{{ end }} and text`\n\nfunc main() { fmt.Println(0x1F, 'x', 2.5i) }\n"},
		{"html", "<!doctype html>\n<style>a { color: #333 }</style>\n<p class=\"x\">Hi &amp; bye</p>\n<script>const a = [1, 'b'];</script>\n"},
		{"yaml", "title: \"t\" # c\nlist:\n  - a\n  - {b: 1}\n"},
		{"toml", "[markdown]\nunsafe = true\ndate = 2024-01-02\n"},
		{"bash", "for f in *.md; do echo \"$f\" | wc -l; done # c\n"},
		{"python", "@dec\ndef f(a: int = 1) -> str:\n    return f\"{a!r}\"\n"},
		{"ruby", "def f(a)\n  puts \"#{a}\" if a\nend\n"},
		{"text", "plain <text>\n"},
		{"nosuchlang", "just <text> & more\n"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			chromas := lexers.Get(tt.lang)
			ours := s.get(tt.lang)
			if chromas == nil {
				chromas, ours = lexers.Fallback, s.fallback
			}
			got, err := chroma.Tokenise(chroma.Coalesce(ours), nil, tt.code)
			if err != nil {
				t.Fatal(err)
			}
			// chroma's lexers time out on a loaded machine: a
			// difference is only believed when it is seen again.
			for range 3 {
				var want []chroma.Token
				if want, err = chroma.Tokenise(chroma.Coalesce(chromas), nil, tt.code); err != nil {
					t.Fatal(err)
				}
				if reflect.DeepEqual(got, want) {
					return
				}
			}
			t.Errorf("the copy of %s lexes %q differently from chroma's lexer", chromas.Config().Name, tt.code)
		})
	}
}

// TestMatchBound checks that every rule of a copy, included ones too,
// has runawayMatch for timeout where chroma's has 250ms.
func TestMatchBound(t *testing.T) {
	t.Parallel()
	var seen chroma.CompiledRules
	probe := chroma.MustNewLexer(&chroma.Config{Name: "probe"}, func() chroma.Rules {
		return chroma.Rules{
			"root": {
				{Pattern: `x`, Type: chroma.Text, Mutator: chroma.MutatorFunc(func(st *chroma.LexerState) error {
					seen = st.Rules
					return nil
				})},
				chroma.Include("more"),
			},
			"more": {{Pattern: `y`, Type: chroma.Text}},
		}
	})
	for _, tt := range []struct {
		name  string
		lexer chroma.Lexer
		want  time.Duration
	}{
		{"chroma", probe, 250 * time.Millisecond},
		{"copy", lexerCopies().copy(probe), runawayMatch},
	} {
		seen = nil
		if _, err := chroma.Tokenise(tt.lexer, nil, "xy"); err != nil {
			t.Fatal(err)
		}
		if _, ok := seen[boundState]; ok {
			t.Errorf("%s: the state %q is left in the lexer", tt.name, boundState)
		}
		n := 0
		for state, rules := range seen {
			for i, r := range rules {
				n++
				if r.Regexp.MatchTimeout != tt.want {
					t.Errorf("%s: rule %s.%d (%s) times out after %v; want %v", tt.name, state, i, r.Pattern, r.Regexp.MatchTimeout, tt.want)
				}
			}
		}
		if n != 3 {
			t.Errorf("%s: %d rules; want 3", tt.name, n)
		}
	}
}

// TestHighlightBudget checks that a block whose tokenising runs past its
// budget is refused whole, not shown with the tokens it had so far.
func TestHighlightBudget(t *testing.T) {
	t.Parallel()
	l := lexerCopies().get("go")
	if toks, ok := highlight(l, "package main\n", time.Hour); !ok || len(toks) == 0 {
		t.Errorf("highlight with an hour = %v, %v; want tokens", toks, ok)
	}
	if toks, ok := highlight(l, "package main\n", 0); ok || toks != nil {
		t.Errorf("highlight with no time = %v, %v; want nothing", toks, ok)
	}
}
