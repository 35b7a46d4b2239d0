package taint

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// Wrapped says which handlers of a package run behind middleware, visible
// in the package, that limits the request body or gives the request's
// context a deadline:
//
//	func limitBody(next http.Handler) http.Handler {
//		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
//			r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
//			next.ServeHTTP(w, r)
//		})
//	}
//	…
//	mux.HandleFunc("POST /import", s.importItems)
//	return limitBody(mux)          // importItems's body is limited
//
// A middleware is a function of the package whose body assigns a limited
// reader to a request's Body (or calls context.WithTimeout or
// WithDeadline), or the standard http.MaxBytesHandler (or
// http.TimeoutHandler). What it wraps is followed to handlers: a function
// or method value, a literal, a conversion to http.HandlerFunc, another
// middleware's call, or a variable (a mux) through the calls that
// register handlers on it. When the wrapped value cannot be followed (the
// middleware is passed around, as to router.Use, or a mux leaves the
// function), every handler of the package is taken as wrapped: silence is
// the safe side. Middleware applied in another package is not seen.
type Wrapped struct {
	limitAll, deadlineAll bool
	limit, deadline       map[any]bool // *types.Func or *ast.FuncLit
}

// LimitsBody reports whether handler fn (a *types.Func or *ast.FuncLit)
// runs with its body limited by visible middleware.
func (w *Wrapped) LimitsBody(fn any) bool { return w.limitAll || w.limit[fn] }

// Deadline reports whether handler fn runs with a deadline on its
// request's context, set by visible middleware.
func (w *Wrapped) Deadline(fn any) bool { return w.deadlineAll || w.deadline[fn] }

type wrapKind int

const (
	wrapLimit wrapKind = 1 << iota
	wrapDeadline
)

// LimitMiddleware and DeadlineMiddleware are the middleware of the
// standard library and of the frameworks that limit the request body, or
// give the request's context a deadline. What a framework's middleware is
// applied to (e.Use, r.Use, a route group) is not followed: a call of one
// in a package takes every handler of the package as wrapped.
var (
	LimitMiddleware = []string{
		"net/http.MaxBytesHandler",
		"github.com/go-chi/chi/v5/middleware.RequestSize",
		"github.com/go-chi/chi/middleware.RequestSize",
		"github.com/labstack/echo/v4/middleware.BodyLimit",
		"github.com/labstack/echo/v4/middleware.BodyLimitWithConfig",
		"github.com/labstack/echo/v5/middleware.BodyLimit",
		"github.com/labstack/echo/v5/middleware.BodyLimitWithConfig",
	}
	DeadlineMiddleware = []string{
		"net/http.TimeoutHandler",
		"github.com/go-chi/chi/v5/middleware.Timeout",
		"github.com/go-chi/chi/middleware.Timeout",
		"github.com/labstack/echo/v4/middleware.Timeout",
		"github.com/labstack/echo/v4/middleware.TimeoutWithConfig",
		"github.com/labstack/echo/v4/middleware.ContextTimeout",
		"github.com/labstack/echo/v4/middleware.ContextTimeoutWithConfig",
		"github.com/labstack/echo/v5/middleware.ContextTimeout",
		"github.com/labstack/echo/v5/middleware.ContextTimeoutWithConfig",
	}
)

// stdWrappers indexes LimitMiddleware and DeadlineMiddleware.
var stdWrappers = func() map[string]wrapKind {
	m := make(map[string]wrapKind)
	for _, f := range LimitMiddleware {
		m[f] |= wrapLimit
	}
	for _, f := range DeadlineMiddleware {
		m[f] |= wrapDeadline
	}
	return m
}()

// FindWrapped finds the handlers of the package behind middleware.
func FindWrapped(info *types.Info, files []*ast.File) *Wrapped {
	w := &Wrapped{limit: make(map[any]bool), deadline: make(map[any]bool)}
	mws := middlewares(info, files)
	if len(mws) == 0 && !usesStdWrappers(info) {
		return w
	}
	kindOf := func(fn *types.Func) wrapKind {
		if k, ok := stdWrappers[fn.FullName()]; ok {
			return k
		}
		return mws[fn]
	}
	r := &resolver{info: info, files: files, seenVar: make(map[types.Object]bool)}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			var fn *types.Func
			var call *ast.CallExpr
			switch n := n.(type) {
			case *ast.CallExpr:
				fn, _ = typeutil.Callee(info, n).(*types.Func)
				call = n
			case *ast.Ident:
				// A middleware referred to other than by calling it.
				if obj, ok := info.Uses[n].(*types.Func); ok && kindOf(obj) != 0 && !r.isCallee(f, n) {
					fn = obj
				}
			}
			if fn == nil {
				return true
			}
			k := kindOf(fn.Origin())
			if k == 0 {
				return true
			}
			var targets []any
			ok := call != nil
			if ok {
				targets, ok = r.wrapped(call)
			}
			for _, t := range targets {
				if k&wrapLimit != 0 {
					w.limit[t] = true
				}
				if k&wrapDeadline != 0 {
					w.deadline[t] = true
				}
			}
			if !ok {
				w.limitAll = w.limitAll || k&wrapLimit != 0
				w.deadlineAll = w.deadlineAll || k&wrapDeadline != 0
			}
			return true
		})
	}
	return w
}

