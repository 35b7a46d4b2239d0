package report

import (
	"fmt"
	"go/ast"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/detect/lockheld"
	"github.com/blockcheck/blockcheck/analyzer/eventloop"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
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
	ls lockheld.Site
}

// lockHolders returns, by lock identity, the first function of the
// package that holds the lock across a blocking operation.
func (r *reporter) lockHolders() map[string]heldAcross {
	holders := make(map[string]heldAcross)
	for _, fn := range r.sum.Funcs() {
		for _, ls := range r.serial.Sites(fn) {
			id := locks.Identity(ls.Lock)
			if _, ok := holders[id]; id != "" && !ok {
				holders[id] = heldAcross{fn, ls}
			}
		}
	}
	return holders
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
			l, ok := locks.CallLock(info, fn.Node, n, nil)
			if !ok {
				return true
			}
			key := l.Key
			h, ok := holders[locks.Identity(l)]
			if !ok || h.fn == fn {
				return true // its own blocking under the lock is reported as such
			}
			r.lockWait(cb, n, key, se.Sel.Name, h, related)
		}
		return true
	})
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
		holder = astutil.FuncName(h.fn.Obj)
	}
	before := append(slices.Clone(related), analysis.RelatedInformation{
		Pos: h.ls.Lock.Acquired, Message: holder + " takes " + h.ls.Lock.Key + " here",
	}, analysis.RelatedInformation{
		Pos: h.ls.Node.Pos(), End: h.ls.Node.End(),
		Message: holder + " holds " + h.ls.Lock.Key + " across " + h.ls.Reason.Op + " here",
	})
	r.emit(Finding{
		Rule: rules.EventLoop, Pos: call.Pos(), End: call.End(), Handler: cb.Name,
		Op:    key + "." + method + " waits for " + key + " held across " + h.ls.Reason.Op,
		Chain: Chain{Steps: []Step{{Name: holder, Qualified: qualified(r.pass.Pkg.Path(), holder)}}},
		Message: fmt.Sprintf("%s.%s in %s may wait for %s, which holds %s across %s (%s), and %s; "+
			"take the slow work in %s out from under the lock",
			key, method, cb.Desc(), holder, key, h.ls.Reason.Op, r.posn(h.ls.Node.Pos()),
			cb.Event.Stalls, holder),
		Before: before,
	})
}
