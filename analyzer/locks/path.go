package locks

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// A path is the way from a root variable to a mutex, as in s.cache.mu or
// c.shards[h%n].mu, with what the walk learned about sharing.
type path struct {
	text string     // the Key
	root *types.Var // the variable the path starts from; nil for a call result, a literal, ...
	// derefs counts pointer (or interface, slice, map) indirections on the
	// way from the root to the mutex, including the dereference of the root
	// itself when it is a pointer.
	derefs int
	perKey bool // a non-constant index lies on the way
}

// pathOf builds the path of the mutex expression x. It never fails: an
// expression it cannot follow becomes an opaque path with no root, whose
// text is the expression's text.
func pathOf(info *types.Info, x ast.Expr) path {
	switch e := x.(type) {
	case *ast.ParenExpr:
		return pathOf(info, e.X)
	case *ast.StarExpr:
		p := pathOf(info, e.X)
		if !isAddrOf(e.X) {
			p.derefs++
		}
		return p
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return pathOf(info, e.X)
		}
	case *ast.Ident:
		if v, ok := info.ObjectOf(e).(*types.Var); ok && !v.IsField() {
			return path{text: e.Name, root: v}
		}
	case *ast.SelectorExpr:
		return selectorPath(info, e)
	case *ast.IndexExpr:
		t := typeOf(info, e.X)
		if t == nil {
			break
		}
		p := pathOf(info, e.X)
		switch t.Underlying().(type) {
		case *types.Pointer, *types.Slice, *types.Map:
			p.derefs++
		case *types.Array:
		default:
			return opaque(x) // a generic instantiation, a string, ...
		}
		if tv, ok := info.Types[e.Index]; !ok || tv.Value == nil {
			p.perKey = true
		}
		p.text += "[" + types.ExprString(e.Index) + "]"
		return p
	}
	return opaque(x)
}

// selectorPath handles x.f, where f is a field (possibly promoted) or a
// package-level variable of an imported package.
func selectorPath(info *types.Info, e *ast.SelectorExpr) path {
	sel := info.Selections[e]
	if sel == nil {
		// A qualified identifier: pkg.Mu.
		if v, ok := info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			return path{text: types.ExprString(e), root: v}
		}
		return opaque(e)
	}
	if sel.Kind() != types.FieldVal {
		return opaque(e)
	}
	p := pathOf(info, e.X)
	index := sel.Index()
	t := typeOf(info, e.X)
	if isAddrOf(e.X) {
		t = deref(t) // (&x).f reads x.f: no indirection
	}
	// Spell out the promoted fields, then the selected one.
	if _, ok := p.fields(t, index); !ok {
		return opaque(e)
	}
	return p
}

// fields appends to p the fields selected by index (a Selection's index
// path, promoted fields included), starting from a value of type t and
// counting the pointers it goes through, and returns the type reached. It
// reports false when the types do not allow the walk (missing or
// inconsistent type information).
func (p *path) fields(t types.Type, index []int) (types.Type, bool) {
	for _, i := range index {
		if t == nil {
			return nil, false
		}
		if isPointerLike(t) {
			p.derefs++
			t = deref(t)
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i < 0 || i >= st.NumFields() {
			return nil, false
		}
		f := st.Field(i)
		p.text += "." + f.Name()
		t = f.Type()
	}
	return t, t != nil
}

// appendFields extends p with a dotted field path such as "cache.mu",
// starting from a value of type t, and returns the type reached. Fields are
// looked up as the package pkg sees them, so unexported fields of pkg's
// types are found. It reports false if a field does not exist.
func (p *path) appendFields(t types.Type, pkg *types.Package, dotted string) (types.Type, bool) {
	if dotted == "" {
		return t, true
	}
	for name := range strings.SplitSeq(dotted, ".") {
		obj, index, _ := types.LookupFieldOrMethod(t, true, pkg, name)
		if f, ok := obj.(*types.Var); !ok || !f.IsField() {
			return nil, false
		}
		var ok bool
		if t, ok = p.fields(t, index); !ok {
			return nil, false
		}
	}
	return t, true
}

// receiverDeref counts the indirection of calling a lock method on a value
// of type t: a *sync.Mutex or a sync.Locker points at a mutex that may be
// shared; a sync.Mutex value is the mutex itself.
func receiverDeref(t types.Type) int {
	if t != nil && isPointerLike(t) {
		return 1
	}
	return 0
}

func opaque(x ast.Expr) path {
	return path{text: types.ExprString(x), derefs: 1}
}

func isAddrOf(x ast.Expr) bool {
	u, ok := ast.Unparen(x).(*ast.UnaryExpr)
	return ok && u.Op == token.AND
}

func typeOf(info *types.Info, x ast.Expr) types.Type {
	if tv, ok := info.Types[x]; ok {
		return tv.Type
	}
	return nil
}

// isPointerLike reports whether a value of type t refers to memory it does
// not hold: a pointer or an interface (a sync.Locker holds a pointer).
func isPointerLike(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		return true
	}
	return false
}

func deref(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
