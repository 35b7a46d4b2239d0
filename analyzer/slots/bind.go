package slots

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// FieldSlot is the name of a struct field of interface or func type across packages: its package
// path and its object path ("example.com/api:T.UF0" style), stable under
// every driver. It returns "" for a field no other code can name (of an
// unnamed struct declared in a function).
//
// Fields of the standard library's structs (http.Response.Body,
// exec.Cmd.Stdout) have no slot: what fills them is decided inside the
// standard library, which blockcheck takes from its catalogue and never
// follows, and no service binds them.
func (in *Info) FieldSlot(field *types.Var) string {
	if field == nil || !field.IsField() || field.Pkg() == nil || catalog.IsStd(field.Pkg().Path()) {
		return ""
	}
	if !types.IsInterface(field.Type()) && !isFunc(field.Type()) {
		return "" // calls through it are static
	}
	if astutil.IsContext(field.Type()) || isError(field.Type()) {
		return "" // a context's or an error's methods never block on a binding's behalf
	}
	p, err := in.enc.For(field)
	if err != nil {
		return ""
	}
	return field.Pkg().Path() + ":" + string(p)
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// fieldSlot returns the slot of the field e selects (x.F), or "".
func (in *Info) fieldSlot(e ast.Expr) string {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	s := in.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return ""
	}
	v, _ := s.Obj().(*types.Var)
	return in.FieldSlot(v)
}

// fields calls visit for each field a struct composite literal sets.
func (in *Info) fields(lit *ast.CompositeLit, visit func(slot string, v ast.Expr)) {
	t := in.pass.TypesInfo.TypeOf(lit)
	if t == nil {
		return
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			if v, ok := in.pass.TypesInfo.ObjectOf(id).(*types.Var); ok {
				if slot := in.FieldSlot(v); slot != "" {
					visit(slot, kv.Value)
				}
			}
			continue
		}
		if i < st.NumFields() {
			if slot := in.FieldSlot(st.Field(i)); slot != "" {
				visit(slot, elt)
			}
		}
	}
}

// bind collects the values the package puts into fields: composite
// literals, assignments to fields, and calls of constructors that store
// a parameter.
func (in *Info) bind() {
	info := in.pass.TypesInfo
	for _, f := range in.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				in.fields(n, in.addBinding)
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i, l := range n.Lhs {
						if slot := in.fieldSlot(l); slot != "" {
							in.addBinding(slot, n.Rhs[i])
						}
					}
				}
			case *ast.CallExpr:
				callee := typeutil.StaticCallee(info, n)
				if callee == nil {
					return true
				}
				if fact := in.FactOf(callee); fact != nil {
					for _, s := range fact.Stores {
						if s.Param < len(n.Args) {
							in.addBinding(s.Slot, n.Args[s.Param])
						}
					}
				}
			}
			return true
		})
	}
}

// addBinding records the concrete values of v as bound to slot.
func (in *Info) addBinding(slot string, v ast.Expr) {
	if slot == "" || len(in.bindings[slot]) >= maxBindings {
		return
	}
	t := in.pass.TypesInfo.TypeOf(v)
	if t == nil {
		return
	}
	switch {
	case types.IsInterface(t):
		// Not concrete here: a parameter stored by a constructor is
		// its Store; anything else is not followed.
		return
	case isFunc(t):
		for _, val := range in.values(v, maxDepth) {
			if val.fn != nil {
				in.bindings[slot] = appendBinding(in.bindings[slot], Binding{Func: val.fn, Pos: v.Pos()})
			}
		}
	default:
		if id, ok := ast.Unparen(v).(*ast.Ident); ok && id.Name == "nil" {
			return
		}
		in.bindings[slot] = appendBinding(in.bindings[slot], Binding{Type: t, Pos: v.Pos()})
	}
}

func appendBinding(bs []Binding, b Binding) []Binding {
	for _, have := range bs {
		if have.Func == b.Func && (have.Type == nil) == (b.Type == nil) && (b.Type == nil || types.Identical(have.Type, b.Type)) {
			return bs
		}
	}
	if len(bs) >= maxBindings {
		return bs
	}
	return append(bs, b)
}

