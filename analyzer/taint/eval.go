package taint

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/frameworks"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// index is the tables, indexed.
type index struct {
	sources  map[string]*Source
	fields   map[string]bool
	passes   map[string][]int
	fills    map[string]*Fill
	reads    map[string]*ReadCall
	reqReads map[string]*RequestRead
	carries  map[string]bool
	// limited are the parameter types whose body the framework limits.
	limited map[string]bool
	limits  map[string]string // body-limiting methods, to their Path
}

func defaultIndex() *index {
	t := &index{
		sources:  make(map[string]*Source),
		fields:   make(map[string]bool),
		passes:   make(map[string][]int),
		fills:    make(map[string]*Fill),
		reads:    make(map[string]*ReadCall),
		reqReads: make(map[string]*RequestRead),
		carries:  make(map[string]bool),
		limited:  make(map[string]bool),
		limits:   make(map[string]string),
	}
	for _, c := range frameworks.Carriers() {
		t.carries[c] = true
	}
	for _, typ := range frameworks.LimitedBodies() {
		t.limited[typ] = true
	}
	sources := frameworks.Sources()
	for i := range sources {
		t.sources[sources[i].Func] = &sources[i]
	}
	for _, f := range frameworks.Fields() {
		t.fields[f] = true
	}
	for _, p := range passes {
		t.passes[p.Func] = append(t.passes[p.Func], p.Arg)
	}
	for i := range fills {
		t.fills[fills[i].Func] = &fills[i]
	}
	for i := range reads {
		t.reads[reads[i].Func] = &reads[i]
	}
	reqReads := frameworks.RequestReads()
	for i := range reqReads {
		t.reqReads[reqReads[i].Func] = &reqReads[i]
	}
	for _, l := range frameworks.BodyLimits() {
		t.limits[l.Func] = l.Path
	}
	return t
}

// node applies one node of the CFG to st.
func (f *flow) node1(n ast.Node, st *state) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		f.assign(n, st)
	case *ast.DeclStmt:
		if gd, ok := n.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				lhs := make([]ast.Expr, len(vs.Names))
				for i, id := range vs.Names {
					lhs[i] = id
				}
				if len(vs.Values) == 0 {
					for _, id := range vs.Names {
						f.setLHS(id, Val{}, st)
					}
					continue
				}
				f.assignValues(lhs, vs.Values, st)
			}
		}
	case *ast.IncDecStmt:
		f.eval(n.X, st)
	case *ast.ExprStmt:
		f.eval(n.X, st)
	case *ast.ReturnStmt:
		f.ret(n, st)
	case *ast.GoStmt:
		// The goroutine's body is not this request's wait; its
		// arguments are evaluated here.
		for _, a := range n.Call.Args {
			f.eval(a, st)
		}
	case *ast.DeferStmt:
		f.eval(n.Call, st)
	case *ast.SendStmt:
		f.eval(n.Chan, st)
		f.eval(n.Value, st)
	case ast.Expr:
		f.expr(n, st)
	}
}

// expr applies an expression node: a condition, a switch tag, or the
// operand or iteration variables of a range statement.
func (f *flow) expr(n ast.Expr, st *state) {
	if rs := f.rangeX[n]; rs != nil {
		v := f.eval(n, st)
		f.lastX[rs] = v
		if f.record {
			f.rangeSink(rs, v)
		}
		return
	}
	if rs := f.rangeKey[n]; rs != nil {
		if rs.Tok != token.ILLEGAL {
			f.setLHS(n, f.rangeElem(rs, true), st)
		}
		return
	}
	if rs := f.rangeVal[n]; rs != nil {
		if rs.Tok != token.ILLEGAL {
			f.setLHS(n, f.rangeElem(rs, false), st)
		}
		return
	}
	if loop := f.forCond[n]; loop != nil && f.record {
		f.forSink(loop, st)
	}
	f.eval(n, st)
}

// rangeElem is the value of a range statement's key or value: the keys
// and elements of input are input, indexes and small elements (bytes,
// runes) are not.
func (f *flow) rangeElem(rs *ast.RangeStmt, key bool) Val {
	x := f.lastX[rs]
	if !x.Tainted() {
		return Val{}
	}
	switch t := under(f.a.info.TypeOf(rs.X)).(type) {
	case *types.Map:
		return x.number()
	case *types.Slice, *types.Array, *types.Basic, *types.Pointer:
		if key {
			return Val{}
		}
		var elem types.Type
		switch t := t.(type) {
		case *types.Slice:
			elem = t.Elem()
		case *types.Array:
			elem = t.Elem()
		default:
			return Val{} // the runes of a string
		}
		if small(elem) {
			return Val{}
		}
		return x.number()
	}
	return Val{}
}

