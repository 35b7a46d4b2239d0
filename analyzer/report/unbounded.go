package report

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
	"github.com/blockcheck/blockcheck/analyzer/detect/clienttimeout"
	"github.com/blockcheck/blockcheck/analyzer/fixes"
	"github.com/blockcheck/blockcheck/analyzer/frameworks"
	"github.com/blockcheck/blockcheck/analyzer/handlers"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
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
	if r.cfg.Enabled(rules.UnboundedLoop) || r.cfg.Enabled(rules.UnboundedAlloc) || r.cfg.Enabled(rules.BodyRead) {
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
	r.emit(Finding{
		Rule: rules.InfiniteLoop, Pos: loop.For, End: loop.Body.Lbrace, Handler: h.Name, Op: op,
		Message: fmt.Sprintf("%s in handler %s: nothing in it breaks out, returns, panics or looks at the request's context, "+
			"so once it is entered the handler never returns, even after %s; %s", op, h.Name, cancelled(h), r.leaveAdvice(h, loop.Pos(), "")),
	})
}

// cancelled says when h's framework cancels the request's context.
func cancelled(h handlers.Handler) string {
	if h.Cancelled == "" {
		return handlers.CancelledHTTP
	}
	return h.Cancelled
}

func (r *reporter) leaveAdvice(h handlers.Handler, pos token.Pos, callee string) string {
	if callee != "" {
		return "pass the context to " + callee + " and return there when ctx.Done() is closed"
	}
	ctx := r.ctxAt(h, pos)
	if ctx == "" {
		ctx = "ctx"
	}
	return "return when " + ctx + ".Done() is closed, or when a write to the client fails"
}

// endlessReached reports a call in the handler that reaches a loop with no
// exit.
func (r *reporter) endlessReached(h handlers.Handler, c summary.Call, reason summary.Reason) {
	if !r.wanted(rules.InfiniteLoop, c.Call) {
		return
	}
	pkg := r.pass.Pkg.Path()
	chain := reasonChain(reason, pkg, c.Callee)
	chain.Last = "the loop with no exit is here"
	r.emit(Finding{
		Rule: rules.InfiniteLoop, Pos: c.Call.Pos(), End: c.Call.End(), Handler: h.Name, Op: reason.Op,
		Message: fmt.Sprintf("handler %s reaches a %s via %s (%s), so the handler never returns, even after %s; %s",
			h.Name, reason.Op, reason.Chain(pkg), reason.Site(), cancelled(h), r.leaveAdvice(h, c.Call.Pos(), reason.Steps[0].Name(pkg))),
		Chain: chain,
	})
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
	const harmText = "only the request's context bounds the wait for a server that never answers"
	f := Finding{Rule: rules.ClientTimeout, Pos: n.Pos(), End: n.End(), Handler: h.Name, Op: "(*http.Client).Do"}
	if len(reason.Steps) == 0 {
		f.Message = fmt.Sprintf("%s in handler %s: %s; send with an http.Client that has a Timeout, "+
			"or give the request a deadline", op, h.Name, harmText)
	} else {
		f.Chain = reasonChain(reason, pkg, callee)
		f.Chain.Last = "the request is sent here"
		f.Message = fmt.Sprintf("handler %s reaches %s, via %s (%s): %s; give that client a Timeout, "+
			"or pass down a deadline", h.Name, op, reason.Chain(pkg), reason.Site(), harmText)
	}
	r.emit(f)
}

