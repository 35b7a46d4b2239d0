// Package clienttimeout detects outbound HTTP requests sent with a client
// that has no Timeout and a context with no deadline, so that a server
// that never answers is waited for as long as the request's own client
// waits:
//
//	c.http.Do(req)   // c.http = &http.Client{}: no Timeout
//
// It feeds package summary: the requests are kept in Func.Unbounded (the
// Do call itself is an HTTP round trip to report under a lock), their
// reasons are of kind catalog.NoTimeout, and a caller that passes a
// context with a deadline bounds the wait (Across). DeadlineIn is the one
// test of "a deadline is set" for the reports too.
package clienttimeout

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// clientDo is the call that sends a request.
const clientDo = "(*net/http.Client).Do"

// New returns the detector for one package.
func New() summary.Detector {
	s := &scanner{}
	return summary.Detector{
		Call: func(sc *summary.Scan, fn *summary.Func, call *ast.CallExpr, callee *types.Func) {
			s.pass, s.cat = sc.Pass, sc.Catalog
			s.call(call, callee, fn)
		},
		Kinds:  []catalog.Kind{catalog.NoTimeout},
		Across: across,
	}
}

// scanner is the detector's state for one package.
type scanner struct {
	pass *analysis.Pass
	cat  *catalog.Catalog
	// callbackOf maps a function literal handed to a call of another
	// module's function to the function making the call.
	callbackOf map[*ast.FuncLit]*summary.Func
	clientIdx  map[*types.Var]*clientInfo // built on first need
}

// call looks at a call made by fn: function literals handed to a call of
// another module's function, and a request sent with a client that has no
// timeout.
func (s *scanner) call(call *ast.CallExpr, callee *types.Func, fn *summary.Func) {
	if callee.Pkg() != nil && !catalog.IsStd(callee.Pkg().Path()) {
		for _, a := range call.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok && s.runsInCall(lit) {
				if s.callbackOf == nil {
					s.callbackOf = make(map[*ast.FuncLit]*summary.Func)
				}
				s.callbackOf[lit] = fn
			}
		}
	}
	if callee.Name() == "Do" && callee.FullName() == clientDo && len(call.Args) == 1 {
		s.clientDo(call, fn)
	}
}

// runsInCall reports whether a function literal handed to a call is
// likely run by it, like a retry helper's callback: not a handler being
// registered (one with a parameter from net/http or from another module,
// such as a framework's context).
func (s *scanner) runsInCall(lit *ast.FuncLit) bool {
	sig, ok := s.pass.TypesInfo.TypeOf(lit).(*types.Signature)
	if !ok {
		return false
	}
	for i := range sig.Params().Len() {
		t := sig.Params().At(i).Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
			if path := n.Obj().Pkg().Path(); path == "net/http" || !catalog.IsStd(path) {
				return false
			}
		}
	}
	return true
}

// clientDo records client.Do(req) when the client has no Timeout and the
// request's context visibly has no deadline.
//
//	c.http.Do(req)   // c.http is only ever &http.Client{} in this package
//
// A Do in a function literal handed to another function (retry.Do(func()
// error { … })) is also recorded for the function around the literal: such
// callbacks run during the call, and they are where retried requests are
// sent from.
func (s *scanner) clientDo(call *ast.CallExpr, fn *summary.Func) {
	client, ok := s.zeroTimeout(summary.RecvExpr(call), fn)
	if !ok || DeadlineIn(s.pass.TypesInfo, s.outermost(fn).Body, call.Args[0]) {
		return
	}
	// Entry makes the reason's Func the catalogue's Client.Do, an HTTP
	// round trip, for the rules that report waiting under a lock.
	site := summary.Site{Kind: catalog.NoTimeout, Op: "(*http.Client).Do with " + client, Node: call, Call: call,
		Entry: s.cat.Op(clientDo)}
	for {
		site.CtxParam = s.ctxParam(fn, call)
		fn.Unbounded = append(fn.Unbounded, site)
		lit, ok := fn.Node.(*ast.FuncLit)
		if !ok || s.callbackOf[lit] == nil {
			return
		}
		fn = s.callbackOf[lit]
	}
}