func (f *flow) assign(n *ast.AssignStmt, st *state) {
	switch n.Tok {
	case token.DEFINE, token.ASSIGN:
		f.assignValues(n.Lhs, n.Rhs, st)
	default:
		// x op= y
		x, y := f.eval(n.Lhs[0], st), f.eval(n.Rhs[0], st)
		var v Val
		switch n.Tok {
		case token.REM_ASSIGN, token.AND_ASSIGN:
			if !y.Tainted() {
				break // x % k, x & k: below k
			}
			v = x.join(y)
		default:
			v = x.join(y)
		}
		f.setLHS(n.Lhs[0], v, st)
	}
}

func (f *flow) assignValues(lhs, rhs []ast.Expr, st *state) {
	var vals []Val
	if len(rhs) == len(lhs) {
		for _, r := range rhs {
			vals = append(vals, f.eval(r, st))
		}
	} else if len(rhs) == 1 {
		vals = f.multi(rhs[0], len(lhs), st)
	}
	for i, l := range lhs {
		if i < len(vals) {
			f.setLHS(l, vals[i], st)
		}
		if id, ok := ast.Unparen(l).(*ast.Ident); ok {
			if v, ok := f.a.info.ObjectOf(id).(*types.Var); ok && isError(v.Type()) {
				// err := check(n), for a later err != nil.
				call, _ := ast.Unparen(rhs[len(rhs)-1]).(*ast.CallExpr)
				if len(rhs) == len(lhs) {
					call, _ = ast.Unparen(rhs[i]).(*ast.CallExpr)
				}
				if f.lastCall == nil {
					f.lastCall = make(map[*types.Var]*ast.CallExpr)
				}
				f.lastCall[v] = call
			}
		}
	}
}

// multi evaluates an expression with several results: a call, or the
// comma-ok forms.
func (f *flow) multi(e ast.Expr, n int, st *state) []Val {
	vals := make([]Val, n)
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		copy(vals, f.call(e, st))
	default:
		vals[0] = f.eval(e, st) // v, ok := m[k], x.(T), <-ch
	}
	return vals
}

// setLHS stores v into the target l.
func (f *flow) setLHS(l ast.Expr, v Val, st *state) {
	switch l := ast.Unparen(l).(type) {
	case *ast.Ident:
		if obj, ok := f.a.info.ObjectOf(l).(*types.Var); ok && !astutil.IsPackageLevel(obj) {
			st.set(obj, v)
		}
	case *ast.SelectorExpr:
		if l.Sel.Name == "Body" && isRequest(f.a.info.TypeOf(l.X)) {
			// r.Body = http.MaxBytesReader(w, r.Body, n)
			if key, ok := f.bodyKey(l.X, ""); ok {
				if v.Body.valid() {
					st.unlimit(key)
				} else {
					st.limit(key)
				}
			}
			return
		}
		f.weak(l.X, v, st)
	case *ast.IndexExpr:
		f.weak(l.X, v, st)
	case *ast.StarExpr:
		f.weak(l.X, v, st)
	}
}

// weak stores v into part of the variable at the root of x (a field, an
// element): the variable may now hold input, and keeps what it held.
func (f *flow) weak(x ast.Expr, v Val, st *state) {
	if !v.Tainted() {
		return
	}
	if root := astutil.RootVarViaGetters(f.a.info, x); root != nil && !astutil.IsPackageLevel(root) {
		st.set(root, st.get(root).join(v.data()))
	}
}

// ret records the values a return statement returns.
func (f *flow) ret(n *ast.ReturnStmt, st *state) {
	if !f.record {
		return
	}
	var vals []Val
	switch {
	case len(n.Results) == 0:
		for _, v := range f.named {
			if v != nil {
				vals = append(vals, st.get(v))
			} else {
				vals = append(vals, Val{})
			}
		}
	case len(n.Results) == 1 && len(f.sum.Results) > 1:
		vals = f.multi(n.Results[0], len(f.sum.Results), st)
	default:
		for _, r := range n.Results {
			vals = append(vals, f.eval(r, st))
		}
	}
	for i, v := range vals {
		if i < len(f.sum.Results) {
			f.sum.Results[i] = f.sum.Results[i].join(v.data())
		}
	}
	f.success(n, st)
}

