package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/fixes"
	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/rules"
	"github.com/blockcheck/blockcheck/analyzer/summary"
	"github.com/blockcheck/blockcheck/analyzer/taint"
)

// unboundedState is what the rules of unbounded work build once per
// package, on first need.
type unboundedState struct {
	taint   *taint.Analyzer
	wrapped *taint.Wrapped
	fixed   map[ast.Stmt]bool // statements a body-limit fix already goes before
}

// ownReport reports whether reasons of kind k reached through a call are
// reported here rather than by reporter.reached.
func ownReport(k catalog.Kind) bool { return k == catalog.Endless || k == catalog.NoTimeout }

// unbounded reports what h does with no bound: endless loops and requests
// sent with no timeout (from the summaries), loops and allocations sized by
// request input and reads of an unlimited body (from package taint).
func (r *reporter) unbounded(h handlers.Handler, fn *summary.Func) {
	for _, s := range fn.Unbounded {
		switch s.Kind {
		case catalog.Endless:
			r.endless(h, s.Node.(*ast.ForStmt), s.Op)
		case catalog.NoTimeout:
			r.noTimeout(h, s.Node, s.Op, summary.Reason{}, nil)
		}
	}
	for _, c := range fn.Calls {
		if r.isHandler(c.Callee) {
			continue
		}
		for _, reason := range r.sum.ReasonsAt(fn, c) {
			switch reason.Kind {
			case catalog.Endless:
				r.endlessReached(h, c, reason)
			case catalog.NoTimeout:
				if !r.passesDeadline(h, c.Call) {
					r.noTimeout(h, c.Call, reason.Op, reason, c.Callee)
				}
			}
		}
	}
	if r.cfg.enabled(rules.UnboundedLoop) || r.cfg.enabled(rules.UnboundedAlloc) || r.cfg.enabled(rules.BodyRead) {
		r.taintFindings(h)
	}
}

// endless reports a loop with no exit made in the handler.
//
//	infiniteloop: for loop with no exit in handler Server.events: nothing in
//	it breaks out, returns, panics or looks at the request's context, so
//	the handler never returns; …
func (r *reporter) endless(h handlers.Handler, loop *ast.ForStmt, op string) {
	if !r.wanted(rules.InfiniteLoop, loop) {
		return
	}
	r.report(analysis.Diagnostic{
		Pos: loop.For, End: loop.Body.Lbrace,
		Message: fmt.Sprintf("%s in handler %s: nothing in it breaks out, returns, panics or looks at the request's context, "+
			"so once it is entered the handler never returns; %s (CWE-835); %s",
			op, h.Name, neverReturns, r.leaveAdvice(h, loop.Pos(), "")),
	}, rules.InfiniteLoop, Finding{Handler: h.Name, Op: op})
}

// neverReturns says what a handler that never returns costs, in Go terms.
const neverReturns = "its goroutine runs until the process exits, whether or not the client is still there, " +
	"and Server.Shutdown waits for it until its context expires"

func (r *reporter) leaveAdvice(h handlers.Handler, pos token.Pos, callee string) string {
	if callee != "" {
		return "give the loop an exit: pass the request's context down to " + callee + " and return when ctx.Done() is closed"
	}
	ctx := r.ctxAt(h, pos)
	if ctx == "" {
		ctx = "ctx"
	}
	return "give the loop an exit: return when " + ctx + ".Done() is closed, or when a write to the client fails"
}

// endlessReached reports a call in the handler that reaches a loop with no
// exit.
func (r *reporter) endlessReached(h handlers.Handler, c summary.Call, reason summary.Reason) {
	if !r.wanted(rules.InfiniteLoop, c.Call) {
		return
	}
	pkg := r.pass.Pkg.Path()
	r.report(analysis.Diagnostic{
		Pos: c.Call.Pos(), End: c.Call.End(),
		Message: fmt.Sprintf("handler %s reaches a %s via %s (%s), so the handler never returns; %s (CWE-835); %s",
			h.Name, reason.Op, reason.Chain(pkg), reason.Site(), neverReturns, r.leaveAdvice(h, c.Call.Pos(), reason.Steps[0].Name(pkg))),
		Related: stepsRelated(reason, pkg, "the loop with no exit is here", c.Callee),
	}, rules.InfiniteLoop, Finding{Handler: h.Name, Op: reason.Op, Chain: stepsChain(reason.Steps)})
}

