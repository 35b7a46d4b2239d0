package report

import (
	"fmt"
	"go/ast"
	"go/token"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// This file is where open calls end: a handler that calls through a field
// its own package does not bind (MessageAPI.DB.Create, DB an interface)
// is exported in a summary.PendingFact, and the package that binds the
// field — a composite literal, an assignment or a constructor call, in
// the package that wires the service — reports there what the handler
// reaches through the concrete type it binds.

// exportPending exports the open calls of the package's handlers.
func (r *reporter) exportPending(hs []handlers.Handler) {
	var fact summary.PendingFact
	for _, h := range hs {
		fn := r.sum.Func(h.Node)
		if fn == nil || r.skipFile(h.Node) {
			continue
		}
		opens := r.sum.FuncOpens(fn)
		if len(opens) == 0 {
			continue
		}
		fact.Handlers = append(fact.Handlers, summary.Pending{
			Name: r.pass.Pkg.Name() + "." + h.Name,
			Posn: summary.Posn(r.pass.Fset, h.Node.Pos()),
			Open: opens,
		})
	}
	if len(fact.Handlers) > 0 {
		r.pass.ExportPackageFact(&fact)
	}
}

// pending reports, at the bindings of this package, what the handlers of
// other packages reach through the fields bound here.
func (r *reporter) pending() {
	if r.cfg.Slots == nil || !r.cfg.Slots.BindsAny() {
		return
	}
	type key struct {
		pos     token.Pos
		handler string
		rule    string
	}
	done := make(map[key]bool)
	for _, pf := range r.pass.AllPackageFacts() {
		fact, ok := pf.Fact.(*summary.PendingFact)
		if !ok || pf.Package == r.pass.Pkg {
			continue
		}
		for _, h := range fact.Handlers {
			for _, o := range h.Open {
				for _, t := range r.cfg.Slots.Resolve(o.Slot, o.Method) {
					for _, reason := range r.sum.Resolved(o, t) {
						rule := rules.ForKind(reason.Kind)
						if reason.Kind == catalog.Serial || ownReport(reason.Kind) {
							continue
						}
						k := key{t.Binding.Pos, h.Name, rule}
						if done[k] || !r.wantedAt(rule, t.Binding.Pos) {
							continue
						}
						done[k] = true
						r.bound(h, t.Binding.Pos, summary.Through(o, t), reason)
					}
				}
			}
		}
	}
}

// bound reports, at a binding, an operation a handler of another package
// reaches through it.
func (r *reporter) bound(h summary.Pending, at token.Pos, through string, reason summary.Reason) {
	pkg := r.pass.Pkg.Path()
	end := at
	if n := r.nodeAt(at); n != nil {
		end = n.End()
	}
	r.emit(Finding{
		Rule: rules.ForKind(reason.Kind), Pos: at, End: end, Handler: h.Name, Op: reason.Op,
		Message: fmt.Sprintf("handler %s (%s) reaches %s via %s (%s) through %s bound here, without the request's context %s; pass it down",
			h.Name, h.Posn, reason.Op, reason.Chain(pkg), reason.Site(), through, stillServed("")),
		Chain: reasonChain(reason, pkg, nil),
	})
}

// wantedAt is wanted for a position.
func (r *reporter) wantedAt(rule string, pos token.Pos) bool {
	return rule != "" && r.cfg.Enabled(rule) && !r.ignore.Ignored(pos, rule)
}

// nodeAt returns the expression that starts at pos, for a range.
func (r *reporter) nodeAt(pos token.Pos) ast.Node {
	for _, f := range r.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			var found ast.Node
			ast.Inspect(f, func(n ast.Node) bool {
				if found != nil || n == nil || n.End() <= pos || n.Pos() > pos {
					return false
				}
				if n.Pos() == pos {
					if _, ok := n.(ast.Expr); ok {
						found = n
						return false
					}
				}
				return true
			})
			return found
		}
	}
	return nil
}