// success records, at a return that reports success (true, or a nil
// error last), which parameters are bounded there: on every such return
// they make the function a check (Summary.Checks).
//
//	func inRange(n int) bool { return n > 0 && n <= 100 }
func (f *flow) success(n *ast.ReturnStmt, st *state) {
	if f.parent != nil || len(n.Results) == 0 || len(n.Results) != len(f.sum.Results) {
		f.okPaths = -1 // a bare return or a call's results: not judged
		return
	}
	last := n.Results[len(n.Results)-1]
	var ok *state
	switch {
	case isError(f.lastResult):
		if !isNil(f.a.info, last) {
			return // a failure
		}
		ok = st
	case isBool(f.a.info, last) && len(n.Results) == 1:
		if tv := f.a.info.Types[last]; tv.Value != nil && tv.Value.String() == "false" {
			return // a failure
		}
		ok = st.clone()
		f.quiet = true
		f.narrow(last, ok, true)
		f.quiet = false
	default:
		f.okPaths = -1
		return
	}
	var bounded uint64
	for i, p := range f.params {
		if i < 64 && ok.get(p).Params&(1<<i) == 0 {
			bounded |= 1 << i
		}
	}
	if f.okPaths == 0 {
		f.okBounded = bounded
	} else {
		f.okBounded &= bounded
	}
	if f.okPaths >= 0 {
		f.okPaths++
	}
}

// eval returns the value of e in st. In the final pass, it records the
// sinks and reads e makes.
func (f *flow) eval(e ast.Expr, st *state) Val {
	info := f.a.info
	switch e := e.(type) {
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok {
			return st.get(v)
		}
	case *ast.ParenExpr:
		return f.eval(e.X, st)
	case *ast.SelectorExpr:
		return f.selector(e, st)
	case *ast.IndexExpr:
		x := f.eval(e.X, st)
		f.eval(e.Index, st)
		return f.access(e, e.X, x)
	case *ast.IndexListExpr:
		return Val{}
	case *ast.SliceExpr:
		x := f.eval(e.X, st)
		for _, i := range []ast.Expr{e.Low, e.High, e.Max} {
			if i != nil {
				f.eval(i, st)
			}
		}
		return x.data()
	case *ast.StarExpr:
		return f.eval(e.X, st)
	case *ast.UnaryExpr:
		x := f.eval(e.X, st)
		switch e.Op {
		case token.NOT, token.ARROW:
			return Val{}
		}
		return x
	case *ast.BinaryExpr:
		return f.binary(e, st)
	case *ast.CallExpr:
		if vs := f.call(e, st); len(vs) > 0 {
			return vs[0]
		}
	case *ast.CompositeLit:
		var v Val
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if _, isMap := under(info.TypeOf(e)).(*types.Map); isMap {
					v = v.join(f.eval(kv.Key, st))
				}
				el = kv.Value
			}
			v = v.join(f.eval(el, st))
		}
		return v.data()
	case *ast.TypeAssertExpr:
		return f.eval(e.X, st)
	case *ast.FuncLit:
		f.lit(e, st)
	}
	return Val{}
}

// selector evaluates x.f: a field, a request field holding input, the
// request body, or a qualified identifier.
func (f *flow) selector(e *ast.SelectorExpr, st *state) Val {
	info := f.a.info
	sel := info.Selections[e]
	if sel == nil {
		return Val{} // pkg.Name
	}
	x := f.eval(e.X, st)
	if sel.Kind() != types.FieldVal {
		return Val{} // a method value
	}
	if isRequest(info.TypeOf(e.X)) && e.Sel.Name == "Body" {
		v := Val{Src: f.a.origin(e, nil, false)}
		if key, ok := f.bodyKey(e.X, ""); ok && !st.isLimited(key) {
			v.Body = key
		}
		return v
	}
	if f.a.tables.fields[fieldKey(sel)] {
		return Val{Src: f.a.origin(e, nil, true)}
	}
	return f.access(e, e.X, x)
}

// access is the value of a selector, index or method call e on x, whose
// value is xv: input stays input. Along a chain of accesses on standard
// types, the origin named becomes the whole chain:
// r.URL.Query().Get("count").
func (f *flow) access(e ast.Expr, x ast.Expr, xv Val) Val {
	if !xv.Tainted() {
		return Val{}
	}
	t := f.a.info.TypeOf(e)
	if small(t) {
		return Val{}
	}
	if sel, ok := e.(*ast.SelectorExpr); ok && boundedByTag(f.a.info.Selections[sel]) {
		return Val{} // binding:"max=100": the framework's validator bounds it
	}
	v := xv.data()
	if numeric(t) {
		v = v.number()
	}
	if xv.Src != nil && xv.Src.extend && !userType(f.a.info.TypeOf(x)) {
		v.Src = f.a.origin(e, nil, true)
	}
	return v
}

