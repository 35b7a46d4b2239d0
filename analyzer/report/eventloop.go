package report

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/eventloop"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// eventLoops reports every blocking operation made or reached in the
// package's event-loop callbacks. Packages that import no event-loop
// framework cost one look at their imports.
func (r *reporter) eventLoops() {
	if !r.cfg.Enabled(rules.EventLoop) || !eventloop.MayHaveCallbacks(r.pass.Pkg, eventloop.Frameworks()) {
		return
	}
	f := eventloop.Default()
	cbs := f.Find(r.pass.Pkg, r.pass.TypesInfo, r.pass.Files)
	if len(cbs) == 0 {
		return
	}
	holders := r.lockHolders() // report_eventloop_lock.go
	for _, cb := range cbs {
		r.callback(f, cb, holders)
	}
}

// callback reports what cb does that blocks: any operation of the
// catalogue, file I/O and context-aware round trips included, since on a
// loop goroutine every wait is everyone's wait.
//
//	eventloop: time.Sleep in gnet callback echoServer.OnTraffic stalls every
//	connection on this event loop while it runs; read the input in the
//	callback, hand the work to a goroutine pool … and write the reply from
//	there with c.AsyncWrite
func (r *reporter) callback(f *eventloop.Finder, cb eventloop.Callback, holders map[string]heldAcross) {
	if cb.Node == nil {
		// A function of another package registered here: what it does
		// is known from its fact, and reported at the registration.
		if cb.Func == nil || r.skipFile(cb.At) {
			return
		}
		if lr, ok := loopReason(f, r.sum.Reasons(cb.Func)); ok {
			r.loopReached(cb, cb.At, cb.Func, lr, nil)
		}
		return
	}
	fn := r.sum.Func(cb.Node)
	if fn == nil || r.skipFile(cb.Node) {
		return
	}
	var registered []analysis.RelatedInformation
	if _, isDecl := cb.Node.(*ast.FuncDecl); isDecl && cb.At != nil {
		registered = append(registered, analysis.RelatedInformation{
			Pos: cb.At.Pos(), End: cb.At.End(),
			Message: cb.Name + " is registered here as the " + cb.Framework.Name + " " + cb.Event.Name + " callback",
		})
	}
	for _, s := range fn.Sites {
		if !r.wanted(rules.EventLoop, s.Node) {
			continue
		}
		r.emit(Finding{
			Rule: rules.EventLoop, Pos: s.Node.Pos(), End: s.Node.End(), Handler: cb.Name, Op: s.Op,
			Message: fmt.Sprintf("%s in %s %s; %s", s.Op, cb.Desc(), cb.Event.Stalls, cb.Framework.Advice),
			Before:  registered,
		})
	}
	for _, c := range fn.Calls {
		if lr, ok := loopReason(f, r.sum.ReasonsAt(fn, c)); ok {
			r.loopReached(cb, c.Call, c.Callee, lr, registered)
		}
	}
	if len(holders) > 0 {
		r.lockWaits(cb, fn, holders, registered)
	}
}

// loopReached reports n, a call in a callback (or the registration of a
// callback of another package), that reaches a blocking operation; the
// chain of lr.reason starts at callee, the function called.
func (r *reporter) loopReached(cb eventloop.Callback, n ast.Node, callee *types.Func, lr loopReach, related []analysis.RelatedInformation) {
	if !r.wanted(rules.EventLoop, n) {
		return
	}
	reason := lr.reason
	also := ""
	if len(lr.also) > 0 {
		also = " (it also reaches " + strings.Join(lr.also, " and ") + ")"
	}
	pkg := r.pass.Pkg.Path()
	r.emit(Finding{
		Rule: rules.EventLoop, Pos: n.Pos(), End: n.End(), Handler: cb.Name, Op: lr.op,
		Message: fmt.Sprintf("%s reaches %s via %s (%s), which %s%s; %s",
			cb.Desc(), lr.op, reason.Chain(pkg), reason.Site(), cb.Event.Stalls, also, cb.Framework.Advice),
		Before: related,
		Chain:  reasonChain(reason, pkg, callee),
	})
}

// loopReach is what a call in a callback reaches that blocks.
type loopReach struct {
	reason summary.Reason // the one whose chain the message shows
	op     string         // its blocking operation
	also   []string       // the other operations reached, in kind order
}

// loopReason picks, among the reasons a call may block, the one to report:
// the shortest chain, leaving out chains through a goroutine pool's
// hand-off function; the others are named too, since moving one off the
// loop leaves the rest on it. A Serial reason (a lock held across a
// blocking operation) is reported by its operation, and only when it is
// the one reason there is: across packages, a context-aware call travels
// in facts only that way.
func loopReason(f *eventloop.Finder, rs []summary.Reason) (loopReach, bool) {
	var kept []summary.Reason
	best := -1
	for _, r := range rs {
		if handsOff(f, r) {
			continue
		}
		kept = append(kept, r)
		i := len(kept) - 1
		switch b := best; {
		case b < 0:
		case kept[b].Kind == catalog.Serial && r.Kind != catalog.Serial:
		case r.Kind != catalog.Serial && r.Depth < kept[b].Depth:
		default:
			continue
		}
		best = i
	}
	if best < 0 {
		return loopReach{}, false
	}
	lr := loopReach{reason: kept[best], op: kept[best].Op}
	if lr.reason.Kind == catalog.Serial {
		lr.op = lr.reason.Across
		return lr, true
	}
	for i, r := range kept {
		if i != best && r.Kind != catalog.Serial && r.Op != lr.op && !slices.Contains(lr.also, r.Op) {
			lr.also = append(lr.also, r.Op)
		}
	}
	return lr, true
}

// handsOff reports whether r's chain goes through a function that gives
// work to a goroutine pool: the work runs there, not on the loop.
func handsOff(f *eventloop.Finder, r summary.Reason) bool {
	for _, st := range r.Steps {
		if f.HandsOff(st.PkgPath, st.Func) {
			return true
		}
	}
	return false
}