// outermost returns the function whose callbacks fn is run by, or fn.
func (s *scanner) outermost(fn *summary.Func) *summary.Func {
	for lit, ok := fn.Node.(*ast.FuncLit); ok; lit, ok = fn.Node.(*ast.FuncLit) {
		owner := s.callbackOf[lit]
		if owner == nil {
			break
		}
		fn = owner
	}
	return fn
}

// ctxParam returns 1 + the parameter of fn that the request sent by call
// gets its context from, or 0.
func (s *scanner) ctxParam(fn *summary.Func, call *ast.CallExpr) int {
	if fn.Obj == nil {
		return 0
	}
	return paramOf(s.pass.TypesInfo, fn, requestContext(s.pass.TypesInfo, fn.Body, call.Args[0]))
}

// paramOf returns 1 + the parameter of fn that e names, or 0.
func paramOf(info *types.Info, fn *summary.Func, e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || fn.Obj == nil {
		return 0
	}
	params := fn.Obj.Signature().Params()
	for i := range params.Len() {
		if info.Uses[id] == params.At(i) {
			return i + 1
		}
	}
	return 0
}

// zeroTimeout reports whether the client expression e certainly has no
// Timeout, and describes it: "http.DefaultClient, which has no Timeout",
// "c.http, built with no Timeout at client.go:24".
func (s *scanner) zeroTimeout(e ast.Expr, fn *summary.Func) (string, bool) {
	if lit := s.clientLit(e); lit != nil {
		// (&http.Client{Transport: t}).Do(req): built in place.
		if hasKey(lit, "Timeout") || s.transportMayBound(lit) {
			return "", false
		}
		return types.ExprString(ast.Unparen(e)) + ", which has no Timeout", true
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	var obj *types.Var
	switch x := e.(type) {
	case *ast.Ident:
		obj, _ = s.pass.TypesInfo.Uses[x].(*types.Var)
	case *ast.SelectorExpr:
		obj, _ = s.pass.TypesInfo.Uses[x.Sel].(*types.Var)
	}
	if obj == nil {
		return "", false
	}
	if isHTTP(obj, "DefaultClient") {
		return "http.DefaultClient, which has no Timeout", true
	}
	if obj.Pkg() != s.pass.Pkg || obj.Exported() && (obj.IsField() || astutil.IsPackageLevel(obj)) {
		// Set elsewhere, perhaps with a timeout.
		return "", false
	}
	if !astutil.IsPackageLevel(obj) && !obj.IsField() && !astutil.Within(obj.Pos(), fn.Node) {
		// A captured variable: look in the function that declares it.
		return "", false
	}
	ci := s.clients()[obj]
	if ci == nil || ci.other || !ci.built.IsValid() {
		return "", false
	}
	if !obj.IsField() && !astutil.IsPackageLevel(obj) && !astutil.Within(ci.built, fn.Node) {
		return "", false
	}
	return types.ExprString(e) + ", built with no Timeout at " + summary.Posn(s.pass.Fset, ci.built), true
}

// clientInfo is what the package assigns to a variable or field of type
// *http.Client or http.Client.
type clientInfo struct {
	built token.Pos // the first &http.Client{…} without a Timeout assigned to it
	other bool      // anything else is assigned to it, or to its Timeout or Transport
}

// clients indexes, once per package and only when a Client.Do is seen,
// every assignment of a client to a variable or field: v = &http.Client{},
// T{f: &http.Client{}}, var v = http.Client{}, v.Timeout = d.
func (s *scanner) clients() map[*types.Var]*clientInfo {
	if s.clientIdx != nil {
		return s.clientIdx
	}
	idx := make(map[*types.Var]*clientInfo)
	s.clientIdx = idx
	record := func(target ast.Expr, value ast.Expr) {
		var obj *types.Var
		switch t := ast.Unparen(target).(type) {
		case *ast.Ident:
			obj, _ = s.pass.TypesInfo.ObjectOf(t).(*types.Var)
		case *ast.SelectorExpr:
			if t.Sel.Name == "Timeout" || t.Sel.Name == "Transport" {
				// v.Timeout = d: v may have a timeout after all.
				switch x := ast.Unparen(t.X).(type) {
				case *ast.Ident:
					obj, _ = s.pass.TypesInfo.ObjectOf(x).(*types.Var)
				case *ast.SelectorExpr:
					obj, _ = s.pass.TypesInfo.Uses[x.Sel].(*types.Var)
				}
				if obj != nil && isClientType(obj.Type()) {
					ci := idx[obj]
					if ci == nil {
						ci = &clientInfo{}
						idx[obj] = ci
					}
					ci.other = true
				}
				return
			}
			obj, _ = s.pass.TypesInfo.Uses[t.Sel].(*types.Var)
		}
		if obj == nil || !isClientType(obj.Type()) {
			return
		}
		ci := idx[obj]
		if ci == nil {
			ci = &clientInfo{}
			idx[obj] = ci
		}
		switch lit := s.clientLit(value); {
		case lit == nil || hasKey(lit, "Timeout") || s.transportMayBound(lit):
			ci.other = true
		case !ci.built.IsValid():
			ci.built = lit.Pos()
		}
	}
	for _, f := range s.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						record(n.Lhs[i], n.Rhs[i])
					}
				} else {
					for _, l := range n.Lhs {
						record(l, nil)
					}
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					switch {
					case len(n.Values) == len(n.Names):
						record(name, n.Values[i])
					case len(n.Values) == 0:
						// var c http.Client: the zero Client.
						if obj, ok := s.pass.TypesInfo.Defs[name].(*types.Var); ok && isClientValue(obj.Type()) && idx[obj] == nil {
							idx[obj] = &clientInfo{built: name.Pos()}
						}
					default:
						record(name, nil)
					}
				}
			case *ast.CompositeLit:
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if key, ok := kv.Key.(*ast.Ident); ok {
							if _, isField := s.pass.TypesInfo.Uses[key].(*types.Var); isField {
								record(key, kv.Value)
							}
						}
					}
				}
			case *ast.UnaryExpr:
				// &v hands v to code that may set its Timeout.
				if n.Op == token.AND {
					record(n.X, nil)
				}
			}
			return true
		})
	}
	return idx
}

