package handlers

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// IsHTTPHandler reports whether t is a net/http handler: a
// func(http.ResponseWriter, *http.Request), or a type (a mux, a router)
// with a ServeHTTP method of that signature.
func IsHTTPHandler(t types.Type) bool {
	if t == nil {
		return false
	}
	if m := serveHTTP(t); m != nil {
		t = m.Signature()
	}
	sig, ok := t.Underlying().(*types.Signature)
	return ok && typesMatch(sig.Params(), sig.Variadic(), []string{"net/http.ResponseWriter", "*net/http.Request"})
}

// serveHTTP returns the ServeHTTP method of t, or nil.
func serveHTTP(t types.Type) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	fn, _ := obj.(*types.Func)
	return fn
}

// A Follower follows an expression of net/http handler type to the
// functions it stands for, as far as the package shows them: a function
// literal, a function or method value, a conversion (http.HandlerFunc(f)),
// the ServeHTTP method of a composite literal, and a variable of the
// package holding a mux, through the calls of its methods that register
// handlers (mux.HandleFunc("/x", h)). Its users differ in what else keeps
// the handlers known; they say it in the fields. Whatever cannot be
// followed makes the answer unknown, and each user takes the safe side.
type Follower struct {
	Info *types.Info
	Insp *inspector.Inspector
	Pkg  *types.Package
	// ThroughCalls: a call that is not a conversion stands for the
	// handlers among its arguments (middleware wrapping them, a router
	// built from them); without it such a call is unknown.
	ThroughCalls bool
	// DefaultMux: http.DefaultServeMux stands for the handlers the
	// package registers with http.Handle and http.HandleFunc.
	DefaultMux bool
	// Keeps reports whether a use of a mux variable, other than a call of
	// its methods, leaves its handlers known: the mux is served or
	// wrapped there, not handed to code that may register more. use is
	// the identifier, or the pkg.Mux selector, that refers to the mux.
	Keeps func(use inspector.Cursor) bool

	seen map[types.Object]bool
}

// Handlers returns the functions (*types.Func, *ast.FuncLit) e stands for,
// and false when some cannot be known.
func (f *Follower) Handlers(e ast.Expr) ([]any, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return []any{e}, true
	case *ast.UnaryExpr:
		return f.Handlers(e.X)
	case *ast.CompositeLit:
		// &apiHandler{…}: its ServeHTTP method.
		if m := serveHTTP(f.Info.TypeOf(e)); m != nil {
			return []any{m.Origin()}, true
		}
		return nil, false
	case *ast.CallExpr:
		if tv, ok := f.Info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return f.Handlers(e.Args[0]) // http.HandlerFunc(f)
		}
		if !f.ThroughCalls {
			return nil, false // a mux or middleware built by a call
		}
		return f.among(e.Args)
	case *ast.Ident, *ast.SelectorExpr:
		switch obj := use(f.Info, e).(type) {
		case *types.Func:
			return []any{obj.Origin()}, true
		case *types.Var:
			if obj.Pkg() == f.Pkg {
				return f.registered(obj)
			}
			if f.DefaultMux && obj.Pkg() != nil && obj.Pkg().Path() == "net/http" && obj.Name() == "DefaultServeMux" {
				return f.defaultMux()
			}
		}
	}
	return nil, false
}

// Wrapped returns the handlers among the arguments of a middleware's
// call, and false when some cannot be followed or there are none.
func (f *Follower) Wrapped(call *ast.CallExpr) ([]any, bool) {
	return f.among(call.Args)
}

// among follows the arguments of handler type; false when some cannot be
// followed, or none is of handler type.
func (f *Follower) among(args []ast.Expr) ([]any, bool) {
	var out []any
	ok, found := true, false
	for _, a := range args {
		if !IsHTTPHandler(f.Info.TypeOf(a)) {
			continue
		}
		found = true
		hs, aok := f.Handlers(a)
		out, ok = append(out, hs...), ok && aok
	}
	return out, ok && found
}

// use returns the object an identifier or a selector's name refers to.
func use(info *types.Info, e ast.Expr) types.Object {
	switch e := e.(type) {
	case *ast.Ident:
		return info.Uses[e]
	case *ast.SelectorExpr:
		return info.Uses[e.Sel]
	}
	return nil
}

// registered returns the handlers registered on the mux held by v: the
// handler arguments of calls of v's methods. Any other use of v that
// Keeps does not accept makes them unknown.
func (f *Follower) registered(v *types.Var) ([]any, bool) {
	if f.seen == nil {
		f.seen = make(map[types.Object]bool)
	}
	if f.seen[v] {
		return nil, true
	}
	f.seen[v] = true
	var out []any
	ok := true
	for c := range f.Insp.Root().Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if f.Info.Uses[id] != v {
			continue
		}
		at := c
		if sel, isSel := c.Parent().Node().(*ast.SelectorExpr); isSel && sel.Sel == id {
			at = c.Parent() // pkg.Mux
		}
		if sel, isSel := at.Parent().Node().(*ast.SelectorExpr); isSel {
			if call, isCall := at.Parent().Parent().Node().(*ast.CallExpr); isCall && call.Fun == sel {
				for _, a := range call.Args {
					if IsHTTPHandler(f.Info.TypeOf(a)) {
						hs, aok := f.Handlers(a)
						out, ok = append(out, hs...), ok && aok
					}
				}
				continue
			}
		}
		if f.Keeps == nil || !f.Keeps(at) {
			ok = false
		}
	}
	return out, ok
}

// defaultMux returns the handlers registered with http.Handle and
// http.HandleFunc.
func (f *Follower) defaultMux() ([]any, bool) {
	var out []any
	ok := true
	for c := range f.Insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		fn, _ := typeutil.Callee(f.Info, call).(*types.Func)
		if fn == nil || !slices.Contains([]string{"net/http.Handle", "net/http.HandleFunc"}, fn.FullName()) || len(call.Args) != 2 {
			continue
		}
		hs, aok := f.Handlers(call.Args[1])
		out, ok = append(out, hs...), ok && aok
	}
	return out, ok
}
