package summary

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// This file finds the two kinds of unbounded waiting that travel through
// summaries like the blocking operations do, so that a handler is told
// about them wherever they happen, in other packages too:
//
//	for {                          // endless: nothing leaves the loop
//		fmt.Fprintln(w, "tick")
//		time.Sleep(time.Second)
//	}
//
//	c.http.Do(req)                 // notimeout: c.http = &http.Client{}
//
// Both are kept in Func.Unbounded rather than Func.Sites: they are not
// operations to run under a lock or in an event loop, and the reports of
// Sites stay as they are. Their reasons (kinds Endless and NoTimeout) do
// reach callers, and other packages through BlockingFact.

// endlessLoop records loop when it can never end once entered:
//
//	for { … }             // no condition
//	for !done { … }       // nothing in the loop changes done
//
// and nothing in its body leaves it: no return, no break out of it, no goto,
// no panic or call that does not return (os.Exit, log.Fatal), and no look at
// a context (ctx.Done(), ctx.Err()) or a receive from a done channel, any of
// which may be an exit the analysis cannot follow. A loop inside an endless
// loop of the same function is not recorded again.
func (s *scanner) endlessLoop(loop *ast.ForStmt, fn *Func) {
	for _, site := range fn.Unbounded {
		if site.Kind == catalog.Endless && astutil.Within(loop.Pos(), site.Node) {
			return
		}
	}
	op := "for loop with no exit"
	if loop.Cond != nil && !s.isTrue(loop.Cond) {
		if !s.stableCond(loop, fn) {
			return
		}
		op = "for loop whose condition " + types.ExprString(loop.Cond) + " never changes"
	}
	if s.mayLeave(loop.Body) {
		return
	}
	fn.Unbounded = append(fn.Unbounded, Site{Kind: catalog.Endless, Op: op, Node: loop})
}

func (s *scanner) isTrue(e ast.Expr) bool {
	tv, ok := s.info.Types[e]
	return ok && tv.Value != nil && tv.Value.String() == "true"
}

// stableCond reports whether nothing can change loop's condition: it reads
// only constants and local variables of fn that the loop never assigns,
// whose address is never taken and that no function literal captures; it
// calls nothing, receives nothing, and reads no field, element or pointer.
func (s *scanner) stableCond(loop *ast.ForStmt, fn *Func) bool {
	vars := make(map[*types.Var]bool)
	ok := true
	ast.Inspect(loop.Cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
		case *ast.Ident:
			switch obj := s.info.Uses[n].(type) {
			case *types.Const, *types.Nil:
			case *types.Var:
				if astutil.IsPackageLevel(obj) || obj.IsField() || !astutil.Within(obj.Pos(), fn.Node) {
					ok = false
				}
				vars[obj] = true
			default:
				ok = false
			}
		case *ast.BinaryExpr, *ast.ParenExpr, *ast.BasicLit:
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.ARROW && n.Op != token.AND
		default:
			ok = false
		}
		return ok
	})
	if !ok || len(vars) == 0 {
		return false
	}
	changed := func(e ast.Expr) bool {
		id, isID := ast.Unparen(e).(*ast.Ident)
		return isID && vars[s.objVar(id)]
	}
	for _, part := range []ast.Node{loop.Body, loop.Post} {
		if part == nil {
			continue
		}
		ast.Inspect(part, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					ok = ok && !changed(l)
				}
			case *ast.IncDecStmt:
				ok = ok && !changed(n.X)
			case *ast.RangeStmt:
				ok = ok && (n.Key == nil || !changed(n.Key)) && (n.Value == nil || !changed(n.Value))
			}
			return ok
		})
	}
	// Aliases: &v, or a closure that may assign v from elsewhere.
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			ok = ok && (n.Op != token.AND || !changed(n.X))
		case *ast.FuncLit:
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if id, isID := m.(*ast.Ident); isID && vars[s.objVar(id)] {
					ok = false
				}
				return ok
			})
			return false
		}
		return ok
	})
	return ok
}

func (s *scanner) objVar(id *ast.Ident) *types.Var {
	v, _ := s.info.ObjectOf(id).(*types.Var)
	return v
}