// clientLit returns the http.Client composite literal e is, or takes the
// address of, or nil.
func (s *scanner) clientLit(e ast.Expr) *ast.CompositeLit {
	if e == nil {
		return nil
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok || !isClientValue(s.pass.TypesInfo.TypeOf(lit)) {
		return nil
	}
	return lit
}

// transportMayBound reports whether the Transport a client literal sets
// may bound the wait for a server that never answers. Only a visible
// &http.Transport{…} without a ResponseHeaderTimeout, and
// http.DefaultTransport (which has none), do not: their dial and TLS
// handshake timeouts end once the server has accepted the connection. Any
// other transport (a variable, a Clone, a tracing wrapper) may.
func (s *scanner) transportMayBound(lit *ast.CompositeLit) bool {
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return true // positional: every field is set
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Transport" {
			return !s.unboundedTransport(kv.Value)
		}
	}
	return false
}

// unboundedTransport reports whether e is http.DefaultTransport or an
// http.Transport literal (or its address) with no ResponseHeaderTimeout.
func (s *scanner) unboundedTransport(e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch x := e.(type) {
	case *ast.CompositeLit:
		n, ok := types.Unalias(s.pass.TypesInfo.TypeOf(x)).(*types.Named)
		return ok && isHTTP(n.Obj(), "Transport") && !hasKey(x, "ResponseHeaderTimeout")
	case *ast.SelectorExpr:
		v, ok := s.pass.TypesInfo.Uses[x.Sel].(*types.Var)
		return ok && isHTTP(v, "DefaultTransport")
	}
	return false
}

