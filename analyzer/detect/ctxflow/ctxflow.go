// Package ctxflow detects calls that run with no request context although
// nothing in their own arguments says so: the context travels on a value
// built by a chain of calls (a gorm statement, a resty request), or in an
// argument built by another call (backoff.WithContext, retry.Context), or
// it is a root context (context.Background()) passed to a context-aware
// call:
//
//	r.db.Where("id = ?", id).First(&u)        // gorm: no WithContext in the chain
//	client.R().Get(url)                        // resty: no SetContext
//	backoff.Retry(op, backoff.NewExponentialBackOff())
//	db.QueryContext(context.Background(), q)  // a root context is no context
//
// It traces values back through the function's local variables, the
// package's unexported fields and variables, and helper functions of the
// package that return them, and reports only what it sees: a value from a
// parameter, an exported field or another package may carry a context,
// and is left alone. The findings are summary Sites of the kind of the
// round trip, so the rules of those kinds report them, in handlers and
// through helpers and other packages.
package ctxflow

import (
	"go/ast"
	"go/types"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// New returns the detector for one package.
func New() summary.Detector {
	d := &detector{}
	return summary.Detector{
		Call: func(sc *summary.Scan, fn *summary.Func, call *ast.CallExpr, callee *types.Func) {
			d.sc, d.cat = sc, sc.Catalog
			d.call(fn, call, callee)
		},
		Scanned: d.scanned,
	}
}

type detector struct {
	sc  *summary.Scan
	cat *catalog.Catalog
	tr  *tracer // built at the first call that needs it: most packages make none
	// flagged are the calls given a site of their round trip's kind,
	// whose Slow site the scan also recorded.
	flagged map[*ast.CallExpr]bool
}

// scanned drops the Slow site of each call the detector gave a site of
// its own at the same node: one operation, one site, so that a lock held
// across it or an event loop reports it once.
func (d *detector) scanned(fn *summary.Func) {
	if len(d.flagged) == 0 {
		return
	}
	kept := fn.Sites[:0]
	for _, s := range fn.Sites {
		if s.Kind == catalog.Slow && s.Call != nil && d.flagged[s.Call] {
			continue
		}
		kept = append(kept, s)
	}
	fn.Sites = kept
}

// site records s for fn.
func (d *detector) site(fn *summary.Func, s summary.Site) {
	if call, ok := s.Node.(*ast.CallExpr); ok {
		if d.flagged == nil {
			d.flagged = make(map[*ast.CallExpr]bool)
		}
		d.flagged[call] = true
	}
	fn.Sites = append(fn.Sites, s)
}

func (d *detector) call(fn *summary.Func, call *ast.CallExpr, callee *types.Func) {
	name := d.sc.Name(callee)
	b := d.cat.Finishing(name)
	row := d.cat.CtxArg(name)
	op, opName := d.cat.Op(name), ""
	if op == nil {
		op, opName = d.sc.ClientOp(call, callee) // rdb.Get(ctx, k)
	}
	if b == nil && row == nil && (op == nil || op.Kind != catalog.Slow || op.Like == "") {
		return
	}
	if d.tr == nil {
		d.tr = newTracer(d.sc.Pass)
	}
	switch {
	case b != nil:
		d.finishing(fn, call, callee, b)
	case row != nil:
		d.ctxArg(fn, call, callee, row)
	default:
		if opName == "" {
			opName = summary.OpName(callee)
		}
		d.root(fn, call, callee, op, opName)
	}
}
