// Package chanwait detects waits on another goroutine's work: sends,
// receives, ranges and selects on channels shared beyond the current call,
// sync.WaitGroup waits on a shared group, and receives that only wait for
// a timer. It feeds package summary, and says how a wait reaches callers:
// only when the caller shares what is waited on.
//
//	s.jobs <- j            // a field of the receiver: shared, a wait
//	done := make(chan T)   // declared here: joining own work, not reported
package chanwait

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// New returns the detector for one package.
func New() summary.Detector {
	d := &detector{ops: make(map[*summary.Func][]chanOp)}
	return summary.Detector{
		Node:     d.node,
		Call:     d.call,
		Scanned:  d.dropReleases,
		Kinds:    []catalog.Kind{catalog.Wait},
		Across:   across,
		Reported: true,
	}
}

type detector struct {
	ops map[*summary.Func][]chanOp // every send and receive, to recognise semaphores
}

// chanOp is a send or receive on the channel spelled key.
type chanOp struct {
	key  string
	send bool
	pos  token.Pos
}

func (d *detector) node(sc *summary.Scan, fn *summary.Func, n ast.Node) bool {
	info := sc.Pass.TypesInfo
	switch n := n.(type) {
	case *ast.SelectStmt:
		d.selectStmt(sc, n, fn)
		return false
	case *ast.SendStmt:
		d.ops[fn] = append(d.ops[fn], chanOp{chanKey(n.Chan), true, n.Pos()})
		if shared(info, n.Chan, fn) {
			site(info, fn, summary.Site{Kind: catalog.Wait, Op: "send on " + types.ExprString(n.Chan), Node: n, Shared: n.Chan})
		}
	case *ast.UnaryExpr:
		if n.Op == token.ARROW {
			d.ops[fn] = append(d.ops[fn], chanOp{chanKey(n.X), false, n.Pos()})
			receive(info, n, n.X, fn, "receive from ")
		}
	case *ast.RangeStmt:
		if t := info.TypeOf(n.X); t != nil {
			if _, ok := t.Underlying().(*types.Chan); ok {
				receive(info, n, n.X, fn, "range over ")
			}
		}
	}
	return true
}

// call records a catalogued wait on a receiver that waits only when it is
// shared (sync.WaitGroup.Wait): a group local to fn joins work fn started.
func (d *detector) call(sc *summary.Scan, fn *summary.Func, call *ast.CallExpr, callee *types.Func) {
	op := sc.Catalog.Op(sc.Name(callee))
	if op == nil || !op.SharedRecv {
		return
	}
	recv := summary.RecvExpr(call)
	if !shared(sc.Pass.TypesInfo, recv, fn) {
		return
	}
	site(sc.Pass.TypesInfo, fn, summary.Site{Kind: op.Kind, Op: summary.OpName(callee), Node: call, Call: call, Entry: op, Shared: recv})
}

// site records a wait of fn, with how fn reaches what it waits on.
func site(info *types.Info, fn *summary.Func, s summary.Site) {
	if s.Shared != nil {
		s.Holder, s.HolderParam = waitHolder(info, fn, s.Shared)
	}
	fn.Sites = append(fn.Sites, s)
}

// receive records a receive (or range) from ch at node n.
func receive(info *types.Info, n ast.Node, ch ast.Expr, fn *summary.Func, verb string) {
	switch {
	case isTimer(info, ch):
		site(info, fn, summary.Site{Kind: catalog.Sleep, Op: verb + types.ExprString(ch), Node: n})
	case shared(info, ch, fn):
		site(info, fn, summary.Site{Kind: catalog.Wait, Op: verb + types.ExprString(ch), Node: n, Shared: ch})
	}
}

// selectStmt records a select that can neither give up (default), notice
// cancellation (a ctx.Done() case) nor time out (a timer case).
//
//	select {
//	case job := <-s.jobs:   // waits with no escape: reported
//	}
func (d *detector) selectStmt(sc *summary.Scan, sel *ast.SelectStmt, fn *summary.Func) {
	info := sc.Pass.TypesInfo
	var timers, sharedCh int
	var first ast.Expr
	escape := false
	for _, cl := range sel.Body.List {
		cc := cl.(*ast.CommClause)
		// The channel and value operands are evaluated on entry.
		ch := commChan(cc.Comm)
		if cc.Comm == nil {
			escape = true
		} else {
			walkCommOperands(sc, cc.Comm, fn)
			_, send := cc.Comm.(*ast.SendStmt)
			d.ops[fn] = append(d.ops[fn], chanOp{chanKey(ch), send, cc.Pos()})
		}
		switch {
		case ch == nil:
		case astutil.IsDoneChan(info, ch):
			escape = true
		case isTimer(info, ch):
			timers++
		case shared(info, ch, fn):
			sharedCh++
			if first == nil {
				first = ch
			}
		}
		for _, stmt := range cc.Body {
			sc.Walk(stmt, fn)
		}
	}
	switch {
	case escape:
	case timers > 0 && timers == len(sel.Body.List):
		site(info, fn, summary.Site{Kind: catalog.Sleep, Op: "select on a timer", Node: sel})
	case timers > 0:
		// A timeout bounds the wait; that was the author's intent.
	case sharedCh > 0:
		site(info, fn, summary.Site{Kind: catalog.Wait, Op: "select on " + types.ExprString(first), Node: sel, Shared: first})
	}
}

// chanKey spells a channel operand, to match operations on the same
// channel within one function.
func chanKey(ch ast.Expr) string { return types.ExprString(ast.Unparen(ch)) }

