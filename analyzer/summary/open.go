package summary

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/slots"
)

// This file holds the calls a summary cannot name statically: callbacks a
// callee runs before it returns, and calls through struct fields of
// interface or func type. Package slots says which parameters are
// callbacks and what the package binds to each field; a field call no
// binding here resolves stays open, travels in the fact, and is resolved
// by the package that binds it (usually the one that wires main).

// Open is a call through a field that was not resolved where it was made.
type Open struct {
	// Slot names the field (slots.FieldSlot), Method the interface
	// method called through it ("" for a func-typed field).
	Slot, Method string
	// Name is the call as code writes it: "MessageAPI.DB.Create".
	Name string
	// Steps go from the summarized function to the open call.
	Steps []Step
	Depth int

	pos token.Pos // of the call, in the package that made it; not encoded
}

// MaxOpen bounds the open calls a function's fact keeps: the nearest ones.
const MaxOpen = 8

// callbacks returns the arguments of call that its callee runs before it
// returns, when any is a function literal or a function value.
func (s *scanner) callbacks(call *ast.CallExpr) []int {
	if s.slots == nil {
		return nil
	}
	callee := typeutil.StaticCallee(s.info, call)
	if callee == nil {
		return nil
	}
	var out []int
	for _, i := range s.slots.Sync(callee) {
		if i < len(call.Args) {
			out = append(out, i)
		}
	}
	return out
}

// walkCallbacks scans the operands of call on behalf of fn, with the
// bodies of literal callbacks as part of fn's (the callee runs them before
// it returns) and function-valued callbacks as calls fn makes.
func (s *scanner) walkCallbacks(call *ast.CallExpr, sync []int, fn *Func) {
	s.walk(call.Fun, fn)
	for i, arg := range call.Args {
		if !slices.Contains(sync, i) {
			s.walk(arg, fn)
			continue
		}
		switch a := ast.Unparen(arg).(type) {
		case *ast.FuncLit:
			s.walk(a.Body, fn)
		case *ast.Ident, *ast.SelectorExpr:
			if f := funcValue(s.info, a); f != nil && f.Pkg() != nil && !catalog.IsStd(f.Pkg().Path()) {
				fn.Calls = append(fn.Calls, Call{Callee: f.Origin(), Call: call, Through: "a callback of " + calleeName(s.info, call)})
			}
			s.walk(arg, fn)
		default:
			s.walk(arg, fn)
		}
	}
}

// funcValue returns the function e names as a value: f, pkg.F, or the
// method value x.M of a concrete type.
func funcValue(info *types.Info, e ast.Expr) *types.Func {
	switch x := e.(type) {
	case *ast.Ident:
		f, _ := info.Uses[x].(*types.Func)
		return f
	case *ast.SelectorExpr:
		if sel := info.Selections[x]; sel != nil {
			if sel.Kind() == types.MethodVal && !types.IsInterface(sel.Recv()) {
				f, _ := sel.Obj().(*types.Func)
				return f
			}
			return nil
		}
		f, _ := info.Uses[x.Sel].(*types.Func)
		return f
	}
	return nil
}

func calleeName(info *types.Info, call *ast.CallExpr) string {
	if f := typeutil.StaticCallee(info, call); f != nil {
		return astutil.FuncName(f)
	}
	return "its callee"
}