func (f *flow) binary(e *ast.BinaryExpr, st *state) Val {
	x, y := f.eval(e.X, st), f.eval(e.Y, st)
	switch e.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
		return Val{}
	case token.REM, token.AND:
		if !y.Tainted() {
			return Val{} // x % k and x & k are below k
		}
	}
	v := x.join(y).data()
	if numeric(f.a.info.TypeOf(e)) {
		v = v.number()
	}
	return v
}

// call evaluates a call and returns the values of its results.
func (f *flow) call(call *ast.CallExpr, st *state) []Val {
	info := f.a.info
	out := make([]Val, resultCount(info.TypeOf(call)))
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		// A conversion.
		if len(call.Args) == 1 && len(out) == 1 {
			v := f.eval(call.Args[0], st)
			switch {
			case small(tv.Type):
				v = Val{}
			case numeric(tv.Type):
				v = v.number()
			}
			out[0] = v
		}
		return out
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			f.builtin(b.Name(), call, st, out)
			return out
		}
	}
	var recvExpr ast.Expr
	var recv Val
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		if s := info.Selections[fun]; s != nil && s.Kind() == types.MethodVal {
			recvExpr, recv = fun.X, f.eval(fun.X, st)
		}
	case *ast.FuncLit:
		for _, a := range call.Args {
			f.eval(a, st)
		}
		f.lit(fun, st) // called at once: part of this function
		return out
	default:
		f.eval(call.Fun, st)
	}
	args := make([]Val, len(call.Args))
	for i, a := range call.Args {
		args[i] = f.eval(a, st)
	}
	fn, ok := calleeOf(info, call)
	if !ok {
		return out
	}
	name := fn.FullName()
	t := f.a.tables
	if validates(fn) {
		// validate.Struct(req), req.Validate(), inRange(n): a check the
		// analysis cannot see into; what it is given is taken as bounded.
		for _, e := range append([]ast.Expr{recvExpr}, call.Args...) {
			f.validated(e, st)
		}
	}

	// What the call does with the body and with sizes.
	if rd := t.reads[name]; rd != nil && rd.Arg < len(args) {
		if what := readWhat(info, call, rd); what != "" {
			f.read(call, args[rd.Arg], what)
		}
	}
	if rr := t.reqReads[name]; rr != nil && recvExpr != nil {
		f.requestRead(call, recvExpr, rr, st)
	}
	if path, ok := t.limits[name]; ok && recvExpr != nil {
		// ctx.SetMaxRequestBodySize(n): ctx.Request().Body is limited.
		if key, ok := f.bodyKey(recvExpr, path); ok {
			st.limit(key)
		}
	}
	if i, ok := sizes[name]; ok && i < len(args) {
		f.sink(Alloc, call, call.Args[i], args[i])
	}

	// What it returns, and fills.
	switch {
	case t.sources[name] != nil:
		src := t.sources[name]
		if src.Fill >= 0 {
			if src.Fill < len(call.Args) {
				f.fill(call.Args[src.Fill], Val{Src: f.a.origin(call, nil, false)}, st)
			}
			return out
		}
		for i := range out {
			if !isError(resultType(info.TypeOf(call), i)) {
				out[i] = Val{Src: f.a.origin(call, nil, true)}
			}
		}
		return out
	case t.carries[name]:
		// args.GetUintOrZero("n") on ctx.QueryArgs(): the receiver's
		// input, named by the whole chain.
		if recvExpr == nil || !recv.Tainted() {
			return out
		}
		for i := range out {
			rt := resultType(info.TypeOf(call), i)
			if isError(rt) {
				continue
			}
			v := recv.data()
			if numeric(rt) {
				v = v.number()
			}
			if recv.Src != nil {
				v.Src = f.a.origin(call, nil, true)
			}
			out[i] = v
		}
		return out
	case hasKey(limitReaders, name):
		if i := limitReaders[name]; i < len(args) && len(out) > 0 {
			out[0] = args[i].data()
		}
		return out
	case hasKey(wraps, name):
		if i := wraps[name]; i < len(args) && len(out) > 0 {
			out[0] = args[i]
		}
		return out
	case len(t.passes[name]) > 0:
		if smallBitSize(f.a.info, name, call) {
			return out // strconv.ParseInt(s, 10, 16) is at most 32767
		}
		for _, i := range t.passes[name] {
			if i < len(args) && len(out) > 0 {
				out[0] = out[0].join(args[i].number())
			}
		}
		return out
	case t.fills[name] != nil:
		fl := t.fills[name]
		from := recv
		if fl.From >= 0 && fl.From < len(args) {
			from = args[fl.From]
		}
		if from.Tainted() || from.Body.valid() {
			v := Val{Params: from.Params, Big: from.Big || from.Body.valid()}
			if from.Src != nil {
				v.Src = f.a.origin(call, nil, false)
			}
			for i := fl.To; i < len(call.Args); i++ {
				f.fill(call.Args[i], v, st)
			}
		}
		return out
	case t.reads[name] != nil:
		// The decoder, scanner or data of a read: input.
		if a := args[t.reads[name].Arg]; (a.Tainted() || a.Body.valid()) && len(out) > 0 {
			out[0] = Val{Params: a.Params, Big: a.Big || a.Body.valid()}
			if a.Src != nil {
				out[0].Src = f.a.origin(call, nil, false)
			}
		}
		return out
	}

	if decl := f.a.decl(fn); decl != nil {
		if recvExpr != nil {
			return f.apply(call, fn, decl, append([]ast.Expr{recvExpr}, call.Args...), append([]Val{recv}, args...), st, out)
		}
		return f.apply(call, fn, decl, call.Args, args, st, out)
	}
	if fn.Pkg() == nil || !catalog.IsStd(fn.Pkg().Path()) {
		return out // another module's function: not followed
	}
	// A Read fills its buffer with what the reader holds, up to the
	// buffer's size.
	if fn.Name() == "Read" && recvExpr != nil && recv.Tainted() && len(call.Args) == 1 {
		f.fill(call.Args[0], Val{Src: f.a.origin(call, nil, false), Params: recv.Params}, st)
	}
	// Other standard functions and methods carry input into what they
	// return, except numbers.
	in := recv
	for _, a := range args {
		in = in.join(a)
	}
	if !in.Tainted() {
		return out
	}
	for i := range out {
		rt := resultType(info.TypeOf(call), i)
		if numeric(rt) || small(rt) || isError(rt) {
			continue
		}
		v := in.data()
		if recvExpr != nil && recv.Src != nil && recv.Src.extend && !userType(info.TypeOf(recvExpr)) {
			v.Src = f.a.origin(call, nil, true)
		}
		out[i] = v
	}
	return out
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