func isFunc(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// Target is a function a call through a slot reaches, and the binding that
// says so.
type Target struct {
	Func    *types.Func
	Binding Binding
}

// Resolve returns the functions a call through slot reaches in this
// package: for an interface-typed field, method of each concrete type bound
// to it; for a func-typed field (method ""), each function bound to it.
// It is nil where the package binds nothing to the slot.
func (in *Info) Resolve(slot, method string) []Target {
	var out []Target
	for _, b := range in.bindings[slot] {
		switch {
		case b.Func != nil && method == "":
			out = append(out, Target{Func: b.Func, Binding: b})
		case b.Type != nil && method != "":
			obj, _, _ := types.LookupFieldOrMethod(b.Type, true, nil, method)
			if fn, ok := obj.(*types.Func); ok {
				out = append(out, Target{Func: fn, Binding: b})
			}
		}
	}
	return out
}

// BindsAny reports whether the package binds anything to a field.
func (in *Info) BindsAny() bool { return len(in.bindings) > 0 }

// Binds reports whether the package binds anything to slot.
func (in *Info) Binds(slot string) bool { return len(in.bindings[slot]) > 0 }

// value is one function a func-valued expression may hold: a literal of
// this package, or a declared function or method.
type value struct {
	lit *ast.FuncLit
	fn  *types.Func
}

// values returns the functions e may hold, following variables given one
// value, conversions to named func types, and wrappers whose result calls
// their parameter (whose own returned literals run too).
func (in *Info) values(e ast.Expr, depth int) []value {
	if depth == 0 {
		return nil
	}
	info := in.pass.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return []value{{lit: x}}
	case *ast.Ident:
		switch obj := info.Uses[x].(type) {
		case *types.Func:
			return []value{{fn: obj}}
		case *types.Var:
			if init, ok := in.inits[obj]; ok {
				return in.values(init, depth-1)
			}
		}
	case *ast.SelectorExpr:
		if sel := info.Selections[x]; sel != nil {
			if (sel.Kind() == types.MethodVal || sel.Kind() == types.MethodExpr) && !types.IsInterface(sel.Recv()) {
				if fn, ok := sel.Obj().(*types.Func); ok {
					return []value{{fn: fn}}
				}
			}
			return nil
		}
		if fn, ok := info.Uses[x.Sel].(*types.Func); ok {
			return []value{{fn: fn}} // pkg.F
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return in.values(x.Args[0], depth-1) // handleFunc(f)
		}
		callee := typeutil.StaticCallee(info, x)
		if callee == nil {
			return nil
		}
		var out []value
		for _, lit := range in.returned[callee.Origin()] {
			out = append(out, value{lit: lit})
		}
		if f := in.FactOf(callee); f != nil {
			for _, p := range f.Returns {
				if p < len(x.Args) {
					out = append(out, in.values(x.Args[p], depth-1)...)
				}
			}
		}
		return out
	}
	return nil
}

// infer finds the functions passed to adapters: each value of an argument
// an adapter serves is a handler, reached from the adapter's.
func (in *Info) infer(lits map[ast.Node]Lit) {
	seen := make(map[ast.Node]bool)
	for lit := range lits {
		seen[lit] = true
	}
	for _, f := range in.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			for arg, s := range in.served(call) {
				for _, v := range in.values(arg, maxDepth) {
					h := Inferred{Func: v.fn, Served: s, Site: call}
					switch {
					case v.lit != nil:
						h.Node = v.lit
						h.Name = in.litName(f, v.lit)
					case in.decls[v.fn.Origin()] != nil:
						h.Node = in.decls[v.fn.Origin()]
						h.Name = astutil.FuncName(v.fn)
					default:
						h.Name = v.fn.Pkg().Name() + "." + astutil.FuncName(v.fn)
					}
					key := h.Node
					if key == nil {
						key = call
					}
					if seen[key] {
						continue
					}
					seen[key] = true
					in.Inferred = append(in.Inferred, h)
				}
			}
			return true
		})
	}
	slices.SortStableFunc(in.Inferred, func(a, b Inferred) int {
		return pos(a) - pos(b)
	})
}