// noTimeout reports a request sent with a client that has no timeout, at
// n: the Do call in the handler, or the handler's call that reaches one
// (then reason has the chain).
//
//	clienttimeout: handler Server.createOrder reaches (*http.Client).Do with
//	c.http, built with no Timeout at client.go:24, via Client.Charge
//	(client.go:57): …
func (r *reporter) noTimeout(h handlers.Handler, n ast.Node, op string, reason summary.Reason, callee *types.Func) {
	if !r.wanted(rules.ClientTimeout, n) || r.wrappedDeadline(h) || r.handlerDeadline(h, n) {
		return
	}
	pkg := r.pass.Pkg.Path()
	const harmText = "nothing bounds the wait but the context the request carries, so a server that accepts the " +
		"request and never answers keeps the handler waiting for as long as the handler's own client waits, " +
		"forever if that client never gives up (CWE-400)"
	var msg string
	var related []analysis.RelatedInformation
	if len(reason.Steps) == 0 {
		msg = fmt.Sprintf("%s in handler %s: %s; send with an http.Client that has a Timeout, "+
			"or give the request a context with a deadline (context.WithTimeout)", op, h.Name, harmText)
	} else {
		related = stepsRelated(reason, pkg, "the request is sent here", callee)
		msg = fmt.Sprintf("handler %s reaches %s, via %s (%s): %s; give that client a Timeout, "+
			"or pass down a context with a deadline (context.WithTimeout)", h.Name, op, reason.Chain(pkg), reason.Site(), harmText)
	}
	// op names the client and where it was built, a line number: not
	// part of what the finding is.
	r.report(analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Message: msg, Related: related}, rules.ClientTimeout,
		Finding{Handler: h.Name, Op: "(*http.Client).Do", Chain: stepsChain(reason.Steps)})
}

// stepsRelated points at each step of reason's chain found in this
// package: "Store.Load calls retry", then, at the last one, last. When the
// chain is in another package (facts carry no positions), it points at the
// declaration of the function called.
func stepsRelated(reason summary.Reason, pkg, last string, callee *types.Func) []analysis.RelatedInformation {
	var related []analysis.RelatedInformation
	for i, st := range reason.Steps {
		if !st.Pos().IsValid() {
			continue
		}
		msg := last
		if i+1 < len(reason.Steps) {
			msg = st.Name(pkg) + " calls " + reason.Steps[i+1].Name(pkg)
		}
		related = append(related, analysis.RelatedInformation{Pos: st.Pos(), Message: msg})
	}
	if len(related) == 0 && callee != nil && callee.Pos().IsValid() && len(reason.Steps) > 0 {
		related = append(related, analysis.RelatedInformation{
			Pos: callee.Pos(), Message: reason.Steps[0].Name(pkg) + " is declared here",
		})
	}
	return related
}

// passesDeadline reports whether the handler's call hands down a context,
// or a request, with a deadline set in the handler.
func (r *reporter) passesDeadline(h handlers.Handler, call *ast.CallExpr) bool {
	body := handlerBody(h)
	for _, a := range call.Args {
		if summary.DeadlineIn(r.pass.TypesInfo, body, a) {
			return true
		}
	}
	return false
}

// handlerDeadline reports whether the Do call n made in the handler sends
// a request with a deadline set in the handler (the summaries judge only
// the function that sends it, which for a literal is the literal).
func (r *reporter) handlerDeadline(h handlers.Handler, n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	return summary.DeadlineIn(r.pass.TypesInfo, handlerBody(h), call.Args[0])
}