// isHTTP reports whether obj is net/http's object of that name.
func isHTTP(obj types.Object, name string) bool {
	return obj.Pkg() != nil && obj.Pkg().Path() == "net/http" && obj.Name() == name
}

func hasKey(lit *ast.CompositeLit, name string) bool {
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return true
			}
		} else {
			return true // positional: every field is set
		}
	}
	return false
}

func isClientValue(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && isHTTP(n.Obj(), "Client")
}

func isClientType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return isClientValue(t)
}

// DeadlineIn reports whether e, a request or a context, visibly carries a
// deadline set in body: a context from one of the catalogue's deadline
// setters (context.WithTimeout), or a request built with one.
func DeadlineIn(info *types.Info, body *ast.BlockStmt, e ast.Expr) bool {
	return follow(info, body, e, func(call *ast.CallExpr, name string, again func(ast.Expr) bool) bool {
		switch {
		case catalog.SetsDeadline(name):
			return true
		case catalog.CarriesContext(name):
			return len(call.Args) > 0 && again(call.Args[0])
		}
		return false
	})
}

// requestContext returns the context expression the request req was
// built with in body (http.NewRequestWithContext(ctx, …),
// req.WithContext(ctx)), or nil.
func requestContext(info *types.Info, body *ast.BlockStmt, req ast.Expr) ast.Expr {
	return follow(info, body, req, func(call *ast.CallExpr, name string, _ func(ast.Expr) ast.Expr) ast.Expr {
		if catalog.CarriesContext(name) && len(call.Args) > 0 {
			return call.Args[0]
		}
		return nil
	})
}

// follow returns what made says of the call that produced e: e itself, or
// a value assigned in body to the variable e names (the first assignment
// that gives an answer will do: silence is the safe side). made may follow
// an argument further with again; each variable is followed once.
func follow[T comparable](info *types.Info, body *ast.BlockStmt, e ast.Expr, made func(call *ast.CallExpr, name string, again func(ast.Expr) T) T) T {
	var zero T
	seen := make(map[types.Object]bool)
	var walk func(e ast.Expr) T
	walk = func(e ast.Expr) T {
		switch e := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(info, e).(*types.Func); ok {
				return made(e, fn.FullName(), walk)
			}
		case *ast.Ident:
			obj := info.Uses[e]
			if obj == nil || seen[obj] || body == nil {
				return zero
			}
			seen[obj] = true
			found := zero
			ast.Inspect(body, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok || found != zero {
					return found == zero
				}
				for i, l := range as.Lhs {
					id, ok := l.(*ast.Ident)
					if !ok || info.ObjectOf(id) != obj {
						continue
					}
					switch {
					case len(as.Rhs) == len(as.Lhs):
						found = walk(as.Rhs[i])
					case len(as.Rhs) == 1 && i == 0:
						found = walk(as.Rhs[0])
					}
				}
				return found == zero
			})
			return found
		}
		return zero
	}
	return walk(e)
}

// across returns the NoTimeout reason r of a function as its caller sees
// it at call: gone when the caller passes a context with a deadline for
// the parameter the request's context comes from.
//
//	ctx, cancel := context.WithTimeout(r.Context(), 60*time.Second)
//	post(ctx, url)   // post sends with http.DefaultClient: bounded here
func across(s *summary.Summary, caller *summary.Func, _ *types.Func, call *ast.CallExpr, r summary.Reason) (summary.Reason, bool) {
	if r.CtxParam == 0 {
		return r, true
	}
	info := s.Pass().TypesInfo
	i := r.CtxParam - 1
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if selection := info.Selections[sel]; selection != nil && selection.Kind() == types.MethodExpr {
			i++ // (*T).M(recv, ctx, …)
		}
	}
	r.CtxParam = 0
	if i >= len(call.Args) {
		return r, true
	}
	arg := call.Args[i]
	if DeadlineIn(info, caller.Body, arg) {
		return summary.Reason{}, false
	}
	r.CtxParam = paramOf(info, caller, arg)
	return r, true
}