// dynamic handles a call with no static callee: a call through a field of
// interface or func type is resolved by what the package binds to the
// field, or kept open.
func (s *scanner) dynamic(call *ast.CallExpr, fn *Func) {
	// rdb.Get(ctx, k) on a redis.UniversalClient: a client's round trip.
	if m, ok := typeutil.Callee(s.info, call).(*types.Func); ok {
		if op, opName := s.scan.ClientOp(call, m); op != nil {
			for _, hook := range s.callHooks {
				hook(s.scan, fn, call, m)
			}
			s.site(fn, Site{Kind: op.Kind, Op: opName, Node: call, Call: call, Entry: op})
			return
		}
	}
	if s.slots == nil {
		return
	}
	if table := s.slots.Table(call.Fun); len(table) > 0 {
		// routes[path](w, r, v): any of the table's functions.
		name := types.ExprString(ast.Unparen(call.Fun).(*ast.IndexExpr).X) + "[…]"
		for _, f := range table {
			f = f.Origin()
			if f.Pkg() == nil || catalog.IsStd(f.Pkg().Path()) {
				continue
			}
			fn.Calls = append(fn.Calls, Call{Callee: f, Call: call, Through: name + " = " + astutil.FuncName(f)})
		}
		return
	}
	slot, method, name := s.fieldCall(call)
	if slot == "" {
		return
	}
	targets := s.slots.Resolve(slot, method)
	if len(targets) == 0 {
		if len(fn.Open) < MaxOpen {
			fn.Open = append(fn.Open, Open{Slot: slot, Method: method, Name: name, pos: call.Pos()})
		}
		return
	}
	for _, t := range targets {
		through := boundName(name, method, t)
		callee := t.Func.Origin()
		if op := s.cat.Op(callee.FullName()); op != nil {
			if !op.SharedRecv {
				s.site(fn, Site{Kind: op.Kind, Op: OpName(callee), Node: call, Call: call, Entry: op, Through: through})
			}
			continue
		}
		if callee.Pkg() == nil || catalog.IsStd(callee.Pkg().Path()) {
			continue
		}
		fn.Calls = append(fn.Calls, Call{Callee: callee, Call: call, Through: through, BoundAt: t.Binding.Pos})
	}
}

// boundName says what a binding binds: "MessageAPI.DB = *database.GormDatabase".
func boundName(name, method string, t slots.Target) string {
	field := name
	if method != "" {
		field = name[:max(0, len(name)-len(method)-1)]
	}
	if t.Binding.Type != nil {
		return field + " = " + types.TypeString(t.Binding.Type, (*types.Package).Name)
	}
	return field + " = " + astutil.FuncName(t.Func)
}

// fieldCall returns the slot, method and name of a call through a field:
// x.F.M(…) where F is of interface type, or x.F(…) where F is a func.
func (s *scanner) fieldCall(call *ast.CallExpr) (slot, method, name string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", "", ""
	}
	selection := s.info.Selections[sel]
	if selection == nil {
		return "", "", ""
	}
	switch selection.Kind() {
	case types.FieldVal: // x.F(…), F a func
		field, _ := selection.Obj().(*types.Var)
		return s.slots.FieldSlot(field), "", fieldName(selection) + "." + field.Name()
	case types.MethodVal: // x.F.M(…), F an interface
		if !types.IsInterface(selection.Recv()) {
			return "", "", ""
		}
		inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
		if !ok {
			return "", "", ""
		}
		fs := s.info.Selections[inner]
		if fs == nil || fs.Kind() != types.FieldVal {
			return "", "", ""
		}
		field, _ := fs.Obj().(*types.Var)
		return s.slots.FieldSlot(field), sel.Sel.Name, fieldName(fs) + "." + field.Name() + "." + sel.Sel.Name
	}
	return "", "", ""
}

// fieldName is the type a field selection starts from: "MessageAPI".
func fieldName(sel *types.Selection) string {
	return astutil.RecvTypeName(sel.Recv())
}

