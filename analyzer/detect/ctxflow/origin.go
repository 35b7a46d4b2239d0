package ctxflow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// tracer answers "where does this value come from" for the expressions of
// one package, flow-insensitively: a variable or field stands for every
// value the package assigns to it.
type tracer struct {
	info *types.Info
	pkg  *types.Package
	// assigned are the values assigned to each variable or field, as
	// written: the right-hand side, a keyed composite literal's value, a
	// call whose first result it receives.
	assigned map[types.Object][]ast.Expr
	// opaque are the variables and fields assigned in ways the tracer
	// does not follow: address taken, a tuple from something other than
	// a call, an unkeyed composite literal, a range.
	opaque map[types.Object]bool
	// params maps a parameter to its function and index; calls are the
	// static calls of each function of the package, to trace what its
	// callers pass.
	params map[*types.Var]param
	calls  map[*types.Func][]*ast.CallExpr
	// decls are the bodies of the package's functions.
	decls map[*types.Func]*ast.FuncDecl
}

type param struct {
	fn    *types.Func
	index int
}

func newTracer(pass *analysis.Pass) *tracer {
	t := &tracer{
		info:     pass.TypesInfo,
		pkg:      pass.Pkg,
		assigned: make(map[types.Object][]ast.Expr),
		opaque:   make(map[types.Object]bool),
		params:   make(map[*types.Var]param),
		calls:    make(map[*types.Func][]*ast.CallExpr),
		decls:    make(map[*types.Func]*ast.FuncDecl),
	}
	for _, f := range pass.Files {
		t.index(f)
	}
	return t
}

func (t *tracer) index(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if obj, ok := t.info.Defs[n.Name].(*types.Func); ok {
				t.decls[obj] = n
				params := obj.Signature().Params()
				for i := range params.Len() {
					t.params[params.At(i)] = param{obj, i}
				}
			}
		case *ast.AssignStmt:
			t.assign(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			if len(n.Values) > 0 {
				t.assign(lhs, n.Values)
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if obj := t.object(e); obj != nil {
					t.opaque[obj] = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if obj := t.object(n.X); obj != nil {
					t.opaque[obj] = true
				}
			}
		case *ast.CompositeLit:
			t.literal(n)
		case *ast.CallExpr:
			if callee := typeutil.StaticCallee(t.info, n); callee != nil && callee.Pkg() == t.pkg {
				t.calls[callee] = append(t.calls[callee], n)
			}
		}
		return true
	})
}

func (t *tracer) assign(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		obj := t.object(l)
		if obj == nil {
			continue
		}
		switch {
		case len(lhs) == len(rhs):
			t.assigned[obj] = append(t.assigned[obj], rhs[i])
		case len(rhs) == 1 && i == 0 && isCall(rhs[0]):
			// db, err := gorm.Open(…): the first result.
			t.assigned[obj] = append(t.assigned[obj], rhs[0])
		default:
			t.opaque[obj] = true
		}
	}
}

// literal records the fields a struct literal sets.
func (t *tracer) literal(lit *ast.CompositeLit) {
	st, ok := t.info.TypeOf(lit).Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			if i < st.NumFields() {
				t.opaque[st.Field(i)] = true
			}
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			if obj := t.info.Uses[id]; obj != nil {
				t.assigned[obj] = append(t.assigned[obj], kv.Value)
			}
		}
	}
}

// object returns the variable or field e names, or nil.
func (t *tracer) object(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if e.Name == "_" {
			return nil
		}
		return t.info.ObjectOf(e)
	case *ast.SelectorExpr:
		if sel := t.info.Selections[e]; sel != nil && sel.Kind() == types.FieldVal {
			return sel.Obj()
		}
		if v, ok := t.info.Uses[e.Sel].(*types.Var); ok {
			return v // a package-level variable of another package
		}
	}
	return nil
}

func isCall(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok
}

// origin is what the tracer learnt of a value.
type origin int