// middlewares returns the functions of the package that limit a request
// body or set a deadline on its context, in any function literal they
// contain.
func middlewares(info *types.Info, files []*ast.File) map[*types.Func]wrapKind {
	mws := make(map[*types.Func]wrapKind)
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, _ := info.Defs[fd.Name].(*types.Func)
			if obj == nil {
				continue
			}
			var k wrapKind
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for i, l := range n.Lhs {
						sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
						if ok && sel.Sel.Name == "Body" && isRequest(info.TypeOf(sel.X)) && i < len(n.Rhs) && limits(info, n.Rhs[i]) {
							k |= wrapLimit
						}
					}
				case *ast.CallExpr:
					if fn, ok := typeutil.Callee(info, n).(*types.Func); ok {
						switch fn.FullName() {
						case "context.WithTimeout", "context.WithDeadline", "context.WithTimeoutCause", "context.WithDeadlineCause":
							k |= wrapDeadline
						}
					}
				}
				return true
			})
			// A handler that limits its own body is not middleware: it
			// must hand the request on to a handler it is given.
			if k != 0 && isMiddleware(obj.Signature()) {
				mws[obj] = k
			}
		}
	}
	return mws
}

// limits reports whether e is a reader that stops at a limit, possibly
// wrapped: http.MaxBytesReader(…), io.NopCloser(io.LimitReader(…)).
func limits(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return false
	}
	if _, ok := limitReaders[fn.FullName()]; ok {
		return true
	}
	if i, ok := wraps[fn.FullName()]; ok && i < len(call.Args) {
		return limits(info, call.Args[i])
	}
	return false
}

// isMiddleware reports whether sig is a middleware's, taking a handler and
// returning one, or a middleware factory's, returning such a function
// (chi's r.Use(limit(1<<20))).
func isMiddleware(sig *types.Signature) bool {
	takes := false
	for i := range sig.Params().Len() {
		takes = takes || isHandlerType(sig.Params().At(i).Type())
	}
	for i := range sig.Results().Len() {
		t := sig.Results().At(i).Type()
		if takes && isHandlerType(t) {
			return true
		}
		if s, ok := t.Underlying().(*types.Signature); ok && !isHandlerType(t) && isMiddleware(s) {
			return true
		}
	}
	return false
}

// returnsHandler reports whether sig returns a handler.
func returnsHandler(sig *types.Signature) bool {
	for i := range sig.Results().Len() {
		if isHandlerType(sig.Results().At(i).Type()) {
			return true
		}
	}
	return false
}

// isHandlerType reports whether t is a handler: http.Handler, a type with
// a ServeHTTP method (a mux, a router), or a func(http.ResponseWriter,
// *http.Request).
func isHandlerType(t types.Type) bool {
	if t == nil {
		return false
	}
	if m := serveHTTP(t); m != nil {
		s := m.Signature()
		return s.Params().Len() == 2 && isRequest(s.Params().At(1).Type())
	}
	s, ok := t.Underlying().(*types.Signature)
	return ok && s.Params().Len() == 2 && isRequest(s.Params().At(1).Type())
}

func usesStdWrappers(info *types.Info) bool {
	for _, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && stdWrappers[fn.FullName()] != 0 {
			return true
		}
	}
	return false
}

// resolver follows a wrapped handler expression to the handlers it
// stands for.
type resolver struct {
	info    *types.Info
	files   []*ast.File
	seenVar map[types.Object]bool
	callees map[*ast.Ident]bool // identifiers called as functions, built on first need
}

func (r *resolver) isCallee(_ *ast.File, id *ast.Ident) bool {
	if r.callees == nil {
		r.callees = make(map[*ast.Ident]bool)
		for _, f := range r.files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					switch fun := ast.Unparen(call.Fun).(type) {
					case *ast.Ident:
						r.callees[fun] = true
					case *ast.SelectorExpr:
						r.callees[fun.Sel] = true
					case *ast.IndexExpr:
						if id, ok := fun.X.(*ast.Ident); ok {
							r.callees[id] = true
						}
					}
				}
				return true
			})
		}
	}
	return r.callees[id]
}

