package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/fixes"
	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/summary"
	"github.com/blockcheck/blockcheck/analyzer/suppress"
)

type reporter struct {
	finder   *handlers.Finder
	handlers map[*types.Func]bool // the package's handlers declared by name
	pass     *analysis.Pass
	cfg      *config
	sum      *summary.Summary
	ignore   *suppress.Index
	insp     *inspector.Inspector
	unb      *unboundedState // report_unbounded.go
	found    []Finding       // the analyzer's result: what each diagnostic is about
}

// keepsDoing says, per kind, what goes on after the request is cancelled.
var keepsDoing = map[catalog.Kind]string{
	catalog.Sleep: "keeps sleeping",
	catalog.HTTP:  "keeps waiting for the remote server",
	catalog.SQL:   "keeps waiting for the query, holding a pool connection",
	catalog.Exec:  "keeps waiting for the child process",
	catalog.Dial:  "keeps waiting on the network",
	catalog.Wait:  "keeps waiting",
}

// harm is the part of every cancellation message that says what happens, in
// Go terms: the request is not blocking others, it is failing to stop when
// h's framework cancels it (every framework blockcheck knows serves each
// request on a goroutine of its own; docs/frameworks.md).
func harm(h handlers.Handler, k catalog.Kind) string {
	cancelled := h.Cancelled
	if cancelled == "" {
		cancelled = handlers.CancelledHTTP
	}
	return "when " + cancelled + ", the request's goroutine " + keepsDoing[k] + " (other requests are still served)"
}

// handler reports what h reaches.
func (r *reporter) handler(h handlers.Handler) {
	fn := r.sum.Func(h.Node)
	if fn == nil {
		return
	}
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
	r.lockHeld(h, fn)  // report_lock.go
	r.unbounded(h, fn) // report_unbounded.go
}

// site reports an operation made directly in the handler.
func (r *reporter) site(h handlers.Handler, s summary.Site) {
	rule := rules.ForKind(s.Kind)
	if !r.wanted(rule, s.Node) {
		return
	}
	ctx := fixes.ContextAt(r.pass.Pkg, s.Node.Pos(), h.Node, h.Context, h.ContextVars)
	var what, advice string
	var related []analysis.RelatedInformation
	var fix *analysis.SuggestedFix
	switch {
	case s.Entry != nil:
		what = s.Op
		advice = alternative(s.Entry.Alt, ctx)
		fix = r.opFix(s, ctx)
	case s.Ctor != nil:
		// The fix edits the constructor call, so the context must be in
		// scope there, not merely where the value is run.
		ctx = fixes.ContextAt(r.pass.Pkg, s.CtorCall.Pos(), h.Node, h.Context, h.ContextVars)
		what = fmt.Sprintf("%s (%s gave it no context)", s.Op, ctorName(s.Ctor))
		advice = "build it with " + s.Ctor.Alt
		if ctx != "" {
			advice += " and " + ctx
		}
		related = append(related, analysis.RelatedInformation{
			Pos: s.CtorCall.Pos(), End: s.CtorCall.End(),
			Message: ctorName(s.Ctor) + " builds it here, without a context",
		})
		fix = r.templateFix(s.CtorCall, s.Ctor.Fix, ctx, "use "+s.Ctor.Alt+" with "+ctx, nil)
	default:
		what = s.Op
		advice = waitAdvice(s.Kind, ctx)
	}
	d := analysis.Diagnostic{
		Pos: s.Node.Pos(), End: s.Node.End(),
		Message: fmt.Sprintf("%s in handler %s ignores the request's context: %s; %s",
			what, h.Name, harm(h, s.Kind), advice),
		Related: related,
	}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	r.report(d, rule, Finding{Handler: h.Name, Op: s.Op})
}

// reached reports a call in the handler that reaches a blocking operation
// through one or more functions.
func (r *reporter) reached(h handlers.Handler, c summary.Call, reason summary.Reason) {
	rule := rules.ForKind(reason.Kind)
	if !r.wanted(rule, c.Call) {
		return
	}
	pkg := r.pass.Pkg.Path()
	related := chainRelated(reason, pkg, nil)
	if len(related) == 0 && c.Callee.Pos().IsValid() {
		related = append(related, analysis.RelatedInformation{
			Pos: c.Callee.Pos(), Message: reason.Steps[0].Name(pkg) + " is declared here",
		})
	}
	callee := reason.Steps[0].Name(pkg)
	var use string // what to do where the operation is
	switch op := r.cfg.catalog.Op(reason.Func); {
	case reason.Kind == catalog.Sleep || reason.Kind == catalog.Wait:
		use = waitVerb(reason.Kind) + " ctx.Done()"
	case op != nil && op.Alt != "":
		use = "use " + strings.ReplaceAll(op.Alt, "${ctx}", "ctx")
	default:
		if ct := r.cfg.catalog.Constructor(reason.Func); ct != nil {
			use = "use " + ct.Alt
		}
	}
	advice := "pass the request's context down to " + callee
	if takesContext(c.Callee) {
		// The context is passed in; somewhere below it is dropped.
		advice = callee + " takes a context but does not hand it on; use it"
	}
	if use != "" {
		advice += " and " + use + " there"
	}
	r.report(analysis.Diagnostic{
		Pos: c.Call.Pos(), End: c.Call.End(),
		Message: fmt.Sprintf("handler %s reaches %s via %s (%s), which ignores the request's context: %s; %s",
			h.Name, reason.Op, reason.Chain(pkg), reason.Site(), harm(h, reason.Kind), advice),
		Related: related,
	}, rule, Finding{Handler: h.Name, Op: reason.Op, Chain: stepsChain(reason.Steps)})
}