// served yields the arguments of call that are served, each with the
// handler that serves it: an argument of an adapter's served parameter,
// a value converted to a func type whose handler method calls its
// receiver (appHandler(s.users)), explicitly or by passing it where
// such a type is expected.
func (in *Info) served(call *ast.CallExpr) func(yield func(ast.Expr, Served) bool) {
	return func(yield func(ast.Expr, Served) bool) {
		info := in.pass.TypesInfo
		if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
			if len(call.Args) == 1 {
				for _, s := range in.typeServes(tv.Type) {
					if !yield(call.Args[0], s) {
						return
					}
				}
			}
			return
		}
		if callee := typeutil.StaticCallee(info, call); callee != nil {
			if fact := in.FactOf(callee); fact != nil {
				for _, s := range fact.Serves {
					if s.Param >= 0 && s.Param < len(call.Args) && !yield(call.Args[s.Param], s) {
						return
					}
				}
			}
		}
		sig, ok := types.Unalias(info.TypeOf(call.Fun)).Underlying().(*types.Signature)
		if !ok {
			return
		}
		for i, a := range call.Args {
			if i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
				break
			}
			pt := sig.Params().At(i).Type()
			if types.Identical(info.TypeOf(a), pt) {
				continue // a value of the type already: converted where it was made
			}
			for _, s := range in.typeServes(pt) {
				if !yield(a, s) {
					return
				}
			}
		}
	}
}

// typeServes returns the handlers of the methods of t, a named func type,
// that call their receiver.
func (in *Info) typeServes(t types.Type) []Served {
	if !funcType(t) {
		return nil
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named := types.Unalias(t).(*types.Named)
	if s, ok := in.typeServed[named.Obj()]; ok {
		return s
	}
	var out []Served
	for i := range named.NumMethods() {
		if f := in.FactOf(named.Method(i)); f != nil {
			for _, s := range f.Serves {
				if s.Param == Receiver {
					out = append(out, s)
				}
			}
		}
	}
	in.typeServed[named.Obj()] = out
	return out
}

func pos(h Inferred) int {
	if h.Node != nil {
		return int(h.Node.Pos())
	}
	return int(h.Site.Pos())
}

// litName names a literal after the variable it initialises (var userGet =
// withUser(func…)) or the function it is in.
func (in *Info) litName(f *ast.File, lit *ast.FuncLit) string {
	name := ""
	ast.Inspect(f, func(n ast.Node) bool {
		if name != "" || n == nil || n.Pos() > lit.Pos() || n.End() < lit.End() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			name = "func literal in " + n.Name.Name
			// keep looking for a closer variable
			inner := ""
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if inner != "" || m == nil || m.Pos() > lit.Pos() || m.End() < lit.End() {
					return false
				}
				if as, ok := m.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
					if id, ok := as.Lhs[0].(*ast.Ident); ok {
						inner = id.Name
					}
				}
				return true
			})
			if inner != "" {
				name = inner
			}
			return false
		case *ast.ValueSpec:
			if len(n.Names) > 0 {
				name = n.Names[0].Name
			}
			return false
		}
		return true
	})
	if name == "" {
		return "func literal"
	}
	return name
}

// maxTable caps the functions a dispatch table resolves to.
const maxTable = 64

// Table returns the functions a call through a dispatch table may call:
// fun is t[k] where t is a variable given one map, slice or array
// literal of functions, ever (var routes = map[string]routeFunc{"/a":
// a, …}; routes[path](w, r, v)). Entries added elsewhere (t[k] = f) are
// not seen; literals in the table have no function to name and are
// left out; nil when fun is no such index.
func (in *Info) Table(fun ast.Expr) []*types.Func {
	ix, ok := ast.Unparen(fun).(*ast.IndexExpr)
	if !ok {
		return nil
	}
	v, ok := in.pass.TypesInfo.Uses[astutil.NameIdent(ix.X)].(*types.Var)
	if !ok {
		return nil
	}
	lit, ok := ast.Unparen(in.inits[v]).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var out []*types.Func
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value
		}
		for _, val := range in.values(elt, maxDepth) {
			if val.fn != nil && !slices.Contains(out, val.fn) && len(out) < maxTable {
				out = append(out, val.fn)
			}
		}
	}
	return out
}