// passesDeadline reports whether the handler's call hands down a context,
// or a request, with a deadline set in the handler.
func (r *reporter) passesDeadline(h handlers.Handler, call *ast.CallExpr) bool {
	body := handlerBody(h)
	for _, a := range call.Args {
		if clienttimeout.DeadlineIn(r.pass.TypesInfo, body, a) {
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
	return clienttimeout.DeadlineIn(r.pass.TypesInfo, handlerBody(h), call.Args[0])
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
		MaxBody: r.cfg.MaxBody,
		Returns: r.noReturn.Returns,
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
	r.unb.wrapped = taint.FindWrapped(r.pass.TypesInfo, r.pass.Pkg, r.pass.Files, r.insp)
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
//	Server.generateCoupons loop as often as it asks; …
func (r *reporter) sizedBy(h handlers.Handler, s taint.Sink) {
	rule, harm := rules.UnboundedLoop, "loop as often as it asks"
	if s.Kind == taint.Alloc {
		rule, harm = rules.UnboundedAlloc, "allocate as much as it asks"
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
	advice := "clamp it first: " + clampAdvice(s.Expr, limitName(s.Bound.Src))
	f := Finding{Rule: rule, Pos: s.At.Pos(), End: s.At.End(), Handler: h.Name, Op: s.Op}
	switch {
	case len(s.Via) > 0:
		sink := "a loop"
		if s.Kind == taint.Alloc {
			sink = s.Op
		}
		last := s.Via[len(s.Via)-1]
		f.Message = fmt.Sprintf("handler %s reaches %s sized by %s via %s (%s): %s with no upper bound; one request can make the handler %s; %s",
			h.Name, sink, s.Expr, chainText(s.Via), r.posn(last.Pos), what, harm, strings.Replace(advice, "first", "before the call", 1))
		does := map[taint.Kind]string{taint.Loop: "loops", taint.Alloc: "allocates"}[s.Kind]
		f.Chain = r.viaChain(s.Via, last.Func+" "+does+" here")
	case s.Kind == taint.Alloc:
		f.Message = fmt.Sprintf("%s with no upper bound and sizes %s: one request can make handler %s %s; %s",
			what, s.Op, h.Name, harm, advice)
	default:
		f.Message = fmt.Sprintf("%s with no upper bound: one request can make handler %s %s; %s",
			what, h.Name, harm, advice)
	}
	if loop, ok := s.At.(*ast.ForStmt); ok {
		f.End = loop.Body.Lbrace
	} else if rs, ok := s.At.(*ast.RangeStmt); ok {
		f.End = rs.Body.Lbrace
	}
	if o := s.Bound.Src; o.Pos.IsValid() {
		f.After = append(f.After, analysis.RelatedInformation{Pos: o.Pos, Message: s.Expr + " comes from here"})
	}
	r.emit(f)
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

// viaChain is the chain of a taint finding reached through helpers; the
// last step's position is told last.
func (r *reporter) viaChain(via []taint.Step, last string) Chain {
	c := Chain{Last: last}
	for _, st := range via {
		c.Steps = append(c.Steps, Step{Name: st.Func, Pos: st.Pos, Qualified: qualified(r.pass.Pkg.Path(), st.Func)})
	}
	return c
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
	const harmText = "with no size limit"
	fix, limitText := r.bodyFix(h, rd)
	advice := "limit the body first with http.MaxBytesReader"
	if limitText != "" {
		advice = "limit the body first: " + limitText
	}
	f := Finding{Rule: rules.BodyRead, Pos: rd.At.Pos(), End: rd.At.End(), Handler: h.Name, Op: rd.Op}
	if len(rd.Via) == 0 {
		f.Message = fmt.Sprintf("%s in handler %s %s, %s; %s", rd.Op, h.Name, rd.What, harmText, advice)
	} else {
		last := rd.Via[len(rd.Via)-1]
		f.Message = fmt.Sprintf("handler %s reaches %s via %s (%s), which %s, %s; %s",
			h.Name, rd.Op, chainText(rd.Via), r.posn(last.Pos), rd.What, harmText, strings.Replace(advice, "first", "before the call", 1))
		f.Chain = r.viaChain(rd.Via, last.Func+" calls "+rd.Op)
	}
	if fix != nil {
		f.Fixes = []analysis.SuggestedFix{*fix}
	}
	r.emit(f)
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
	suffix := strings.TrimPrefix(rd.Body.Path, root.Name())
	for _, b := range frameworks.Bodies() {
		needsW := strings.Contains(b.Limit, "{w}")
		if b.Path == suffix && typeString(root.Type()) == b.Type && (w != nil || !needsW) {
			tmpl = b.Limit
			if needsW {
				vars = append(vars, w)
			}
			break
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
		t := strings.NewReplacer("{c}", root.Name(), "{http}", pkg, "{n}", limitText(r.cfg.MaxBody)).Replace(tmpl)
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
		Message: "use http.MaxBytesReader to limit the request body to " + taint.Size(r.cfg.MaxBody),
		TextEdits: []analysis.TextEdit{{
			Pos: stmt.Pos(), End: stmt.Pos(),
			NewText: []byte(text(httpName) + "\n" + astutil.LineIndent(r.pass.Fset, src, stmt.Pos())),
		}},
	}, text(httpName)
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

// typeString prints t as the frameworks table writes types: with full
// package paths, aliases resolved, also under a pointer.
func typeString(t types.Type) string {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		return "*" + typeString(p.Elem())
	}
	return types.TypeString(t, nil)
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
