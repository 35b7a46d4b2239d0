package report

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/fixes"
	"github.com/blockcheck/blockcheck/analyzer/frameworks"
	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// cancellation reports the operations h makes or reaches that ignore the
// request's context: the rules of the cancellation family.
func (r *reporter) cancellation(h handlers.Handler, fn *summary.Func) {
	for _, site := range fn.Sites {
		r.site(h, site)
	}
	for _, c := range fn.Calls {
		if r.isHandler(c.Callee) {
			// Another handler called with this request: its findings
			// are reported in it, where the fix belongs.
			continue
		}
		for _, reason := range r.sum.ReasonsAt(fn, c) {
			if reason.Kind != catalog.Serial && !ownReport(reason.Kind) {
				r.reached(h, c, reason)
			}
		}
	}
}

// stillServed is the part of every cancellation message that says what
// becomes of other requests while the handler waits: every framework but
// AWS Lambda serves each request on a goroutine of its own
// (docs/frameworks.md), so a request that ignores its context is not
// blocking others; the rule pages say what it does instead.
func stillServed(framework string) string {
	return "(" + frameworks.Meanwhile(framework) + ")"
}

// site reports an operation made directly in the handler.
func (r *reporter) site(h handlers.Handler, s summary.Site) {
	rule := rules.ForKind(s.Kind)
	if !r.wanted(rule, s.Node) {
		return
	}
	ctx := fixes.ContextAt(r.pass.Pkg, s.Node.Pos(), h.Node, h.Context, h.ContextVars)
	var what, advice string
	var before []analysis.RelatedInformation
	var fix *analysis.SuggestedFix
	switch {
	case s.Entry != nil:
		what = s.Op
		advice = alternative(s.Entry.Alt, ctx)
		if s.Through == "" {
			fix = r.opFix(s, ctx)
		} else {
			// The call is on the interface the field holds: its method
			// set has no context-aware variant to rewrite to.
			what += " (via " + s.Through + ")"
		}
	case s.Ctor != nil:
		// The fix edits the constructor call, so the context must be in
		// scope there, not merely where the value is run.
		ctx = fixes.ContextAt(r.pass.Pkg, s.CtorCall.Pos(), h.Node, h.Context, h.ContextVars)
		what = fmt.Sprintf("%s (built by %s)", s.Op, ctorName(s.Ctor))
		advice = "build it with " + s.Ctor.Alt
		if ctx != "" {
			advice += " and " + ctx
		}
		before = append(before, analysis.RelatedInformation{
			Pos: s.CtorCall.Pos(), End: s.CtorCall.End(),
			Message: ctorName(s.Ctor) + " builds it here, without a context",
		})
		fix = r.templateFix(s.CtorCall, s.Ctor.Fix, ctx, "use "+s.Ctor.Alt+" with "+ctx, nil)
	default:
		what = s.Op
		done := "ctx.Done()"
		if ctx != "" {
			done = ctx + ".Done()"
		}
		advice = strings.ReplaceAll(rules.SaysOf(s.Kind).Here, "{done}", done)
	}
	f := Finding{
		Rule: rule, Pos: s.Node.Pos(), End: s.Node.End(), Handler: h.Name, Op: s.Op,
		Message: fmt.Sprintf("%s in handler %s ignores the request's context %s; %s",
			what, h.Name, stillServed(h.Framework), advice),
		Before: before,
	}
	if fix != nil {
		f.Fixes = []analysis.SuggestedFix{*fix}
	}
	r.emit(f)
}

// reached reports a call in the handler that reaches a blocking operation
// through one or more functions.
func (r *reporter) reached(h handlers.Handler, c summary.Call, reason summary.Reason) {
	rule := rules.ForKind(reason.Kind)
	if !r.wanted(rule, c.Call) {
		return
	}
	pkg := r.pass.Pkg.Path()
	callee := reason.Steps[0].Name(pkg)
	var to string // what to pass the context to where the operation is
	switch op := r.cfg.Catalog.Op(reason.Func); {
	case rules.SaysOf(reason.Kind).There != "":
		to = strings.ReplaceAll(rules.SaysOf(reason.Kind).There, "{done}", "ctx.Done()")
	case op != nil && op.Alt != "":
		to = strings.ReplaceAll(op.Alt, "${ctx}", "ctx")
	default:
		if ct := r.cfg.Catalog.Constructor(reason.Func); ct != nil {
			to = ct.Alt
		}
	}
	advice := "pass it down" // along the chain the message names
	if takesContext(c.Callee) {
		// The context is passed in; somewhere below it is dropped.
		advice = callee + " takes a context but drops it; pass it down"
	}
	if to != "" {
		advice += " to " + to
	}
	r.emit(Finding{
		Rule: rule, Pos: c.Call.Pos(), End: c.Call.End(), Handler: h.Name, Op: reason.Op,
		Message: fmt.Sprintf("handler %s reaches %s via %s (%s) without the request's context %s; %s",
			h.Name, reason.Op, reason.Chain(pkg), reason.Site(), stillServed(h.Framework), advice),
		Chain: reasonChain(reason, pkg, c.Callee),
	})
}

// takesContext reports whether fn has a context.Context parameter.
func takesContext(fn *types.Func) bool {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if astutil.IsContext(params.At(i).Type()) {
			return true
		}
	}
	return false
}

// alternative is the advice for a catalogued operation: its context-aware
// alternative, with the context in scope.
func alternative(alt, ctx string) string {
	if alt == "" {
		return "pass the request's context to it"
	}
	if strings.Contains(alt, "${ctx}") {
		if ctx == "" {
			ctx = "ctx"
		}
		return "use " + strings.ReplaceAll(alt, "${ctx}", ctx)
	}
	if ctx == "" {
		return "use " + alt + " with the request's context"
	}
	return "use " + alt + " with " + ctx
}

func ctorName(c *catalog.Constructor) string {
	name := c.Func
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	return name
}