func (f *flow) builtin(name string, call *ast.CallExpr, st *state, out []Val) {
	args := make([]Val, len(call.Args))
	for i, a := range call.Args {
		args[i] = f.eval(a, st)
	}
	if len(out) == 0 {
		return
	}
	switch name {
	case "len", "cap":
		// The length of data read from an unlimited body; the length of
		// anything else is bounded by what the server accepts.
		if len(args) == 1 && args[0].Big {
			out[0] = Val{Src: f.a.origin(call, nil, false)}
		}
	case "min":
		// Bounded unless every operand is input.
		v := Val{}
		for i, a := range args {
			if a.Src == nil {
				return
			}
			if i == 0 {
				v = a.number()
			} else {
				v = v.join(a.number())
			}
		}
		v.Params = 0
		out[0] = v
	case "max", "complex", "real", "imag":
		for _, a := range args {
			out[0] = out[0].join(a.number())
		}
	case "make":
		for i := 1; i < len(args); i++ {
			f.sink(Alloc, call, call.Args[i], args[i])
		}
	case "append":
		for _, a := range args {
			out[0] = out[0].join(a.data())
		}
		out[0].Big = false
	}
}

// fill stores v where the argument a points: &x, or x itself when it is a
// pointer, map, slice or interface.
func (f *flow) fill(a ast.Expr, v Val, st *state) {
	if f.quiet || !v.Tainted() {
		return
	}
	x := ast.Unparen(a)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = ast.Unparen(u.X)
	}
	root := astutil.RootVarViaGetters(f.a.info, x)
	if root == nil || astutil.IsPackageLevel(root) {
		return
	}
	st.set(root, st.get(root).join(v))
	if f.record && f.parent == nil {
		for i, p := range f.params {
			if p == root && i < len(f.sum.Fills) {
				f.sum.Fills[i] = f.sum.Fills[i].join(v)
			}
		}
	}
}

// readWhat says what call, a read of rd, does with the body, or "" when
// it keeps none of it: a copy is judged by its destination's type.
func readWhat(info *types.Info, call *ast.CallExpr, rd *ReadCall) string {
	if rd.Dst < 0 {
		return rd.What
	}
	if rd.Dst >= len(call.Args) {
		return ""
	}
	return copyKeeps[types.TypeString(info.TypeOf(call.Args[rd.Dst]), nil)]
}

// read records a read of the reader whose value is v, if it is an
// unlimited request body.
func (f *flow) read(call *ast.CallExpr, v Val, what string) {
	if !f.record || f.quiet || !v.Body.valid() || f.a.cfg.Ignored(call.Pos(), BodyRead) {
		return
	}
	p, _ := f.paramBody(v.Body)
	f.sum.Reads = append(f.sum.Reads, Read{Body: v.Body, Param: p, At: call, Op: text(call), What: what})
}