func handlerBody(h handlers.Handler) *ast.BlockStmt {
	switch n := h.Node.(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}

// state returns the package's unbounded state, building it on first use.
func (r *reporter) unboundedState() *unboundedState {
	if r.unb != nil {
		return r.unb
	}
	kindRule := map[taint.Kind]string{taint.Loop: rules.UnboundedLoop, taint.Alloc: rules.UnboundedAlloc, taint.BodyRead: rules.BodyRead}
	r.unb = &unboundedState{fixed: make(map[ast.Stmt]bool)}
	isHandler := make(map[*types.Func]bool) // the taint analysis asks at every call
	r.unb.taint = taint.New(r.pass.Fset, r.pass.Pkg, r.pass.TypesInfo, r.pass.Files, taint.Config{
		MaxBody: r.cfg.maxBody,
		Ignored: func(pos token.Pos, k taint.Kind) bool { return r.ignore.Ignored(pos, kindRule[k]) },
		Skip: func(fn *types.Func) bool {
			is, ok := isHandler[fn]
			if !ok {
				is = r.isHandler(fn)
				isHandler[fn] = is
			}
			return is
		},
		OwnLit: func(lit *ast.FuncLit) bool {
			sig, ok := r.pass.TypesInfo.TypeOf(lit).(*types.Signature)
			return ok && r.finder.HasShape(sig)
		},
	})
	r.unb.wrapped = taint.FindWrapped(r.pass.TypesInfo, r.pass.Files)
	return r.unb
}

// handlerKey identifies h for taint.Wrapped: its *types.Func, or its
// literal.
func (r *reporter) handlerKey(h handlers.Handler) any {
	switch n := h.Node.(type) {
	case *ast.FuncDecl:
		if obj, ok := r.pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
			return obj
		}
	case *ast.FuncLit:
		return n
	}
	return nil
}

func (r *reporter) wrappedDeadline(h handlers.Handler) bool {
	return r.unboundedState().wrapped.Deadline(r.handlerKey(h))
}

// taintFindings reports the loops and allocations h sizes by request input
// and its reads of an unlimited body.
func (r *reporter) taintFindings(h handlers.Handler) {
	st := r.unboundedState()
	sum := st.taint.Func(h.Node)
	for _, s := range sum.Sinks {
		if s.Bound.Src != nil {
			r.sizedBy(h, s)
		}
	}
	if len(sum.Reads) == 0 || st.wrapped.LimitsBody(r.handlerKey(h)) {
		return
	}
	for _, rd := range sum.Reads {
		if rd.Param.Param >= 0 {
			r.bodyRead(h, rd)
		}
	}
}