// mayLeave reports whether anything in body may end the loop it belongs to:
// see endlessLoop. Function literals are other functions: a return in
// one leaves nothing.
func (s *scanner) mayLeave(body *ast.BlockStmt) bool {
	leaves := false
	var visit func(n ast.Node, nested bool) // nested: inside an inner loop, switch or select
	visit = func(root ast.Node, nested bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			if leaves || n == nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				leaves = true
			case *ast.BranchStmt:
				switch {
				case n.Tok == token.GOTO:
					leaves = true
				case n.Label != nil:
					// A labelled break or continue may name this loop
					// or one around it.
					leaves = n.Tok == token.BREAK || n.Tok == token.CONTINUE
				case n.Tok == token.BREAK:
					leaves = !nested
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if n != root {
					visit(n, true)
					return false
				}
			case *ast.CallExpr:
				leaves = s.exits(n)
			case *ast.UnaryExpr:
				leaves = n.Op == token.ARROW && s.isDone(n.X)
			}
			return !leaves
		})
	}
	visit(body, false)
	return leaves
}

// exits reports whether call may end a loop that makes it: a call that
// does not return (panic, log.Fatal, the package's own die()), or a look
// at a context's Done or Err.
func (s *scanner) exits(call *ast.CallExpr) bool {
	if !s.noReturn.Returns(call) {
		return true
	}
	fn, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok {
		return false
	}
	recv := fn.Signature().Recv()
	if name := fn.Name(); recv != nil && (name == "Done" || name == "Err") {
		return astutil.ImplementsContext(recv.Type())
	}
	return false
}

// unboundedCall looks at a call made by fn for what this file records:
// function literals handed to a call of another module's function, and a
// request sent with a client that has no timeout.
func (s *scanner) unboundedCall(call *ast.CallExpr, callee *types.Func, fn *Func) {
	if callee.Pkg() != nil && !catalog.IsStd(callee.Pkg().Path()) {
		for _, a := range call.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok && s.runsInCall(lit) {
				if s.u.callbackOf == nil {
					s.u.callbackOf = make(map[*ast.FuncLit]*Func)
				}
				s.u.callbackOf[lit] = fn
			}
		}
	}
	if callee.FullName() == "(*net/http.Client).Do" && len(call.Args) == 1 {
		s.clientDo(call, fn)
	}
}

