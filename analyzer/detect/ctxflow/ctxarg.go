package ctxflow

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// carrier judges the values that may carry a context into a CtxArg call:
// an attaching call has one (wherever it sits in the argument: backoff's
// WithMaxRetries(WithContext(b, ctx), 3) keeps it), any other call of the
// row's package has none unless its arguments do.
type carrier struct {
	t   *tracer
	row *catalog.CtxArg
	pkg string
}

func (c carrier) judge(call *ast.CallExpr, callee *types.Func) (origin, bool) {
	if slices.Contains(c.row.Attach, callee.FullName()) {
		return attached, false
	}
	if callee.Pkg() == nil || callee.Pkg().Path() != c.pkg {
		return unknown, false
	}
	for _, a := range call.Args {
		if c.t.trace(a, c, map[any]bool{}) == attached {
			return attached, false
		}
	}
	return none, false
}

// ctxArg records a call whose context travels in an argument when every
// argument that could carry one is visibly built without it:
//
//	backoff.Retry(op, backoff.NewExponentialBackOff())
//	retry.Do(send, retry.Attempts(5))
//
// A call that spreads its options (retry.Do(f, opts...)) or takes them
// from a parameter is left alone.
func (d *detector) ctxArg(fn *summary.Func, call *ast.CallExpr, callee *types.Func, row *catalog.CtxArg) {
	if call.Ellipsis.IsValid() {
		return
	}
	var carriers []ast.Expr
	if row.Arg >= 0 {
		if row.Arg >= len(call.Args) {
			return
		}
		carriers = call.Args[row.Arg : row.Arg+1]
	} else if n := callee.Signature().Params().Len() - 1; n <= len(call.Args) {
		carriers = call.Args[n:]
	}
	c := carrier{t: d.tr, row: row, pkg: callee.Pkg().Path()}
	for _, a := range carriers {
		if d.tr.trace(a, c, map[any]bool{}) != none {
			return
		}
	}
	d.site(fn, summary.Site{
		Kind: row.Kind, Op: summary.OpName(callee), Node: call, Call: call,
		Entry: &catalog.Op{Func: row.Func, Kind: row.Kind, Alt: row.Alt, Fix: row.Fix},
	})
}
