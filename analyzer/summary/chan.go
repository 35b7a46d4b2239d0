package summary

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"

	"golang.org/x/tools/go/types/typeutil"
)

// shared reports whether the channel, WaitGroup or other synchronisation
// value e is shared beyond the current call of fn, so that waiting on it
// waits for other goroutines' work rather than joining work fn started:
//
//	s.jobs <- j            // a field of the receiver: shared
//	queue <- j             // a package-level variable: shared
//	jobs <- j              // captured by a handler literal: shared
//	done := make(chan T)   // declared in fn: not shared
//	func f(ch chan T)      // a parameter: not known, so not shared
func (s *scanner) shared(e ast.Expr, fn *Func) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := s.info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		return astutil.IsPackageLevel(v) || !astutil.Within(v.Pos(), fn.Node)
	case *ast.SelectorExpr:
		if v, ok := s.info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			return astutil.IsPackageLevel(v) // pkg.Var
		}
		sel := s.info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal {
			return false
		}
		v := astutil.RootVar(s.info, e.X)
		if v == nil {
			return false
		}
		// Receivers, parameters and captured variables hold state that
		// outlives this call: the server, the store, the cache.
		return astutil.IsPackageLevel(v) || !astutil.Within(v.Pos(), fn.Body)
	case *ast.IndexExpr:
		return s.shared(e.X, fn)
	case *ast.StarExpr:
		return s.shared(e.X, fn)
	}
	return false
}

// isTimer reports whether receiving from ch just waits for time to pass:
// time.After(d), time.Tick(d), t.C of a time.Timer or time.Ticker.
func (s *scanner) isTimer(ch ast.Expr) bool {
	switch ch := ast.Unparen(ch).(type) {
	case *ast.CallExpr:
		if fn := typeutil.StaticCallee(s.info, ch); fn != nil {
			switch fn.FullName() {
			case "time.After", "time.Tick":
				return true
			}
		}
	case *ast.SelectorExpr:
		if ch.Sel.Name != "C" {
			return false
		}
		t := s.info.TypeOf(ch.X)
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if named, ok := t.(*types.Named); ok {
			obj := named.Obj()
			return obj.Pkg() != nil && obj.Pkg().Path() == "time" &&
				(obj.Name() == "Timer" || obj.Name() == "Ticker")
		}
	}
	return false
}

// isDone reports whether ch signals cancellation: a call of a Done method
// returning <-chan struct{} (context.Context's, or a framework context's),
// or a receive-only struct{} channel, which by convention is a done signal
// (done := ctx.Done()).
func (s *scanner) isDone(ch ast.Expr) bool {
	ch = ast.Unparen(ch)
	if call, ok := ch.(*ast.CallExpr); ok {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); !ok || sel.Sel.Name != "Done" {
			return false
		}
	}
	c, ok := typeUnder(s.info.TypeOf(ch)).(*types.Chan)
	if !ok || c.Dir() != types.RecvOnly {
		return false
	}
	st, ok := c.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

// waitHolder says how fn reaches the channel or WaitGroup e it waits on,
// for the callers' sake: through fn's receiver or one of its parameters
// (then whether the wait is shared depends on what each caller passes),
// or otherwise (a package-level or captured variable: shared whatever the
// caller does). Unlike a mutex, a channel copied with its struct is still
// the same channel, so no pointer is required on the way.
//
//	func (g *Group) Wait() error { g.wg.Wait() … }  // receiver: a local
//	                                                // Group joins its own work
func waitHolder(info *types.Info, fn *Func, e ast.Expr) (holder string, param int) {
	if fn.Obj == nil || e == nil {
		return HolderGlobal, 0
	}
	v := astutil.RootVar(info, e)
	if v == nil {
		return HolderGlobal, 0
	}
	sig := fn.Obj.Signature()
	if recv := sig.Recv(); recv != nil && recv == v {
		return HolderReceiver, 0
	}
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			return HolderParam, i
		}
	}
	return HolderGlobal, 0
}

// waitAcross returns the wait reason r of callee as its caller sees it at
// call, or false when the caller passes a channel or WaitGroup of its own
// making: then the caller is joining work it started, not waiting on
// other requests (var g errgroup.Group; …; g.Wait()).
func (s *Summary) waitAcross(caller *Func, callee *types.Func, call *ast.CallExpr, r Reason) (Reason, bool) {
	if r.Kind == catalog.NoTimeout {
		return s.deadlineAcross(caller, call, r) // unbounded.go
	}
	if r.Kind != catalog.Wait || r.Holder != HolderReceiver && r.Holder != HolderParam {
		return r, true
	}
	e := s.holderOperand(callee, call, r)
	if e == nil {
		return Reason{}, false
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X // &g passes g
	}
	if !s.sharedOperand(e, caller) {
		return Reason{}, false
	}
	r.Holder, r.HolderParam = waitHolder(s.pass.TypesInfo, caller, e)
	return r, true
}

// sharedOperand reports whether the value e, passed by fn, may be shared
// with other goroutines: a package-level variable, or anything reached from
// fn's receiver, parameters or captured variables.
func (s *Summary) sharedOperand(e ast.Expr, fn *Func) bool {
	v := astutil.RootVar(s.pass.TypesInfo, e)
	if v == nil {
		return false // a call result: not known
	}
	return astutil.IsPackageLevel(v) || !astutil.Within(v.Pos(), fn.Body)
}