// opens computes the open calls of every function, nearest first, within
// the package and through the facts of callees in other packages (those
// this package cannot resolve either).
func (s *Summary) opens() {
	s.open = make(map[*types.Func][]Open)
	var queue []*types.Func
	add := func(fn *types.Func, o Open) bool {
		cur := s.open[fn]
		for i, c := range cur {
			if c.Slot == o.Slot && c.Method == o.Method {
				if o.Depth < c.Depth {
					cur[i] = o
					return true
				}
				return false
			}
		}
		if len(cur) >= MaxOpen {
			return false
		}
		s.open[fn] = append(cur, o)
		return true
	}
	for _, fn := range s.funcs {
		if fn.Obj == nil {
			continue
		}
		changed := false
		for _, o := range fn.Open {
			o.Steps = []Step{s.Step(fn, o.pos)}
			o.Depth = 1
			changed = add(fn.Obj, o) || changed
		}
		for _, c := range fn.Calls {
			if s.Local(c.Callee) {
				continue
			}
			for _, o := range s.importedOpen(c.Callee) {
				if s.cfg.Slots != nil && s.cfg.Slots.Binds(o.Slot) {
					continue // resolved here: see Reasons
				}
				changed = add(fn.Obj, o.prepend(s.Step(fn, c.Call.Pos()))) || changed
			}
		}
		if changed {
			queue = append(queue, fn.Obj)
		}
	}
	for rounds := 0; len(queue) > 0 && rounds < MaxSteps*4; rounds++ {
		var next []*types.Func
		for _, callee := range queue {
			for _, e := range s.callers[callee] {
				changed := false
				for _, o := range s.open[callee] {
					changed = add(e.caller.Obj, o.prepend(s.Step(e.caller, e.call.Pos()))) || changed
				}
				if changed {
					next = append(next, e.caller.Obj)
				}
			}
		}
		queue = next
	}
}

// Opens returns the open calls of a function of the package, or of one
// in another package, from its fact.
func (s *Summary) Opens(fn *types.Func) []Open {
	fn = fn.Origin()
	if s.Local(fn) {
		return s.open[fn]
	}
	return s.importedOpen(fn)
}

// FuncOpens returns the open calls a function body makes or reaches, a
// literal's included (a handler literal has no fact of its own).
func (s *Summary) FuncOpens(fn *Func) []Open {
	if fn.Obj != nil {
		return s.open[fn.Obj]
	}
	var out []Open
	for _, o := range fn.Open {
		o.Steps = []Step{s.Step(fn, o.pos)}
		o.Depth = 1
		out = append(out, o)
	}
	for _, c := range fn.Calls {
		for _, o := range s.Opens(c.Callee) {
			if s.cfg.Slots == nil || !s.cfg.Slots.Binds(o.Slot) {
				out = append(out, o.prepend(s.Step(fn, c.Call.Pos())))
			}
		}
	}
	return out
}

func (s *Summary) importedOpen(fn *types.Func) []Open {
	s.Reasons(fn) // imports the fact
	return s.importedOpens[fn.Origin()]
}

// prepend returns o as seen from a caller: step st, then o's chain.
func (o Open) prepend(st Step) Open {
	r := Reason{Steps: o.Steps, Depth: o.Depth}.Prepend(st)
	o.Steps, o.Depth = r.Steps, r.Depth
	return o
}

// resolvedOpens returns the reasons of the open calls of an imported
// function that this package resolves.
func (s *Summary) resolvedOpens(opens []Open) []Reason {
	if s.cfg.Slots == nil {
		return nil
	}
	var out []Reason
	for _, o := range opens {
		for _, t := range s.cfg.Slots.Resolve(o.Slot, o.Method) {
			out = append(out, s.Resolved(o, t)...)
		}
	}
	return out
}

// Resolved returns the reasons the open call o reaches through target t,
// seen from the function o's chain starts in.
func (s *Summary) Resolved(o Open, t slots.Target) []Reason {
	callee := t.Func.Origin()
	if op := s.cfg.Catalog.Op(callee.FullName()); op != nil {
		if op.SharedRecv {
			return nil
		}
		return []Reason{{Kind: op.Kind, Op: OpName(callee), Func: op.Func, Steps: slices.Clone(o.Steps), Depth: o.Depth}}
	}
	if callee.Pkg() == nil || catalog.IsStd(callee.Pkg().Path()) {
		return nil
	}
	var out []Reason
	for _, r := range s.Reasons(callee) {
		if r.Kind == catalog.Serial {
			continue // a lock taken by the target: lockheld's, not followed here
		}
		for i := len(o.Steps) - 1; i >= 0; i-- {
			r = r.Prepend(o.Steps[i])
		}
		out = append(out, r)
	}
	return out
}

// Through says what binds the target of an open call:
// "MessageAPI.DB = *database.GormDatabase".
func Through(o Open, t slots.Target) string { return boundName(o.Name, o.Method, t) }
