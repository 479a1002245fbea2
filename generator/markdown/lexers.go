package markdown

import (
	"errors"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// chroma gives every rule of its lexers a 250ms regexp2 MatchTimeout and
// takes a rule that timed out for a rule that did not match, silently. A
// match is microseconds of work, but the timeout is wall time read from a
// clock regexp2 ticks in a goroutine of its own: on a loaded machine a
// match whose goroutine waits its turn, or whose deadline came from a
// clock that had not ticked for a while, times out, and a keyword comes
// out as a name. So accrue highlights with copies of chroma's lexers
// whose rules have a bound no scheduling delay reaches (runawayMatch),
// and checks that bound itself (runawayBlock, in highlight).
const (
	// runawayMatch bounds one match of one rule. Only catastrophic
	// backtracking gets near it; a timeout still reads as no match, which
	// is why highlight never keeps the tokens of a block that ran for
	// runawayBlock.
	runawayMatch = time.Minute
	// runawayBlock bounds the tokenising of one code block: past it the
	// block is shown unhighlighted. It is well below runawayMatch, so a
	// block in which a match timed out is always past it (regexp2's
	// deadlines come from a clock that lags real time by its 100ms tick,
	// or by as long as the machine starves the goroutine that ticks it),
	// and never shown with the wrong tokens. On a 2-CPU machine loaded far
	// past its capacity, with the race detector on, a five-line block
	// took over 5s: the bounds are wall time and must leave room for that.
	runawayBlock = runawayMatch / 2
)

// lexerSet is chroma's registry rebuilt: each regex lexer is copied with
// its rules bounded by runawayMatch instead of chroma's 250ms. Lexers
// chroma builds out of other lexer values (a delegating or remapping
// lexer, Markdown with front matter, HTTP with a body) hide those values
// and are kept as they are, with chroma's timeouts.
type lexerSet struct {
	reg      *chroma.LexerRegistry
	copies   map[chroma.Lexer]chroma.Lexer // chroma's lexer → its copy
	fallback chroma.Lexer
}

// lexerCopies is built once: like chroma's own registry, it is a table
// that is read-only once made, and a copy compiles its rules on first
// use, which is worth doing once per process rather than once per build.
var lexerCopies = sync.OnceValue(func() *lexerSet {
	return newLexerSet(lexers.GlobalLexerRegistry, lexers.Fallback)
})

func newLexerSet(global *chroma.LexerRegistry, fallback chroma.Lexer) *lexerSet {
	s := &lexerSet{reg: chroma.NewLexerRegistry(), copies: map[chroma.Lexer]chroma.Lexer{}}
	// Registered in chroma's order, so that a name resolves here as it
	// does there when a lexer looks another up by name (Using).
	for _, l := range global.Lexers {
		c := s.copy(l)
		s.copies[l] = c
		s.reg.Register(c)
	}
	s.fallback = s.copy(fallback)
	return s
}

// get returns the lexer for a fence's language, chosen as chroma chooses
// it, or nil.
func (s *lexerSet) get(lang string) chroma.Lexer {
	l := lexers.Get(lang)
	if l == nil {
		return nil
	}
	if c, ok := s.copies[l]; ok {
		return c
	}
	return l
}

func (s *lexerSet) copy(l chroma.Lexer) chroma.Lexer {
	rl, ok := l.(*chroma.RegexLexer)
	if !ok {
		// Registering a lexer sets its registry: chroma's own must keep
		// chroma's.
		return foreign{l}
	}
	c, err := chroma.NewLexer(rl.Config(), func() chroma.Rules {
		rules, err := rl.Rules()
		if err != nil {
			return nil // the copy then fails to compile as rl did, and the block is shown plain
		}
		rules = rules.Clone()
		if rl == lexers.Go {
			s.goRawStrings(rules)
		}
		rules[boundState] = []chroma.Rule{{Mutator: matchBound{}}}
		return rules
	})
	if err != nil {
		return foreign{l} // chroma checked the same config when it made rl
	}
	c.SetAnalyser(rl.AnalyseText)
	return c
}

// goRawStrings points the rule of chroma's Go lexer for raw strings, which
// lexes them with the Go text template lexer itself rather than by name,
// at the copy of that lexer. TestLexerCopies fails if the rule changes.
func (s *lexerSet) goRawStrings(rules chroma.Rules) {
	for i, r := range rules["root"] {
		if r.Pattern == goRawString {
			tmpl := s.copies[lexers.GoTextTemplate]
			if tmpl == nil {
				return
			}
			rules["root"][i].Type = chroma.ByGroups(chroma.LiteralString,
				chroma.UsingLexer(chroma.TypeRemappingLexer(tmpl, chroma.TypeMapping{{From: chroma.Other, To: chroma.LiteralString}})),
				chroma.LiteralString)
		}
	}
}

const goRawString = "(`)([^`]*)(`)"

// boundState holds the one rule that carries matchBound into a copy.
const boundState = "accrue-match-bound"

// matchBound sets the MatchTimeout of every rule of a lexer copy. chroma
// runs a LexerMutator once, when it compiles the lexer, after it compiled
// the rules' regexps and set their 250ms; the state that held the rule is
// then removed, so nothing can push it.
type matchBound struct{}

var _ chroma.LexerMutator = matchBound{}

func (matchBound) MutateLexer(rules chroma.CompiledRules, state string, _ int) error {
	for _, rs := range rules {
		for _, r := range rs {
			if r.Regexp != nil {
				r.Regexp.MatchTimeout = runawayMatch
			}
		}
	}
	delete(rules, state)
	return nil
}

func (matchBound) Mutate(*chroma.LexerState) error {
	return errors.New("the match bound state was entered")
}

// foreign is a lexer of chroma's kept in the set unchanged. Registering it
// does not change the registry it looks other lexers up in.
type foreign struct{ chroma.Lexer }

func (f foreign) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return f }