// dropReleases removes from fn the channel operations that release a slot
// fn took earlier on the same channel: with a buffered channel used as a
// semaphore they never wait.
//
//	s.sem <- struct{}{}             // acquire: may wait, reported
//	defer func() { <-s.sem }()      // release: never waits
func (d *detector) dropReleases(fn *summary.Func) {
	first := make(map[string]chanOp)
	for _, op := range d.ops[fn] {
		if cur, ok := first[op.key]; !ok || op.pos < cur.pos {
			first[op.key] = op
		}
	}
	fn.Sites = slices.DeleteFunc(fn.Sites, func(site summary.Site) bool {
		var key string
		var send bool
		switch n := site.Node.(type) {
		case *ast.SendStmt:
			key, send = chanKey(n.Chan), true
		case *ast.UnaryExpr:
			key = chanKey(n.X)
		default:
			return false
		}
		acquire, ok := first[key]
		return ok && acquire.send != send && acquire.pos < site.Node.Pos()
	})
	delete(d.ops, fn)
}

// commChan returns the channel operand of a select case, or nil for default.
func commChan(comm ast.Stmt) ast.Expr {
	var x ast.Expr
	switch c := comm.(type) {
	case *ast.SendStmt:
		return c.Chan
	case *ast.ExprStmt:
		x = c.X
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			x = c.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// walkCommOperands visits the expressions a select case evaluates (calls
// that produce the channel or the value), without recording the case's
// own channel operation, which selectStmt judges as a whole.
func walkCommOperands(sc *summary.Scan, comm ast.Stmt, fn *summary.Func) {
	switch c := comm.(type) {
	case *ast.SendStmt:
		walkExpr(sc, c.Chan, fn)
		walkExpr(sc, c.Value, fn)
	default:
		if ch := commChan(comm); ch != nil {
			walkExpr(sc, ch, fn)
		}
	}
}

func walkExpr(sc *summary.Scan, e ast.Expr, fn *summary.Func) {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		e = u.X
	}
	sc.Walk(e, fn)
}

// shared reports whether the channel, WaitGroup or other synchronisation
// value e is shared beyond the current call of fn, so that waiting on it
// waits for other goroutines' work rather than joining work fn started:
//
//	s.jobs <- j            // a field of the receiver: shared
//	queue <- j             // a package-level variable: shared
//	jobs <- j              // captured by a handler literal: shared
//	done := make(chan T)   // declared in fn: not shared
//	func f(ch chan T)      // a parameter: not known, so not shared
func shared(info *types.Info, e ast.Expr, fn *summary.Func) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		return astutil.IsPackageLevel(v) || !astutil.Within(v.Pos(), fn.Node)
	case *ast.SelectorExpr:
		if v, ok := info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			return astutil.IsPackageLevel(v) // pkg.Var
		}
		sel := info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal {
			return false
		}
		// Receivers, parameters and captured variables hold state that
		// outlives this call: the server, the store, the cache.
		return sharedOperand(info, e.X, fn)
	case *ast.IndexExpr:
		return shared(info, e.X, fn)
	case *ast.StarExpr:
		return shared(info, e.X, fn)
	}
	return false
}

// sharedOperand reports whether the value e, used by fn, may be shared
// with other goroutines: a package-level variable, or anything reached from
// fn's receiver, parameters or captured variables.
func sharedOperand(info *types.Info, e ast.Expr, fn *summary.Func) bool {
	v := astutil.RootVar(info, e)
	if v == nil {
		return false // a call result: not known
	}
	return astutil.IsPackageLevel(v) || !astutil.Within(v.Pos(), fn.Body)
}

// isTimer reports whether receiving from ch just waits for time to pass:
// time.After(d), time.Tick(d), t.C of a time.Timer or time.Ticker (the
// catalogue's timers).
func isTimer(info *types.Info, ch ast.Expr) bool {
	switch ch := ast.Unparen(ch).(type) {
	case *ast.CallExpr:
		if fn := typeutil.StaticCallee(info, ch); fn != nil {
			return catalog.IsTimerFunc(fn.FullName())
		}
	case *ast.SelectorExpr:
		if ch.Sel.Name != "C" {
			return false
		}
		t := info.TypeOf(ch.X)
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if named, ok := t.(*types.Named); ok {
			obj := named.Obj()
			return obj.Pkg() != nil && catalog.IsTimerType(obj.Pkg().Path(), obj.Name())
		}
	}
	return false
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
func waitHolder(info *types.Info, fn *summary.Func, e ast.Expr) (holder string, param int) {
	if fn.Obj == nil || e == nil {
		return summary.HolderGlobal, 0
	}
	v := astutil.RootVar(info, e)
	if v == nil {
		return summary.HolderGlobal, 0
	}
	sig := fn.Obj.Signature()
	if recv := sig.Recv(); recv != nil && recv == v {
		return summary.HolderReceiver, 0
	}
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			return summary.HolderParam, i
		}
	}
	return summary.HolderGlobal, 0
}

// across returns the wait reason r of callee as its caller sees it at
// call, or false when the caller passes a channel or WaitGroup of its own
// making: then the caller is joining work it started, not waiting on
// other requests (var g errgroup.Group; …; g.Wait()).
func across(s *summary.Summary, caller *summary.Func, callee *types.Func, call *ast.CallExpr, r summary.Reason) (summary.Reason, bool) {
	if r.Holder != summary.HolderReceiver && r.Holder != summary.HolderParam {
		return r, true
	}
	info := s.Pass().TypesInfo
	e := summary.HolderOperand(info, callee, call, r)
	if e == nil {
		return summary.Reason{}, false
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X // &g passes g
	}
	if !sharedOperand(info, e, caller) {
		return summary.Reason{}, false
	}
	r.Holder, r.HolderParam = waitHolder(info, caller, e)
	return r, true
}
