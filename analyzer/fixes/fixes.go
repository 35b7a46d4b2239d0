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
	"go/format"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Render instantiates tmpl for call. ok is false when a placeholder has no
// value (a dot-imported package, a method value, too few arguments).
func Render(fset *token.FileSet, info *types.Info, call *ast.CallExpr, tmpl, ctx string) (string, bool) {
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	var qual, recv string
	if sel != nil {
		if id, ok := sel.X.(*ast.Ident); ok {
			if _, isPkg := info.Uses[id].(*types.PkgName); isPkg {
				qual = id.Name
			}
		}
		if qual == "" {
			recv = text(fset, sel.X)
		}
	}
	args := make([]string, len(call.Args))
	for i, a := range call.Args {
		args[i] = text(fset, a)
	}
	if call.Ellipsis.IsValid() && len(args) > 0 {
		args[len(args)-1] += "..."
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
			val = strings.Join(args, ", ")
			b.WriteString(val)
			continue
		case ",args":
			if len(args) > 0 {
				b.WriteString(", " + strings.Join(args, ", "))
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

func text(fset *token.FileSet, e ast.Expr) string {
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, e); err != nil {
		return ""
	}
	return buf.String()
}

// Indent prefixes every line of a multi-line replacement but the first
// with indent, the leading white space of the line being replaced, so
// that a statement rewritten into a block keeps its place in the code.
func Indent(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

// LineIndent returns the leading white space of the line holding pos in
// src, the content of pos's file.
func LineIndent(fset *token.FileSet, src []byte, pos token.Pos) string {
	tf := fset.File(pos)
	if tf == nil {
		return ""
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	if end > len(src) {
		return ""
	}
	return string(src[start:end])
}

// ContextAt returns an expression for a context.Context usable at pos:
// a context variable in scope (preferring one named ctx, then the
// innermost), else fallback (the handler's "r.Context()") if the
// variables it refers to are visible at pos, else "".
func ContextAt(pkg *types.Package, pos token.Pos, fallback string, fallbackVars []*types.Var) string {
	inner := pkg.Scope().Innermost(pos)
	if inner == nil {
		return ""
	}
	best := ""
	for s := inner; s != nil && s != pkg.Scope() && s != types.Universe; s = s.Parent() {
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
