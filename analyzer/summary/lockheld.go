package summary

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/locks"
	"github.com/blockcheck/blockcheck/analyzer/noreturn"
)

// This file is the second phase of Build: once every function knows what
// blocking it reaches, find the blocking done while a lock shared beyond
// the current call is held, and summarize it as a Serial reason that
// travels to callers like the others:
//
//	func (c *ProductCache) Get(ctx context.Context, id int64) (*Product, error) {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		… c.db.QueryRowContext(ctx, …)   // serial: c.mu held across (*sql.DB).QueryRowContext
//
// A Serial reason remembers how the summarized function reaches the lock
// (Holder): a package-level variable, its receiver, or a parameter. At each
// call it is carried up only when the caller passes something it shares
// itself (its receiver, a parameter, a package-level or captured
// variable): a cache the caller created for itself serializes nobody.

// LockSite is a blocking operation made while a shared lock is held: in the
// function itself, or in a function it calls.
type LockSite struct {
	Lock locks.Lock
	Node ast.Node      // where to report: the operation, or the call
	Call *ast.CallExpr // the call, when the operation is reached through one
	// Reason is the blocking operation, its chain starting in this
	// function.
	Reason Reason
	// Like is the kind of waiting the operation does (SQL for QueryContext).
	Like catalog.Kind
}

// Holders of a Serial reason's lock.
const (
	HolderGlobal   = "global"
	HolderReceiver = "receiver"
	HolderParam    = "param"
	// HolderCaptured is seen only from a function literal: the lock is
	// reached from a variable of the function around it.
	HolderCaptured = "captured"
)

// condWait is the one wait that releases a lock rather than holding it.
const condWait = "(*sync.Cond).Wait"

// LockSites returns the blocking operations fn makes or reaches while a
// lock shared beyond the current call is held, in source order.
func (s *Summary) LockSites(fn *Func) []LockSite { return s.lockSites[fn] }

// serialize runs the lock analysis in the functions that take a lock,
// records their LockSites, and propagates Serial reasons to callers.
func (s *Summary) serialize(cat *catalog.Catalog, nr *noreturn.Oracle, ignored func(token.Pos, catalog.Kind) bool) {
	opts := &locks.Options{Wrappers: s.wrappers(), Returns: nr.Returns}
	f := s.newFlow()
	for _, fn := range s.funcs {
		if lf := locks.Analyze(s.pass.TypesInfo, fn.Node, opts); lf != nil {
			sites := s.findLockSites(fn, lf, cat, ignored)
			if len(sites) > 0 {
				if s.lockSites == nil {
					s.lockSites = make(map[*Func][]LockSite)
				}
				s.lockSites[fn] = sites
			}
			for _, ls := range sites {
				if r, ok := s.serialReason(fn, ls); ok {
					f.offer(fn.Obj, r)
				}
			}
		}
		if fn.Obj == nil {
			continue
		}
		for _, c := range fn.Calls {
			if _, local := s.byObj[c.Callee]; local || ignored(c.Call.Pos(), catalog.Serial) {
				continue
			}
			for _, r := range s.Reasons(c.Callee) {
				if r.Kind != catalog.Serial {
					continue
				}
				if up, ok := s.AcrossCall(fn, c.Callee, c.Call, r); ok {
					f.offer(fn.Obj, up)
				}
			}
		}
	}
	f.run(func(callee *types.Func, e edge, r Reason) (Reason, bool) {
		if ignored(e.call.Pos(), catalog.Serial) {
			return Reason{}, false
		}
		return s.AcrossCall(e.caller, callee, e.call, r)
	})
}

// findLockSites returns the operations and blocking calls of fn made while
// a shared lock is held. Read locks are left out: readers do not wait for
// each other.
func (s *Summary) findLockSites(fn *Func, lf *locks.Func, cat *catalog.Catalog, ignored func(token.Pos, catalog.Kind) bool) []LockSite {
	var sites []LockSite
	add := func(at, node ast.Node, call *ast.CallExpr, r Reason) {
		if ignored(node.Pos(), catalog.Serial) {
			return
		}
		for _, l := range lf.HeldAt(at) {
			if l.Read || !sharedScope(l.Scope) {
				continue
			}
			sites = append(sites, LockSite{Lock: l, Node: node, Call: call, Reason: r, Like: like(cat, r)})
		}
	}
	for _, site := range fn.Sites {
		if site.Func() == condWait {
			continue
		}
		add(heldNode(site.Node), site.Node, nil, s.siteReason(fn, site))
	}
	for _, c := range fn.Calls {
		if r, ok := s.blocking(c.Callee); ok {
			add(c.Call, c.Call, c.Call, r.prepend(s.step(fn, c.Call.Pos())))
		}
	}
	return sites
}

