package theme

import (
	"html/template"
	"text/template/parse"
)

// SharedFields returns the names of the fields and methods that some
// layout reads from a value other than the page being rendered: inside
// range and with, through a chain (.Prev.Title), a variable, or in a
// template called with another value. The dev server uses it to know
// which changes to one post can show on other pages: a field read only on
// a post's own page (its .Content, in the default theme) changes only that
// page. Names are not tied to types, which errs on the side of rebuilding.
func (t *Theme) SharedFields() map[string]bool {
	a := &depAnalyzer{shared: map[string]bool{}, seen: map[depKey]bool{}}
	for _, tmpl := range t.templates {
		entry := BaseLayout
		if standalone[tmpl.Name()] {
			entry = tmpl.Name()
		}
		a.template(tmpl, entry, true)
	}
	return a.shared
}

type depKey struct {
	set  *template.Template
	name string
	page bool
}

type depAnalyzer struct {
	shared map[string]bool
	seen   map[depKey]bool
}

// template walks the template name of set; page says whether its dot is
// the page being rendered.
func (a *depAnalyzer) template(set *template.Template, name string, page bool) {
	k := depKey{set, name, page}
	if a.seen[k] {
		return
	}
	a.seen[k] = true
	tt := set.Lookup(name)
	if tt == nil || tt.Tree == nil {
		return
	}
	w := &depWalker{a: a, set: set, root: page}
	w.node(tt.Tree.Root, page)
}

type depWalker struct {
	a    *depAnalyzer
	set  *template.Template
	root bool // whether $ is the page being rendered
}

func (w *depWalker) node(n parse.Node, page bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			w.node(c, page)
		}
	case *parse.ActionNode:
		w.pipe(n.Pipe, page)
	case *parse.IfNode:
		w.pipe(n.Pipe, page)
		w.node(n.List, page)
		w.node(n.ElseList, page)
	case *parse.RangeNode:
		w.pipe(n.Pipe, page)
		w.node(n.List, false)
		w.node(n.ElseList, page)
	case *parse.WithNode:
		w.pipe(n.Pipe, page)
		w.node(n.List, false)
		w.node(n.ElseList, page)
	case *parse.TemplateNode:
		w.pipe(n.Pipe, page)
		w.a.template(w.set, n.Name, page && isDot(n.Pipe))
	}
}

func (w *depWalker) pipe(p *parse.PipeNode, page bool) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			w.arg(arg, page)
		}
		if len(cmd.Args) >= 3 {
			if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && id.Ident == "partialCached" {
				if name, ok := cmd.Args[1].(*parse.StringNode); ok {
					_, dot := cmd.Args[2].(*parse.DotNode)
					w.a.template(w.set, name.Text, page && dot)
				}
			}
		}
	}
}

func (w *depWalker) arg(n parse.Node, page bool) {
	switch n := n.(type) {
	case *parse.FieldNode:
		w.fields(n.Ident, page)
	case *parse.VariableNode:
		if len(n.Ident) > 1 {
			w.fields(n.Ident[1:], n.Ident[0] == "$" && w.root)
		}
	case *parse.ChainNode:
		w.arg(n.Node, page)
		w.fields(n.Field, false)
	case *parse.PipeNode:
		w.pipe(n, page)
	}
}

// fields records a chain of field names read from dot: the first is read
// from the page itself when page is true; the rest are read from other
// values.
func (w *depWalker) fields(idents []string, page bool) {
	for i, id := range idents {
		if i > 0 || !page {
			w.a.shared[id] = true
		}
	}
}

func isDot(p *parse.PipeNode) bool {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

// Forget drops what partialCached remembered, so a new build with new
// pages starts clean.
func (t *Theme) Forget() {
	t.cached.Clear()
}
