// Package fixes builds the suggested fixes of blockcheck: rewrites of a
// blocking call into its context-aware form, using the context already in
// scope at the call.
//
// A rewrite is a template from the catalogue, rendered from the call's own
// source text:
//
//	${ctx}   the context expression in scope ("ctx", "r.Context()")
//	${recv}  the receiver operand of a method call (db in db.Query(q))
//	${pkg}   the package qualifier as written (http in http.Get, or a rename)
//	${N}     argument N
//	${args}  all arguments, keeping a final "..."
//	${,args} ", " and all arguments, or nothing when there are none
//
// When any placeholder cannot be filled the template yields no fix: no fix
// is better than one that does not compile.
package fixes

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Render instantiates tmpl for call. src is the content of call's file:
// arguments and receivers are copied from it as written, comments and
// layout included. ok is false when a placeholder has no value (a
// dot-imported package, a method expression, too few arguments).
func Render(fset *token.FileSet, info *types.Info, src []byte, call *ast.CallExpr, tmpl, ctx string) (string, bool) {
	text := func(from, to token.Pos) string { return source(fset, src, from, to) }
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	var qual, recv string
	if sel != nil {
		if id, ok := sel.X.(*ast.Ident); ok {
			if _, isPkg := info.Uses[id].(*types.PkgName); isPkg {
				qual = id.Name
			}
		}
		// Only a method value has a receiver to move: in a method
		// expression, (*sql.DB).Query(db, q), it is the first argument.
		if selection := info.Selections[sel]; qual == "" && selection != nil && selection.Kind() == types.MethodVal {
			recv = text(sel.X.Pos(), sel.X.End())
		}
	}
	args := make([]string, len(call.Args))
	for i, a := range call.Args {
		args[i] = text(a.Pos(), a.End())
	}
	// All the arguments are everything between the parentheses, so that
	// comments and line breaks among them, a final "..." and a trailing
	// comma survive.
	all := ""
	if len(call.Args) > 0 {
		all = strings.TrimLeft(text(call.Lparen+1, call.Rparen), " \t")
	}

	var b strings.Builder
	for rest := tmpl; rest != ""; {
		i := strings.Index(rest, "${")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return "", false
		}
		name := rest[i+2 : i+j]
		rest = rest[i+j+1:]
		var val string
		switch name {
		case "ctx":
			val = ctx
		case "recv":
			val = recv
		case "pkg":
			val = qual
		case "args":
			b.WriteString(all)
			continue
		case ",args":
			if all != "" {
				b.WriteString(", " + all)
			}
			continue
		default:
			n, err := strconv.Atoi(name)
			if err != nil || n >= len(args) || call.Ellipsis.IsValid() {
				return "", false
			}
			val = args[n]
		}
		if val == "" {
			return "", false
		}
		b.WriteString(val)
	}
	return b.String(), true
}

// source returns the text between from and to in src, the content of
// their file, or "" if the range does not fit.
func source(fset *token.FileSet, src []byte, from, to token.Pos) string {
	tf := fset.File(from)
	if tf == nil || !to.IsValid() || to < from || tf.Base()+tf.Size() < int(to) {
		return ""
	}
	start, end := tf.Offset(from), tf.Offset(to)
	if end > len(src) {
		return ""
	}
	return string(src[start:end])
}

// Edit returns the smallest edit that turns the text between from and to
// into newText: the common prefix and suffix are left alone, so that fixes
// of nested calls (tx.Stmt(s).Exec()) touch disjoint bytes and merge.
func Edit(fset *token.FileSet, src []byte, from, to token.Pos, newText string) analysis.TextEdit {
	old := source(fset, src, from, to)
	if old == "" {
		return analysis.TextEdit{Pos: from, End: to, NewText: []byte(newText)}
	}
	p := 0
	for p < len(old) && p < len(newText) && old[p] == newText[p] {
		p++
	}
	q := 0
	for q < len(old)-p && q < len(newText)-p && old[len(old)-1-q] == newText[len(newText)-1-q] {
		q++
	}
	return analysis.TextEdit{
		Pos:     from + token.Pos(p),
		End:     to - token.Pos(q),
		NewText: []byte(newText[p : len(newText)-q]),
	}
}

// Indent prefixes every line of a multi-line replacement but the first
// with indent, the leading white space of the line being replaced, so
// that a statement rewritten into a block keeps its place in the code.
func Indent(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

// LineIndent returns the leading white space of the line holding pos in
// src, the content of pos's file. The line is found from the file's own
// offsets, never from a line number: a //line directive changes the line
// number a position reports, not where its text is in src.
func LineIndent(fset *token.FileSet, src []byte, pos token.Pos) string {
	tf := fset.File(pos)
	if tf == nil {
		return ""
	}
	off := tf.Offset(pos)
	if off > len(src) {
		return "" // src is not pos's file
	}
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := start
	for end < off && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// ContextAt returns an expression for a context.Context usable at pos:
// a context variable in scope (preferring one named ctx, then the
// innermost), else fallback (the handler's "r.Context()") if the
// variables it refers to are visible at pos, else "". When handler is not
// nil only variables declared inside it count: a ctx of the function
// that registers a handler literal is the server's, not the request's.
func ContextAt(pkg *types.Package, pos token.Pos, handler ast.Node, fallback string, fallbackVars []*types.Var) string {
	inner := pkg.Scope().Innermost(pos)
	if inner == nil {
		return ""
	}
	best := ""
	for s := inner; s != nil && s != pkg.Scope() && s != types.Universe; s = s.Parent() {
		if handler != nil && (s.Pos() < handler.Pos() || s.End() > handler.End()) {
			break
		}
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || !isContext(v.Type()) || name == "_" {
				continue
			}
			if _, obj := inner.LookupParent(name, pos); obj != v {
				continue // declared later, or shadowed at pos
			}
			if name == "ctx" {
				return name
			}
			if best == "" {
				best = name
			}
		}
	}
	if best != "" {
		return best
	}
	for _, v := range fallbackVars {
		if _, obj := inner.LookupParent(v.Name(), pos); obj != v {
			return ""
		}
	}
	return fallback
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == "context" && obj.Name() == "Context"
}