// chainRelated appends to related a position for each step of reason's
// chain found in this package: "Store.Load calls retry".
func chainRelated(reason summary.Reason, pkg string, related []analysis.RelatedInformation) []analysis.RelatedInformation {
	op := reason.Op
	if reason.Kind == catalog.Serial {
		op = reason.Across
	}
	for i, st := range reason.Steps {
		if !st.Pos().IsValid() {
			continue
		}
		callee := op
		if i+1 < len(reason.Steps) {
			callee = reason.Steps[i+1].Name(pkg)
		}
		related = append(related, analysis.RelatedInformation{
			Pos: st.Pos(), Message: st.Name(pkg) + " calls " + callee,
		})
	}
	return related
}

// takesContext reports whether fn has a context.Context parameter.
func takesContext(fn *types.Func) bool {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if n, ok := types.Unalias(params.At(i).Type()).(*types.Named); ok &&
			n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context" {
			return true
		}
	}
	return false
}

func waitVerb(k catalog.Kind) string {
	if k == catalog.Sleep {
		return "sleep in a select with"
	}
	return "wait in a select with"
}

func waitAdvice(k catalog.Kind, ctx string) string {
	done := "ctx.Done()"
	if ctx != "" {
		done = ctx + ".Done()"
	}
	if k == catalog.Sleep {
		return "wait in a select on the timer and " + done
	}
	return "wait in a select that also has a case for " + done
}

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

// opFix builds the fix of a catalogued call: the template applies to the
// call, or to the statement it forms.
func (r *reporter) opFix(s summary.Site, ctx string) *analysis.SuggestedFix {
	op := s.Entry
	if op.Fix == "" {
		return nil
	}
	msg := alternative(op.Alt, ctx)
	if !op.StmtFix {
		return r.templateFix(s.Call, op.Fix, ctx, msg, nil)
	}
	stmt := r.listStmt(s.Call)
	if stmt == nil {
		return nil
	}
	return r.templateFix(s.Call, op.Fix, ctx, msg, stmt)
}

// listStmt returns the expression statement formed by call when it stands
// in a statement list, where a block may replace it; not in the simple
// statement of an if, for or switch header.
func (r *reporter) listStmt(call *ast.CallExpr) ast.Stmt {
	cur, ok := r.insp.Root().FindByPos(call.Pos(), call.End())
	if !ok {
		return nil
	}
	stmt, ok := cur.Parent().Node().(*ast.ExprStmt)
	if !ok {
		return nil
	}
	switch cur.Parent().Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause, *ast.LabeledStmt:
		return stmt
	}
	return nil
}

// templateFix renders tmpl for call and replaces the call, or stmt when it
// is not nil, with the result, by the smallest edit.
func (r *reporter) templateFix(call *ast.CallExpr, tmpl, ctx, msg string, stmt ast.Stmt) *analysis.SuggestedFix {
	if tmpl == "" || ctx == "" {
		return nil
	}
	src, err := r.pass.ReadFile(r.pass.Fset.File(call.Pos()).Name())
	if err != nil {
		return nil
	}
	text, ok := fixes.Render(r.pass.Fset, r.pass.TypesInfo, src, call, tmpl, ctx)
	if !ok {
		return nil
	}
	var target ast.Node = call
	if stmt != nil {
		target = stmt
		text = fixes.Indent(text, fixes.LineIndent(r.pass.Fset, src, stmt.Pos()))
	}
	return &analysis.SuggestedFix{
		Message:   msg,
		TextEdits: []analysis.TextEdit{fixes.Edit(r.pass.Fset, src, target.Pos(), target.End(), text)},
	}
}

// isHandler reports whether fn is a handler: one of this package's, or one
// with a handler's shape.
func (r *reporter) isHandler(fn *types.Func) bool {
	return r.handlers[fn] || r.finder.HasShape(fn.Signature())
}

// wanted reports whether rule is enabled and not silenced at n.
func (r *reporter) wanted(rule string, n ast.Node) bool {
	return rule != "" && r.cfg.enabled(rule) && !r.ignore.Ignored(n.Pos(), rule)
}

// report stamps d with its rule: the ID in Category and at the start of the
// message (plain go vet output does not print the category), and the URL of
// the rule's page. about says what d is about (its handler, operation and
// chain), for the analyzer's result.
func (r *reporter) report(d analysis.Diagnostic, rule string, about Finding) {
	if !r.cfg.enabled(rule) {
		return
	}
	about.Pos, about.Rule, about.Pkg = d.Pos, rule, r.pass.Pkg.Path()
	r.found = append(r.found, about)
	d.Category = rule
	d.Message = rule + ": " + d.Message
	if rl := rules.ByID(rule); rl != nil {
		d.URL = rl.URL()
	}
	r.pass.Report(d)
}