// requestRead records a body read made by a request method, unless the
// body is limited or the call keeps no more than the limit in memory.
func (f *flow) requestRead(call *ast.CallExpr, recv ast.Expr, rr *RequestRead, st *state) {
	if !f.record || f.quiet {
		return
	}
	key, ok := f.bodyKey(recv, rr.Path)
	if !ok || st.isLimited(key) || f.a.cfg.Ignored(call.Pos(), BodyRead) {
		return
	}
	mem := rr.Implicit
	if rr.Memory >= 0 {
		if rr.Memory >= len(call.Args) {
			return
		}
		tv := f.a.info.Types[call.Args[rr.Memory]]
		if tv.Value == nil {
			return // not a constant: not judged
		}
		n, exact := constant.Int64Val(constant.ToInt(tv.Value))
		if !exact {
			return
		}
		mem = n
	}
	if mem > 0 && mem <= f.a.cfg.MaxBody {
		return
	}
	what := rr.What
	if strings.Contains(what, "%s") {
		what = fmt.Sprintf(what, Size(mem))
	}
	p, _ := f.paramBody(key)
	f.sum.Reads = append(f.sum.Reads, Read{Body: key, Param: p, At: call, Op: text(call), What: what})
}

// sink records a loop or allocation at `at` sized by e, whose value is v.
func (f *flow) sink(k Kind, at ast.Node, e ast.Expr, v Val) {
	if !f.record || f.quiet || !v.Tainted() || f.a.cfg.Ignored(at.Pos(), k) {
		return
	}
	op := "loop"
	if call, ok := at.(*ast.CallExpr); ok {
		op = text(call)
	}
	f.sum.Sinks = append(f.sum.Sinks, Sink{Kind: k, At: at, Op: op, Expr: text(e), Bound: v.number()})
}

// apply applies the summary of an in-package function to a call of it:
// exprs and vals are the receiver, if any, and the arguments.
func (f *flow) apply(call *ast.CallExpr, fn *types.Func, decl *ast.FuncDecl, exprs []ast.Expr, vals []Val, st *state, out []Val) []Val {
	sum := f.a.Func(decl)
	sub := func(v Val) Val {
		w := Val{Src: v.Src, Big: v.Big}
		for _, j := range params(v.Params) {
			if j < len(vals) {
				w = w.join(vals[j].data())
			} else if len(vals) > 0 {
				w = w.join(vals[len(vals)-1].data()) // variadic
			}
		}
		return w
	}
	derived := func(v Val, inner *Origin) Val {
		if inner != nil && v.Src == inner {
			v.Src = f.a.origin(call, inner, false)
		}
		return v
	}
	for i := range out {
		if i < len(sum.Results) {
			out[i] = derived(sub(sum.Results[i]), sum.Results[i].Src)
		}
	}
	if !f.quiet {
		for j, fv := range sum.Fills {
			if j < len(exprs) && fv.Tainted() {
				f.fill(exprs[j], derived(sub(fv), fv.Src), st)
			}
		}
		for _, pb := range sum.Limits {
			if pb.Param < len(exprs) {
				if key, ok := f.bodyKey(exprs[pb.Param], pb.Suffix); ok {
					st.limit(key)
				}
			}
		}
	}
	if !f.record || f.quiet || len(sum.Sinks)+len(sum.Reads) == 0 || f.a.cfg.Skip(fn) {
		// A handler called with the request reports its own findings.
		return out
	}
	name := sum.name
	for _, s := range sum.Sinks {
		b := sub(s.Bound)
		if !b.Tainted() || f.a.cfg.Ignored(call.Pos(), s.Kind) {
			continue
		}
		expr := s.Expr
		if s.Bound.Src == nil {
			// Sized by a parameter: name the argument.
			for _, j := range params(s.Bound.Params) {
				if j < len(exprs) && vals[j].Tainted() {
					expr = text(exprs[j])
					b.Src = earlierOr(vals[j].Src, b.Src)
					break
				}
			}
		}
		f.sum.Sinks = append(f.sum.Sinks, Sink{Kind: s.Kind, At: call, Op: s.Op, Expr: expr, Bound: b,
			Via: prepend(Step{Func: name, Pos: s.At.Pos()}, s.Via)})
	}
	for _, rd := range sum.Reads {
		if rd.Param.Param < 0 || rd.Param.Param >= len(exprs) || f.a.cfg.Ignored(call.Pos(), BodyRead) {
			continue
		}
		key, ok := f.bodyKey(exprs[rd.Param.Param], rd.Param.Suffix)
		if !ok || st.isLimited(key) {
			continue
		}
		p, _ := f.paramBody(key)
		f.sum.Reads = append(f.sum.Reads, Read{Body: key, Param: p, At: call, Op: rd.Op, What: rd.What,
			Via: prepend(Step{Func: name, Pos: rd.At.Pos()}, rd.Via)})
	}
	return out
}

