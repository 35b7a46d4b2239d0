// Package lockheld detects blocking done while a lock shared beyond the
// current call is held, and summarizes it as a Serial reason that travels
// to callers like the others:
//
//	func (c *ProductCache) Get(ctx context.Context, id int64) (*Product, error) {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		… c.db.QueryRowContext(ctx, …)   // serial: c.mu held across (*sql.DB).QueryRowContext
//
// It runs once every other reason has reached every function of the
// package (a lock held across a call is held across whatever the callee
// reaches), on the lock state package locks computes. A Serial reason
// remembers how the summarized function reaches the lock (Holder): a
// package-level variable, its receiver, or a parameter. At each call it is
// carried up only when the caller passes something it shares itself (its
// receiver, a parameter, a package-level or captured variable): a cache
// the caller created for itself serializes nobody.
package lockheld

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/locks"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// Detector is the lock detector of one package; it keeps the Sites it
// found for the reports.
type Detector struct {
	sites map[*summary.Func][]Site
}

// New returns the detector for one package.
func New() *Detector { return &Detector{sites: make(map[*summary.Func][]Site)} }

// Detector returns the hooks summary.Build runs.
func (d *Detector) Detector() summary.Detector {
	return summary.Detector{
		Kinds:      []catalog.Kind{catalog.Serial},
		Later:      true,
		Propagated: d.propagated,
	}
}

// Site is a blocking operation made while a shared lock is held: in the
// function itself, or in a function it calls.
type Site struct {
	Lock locks.Lock
	Node ast.Node      // where to report: the operation, or the call
	Call *ast.CallExpr // the call, when the operation is reached through one
	// Reason is the blocking operation, its chain starting in this
	// function.
	Reason summary.Reason
	// Like is the kind of waiting the operation does (SQL for QueryContext).
	Like catalog.Kind
}

// condWait is the one wait that releases a lock rather than holding it.
const condWait = "(*sync.Cond).Wait"

// Sites returns the blocking operations fn makes or reaches while a lock
// shared beyond the current call is held, in source order.
func (d *Detector) Sites(fn *summary.Func) []Site { return d.sites[fn] }

// propagated runs the lock analysis in the functions that take a lock,
// records their Sites, and propagates Serial reasons to callers.
func (d *Detector) propagated(s *summary.Summary) {
	opts := &locks.Options{Wrappers: wrappers(s), Returns: s.NoReturn().Returns}
	info := s.Pass().TypesInfo
	s.Propagate(func(offer func(*types.Func, summary.Reason)) {
		for _, fn := range s.Funcs() {
			if lf := locks.Analyze(info, fn.Node, opts); lf != nil {
				sites := findSites(s, fn, lf)
				if len(sites) > 0 {
					d.sites[fn] = sites
				}
				for _, ls := range sites {
					if r, ok := serialReason(s, fn, ls); ok {
						offer(fn.Obj, r)
					}
				}
			}
			if fn.Obj == nil {
				continue
			}
			for _, c := range fn.Calls {
				if s.Local(c.Callee) || s.Ignored(c.Call.Pos(), catalog.Serial) {
					continue
				}
				for _, r := range s.Reasons(c.Callee) {
					if r.Kind != catalog.Serial {
						continue
					}
					if up, ok := AcrossCall(s, fn, c.Callee, c.Call, r); ok {
						offer(fn.Obj, up)
					}
				}
			}
		}
	}, func(caller *summary.Func, callee *types.Func, call *ast.CallExpr, r summary.Reason) (summary.Reason, bool) {
		if s.Ignored(call.Pos(), catalog.Serial) {
			return summary.Reason{}, false
		}
		return AcrossCall(s, caller, callee, call, r)
	})
}