// wrapped returns the handlers a middleware call wraps, and false when
// some cannot be followed.
func (r *resolver) wrapped(call *ast.CallExpr) ([]any, bool) {
	var out []any
	all := true
	found := false
	for _, a := range call.Args {
		if !isHandlerType(r.info.TypeOf(a)) {
			continue
		}
		found = true
		hs, ok := r.handlers(a)
		out = append(out, hs...)
		all = all && ok
	}
	return out, all && found
}

// handlers returns the handlers an expression of handler type stands for.
func (r *resolver) handlers(e ast.Expr) ([]any, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return []any{e}, true
	case *ast.UnaryExpr:
		return r.handlers(e.X)
	case *ast.CompositeLit:
		// &webhookHandler{…}: its ServeHTTP method.
		if t := r.info.TypeOf(e); t != nil {
			if m := serveHTTP(t); m != nil {
				return []any{m}, true
			}
		}
		return nil, false
	case *ast.CallExpr:
		if tv, ok := r.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return r.handlers(e.Args[0]) // http.HandlerFunc(f)
		}
		// Another middleware, or a router built by a call: follow the
		// handlers among the arguments; a call with none is unknown.
		var out []any
		ok := true
		found := false
		for _, a := range e.Args {
			if !isHandlerType(r.info.TypeOf(a)) {
				continue
			}
			found = true
			hs, aok := r.handlers(a)
			out, ok = append(out, hs...), ok && aok
		}
		return out, ok && found
	}
	var obj types.Object
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj = r.info.Uses[e]
	case *ast.SelectorExpr:
		obj = r.info.Uses[e.Sel]
	}
	switch obj := obj.(type) {
	case *types.Func:
		return []any{obj.Origin()}, true
	case *types.Var:
		return r.registered(obj)
	}
	return nil, false
}

// registered returns the handlers registered on the mux (or router) held
// by v: the handler arguments of the calls of v's methods. It fails when v
// is used in ways that may register more (passed to a function).
func (r *resolver) registered(v types.Object) ([]any, bool) {
	if r.seenVar[v] {
		return nil, true
	}
	r.seenVar[v] = true
	if v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "DefaultServeMux" {
		return r.defaultMux()
	}
	var out []any
	ok := true
	for _, f := range r.files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, isCall := n.(*ast.CallExpr)
			if !isCall {
				return true
			}
			if sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel && r.refersTo(sel.X, v) {
				for _, a := range call.Args {
					if isHandlerType(r.info.TypeOf(a)) {
						hs, aok := r.handlers(a)
						out, ok = append(out, hs...), ok && aok
					}
				}
				return true
			}
			for _, a := range call.Args {
				if r.refersTo(a, v) && !r.serves(call) {
					if fn, isFn := typeutil.Callee(r.info, call).(*types.Func); !isFn || stdWrappers[fn.FullName()] == 0 && !wrapperCall(r.info, call) {
						ok = false // handed to a function that may register more
					}
				}
			}
			return true
		})
	}
	return out, ok
}

// wrapperCall reports whether call is a middleware-like call of the
// package: a function returning a handler.
func wrapperCall(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && returnsHandler(fn.Signature())
}

// serves reports whether call serves a handler without registering
// others: http.ListenAndServe(addr, mux) and the like.
func (r *resolver) serves(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(r.info, call).(*types.Func)
	if !ok {
		return false
	}
	switch fn.FullName() {
	case "net/http.ListenAndServe", "net/http.ListenAndServeTLS", "net/http.Serve", "net/http.ServeTLS":
		return true
	}
	return false
}

func (r *resolver) refersTo(e ast.Expr, v types.Object) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return r.info.Uses[e] == v
	case *ast.SelectorExpr:
		return r.info.Uses[e.Sel] == v
	}
	return false
}

// defaultMux returns the handlers registered with http.Handle and
// http.HandleFunc.
func (r *resolver) defaultMux() ([]any, bool) {
	var out []any
	ok := true
	for _, f := range r.files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, isCall := n.(*ast.CallExpr)
			if !isCall {
				return true
			}
			fn, isFn := typeutil.Callee(r.info, call).(*types.Func)
			if !isFn || fn.FullName() != "net/http.Handle" && fn.FullName() != "net/http.HandleFunc" || len(call.Args) != 2 {
				return true
			}
			hs, aok := r.handlers(call.Args[1])
			out, ok = append(out, hs...), ok && aok
			return true
		})
	}
	return out, ok
}

// serveHTTP returns the ServeHTTP method of t, or nil.
func serveHTTP(t types.Type) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	fn, _ := obj.(*types.Func)
	return fn
}
