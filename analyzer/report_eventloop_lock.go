package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/eventloop"
	"github.com/blockcheck/blockcheck/analyzer/locks"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// A lock wait in a callback is reported when the lock is one that a
// function of the package holds across a blocking operation: the callback
// then waits as long as that operation takes, and the loop with it.
//
//	func (s *Server) refresh(ctx context.Context) {
//		s.mu.Lock()
//		defer s.mu.Unlock()
//		rows, _ := s.db.QueryContext(ctx, …)       // s.mu held across the query
//	…
//	func (s *Server) OnTraffic(c gnet.Conn) gnet.Action {
//		s.mu.Lock()                                // reported: may wait for refresh
//
// Both must name the lock the same way from a receiver of the same type,
// or as the same package-level variable; locks taken in helpers of the
// callback, per-key locks and locks of other packages are not followed.

// heldAcross is a lock that a function of the package holds across a
// blocking operation.
type heldAcross struct {
	fn *summary.Func
	ls summary.LockSite
}

// lockHolders returns, by lock identity, the first function of the
// package that holds the lock across a blocking operation.
func (r *reporter) lockHolders() map[string]heldAcross {
	holders := make(map[string]heldAcross)
	for _, fn := range r.sum.Funcs() {
		for _, ls := range r.sum.LockSites(fn) {
			id := holderIdentity(fn, ls.Lock)
			if _, ok := holders[id]; id != "" && !ok {
				holders[id] = heldAcross{fn, ls}
			}
		}
	}
	return holders
}

// holderIdentity names lock l taken in fn independently of fn's variable
// names: "global mu", "recv Server.mu"; "" when it cannot.
func holderIdentity(fn *summary.Func, l locks.Lock) string {
	if l.PerKey || l.Obj == nil {
		return ""
	}
	root, rest, _ := strings.Cut(l.Key, ".")
	if root != l.Obj.Name() {
		return "" // reached through a local alias (c := s.cache): the key says c.mu
	}
	switch l.Scope {
	case locks.Global:
		return "global " + l.Key
	case locks.Receiver:
		if fn.Obj == nil || fn.Obj.Signature().Recv() == nil {
			return ""
		}
		return "recv " + summary.RecvTypeName(fn.Obj.Signature().Recv().Type()) + "." + rest
	}
	return ""
}

// lockWaits reports the Lock and RLock calls of cb that may wait for a
// holder in holders.
func (r *reporter) lockWaits(cb eventloop.Callback, fn *summary.Func, holders map[string]heldAcross, related []analysis.RelatedInformation) {
	info := r.pass.TypesInfo
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false // other functions, other goroutines
		case *ast.CallExpr:
			se, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok || se.Sel.Name != "Lock" && se.Sel.Name != "RLock" {
				return true
			}
			key, ok := locks.CallKey(info, n, nil)
			if !ok {
				return true
			}
			h, ok := holders[r.callIdentity(fn, se.X, key)]
			if !ok || h.fn == fn {
				return true // its own blocking under the lock is reported as such
			}
			r.lockWait(cb, n, key, se.Sel.Name, h, related)
		}
		return true
	})
}

// callIdentity names the lock key, taken in fn on x.…, as holderIdentity
// does.
func (r *reporter) callIdentity(fn *summary.Func, x ast.Expr, key string) string {
	root, rest, _ := strings.Cut(key, ".")
	id := rootIdentOf(x)
	if id == nil || id.Name != root {
		return ""
	}
	v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return ""
	}
	if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		return "global " + key
	}
	if fn.Obj != nil {
		if recv := fn.Obj.Signature().Recv(); recv == v {
			return "recv " + summary.RecvTypeName(recv.Type()) + "." + rest
		}
	}
	return ""
}

func rootIdentOf(e ast.Expr) *ast.Ident {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		default:
			return nil
		}
	}
}

// lockWait reports call, a Lock or RLock (method) of key in cb that may
// wait for h.
//
//	eventloop: s.mu.Lock in gnet callback Server.OnTraffic may wait for
//	Server.refresh, which holds s.mu across (*sql.DB).QueryContext
//	(cache.go:40); a wait stalls every connection on this event loop while
//	it runs; …
func (r *reporter) lockWait(cb eventloop.Callback, call *ast.CallExpr, key, method string, h heldAcross, related []analysis.RelatedInformation) {
	if !r.wanted(rules.EventLoop, call) {
		return
	}
	holder := "a function literal"
	if h.fn.Obj != nil {
		holder = eventloopFuncName(h.fn.Obj)
	}
	related = append(related, analysis.RelatedInformation{
		Pos: h.ls.Lock.Acquired, Message: holder + " takes " + h.ls.Lock.Key + " here",
	}, analysis.RelatedInformation{
		Pos: h.ls.Node.Pos(), End: h.ls.Node.End(),
		Message: holder + " holds " + h.ls.Lock.Key + " across " + h.ls.Reason.Op + " here",
	})
	r.report(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s.%s in %s may wait for %s, which holds %s across %s (%s); a wait %s; "+
			"take the slow work in %s out from under the lock, or %s",
			key, method, cb.Desc(), holder, key, h.ls.Reason.Op, r.posn(h.ls.Node.Pos()),
			cb.Event.Stalls, holder, cb.Framework.Advice),
		Related: related,
	}, rules.EventLoop, Finding{Handler: cb.Name, Op: key + "." + method + " waits for " + key + " held across " + h.ls.Reason.Op,
		Chain: []string{qualified(r.pass.Pkg.Path(), holder)}})
}

func eventloopFuncName(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		return summary.RecvTypeName(recv.Type()) + "." + fn.Name()
	}
	return fn.Name()
}