// earlierOr prefers a, the input named at the call.
func earlierOr(a, b *Origin) *Origin {
	if a != nil {
		return a
	}
	return b
}

func prepend(s Step, via []Step) []Step {
	out := make([]Step, 0, min(len(via)+1, MaxSteps))
	out = append(out, s)
	if len(via)+1 <= MaxSteps {
		return append(out, via...)
	}
	out = append(out, via[:MaxSteps-2]...)
	return append(out, via[len(via)-1])
}

// lit analyzes a function literal written in the body as part of it (a
// callback, a deferred or immediately called function), from the state
// where it is written. Handler literals are analyzed on their own.
func (f *flow) lit(lit *ast.FuncLit, st *state) {
	if !f.record || f.quiet || f.a.cfg.OwnLit(lit) {
		return
	}
	sum := f.a.analyze(lit, f, st.clone())
	f.sum.Sinks = append(f.sum.Sinks, sum.Sinks...)
	f.sum.Reads = append(f.sum.Reads, sum.Reads...)
}

// bodyKey returns the key of the body of the request x (then suffix):
// WithContext and Clone share the body of the request they copy.
func (f *flow) bodyKey(x ast.Expr, suffix string) (BodyKey, bool) {
	x = ast.Unparen(x)
	for {
		call, ok := x.(*ast.CallExpr)
		if !ok {
			break
		}
		fn, ok := calleeOf(f.a.info, call)
		if !ok || fn.FullName() != "(*net/http.Request).WithContext" && fn.FullName() != "(*net/http.Request).Clone" {
			break
		}
		x = ast.Unparen(call.Fun.(*ast.SelectorExpr).X)
	}
	root := astutil.RootVarViaGetters(f.a.info, x)
	if root == nil || f.a.tables.limited[paramType(root.Type())] {
		// No request, or one whose framework limits its body
		// (PocketBase's e.Request).
		return BodyKey{}, false
	}
	if id, ok := x.(*ast.Ident); ok {
		if k, ok := f.top().alias[f.a.info.ObjectOf(id)]; ok {
			return BodyKey{Root: k.Root, Path: k.Path + suffix}, true
		}
	}
	return BodyKey{Root: root, Path: types.ExprString(x) + suffix}, true
}

func (f *flow) top() *flow {
	for f.parent != nil {
		f = f.parent
	}
	return f
}

// alias1 records the request variables an assignment makes copies of
// another request, r2 := r.WithContext(ctx): they share its body.
func (f *flow) alias1(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	top := f.top()
	for i, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok || !isRequest(f.a.info.TypeOf(id)) {
			continue
		}
		obj := f.a.info.ObjectOf(id)
		if _, done := top.alias[obj]; done || obj == nil {
			continue
		}
		if k, ok := f.bodyKey(as.Rhs[i], ""); ok && k.Root != obj {
			if top.alias == nil {
				top.alias = make(map[types.Object]BodyKey)
			}
			top.alias[obj] = k
		}
	}
}

// calleeOf returns the function or method called, interface methods
// included.
func calleeOf(info *types.Info, call *ast.CallExpr) (*types.Func, bool) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return nil, false
	}
	return fn.Origin(), true
}