// heldNode returns the node to ask locks.HeldAt about for an operation:
// compound statements are asked about what they evaluate first.
func heldNode(n ast.Node) ast.Node {
	switch n := n.(type) {
	case *ast.SelectStmt:
		for _, cl := range n.Body.List {
			if cc := cl.(*ast.CommClause); cc.Comm != nil {
				return cc.Comm
			}
		}
	case *ast.RangeStmt:
		return n.X
	}
	return n
}

func sharedScope(sc locks.Scope) bool {
	switch sc {
	case locks.Global, locks.Receiver, locks.Param, locks.Captured:
		return true
	}
	return false
}

// like returns the kind of waiting r's operation does.
func like(cat *catalog.Catalog, r Reason) catalog.Kind {
	if r.Kind == catalog.Serial {
		return r.Like
	}
	if op := cat.Op(r.Func); op != nil {
		return op.Effective()
	}
	return r.Kind
}

// blocking returns the shortest reason, of any kind but Serial, why
// calling fn may block.
func (s *Summary) blocking(fn *types.Func) (Reason, bool) {
	var best Reason
	found := false
	for _, r := range s.Reasons(fn) {
		if r.Kind == catalog.Serial || r.Kind == catalog.Endless || r.Func == condWait {
			continue
		}
		if !found || r.Depth < best.Depth {
			best, found = r, true
		}
	}
	return best, found
}

// siteReason is the reason a site of fn gives fn.
func (s *Summary) siteReason(fn *Func, site Site) Reason {
	return Reason{
		Kind:  site.Kind,
		Op:    site.Op,
		Func:  site.Func(),
		Steps: []Step{s.step(fn, site.Node.Pos())},
		Depth: 1,
	}
}

// serialReason turns a lock site of fn into the Serial reason callers of
// fn see, if the lock is one callers can share.
func (s *Summary) serialReason(fn *Func, ls LockSite) (Reason, bool) {
	if fn.Obj == nil {
		return Reason{}, false
	}
	r := ls.Reason
	info := SerialInfo{
		Lock:     ls.Lock.Key,
		LockPosn: posn(s.pass.Fset, ls.Lock.Acquired),
		PerKey:   ls.Lock.PerKey,
		Across:   r.Op,
		Like:     ls.Like,
		lockPos:  ls.Lock.Acquired,
	}
	switch ls.Lock.Scope {
	case locks.Global:
		info.Holder = HolderGlobal
	case locks.Receiver:
		info.Holder = HolderReceiver
	case locks.Param:
		params := fn.Obj.Signature().Params()
		for i := range params.Len() {
			if params.At(i) == ls.Lock.Obj {
				info.Holder, info.HolderParam = HolderParam, i
			}
		}
	}
	if info.Holder == "" {
		return Reason{}, false
	}
	r.Kind = catalog.Serial
	r.Op = info.Lock + " held across " + info.Across
	r.SerialInfo = info
	return r, true
}

// AcrossCall returns the Serial reason r of callee as seen by caller, which
// calls it at call: the chain gains a step, and the lock's holder becomes
// what caller passed for it. It reports false when caller passes something
// only it sees (a value it created), so that the lock is not shared
// through caller.
func (s *Summary) AcrossCall(caller *Func, callee *types.Func, call *ast.CallExpr, r Reason) (Reason, bool) {
	up := r.prepend(s.step(caller, call.Pos()))
	if r.Holder == HolderGlobal {
		return up, true
	}
	e := s.holderOperand(callee, call, r)
	if e == nil {
		return Reason{}, false
	}
	holder, idx, perKey, ok := s.holderOf(caller, e)
	if !ok {
		return Reason{}, false
	}
	up.Holder, up.HolderParam = holder, idx
	up.PerKey = up.PerKey || perKey
	return up, true
}

// holderOperand returns the expression call passes for the receiver or
// parameter that holds r's lock.
func (s *Summary) holderOperand(callee *types.Func, call *ast.CallExpr, r Reason) ast.Expr {
	args := call.Args
	if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		switch sel := s.pass.TypesInfo.Selections[se]; {
		case sel != nil && sel.Kind() == types.MethodVal:
			if r.Holder == HolderReceiver {
				return se.X
			}
		case sel != nil && sel.Kind() == types.MethodExpr:
			// (*T).m(x, args…): the receiver is the first argument.
			if len(args) == 0 {
				return nil
			}
			if r.Holder == HolderReceiver {
				return args[0]
			}
			args = args[1:]
		}
	}
	if r.Holder != HolderParam {
		return nil
	}
	sig := callee.Signature()
	if r.HolderParam >= len(args) || sig.Variadic() && r.HolderParam >= sig.Params().Len()-1 {
		return nil
	}
	return args[r.HolderParam]
}

