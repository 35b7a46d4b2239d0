// Package astutil answers the small questions about syntax and types that
// several blockcheck passes ask, each in one place so that the passes agree:
// the variable at the root of an expression, whether a type is
// context.Context, the name of a receiver's type, whether a variable is
// package-level, and the indentation of a line.
package astutil

import (
	"go/ast"
	"go/token"
	"go/types"
)

// RootVar returns the variable at the root of e, following the ways an
// expression reaches into a variable without calling anything:
//
//	x, (x), *x, &x       x
//	x.f.g, x.f[i].g      x
//	pkg.V.f              V (a package-level variable of another package)
//
// It returns nil when the root is not a variable: a call result, a
// literal, a type assertion, a method value, a constant. Index expressions
// keep their operand's root whatever the index: m[k] is part of m.
func RootVar(info *types.Info, e ast.Expr) *types.Var {
	return rootVar(info, e, false)
}

// RootVarViaGetters is RootVar that also steps through calls of methods
// with no arguments, c.Request() or r.URL.Query(): the taint rules treat
// such a call as a read of its receiver, because framework contexts hand
// out the request that way.
func RootVarViaGetters(info *types.Info, e ast.Expr) *types.Var {
	return rootVar(info, e, true)
}

func rootVar(info *types.Info, e ast.Expr, getters bool) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := info.ObjectOf(x).(*types.Var)
			return v
		case *ast.SelectorExpr:
			sel := info.Selections[x]
			if sel == nil {
				// A qualified identifier pkg.V.
				v, _ := info.Uses[x.Sel].(*types.Var)
				return v
			}
			if sel.Kind() != types.FieldVal {
				return nil // a method value or expression
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.CallExpr:
			sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
			if !getters || !ok || len(x.Args) > 0 {
				return nil
			}
			if s := info.Selections[sel]; s == nil || s.Kind() != types.MethodVal {
				return nil
			}
			e = sel.X
		default:
			return nil
		}
	}
}

// IsPackageLevel reports whether v is a package-level variable (of any
// package), which every request shares.
func IsPackageLevel(v *types.Var) bool {
	return v != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// NameIdent returns the identifier that e, a name or a selector, ends
// in: x, pkg.X and v.f name X and f; nil for any other expression.
func NameIdent(e ast.Expr) *ast.Ident {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}

// Within reports whether pos lies inside n; a nil n contains nothing.
func Within(pos token.Pos, n ast.Node) bool {
	return n != nil && n.Pos() <= pos && pos < n.End()
}

// IsContext reports whether t is the interface type context.Context (or
// an alias of it).
func IsContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == "context" && obj.Name() == "Context"
}

// contextMethods are the methods of context.Context.
var contextMethods = [...]string{"Deadline", "Done", "Err", "Value"}

// ImplementsContext reports whether t has the methods of context.Context:
// the interface itself, or a type that implements it (*gin.Context), whose
// Done and Err then report cancellation.
func ImplementsContext(t types.Type) bool {
	for _, m := range contextMethods {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, m); obj == nil {
			return false
		}
	}
	return true
}

// RecvTypeName returns the name of a receiver's base type: "Store" for
// *Store and for Store[T].
func RecvTypeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := t.(type) {
	case *types.Named:
		return t.Obj().Name()
	case *types.Alias:
		return t.Obj().Name()
	}
	return types.TypeString(t, func(*types.Package) string { return "" })
}

// FuncName returns fn's name as messages write it: "Store.Load" for a
// method, "retry" for a function.
func FuncName(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		return RecvTypeName(recv.Type()) + "." + fn.Name()
	}
	return fn.Name()
}

// LineIndent returns the leading white space of the line holding pos in
// src, the content of pos's file. Lines are physical lines of src: a
// //line directive renames positions, not the bytes a fix edits.
func LineIndent(fset *token.FileSet, src []byte, pos token.Pos) string {
	tf := fset.File(pos)
	if tf == nil {
		return ""
	}
	start := tf.Offset(tf.LineStart(tf.PositionFor(pos, false).Line))
	if start > len(src) {
		return ""
	}
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// IsDoneChan reports whether receiving from ch notices cancellation: a call
// of a Done method returning <-chan struct{} (context.Context's, or a
// framework context's), or a receive-only struct{} channel, which by
// convention is a done signal (done := ctx.Done()).
func IsDoneChan(info *types.Info, ch ast.Expr) bool {
	ch = ast.Unparen(ch)
	if call, ok := ch.(*ast.CallExpr); ok {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); !ok || sel.Sel.Name != "Done" {
			return false
		}
	}
	t := info.TypeOf(ch)
	if t == nil {
		return false
	}
	c, ok := t.Underlying().(*types.Chan)
	if !ok || c.Dir() != types.RecvOnly {
		return false
	}
	st, ok := c.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}