// runsInCall reports whether a function literal handed to a call is
// likely run by it, like a retry helper's callback: not a handler being
// registered (one with a parameter from net/http or from another module,
// such as a framework's context).
func (s *scanner) runsInCall(lit *ast.FuncLit) bool {
	sig, ok := s.info.TypeOf(lit).(*types.Signature)
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
func (s *scanner) clientDo(call *ast.CallExpr, fn *Func) {
	client, ok := s.zeroTimeout(recvExpr(call), fn)
	if !ok || s.hasDeadline(call.Args[0], fn) {
		return
	}
	// Entry makes the reason's Func the catalogue's Client.Do, an HTTP
	// round trip, for the rules that report waiting under a lock.
	site := Site{Kind: catalog.NoTimeout, Op: "(*http.Client).Do with " + client, Node: call, Call: call,
		Entry: s.cat.Op("(*net/http.Client).Do")}
	fn.Unbounded = append(fn.Unbounded, site)
	for lit, ok := fn.Node.(*ast.FuncLit); ok; lit, ok = fn.Node.(*ast.FuncLit) {
		owner := s.u.callbackOf[lit]
		if owner == nil {
			break
		}
		owner.Unbounded = append(owner.Unbounded, site)
		fn = owner
	}
}

// zeroTimeout reports whether the client expression e certainly has no
// Timeout, and describes it: "http.DefaultClient, which has no Timeout",
// "c.http, built with no Timeout at client.go:24".
func (s *scanner) zeroTimeout(e ast.Expr, fn *Func) (string, bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	var obj *types.Var
	switch x := e.(type) {
	case *ast.Ident:
		obj, _ = s.info.Uses[x].(*types.Var)
	case *ast.SelectorExpr:
		obj, _ = s.info.Uses[x.Sel].(*types.Var)
	}
	if obj == nil {
		return "", false
	}
	if obj.Pkg() != nil && obj.Pkg().Path() == "net/http" && obj.Name() == "DefaultClient" {
		return "http.DefaultClient, which has no Timeout", true
	}
	if obj.Pkg() != s.u.pkg || obj.Exported() && (obj.IsField() || astutil.IsPackageLevel(obj)) {
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
	return types.ExprString(e) + ", built with no Timeout at " + posn(s.u.fset, ci.built), true
}

// unboundedScan is the scanner's state for this file.
type unboundedScan struct {
	fset  *token.FileSet
	pkg   *types.Package
	files []*ast.File
	// callbackOf maps a function literal handed to a call of another
	// module's function to the function making the call.
	callbackOf map[*ast.FuncLit]*Func
	clients    map[*types.Var]*clientInfo // built on first need
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
	if s.u.clients != nil {
		return s.u.clients
	}
	idx := make(map[*types.Var]*clientInfo)
	s.u.clients = idx
	record := func(target ast.Expr, value ast.Expr) {
		var obj *types.Var
		switch t := ast.Unparen(target).(type) {
		case *ast.Ident:
			obj, _ = s.info.ObjectOf(t).(*types.Var)
		case *ast.SelectorExpr:
			if t.Sel.Name == "Timeout" || t.Sel.Name == "Transport" {
				// v.Timeout = d: v may have a timeout after all.
				switch x := ast.Unparen(t.X).(type) {
				case *ast.Ident:
					obj, _ = s.info.ObjectOf(x).(*types.Var)
				case *ast.SelectorExpr:
					obj, _ = s.info.Uses[x.Sel].(*types.Var)
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
			obj, _ = s.info.Uses[t.Sel].(*types.Var)
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
		case lit == nil || hasKey(lit, "Timeout") || hasKey(lit, "Transport"):
			ci.other = true
		case !ci.built.IsValid():
			ci.built = lit.Pos()
		}
	}
	for _, f := range s.u.files {
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
						if obj, ok := s.info.Defs[name].(*types.Var); ok && isClientValue(obj.Type()) && idx[obj] == nil {
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
							if _, isField := s.info.Uses[key].(*types.Var); isField {
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
	if !ok || !isClientValue(s.info.TypeOf(lit)) {
		return nil
	}
	return lit
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
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Client"
}

func isClientType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return isClientValue(t)
}

// hasDeadline reports whether the request req visibly carries a context
// with a deadline: a variable of fn (or of a function around a callback
// literal) built by http.NewRequestWithContext, WithContext or Clone with a
// context from context.WithTimeout or context.WithDeadline.
func (s *scanner) hasDeadline(req ast.Expr, fn *Func) bool {
	scope := fn
	for lit, ok := scope.Node.(*ast.FuncLit); ok; lit, ok = scope.Node.(*ast.FuncLit) {
		owner := s.u.callbackOf[lit]
		if owner == nil {
			break
		}
		scope = owner
	}
	return DeadlineIn(s.info, scope.Body, req)
}

// DeadlineIn reports whether e, a request or a context, visibly carries a
// deadline set in body: a context from context.WithTimeout or
// context.WithDeadline, or a request built with one. Variables are
// followed through their assignments in body (any one of them will do:
// silence is the safe side).
func DeadlineIn(info *types.Info, body *ast.BlockStmt, e ast.Expr) bool {
	seen := make(map[types.Object]bool)
	var carries func(e ast.Expr) bool
	carries = func(e ast.Expr) bool {
		switch e := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(info, e).(*types.Func)
			if fn == nil {
				return false
			}
			switch fn.FullName() {
			case "context.WithTimeout", "context.WithDeadline", "context.WithTimeoutCause", "context.WithDeadlineCause":
				return true
			case "net/http.NewRequestWithContext", "(*net/http.Request).WithContext", "(*net/http.Request).Clone":
				return len(e.Args) > 0 && carries(e.Args[0])
			}
		case *ast.Ident:
			obj := info.Uses[e]
			if obj == nil || seen[obj] || body == nil {
				return false
			}
			seen[obj] = true
			found := false
			ast.Inspect(body, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok || found {
					return !found
				}
				for i, l := range as.Lhs {
					id, ok := l.(*ast.Ident)
					if !ok || info.ObjectOf(id) != obj {
						continue
					}
					switch {
					case len(as.Rhs) == len(as.Lhs):
						found = carries(as.Rhs[i])
					case len(as.Rhs) == 1 && i == 0:
						found = carries(as.Rhs[0])
					}
				}
				return !found
			})
			return found
		}
		return false
	}
	return carries(e)
}

// unboundedReason is the reason a site of Func.Unbounded gives fn: for a
// request sent with no timeout, with the parameter of fn its context comes
// from, if any.
func (s *Summary) unboundedReason(fn *Func, site Site) Reason {
	r := s.siteReason(fn, site)
	if site.Kind != catalog.NoTimeout || fn.Obj == nil || site.Call == nil || len(site.Call.Args) != 1 {
		return r
	}
	ctx := requestContext(s.pass.TypesInfo, fn.Body, site.Call.Args[0])
	if id, ok := ast.Unparen(ctx).(*ast.Ident); ok {
		params := fn.Obj.Signature().Params()
		for i := range params.Len() {
			if s.pass.TypesInfo.Uses[id] == params.At(i) {
				r.CtxParam = i + 1
			}
		}
	}
	return r
}

// requestContext returns the context expression the request req was
// built with in body (http.NewRequestWithContext(ctx, …),
// req.WithContext(ctx)), or nil.
func requestContext(info *types.Info, body *ast.BlockStmt, req ast.Expr) ast.Expr {
	seen := make(map[types.Object]bool)
	var find func(e ast.Expr) ast.Expr
	find = func(e ast.Expr) ast.Expr {
		switch e := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(info, e).(*types.Func)
			if fn == nil || len(e.Args) == 0 {
				return nil
			}
			switch fn.FullName() {
			case "net/http.NewRequestWithContext", "(*net/http.Request).WithContext", "(*net/http.Request).Clone":
				return e.Args[0]
			}
		case *ast.Ident:
			obj := info.Uses[e]
			if obj == nil || seen[obj] || body == nil {
				return nil
			}
			seen[obj] = true
			var found ast.Expr
			ast.Inspect(body, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok || found != nil {
					return found == nil
				}
				for i, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && info.ObjectOf(id) == obj && (i < len(as.Rhs) || len(as.Rhs) == 1) {
						rhs := as.Rhs[0]
						if len(as.Rhs) == len(as.Lhs) {
							rhs = as.Rhs[i]
						}
						found = find(rhs)
					}
				}
				return found == nil
			})
			return found
		}
		return nil
	}
	return find(req)
}

// deadlineAcross returns the NoTimeout reason r of a function as its caller
// sees it at call: gone when the caller passes a context with a deadline
// for the parameter the request's context comes from.
//
//	ctx, cancel := context.WithTimeout(r.Context(), 60*time.Second)
//	post(ctx, url)   // post sends with http.DefaultClient: bounded here
func (s *Summary) deadlineAcross(caller *Func, call *ast.CallExpr, r Reason) (Reason, bool) {
	if r.CtxParam == 0 {
		return r, true
	}
	i := r.CtxParam - 1
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if selection := s.pass.TypesInfo.Selections[sel]; selection != nil && selection.Kind() == types.MethodExpr {
			i++ // (*T).M(recv, ctx, …)
		}
	}
	r.CtxParam = 0
	if i >= len(call.Args) {
		return r, true
	}
	arg := call.Args[i]
	if DeadlineIn(s.pass.TypesInfo, caller.Body, arg) {
		return Reason{}, false
	}
	if id, ok := ast.Unparen(arg).(*ast.Ident); ok && caller.Obj != nil {
		params := caller.Obj.Signature().Params()
		for j := range params.Len() {
			if s.pass.TypesInfo.Uses[id] == params.At(j) {
				r.CtxParam = j + 1
			}
		}
	}
	return r, true
}
