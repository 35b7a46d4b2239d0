package ctxflow

import (
	"go/ast"
	"go/types"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// roots are the contexts that no request cancels.
var roots = map[string]bool{"context.Background": true, "context.TODO": true}

// derived are the functions whose context is their first argument's with
// a deadline, a cancel function or a value added: as cancelled as it.
// context.WithoutCancel is deliberately not among them: a context
// detached from the request's is a choice, and so is anything else built
// from the request's.
var derived = map[string]bool{
	"context.WithCancel": true, "context.WithCancelCause": true,
	"context.WithTimeout": true, "context.WithTimeoutCause": true,
	"context.WithDeadline": true, "context.WithDeadlineCause": true,
	"context.WithValue": true,
}

// rootOnly judges contexts: a root has none of the request's, a context
// derived from one neither; any other call may return the request's.
type rootOnly struct {
	t    *tracer
	root **ast.CallExpr // the root call found
	// seen is the trace's own: a derived context traced on its first
	// argument keeps it, so that a variable derived from itself
	// (pingCtx, cancel = context.WithDeadline(pingCtx, d), as in pgxpool's
	// Acquire) is a cycle, not an endless recursion.
	seen map[any]bool
}

func (r rootOnly) judge(call *ast.CallExpr, callee *types.Func) (origin, bool) {
	name := callee.FullName()
	switch {
	case roots[name]:
		*r.root = call
		return none, false
	case derived[name] && len(call.Args) > 0:
		return r.t.trace(call.Args[0], r, r.seen), false
	}
	return unknown, false
}

// root records a context-aware call whose context is visibly a root
// context, or derived only from one:
//
//	db.QueryContext(context.Background(), q)
//	ctx, cancel := context.WithTimeout(context.TODO(), time.Second)
//	rows, err := db.QueryContext(ctx, q)
//
// It is reported under the rule of the round trip it makes (op.Like), in
// handlers and what they call, like the context-free form, at the call
// (where a lock held across it or an event loop sees it too). The fix,
// when the root is the argument itself, replaces it with the request's
// context.
func (d *detector) root(fn *summary.Func, call *ast.CallExpr, callee *types.Func, op *catalog.Op, opName string) {
	sig := callee.Signature()
	idx := -1
	for i := range sig.Params().Len() {
		if astutil.IsContext(sig.Params().At(i).Type()) {
			idx = i
			break
		}
	}
	if idx < 0 || idx >= len(call.Args) {
		return
	}
	var root *ast.CallExpr
	seen := map[any]bool{}
	if d.tr.trace(call.Args[idx], rootOnly{t: d.tr, root: &root, seen: seen}, seen) != none || root == nil {
		return
	}
	name := types.ExprString(root)
	site := summary.Site{
		Kind: op.Like, Op: opName + " on " + name, Node: call, Call: call,
		// No Alt: the message says to pass the request's context to it.
		Entry: &catalog.Op{Func: op.Func, Kind: op.Like},
	}
	if ast.Unparen(call.Args[idx]) == root {
		// The root is the argument: the fix replaces it with the
		// context in scope at the call. A root further away (a
		// WithTimeout of it) gets no fix: the context in scope at the
		// call is then the one derived from the root.
		site.Entry.Alt = "${ctx} instead of " + name
		site.Entry.Fix = "${ctx}"
		site.Call = root
	}
	d.site(fn, site)
}