// sizedBy reports a loop or allocation sized by request input.
//
//	unboundedloop: n comes from r.URL.Query().Get("count") (admin.go:18)
//	with no upper bound: one request can make handler
//	Server.generateCoupons loop as many times as it asks, …
func (r *reporter) sizedBy(h handlers.Handler, s taint.Sink) {
	rule, harm, cwe := rules.UnboundedLoop, "loop as many times as it asks, and the loop runs on after the client has gone", "CWE-606"
	if s.Kind == taint.Alloc {
		rule, harm, cwe = rules.UnboundedAlloc, "allocate as much memory as it asks, "+
			"enough to run the process out of memory, which no recover can stop", "CWE-789"
	}
	if !r.wanted(rule, s.At) {
		return
	}
	what := s.Expr + " comes from " + r.describe(s.Bound.Src)
	if s.Bound.Src.Via != nil {
		what += ","
	}
	if s.Bound.Src.Via == nil && s.Bound.Src.Text == s.Expr {
		what = s.Expr + " (" + r.posn(s.Bound.Src.Pos) + ") is request input"
	}
	advice := "clamp it first, e.g. " + clampAdvice(s.Expr, limitName(s.Bound.Src))
	var msg string
	var related []analysis.RelatedInformation
	switch {
	case len(s.Via) > 0:
		sink := "a loop"
		if s.Kind == taint.Alloc {
			sink = s.Op
		}
		last := s.Via[len(s.Via)-1]
		msg = fmt.Sprintf("handler %s reaches %s sized by %s via %s (%s): %s with no upper bound; one request can make the handler %s (%s); %s",
			h.Name, sink, s.Expr, chainText(s.Via), r.posn(last.Pos), what, harm, cwe, strings.Replace(advice, "first", "before the call", 1))
		for i, st := range s.Via {
			does := map[taint.Kind]string{taint.Loop: "loops", taint.Alloc: "allocates"}[s.Kind]
			if i+1 < len(s.Via) {
				does = "calls " + s.Via[i+1].Func
			}
			related = append(related, analysis.RelatedInformation{Pos: st.Pos, Message: st.Func + " " + does + " here"})
		}
	case s.Kind == taint.Alloc:
		msg = fmt.Sprintf("%s with no upper bound and sizes %s: one request can make handler %s %s (%s); %s",
			what, s.Op, h.Name, harm, cwe, advice)
	default:
		msg = fmt.Sprintf("%s with no upper bound: one request can make handler %s %s (%s); %s",
			what, h.Name, harm, cwe, advice)
	}
	end := s.At.End()
	if loop, ok := s.At.(*ast.ForStmt); ok {
		end = loop.Body.Lbrace
	} else if rs, ok := s.At.(*ast.RangeStmt); ok {
		end = rs.Body.Lbrace
	}
	if o := s.Bound.Src; o.Pos.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: o.Pos, Message: s.Expr + " comes from here"})
	}
	r.report(analysis.Diagnostic{Pos: s.At.Pos(), End: end, Message: msg, Related: related}, rule,
		Finding{Handler: h.Name, Op: s.Op, Chain: r.taintChain(s.Via)})
}

// describe renders an origin: `r.FormValue("n") (h.go:9)`, or for a
// helper's result `count(r) (h.go:14), which returns r.FormValue("n")
// (h.go:9)`.
func (r *reporter) describe(o *taint.Origin) string {
	s := o.Text + " (" + r.posn(o.Pos) + ")"
	if o.Via != nil {
		s += ", which returns " + r.describe(o.Via)
	}
	return s
}

func chainText(via []taint.Step) string {
	names := make([]string, len(via))
	for i, s := range via {
		names[i] = s.Func
	}
	return strings.Join(names, " → ")
}

// clampAdvice writes the clamp of a size expression, with a limit named
// after the input (name) or the expression: n = min(n, maxCount).
func clampAdvice(expr, name string) string {
	if name == "" {
		name = expr
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
	}
	limit := "limit"
	if token.IsIdentifier(name) {
		limit = "max" + upperFirst(name)
	}
	if token.IsIdentifier(expr) {
		return expr + " = min(" + expr + ", " + limit + ")"
	}
	return "min(" + expr + ", " + limit + ")"
}

// inputKey matches the name of a query value, form field or header in an
// accessor call or index: r.URL.Query().Get("count"), q["width"].
var inputKey = regexp.MustCompile(`[(\[]"([A-Za-z][A-Za-z0-9_-]*)"[)\]]`)