// holderOf says how fn reaches the value e refers to: a package-level
// variable, fn's receiver or parameter, or (in a literal) a captured
// variable; through a pointer, so that it is not a copy. perKey reports an
// index on the way (s.shards[i]).
func (s *Summary) holderOf(fn *Func, e ast.Expr) (holder string, param int, perKey, ok bool) {
	info := s.pass.TypesInfo
	derefs := 0
	x := ast.Unparen(e)
	if u, isAddr := x.(*ast.UnaryExpr); isAddr && u.Op == token.AND {
		x = ast.Unparen(u.X)
	} else if pointerLike(info.TypeOf(x)) {
		derefs++
	}
	for {
		switch y := x.(type) {
		case *ast.SelectorExpr:
			if pointerLike(info.TypeOf(y.X)) {
				derefs++
			}
			x = ast.Unparen(y.X)
			continue
		case *ast.IndexExpr:
			if tv, ok := info.Types[y.Index]; !ok || tv.Value == nil {
				perKey = true
			}
			if _, isArray := typeUnder(info.TypeOf(y.X)).(*types.Array); !isArray {
				derefs++
			}
			x = ast.Unparen(y.X)
			continue
		case *ast.StarExpr:
			derefs++
			x = ast.Unparen(y.X)
			continue
		}
		break
	}
	id, isIdent := x.(*ast.Ident)
	if !isIdent {
		return "", 0, false, false
	}
	v, isVar := info.Uses[id].(*types.Var)
	switch {
	case !isVar:
		return "", 0, false, false
	case astutil.IsPackageLevel(v):
		return HolderGlobal, 0, perKey, true
	case derefs == 0:
		return "", 0, false, false // a copy made for this call
	case !astutil.Within(v.Pos(), fn.Node):
		return HolderCaptured, 0, perKey, true
	case fn.Obj == nil:
		return "", 0, false, false // a variable of the literal: not shared
	}
	sig := fn.Obj.Signature()
	if sig.Recv() == v {
		return HolderReceiver, 0, perKey, true
	}
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			return HolderParam, i, perKey, true
		}
	}
	return "", 0, false, false // a local variable: made here, or an alias not followed
}

func pointerLike(t types.Type) bool {
	switch typeUnder(t).(type) {
	case *types.Pointer, *types.Map, *types.Slice, *types.Interface:
		return true
	}
	return false
}

// maxWrapperStmts bounds the size of a method checked for being a lock
// wrapper: wrappers are a statement or two.
const maxWrapperStmts = 6

// wrappers finds the methods of the package that take or release a lock
// of their receiver (func (s *Server) lock() { s.mu.Lock() }), wrappers of
// wrappers included, and returns them as locks.Options.Wrappers wants.
// Wrappers in other packages are not known.
func (s *Summary) wrappers() func(*types.Func) (locks.Wrapper, bool) {
	found := make(map[*types.Func]locks.Wrapper)
	lookup := func(fn *types.Func) (locks.Wrapper, bool) {
		w, ok := found[fn.Origin()]
		return w, ok
	}
	acquire := map[string]bool{"Lock": true, "RLock": true, "TryLock": true, "TryRLock": true}
	release := map[string]bool{"Unlock": true, "RUnlock": true}
	opts := &locks.Options{Wrappers: lookup}
	for range 3 { // a wrapper of a wrapper of a wrapper is enough
		var more []*types.Func
		for _, fn := range s.funcs {
			decl, ok := fn.Node.(*ast.FuncDecl)
			if !ok || decl.Recv == nil || fn.Obj == nil || len(decl.Body.List) > maxWrapperStmts {
				continue
			}
			if _, done := found[fn.Obj]; done || !unbalanced(decl.Body, acquire, release) {
				continue
			}
			if w, ok := locks.DetectWrapper(s.pass.TypesInfo, decl, opts); ok {
				found[fn.Obj] = w
				more = append(more, fn.Obj)
			}
		}
		if len(more) == 0 {
			break
		}
		for _, fn := range more {
			if found[fn].Release {
				release[fn.Name()] = true
			} else {
				acquire[fn.Name()] = true
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	return lookup
}

// unbalanced is the cheap test before locks.DetectWrapper: a wrapper makes
// more calls of one of the two sets of methods than of the other. Most
// functions that lock unlock as often, or lock nothing.
func unbalanced(body *ast.BlockStmt, acquire, release map[string]bool) bool {
	n := 0
	ast.Inspect(body, func(node ast.Node) bool {
		if call, ok := node.(*ast.CallExpr); ok {
			if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				switch {
				case acquire[se.Sel.Name]:
					n++
				case release[se.Sel.Name]:
					n--
				}
			}
		}
		return true
	})
	return n != 0
}