// findSites returns the operations and blocking calls of fn made while
// a shared lock is held. Read locks are left out: readers do not wait for
// each other.
func findSites(s *summary.Summary, fn *summary.Func, lf *locks.Func) []Site {
	var sites []Site
	add := func(at, node ast.Node, call *ast.CallExpr, r summary.Reason) {
		if s.Ignored(node.Pos(), catalog.Serial) {
			return
		}
		for _, l := range lf.HeldAt(at) {
			if l.Read || !sharedScope(l.Scope) {
				continue
			}
			sites = append(sites, Site{Lock: l, Node: node, Call: call, Reason: r, Like: like(s.Catalog(), r)})
		}
	}
	for _, site := range fn.Sites {
		if site.Func() == condWait {
			continue
		}
		add(heldNode(site.Node), site.Node, nil, s.SiteReason(fn, site))
	}
	for _, c := range fn.Calls {
		if r, ok := blocking(s, c.Callee); ok {
			add(c.Call, c.Call, c.Call, r.Prepend(s.Step(fn, c.Call.Pos())))
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
func like(cat *catalog.Catalog, r summary.Reason) catalog.Kind {
	if r.Kind == catalog.Serial {
		return r.Like
	}
	if op := cat.Op(r.Func); op != nil {
		return op.Effective()
	}
	if like := cat.ClientLike(r.Func); like != "" {
		return like // rdb.Get(ctx, k)
	}
	return r.Kind
}

// blocking returns the shortest reason, of any kind but Serial, why
// calling fn may block.
func blocking(s *summary.Summary, fn *types.Func) (summary.Reason, bool) {
	var best summary.Reason
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

// serialReason turns a lock site of fn into the Serial reason callers of
// fn see, if the lock is one callers can share.
func serialReason(s *summary.Summary, fn *summary.Func, ls Site) (summary.Reason, bool) {
	if fn.Obj == nil {
		return summary.Reason{}, false
	}
	r := ls.Reason
	info := summary.SerialInfo{
		Lock:     ls.Lock.Key,
		LockPosn: summary.Posn(s.Pass().Fset, ls.Lock.Acquired),
		PerKey:   ls.Lock.PerKey,
		Across:   r.Op,
		Like:     ls.Like,
	}.WithLockPos(ls.Lock.Acquired)
	switch ls.Lock.Scope {
	case locks.Global:
		info.Holder = summary.HolderGlobal
	case locks.Receiver:
		info.Holder = summary.HolderReceiver
	case locks.Param:
		params := fn.Obj.Signature().Params()
		for i := range params.Len() {
			if params.At(i) == ls.Lock.Obj {
				info.Holder, info.HolderParam = summary.HolderParam, i
			}
		}
	}
	if info.Holder == "" {
		return summary.Reason{}, false
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
func AcrossCall(s *summary.Summary, caller *summary.Func, callee *types.Func, call *ast.CallExpr, r summary.Reason) (summary.Reason, bool) {
	up := r.Prepend(s.Step(caller, call.Pos()))
	if r.Holder == summary.HolderGlobal {
		return up, true
	}
	e := summary.HolderOperand(s.Pass().TypesInfo, callee, call, r)
	if e == nil {
		return summary.Reason{}, false
	}
	holder, idx, perKey, ok := holderOf(s.Pass().TypesInfo, caller, e)
	if !ok {
		return summary.Reason{}, false
	}
	up.Holder, up.HolderParam = holder, idx
	up.PerKey = up.PerKey || perKey
	return up, true
}

// holderOf says how fn reaches the value e refers to: a package-level
// variable, fn's receiver or parameter, or (in a literal) a captured
// variable; through a pointer, so that it is not a copy. perKey reports an
// index on the way (s.shards[i]).
func holderOf(info *types.Info, fn *summary.Func, e ast.Expr) (holder string, param int, perKey, ok bool) {
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
			if _, isArray := underOf(info.TypeOf(y.X)).(*types.Array); !isArray {
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
		return summary.HolderGlobal, 0, perKey, true
	case derefs == 0:
		return "", 0, false, false // a copy made for this call
	case !astutil.Within(v.Pos(), fn.Node):
		return summary.HolderCaptured, 0, perKey, true
	case fn.Obj == nil:
		return "", 0, false, false // a variable of the literal: not shared
	}
	sig := fn.Obj.Signature()
	if sig.Recv() == v {
		return summary.HolderReceiver, 0, perKey, true
	}
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			return summary.HolderParam, i, perKey, true
		}
	}
	return "", 0, false, false // a local variable: made here, or an alias not followed
}

func pointerLike(t types.Type) bool {
	switch underOf(t).(type) {
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
func wrappers(s *summary.Summary) func(*types.Func) (locks.Wrapper, bool) {
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
		for _, fn := range s.Funcs() {
			decl, ok := fn.Node.(*ast.FuncDecl)
			if !ok || decl.Recv == nil || fn.Obj == nil || len(decl.Body.List) > maxWrapperStmts {
				continue
			}
			if _, done := found[fn.Obj]; done || !unbalanced(decl.Body, acquire, release) {
				continue
			}
			if w, ok := locks.DetectWrapper(s.Pass().TypesInfo, decl, opts); ok {
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

func underOf(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}