// Size renders a byte count: "32 MiB", "1 MiB", "1500 bytes".
func Size(n int64) string {
	for _, u := range []struct {
		shift int
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// text renders an expression as written, shortened when long.
func text(n ast.Node) string {
	e, ok := n.(ast.Expr)
	if !ok {
		return ""
	}
	s := types.ExprString(e)
	if len(s) > 80 {
		s = s[:77] + "…"
	}
	return s
}

func (a *Analyzer) origin(n ast.Node, via *Origin, extend bool) *Origin {
	k := originKey{n, via}
	if o := a.origins[k]; o != nil {
		return o
	}
	o := &Origin{Text: text(n), Pos: n.Pos(), Via: via, node: n, extend: extend}
	a.origins[k] = o
	return o
}

// fieldKey names the field a selection selects: "net/http.Request.URL".
func fieldKey(sel *types.Selection) string {
	t := sel.Recv()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name() + "." + sel.Obj().Name()
}

// paramType prints t as frameworks.Framework.LimitedBodies names
// parameter types: "*github.com/pocketbase/pocketbase/core.RequestEvent".
func paramType(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return "*" + types.TypeString(types.Unalias(p.Elem()), nil)
	}
	return types.TypeString(types.Unalias(t), nil)
}

// isRequest reports whether t is *http.Request or http.Request.
func isRequest(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Request"
}

// userType reports whether t is a named type declared outside the
// standard library: accesses on it are the user's own (req.Days), not a
// longer name for the input.
func userType(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && !catalog.IsStd(n.Obj().Pkg().Path())
}

func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// numeric reports whether t is an integer or floating-point type.
func numeric(t types.Type) bool {
	b, ok := under(t).(*types.Basic)
	return ok && b.Info()&(types.IsInteger|types.IsFloat) != 0
}

// small reports whether the values of t are too small to size anything:
// booleans and integers of 16 bits or fewer.
func small(t types.Type) bool {
	b, ok := under(t).(*types.Basic)
	if !ok {
		return false
	}
	switch b.Kind() {
	case types.Bool, types.UntypedBool, types.Int8, types.Uint8, types.Int16, types.Uint16:
		return true
	}
	return false
}

func isError(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

func resultCount(t types.Type) int {
	switch t := t.(type) {
	case nil:
		return 0
	case *types.Tuple:
		return t.Len()
	}
	return 1
}

func resultType(t types.Type, i int) types.Type {
	if tup, ok := t.(*types.Tuple); ok {
		if i < tup.Len() {
			return tup.At(i).Type()
		}
		return nil
	}
	return t
}

func sortLimits(ls []ParamBody) {
	slices.SortFunc(ls, func(a, b ParamBody) int {
		if a.Param != b.Param {
			return a.Param - b.Param
		}
		return strings.Compare(a.Suffix, b.Suffix)
	})
}

// validates reports whether fn is named as a validation: Validate,
// ValidateStruct, isValid, validLimit. A check in another package, or one
// that returns a bool or an error, is not followed; when it is named so,
// its arguments and receiver are taken as bounded, which errs on the side
// of silence.
func validates(fn *types.Func) bool {
	return strings.Contains(strings.ToLower(fn.Name()), "valid")
}

// validated takes the variable at the root of e as bounded.
func (f *flow) validated(e ast.Expr, st *state) {
	if e == nil || f.quiet {
		return
	}
	x := ast.Unparen(e)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = u.X
	}
	if root := astutil.RootVarViaGetters(f.a.info, x); root != nil && st.has(root) {
		st.set(root, Val{Body: st.get(root).Body})
	}
}

// boundedByTag reports whether the field a selection selects carries a
// validation tag with an upper bound, which gin's binding and
// go-playground/validator enforce: `binding:"max=100"`,
// `validate:"lte=366"`, `validate:"oneof=10 20 50"`.
func boundedByTag(sel *types.Selection) bool {
	if sel == nil || sel.Kind() != types.FieldVal {
		return false
	}
	tag := fieldTag(sel)
	if tag == "" {
		return false
	}
	st := reflect.StructTag(tag)
	// Hertz's validator evaluates an expression on the field ($):
	// vd:"$<=100", vd:"$>0&&$<100", vd:"in($,1,2,3)". One that compares
	// with "<" or lists the values is taken as a bound.
	if vd := st.Get("vd"); strings.Contains(vd, "<") || strings.Contains(vd, "in(") {
		return true
	}
	for _, key := range []string{"binding", "validate"} {
		for rule := range strings.SplitSeq(st.Get(key), ",") {
			name, _, _ := strings.Cut(strings.TrimSpace(rule), "=")
			switch name {
			case "max", "lte", "lt", "oneof", "len", "eq":
				return true
			}
		}
	}
	return false
}

// fieldTag returns the tag of the field a selection selects, following
// embedded fields.
func fieldTag(sel *types.Selection) string {
	t := sel.Recv()
	idx := sel.Index()
	for i, j := range idx {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || j >= st.NumFields() {
			return ""
		}
		if i == len(idx)-1 {
			return st.Tag(j)
		}
		t = st.Field(j).Type()
	}
	return ""
}

// smallBitSize reports whether a strconv parse is given a bit size of 16
// or less, which bounds its result.
func smallBitSize(info *types.Info, name string, call *ast.CallExpr) bool {
	if name != "strconv.ParseInt" && name != "strconv.ParseUint" || len(call.Args) != 3 {
		return false
	}
	tv := info.Types[call.Args[2]]
	if tv.Value == nil {
		return false
	}
	n, ok := constant.Int64Val(tv.Value)
	return ok && n > 0 && n <= 16
}