const (
	// unknown: it may carry a context (a parameter, another package's
	// value, something the tracer does not follow).
	unknown origin = iota
	// none: every way it is built has no context.
	none
	// attached: some way it is built attaches a context.
	attached
	// pending: it is being traced (a cycle, q = q.Where(…)); it adds
	// nothing to what the other assignments say.
	pending
)

// join combines the origins of the values one variable may hold: none
// only when every value is none (pending ones aside).
func join(os []origin) origin {
	out := pending
	for _, o := range os {
		switch o {
		case unknown, attached:
			return o
		case none:
			out = none
		}
	}
	return out
}

// rules says how one call is judged while tracing: the origin it gives
// directly, or that its receiver's origin is its own (a chain step).
type rules interface {
	judge(call *ast.CallExpr, callee *types.Func) (o origin, recv bool)
}

// trace returns the origin of e under r.
func (t *tracer) trace(e ast.Expr, r rules, seen map[any]bool) origin {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.CallExpr:
		callee := typeutil.StaticCallee(t.info, x)
		if callee == nil {
			return unknown
		}
		o, recv := r.judge(x, callee.Origin())
		if recv {
			sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
			if !ok {
				return unknown
			}
			return t.trace(sel.X, r, seen)
		}
		if o != unknown {
			return o
		}
		return t.helper(callee, r, seen)
	case *ast.Ident, *ast.SelectorExpr:
		return t.variable(t.object(x), r, seen)
	}
	return unknown
}

// variable returns the origin of what obj holds.
func (t *tracer) variable(obj types.Object, r rules, seen map[any]bool) origin {
	v, ok := obj.(*types.Var)
	if !ok || t.opaque[v] || v.Pkg() != t.pkg {
		return unknown
	}
	if seen[v] {
		return pending
	}
	seen[v] = true
	defer delete(seen, v)
	if p, ok := t.params[v]; ok {
		return t.param(p, r, seen)
	}
	if v.Exported() && (v.IsField() || v.Parent() == t.pkg.Scope()) {
		return unknown // other packages may set it
	}
	values := t.assigned[v]
	if len(values) == 0 {
		return unknown
	}
	os := make([]origin, len(values))
	for i, val := range values {
		os[i] = t.trace(val, r, seen)
	}
	return join(os)
}

// param returns the origin of a parameter from what the package passes
// for it, when the package makes every call: the function is unexported
// or in package main, and not used as a value.
func (t *tracer) param(p param, r rules, seen map[any]bool) origin {
	if p.fn.Exported() && t.pkg.Name() != "main" || p.fn.Signature().Variadic() {
		return unknown
	}
	calls := t.calls[p.fn]
	if len(calls) == 0 || t.usedAsValue(p.fn) {
		return unknown
	}
	os := make([]origin, len(calls))
	for i, c := range calls {
		if p.index >= len(c.Args) {
			return unknown
		}
		os[i] = t.trace(c.Args[p.index], r, seen)
	}
	return join(os)
}

// usedAsValue reports whether fn is referred to other than by calls: a
// method value, a callback, an interface's method (then its callers are
// out of sight).
func (t *tracer) usedAsValue(fn *types.Func) bool {
	if fn.Signature().Recv() != nil {
		return true // may satisfy an interface
	}
	uses := 0
	for _, obj := range t.info.Uses {
		if obj == fn {
			uses++
		}
	}
	return uses != len(t.calls[fn])
}

// helper returns the origin of what a function of the package returns:
// none when every return statement returns a value with none.
func (t *tracer) helper(fn *types.Func, r rules, seen map[any]bool) origin {
	decl := t.decls[fn]
	if decl == nil || decl.Body == nil || seen[fn] {
		return unknown
	}
	seen[fn] = true
	defer delete(seen, fn)
	var os []origin
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				os = append(os, unknown) // named results
			} else {
				os = append(os, t.trace(n.Results[0], r, seen))
			}
		}
		return true
	})
	if len(os) == 0 {
		return unknown
	}
	return join(os)
}