// limitName names a limit after the input o reads: "Count" for
// r.FormValue("count"), "PageSize" for r.Header.Get("X-Page-Size").
func limitName(o *taint.Origin) string {
	for o.Via != nil {
		o = o.Via
	}
	m := inputKey.FindStringSubmatch(o.Text)
	if m == nil {
		return ""
	}
	var b strings.Builder
	for i, part := range strings.FieldsFunc(m[1], func(r rune) bool { return r == '-' || r == '_' }) {
		if i == 0 && (part == "X" || part == "x") {
			continue
		}
		b.WriteString(upperFirst(part))
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// bodyRead reports a read of an unlimited request body, with a fix that
// limits the body before it.
//
//	bodyread: io.ReadAll(r.Body) in handler webhookHandler.ServeHTTP reads
//	the whole request body into memory, and nothing limits the body's size: …
func (r *reporter) bodyRead(h handlers.Handler, rd taint.Read) {
	if !r.wanted(rules.BodyRead, rd.At) {
		return
	}
	const harmText = "and nothing limits the body's size, so one request can make the server read, and hold, " +
		"as much as the client sends (CWE-400)"
	fix, limitText := r.bodyFix(h, rd)
	advice := "limit the body first with http.MaxBytesReader"
	if limitText != "" {
		advice = "limit the body first: " + limitText
	}
	var msg string
	var related []analysis.RelatedInformation
	if len(rd.Via) == 0 {
		msg = fmt.Sprintf("%s in handler %s %s, %s; %s", rd.Op, h.Name, rd.What, harmText, advice)
	} else {
		last := rd.Via[len(rd.Via)-1]
		msg = fmt.Sprintf("handler %s reaches %s via %s (%s), which %s, %s; %s",
			h.Name, rd.Op, chainText(rd.Via), r.posn(last.Pos), rd.What, harmText, strings.Replace(advice, "first", "before the call", 1))
		for i, st := range rd.Via {
			next := rd.Op
			if i+1 < len(rd.Via) {
				next = rd.Via[i+1].Func
			}
			related = append(related, analysis.RelatedInformation{Pos: st.Pos, Message: st.Func + " calls " + next})
		}
	}
	d := analysis.Diagnostic{Pos: rd.At.Pos(), End: rd.At.End(), Message: msg, Related: related}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	r.report(d, rules.BodyRead, Finding{Handler: h.Name, Op: rd.Op, Chain: r.taintChain(rd.Via)})
}

// frameworkBodies are the request bodies of frameworks other than
// net/http, by the type of the handler's parameter and the path from it to
// the *http.Request: how to limit one, with {c} the parameter, {http} the
// net/http package name and {n} the limit.
var frameworkBodies = []struct {
	typ, path, tmpl string
}{
	{"*github.com/gin-gonic/gin.Context", ".Request",
		"{c}.Request.Body = {http}.MaxBytesReader({c}.Writer, {c}.Request.Body, {n})"},
	{"github.com/labstack/echo/v4.Context", ".Request()",
		"{c}.Request().Body = {http}.MaxBytesReader({c}.Response(), {c}.Request().Body, {n})"},
}

// bodyFix builds the fix of a body read: insert, before the statement
// that reads, r.Body = http.MaxBytesReader(w, r.Body, <-max-body>), where
// w and r are the handler's parameters (for gin, c.Request.Body =
// http.MaxBytesReader(c.Writer, …)), visible there. It returns the
// statement's text for the message even when no edit can be made, and ""
// when the names it would use are not those of the handler there.
func (r *reporter) bodyFix(h handlers.Handler, rd taint.Read) (*analysis.SuggestedFix, string) {
	root := rd.Body.Root
	sig := handlerSig(r.pass.TypesInfo, h)
	if sig == nil || !strings.HasPrefix(rd.Body.Path, root.Name()) {
		return nil, ""
	}
	isParam := false
	var w *types.Var
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		switch {
		case p == root:
			isParam = true
		case isResponseWriter(p.Type()) && p.Name() != "" && p.Name() != "_":
			w = p
		}
	}
	if !isParam {
		return nil, ""
	}
	var tmpl string
	vars := []*types.Var{root}
	switch suffix := strings.TrimPrefix(rd.Body.Path, root.Name()); {
	case suffix == "" && w != nil:
		tmpl = "{c}.Body = {http}.MaxBytesReader({w}, {c}.Body, {n})"
		vars = append(vars, w)
	default:
		for _, fb := range frameworkBodies {
			if fb.path == suffix && types.TypeString(root.Type(), nil) == fb.typ {
				tmpl = fb.tmpl
			}
		}
	}
	if tmpl == "" {
		return nil, ""
	}
	stmt := r.listStmtOf(rd.At)
	if stmt == nil {
		return nil, ""
	}
	httpName := importName(r.fileOf(stmt.Pos()), "net/http")
	text := func(pkg string) string {
		t := strings.NewReplacer("{c}", root.Name(), "{http}", pkg, "{n}", limitText(r.cfg.maxBody)).Replace(tmpl)
		if w != nil {
			t = strings.ReplaceAll(t, "{w}", w.Name())
		}
		return t
	}
	inner := r.pass.Pkg.Scope().Innermost(stmt.Pos())
	if inner == nil {
		return nil, ""
	}
	for _, v := range vars {
		if _, obj := inner.LookupParent(v.Name(), stmt.Pos()); obj != v {
			return nil, "" // shadowed: the statement would not mean the same
		}
	}
	if httpName == "" {
		return nil, text("http") // the file does not import net/http: advice only
	}
	if _, obj := inner.LookupParent(httpName, stmt.Pos()); !isPkg(obj, "net/http") {
		return nil, ""
	}
	st := r.unboundedState()
	if st.fixed[stmt] {
		return nil, text(httpName) // one fix per statement
	}
	st.fixed[stmt] = true
	src, err := r.pass.ReadFile(r.pass.Fset.File(stmt.Pos()).Name())
	if err != nil {
		return nil, text(httpName)
	}
	return &analysis.SuggestedFix{
		Message: "use http.MaxBytesReader to limit the request body to " + taint.Size(r.cfg.maxBody),
		TextEdits: []analysis.TextEdit{{
			Pos: stmt.Pos(), End: stmt.Pos(),
			NewText: []byte(text(httpName) + "\n" + lineIndent(r.pass.Fset, src, stmt.Pos())),
		}},
	}, text(httpName)
}

func lineIndent(fset *token.FileSet, src []byte, pos token.Pos) string {
	tf := fset.File(pos)
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// limitText writes a byte count as Go: 1<<20 for powers of two, else the
// number.
func limitText(n int64) string {
	if n >= 1024 && n&(n-1) == 0 {
		shift := 0
		for m := n; m > 1; m >>= 1 {
			shift++
		}
		return "1<<" + strconv.Itoa(shift)
	}
	return strconv.FormatInt(n, 10)
}

// listStmtOf returns the statement, in a statement list, that contains n.
func (r *reporter) listStmtOf(n ast.Node) ast.Stmt {
	cur, ok := r.insp.Root().FindNode(n)
	if !ok {
		return nil
	}
	for ; cur.Valid() && cur.Parent().Valid(); cur = cur.Parent() {
		stmt, ok := cur.Node().(ast.Stmt)
		if !ok {
			continue
		}
		switch cur.Parent().Node().(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			return stmt
		case *ast.LabeledStmt:
			return nil
		}
	}
	return nil
}

func (r *reporter) fileOf(pos token.Pos) *ast.File {
	for _, f := range r.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// importName returns the name under which file imports path, or "" when it
// does not, or imports it with . or _.
func importName(file *ast.File, path string) string {
	if file == nil {
		return ""
	}
	for _, imp := range file.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err != nil || p != path {
			continue
		}
		if imp.Name == nil {
			return path[strings.LastIndexByte(path, '/')+1:]
		}
		if imp.Name.Name == "." || imp.Name.Name == "_" {
			return ""
		}
		return imp.Name.Name
	}
	return ""
}

func isPkg(obj types.Object, path string) bool {
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == path
}

func isResponseWriter(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "ResponseWriter"
}

func handlerSig(info *types.Info, h handlers.Handler) *types.Signature {
	switch n := h.Node.(type) {
	case *ast.FuncDecl:
		if obj, ok := info.Defs[n.Name].(*types.Func); ok {
			return obj.Signature()
		}
	case *ast.FuncLit:
		sig, _ := info.TypeOf(n).(*types.Signature)
		return sig
	}
	return nil
}

// ctxAt returns the request's context expression usable at pos, or "".
func (r *reporter) ctxAt(h handlers.Handler, pos token.Pos) string {
	return fixes.ContextAt(r.pass.Pkg, pos, h.Node, h.Context, h.ContextVars)
}

// taintChain is the Chain of a taint chain, whose steps are in this
// package.
func (r *reporter) taintChain(via []taint.Step) []string {
	var chain []string
	for _, st := range via {
		chain = append(chain, qualified(r.pass.Pkg.Path(), st.Func))
	}
	return chain
}
