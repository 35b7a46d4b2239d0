package ctxflow

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// chain judges the calls of a builder chain: a root has no context, an
// attaching method has one, any other method of the builder type that
// returns it keeps its receiver's.
type chain struct{ b *catalog.Builder }

func (c chain) judge(_ *ast.CallExpr, callee *types.Func) (origin, bool) {
	name := callee.FullName()
	switch {
	case slices.Contains(c.b.Roots, name):
		return none, false
	case slices.Contains(c.b.Attach, name):
		return attached, false
	}
	sig := callee.Signature()
	if recv := sig.Recv(); recv != nil && types.TypeString(recv.Type(), nil) == c.b.Type &&
		sig.Results().Len() > 0 && types.TypeString(sig.Results().At(0).Type(), nil) == c.b.Type {
		return unknown, true
	}
	return unknown, false
}

// finishing records a finishing call of a builder whose chain visibly
// never attached a context:
//
//	r.db.Where("id = ?", id).First(&u) // r.db is only ever gorm.Open's
//
// The fix inserts the attaching call before the finishing method, where
// the chain is complete: r.db.Where(…).WithContext(ctx).First(&u).
func (d *detector) finishing(fn *summary.Func, call *ast.CallExpr, callee *types.Func, b *catalog.Builder) {
	recv := summary.RecvExpr(call)
	if recv == nil || d.tr.trace(recv, chain{b}, map[any]bool{}) != none {
		return
	}
	fix := "${recv}." + b.Insert + callee.Name() + "(${args})"
	if call.Ellipsis.IsValid() {
		fix = "" // ${args} keeps the "...", but keep the fix to plain calls
	}
	d.site(fn, summary.Site{
		Kind: b.Kind, Op: summary.OpName(callee), Node: call, Call: call,
		Entry: &catalog.Op{Func: callee.FullName(), Kind: b.Kind, Alt: b.Alt, Fix: fix},
	})
}
