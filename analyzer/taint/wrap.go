package taint

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/handlers"
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
func FindWrapped(info *types.Info, pkg *types.Package, files []*ast.File, insp *inspector.Inspector) *Wrapped {
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
	called := &callees{files: files}
	follow := &handlers.Follower{Info: info, Insp: insp, Pkg: pkg, ThroughCalls: true, DefaultMux: true, Keeps: keepsWrapped(info)}
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
				if obj, ok := info.Uses[n].(*types.Func); ok && kindOf(obj) != 0 && !called.has(n) {
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
				targets, ok = follow.Wrapped(call)
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
		takes = takes || handlers.IsHTTPHandler(sig.Params().At(i).Type())
	}
	for i := range sig.Results().Len() {
		t := sig.Results().At(i).Type()
		if takes && handlers.IsHTTPHandler(t) {
			return true
		}
		if s, ok := t.Underlying().(*types.Signature); ok && !handlers.IsHTTPHandler(t) && isMiddleware(s) {
			return true
		}
	}
	return false
}

// returnsHandler reports whether sig returns a handler.
func returnsHandler(sig *types.Signature) bool {
	for i := range sig.Results().Len() {
		if handlers.IsHTTPHandler(sig.Results().At(i).Type()) {
			return true
		}
	}
	return false
}

func usesStdWrappers(info *types.Info) bool {
	for _, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && stdWrappers[fn.FullName()] != 0 {
			return true
		}
	}
	return false
}

// callees are the identifiers the package's files call as functions,
// found on first need.
type callees struct {
	files []*ast.File
	ids   map[*ast.Ident]bool
}

func (c *callees) has(id *ast.Ident) bool {
	if c.ids == nil {
		c.ids = make(map[*ast.Ident]bool)
		for _, f := range c.files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					switch fun := ast.Unparen(call.Fun).(type) {
					case *ast.Ident:
						c.ids[fun] = true
					case *ast.SelectorExpr:
						c.ids[fun.Sel] = true
					case *ast.IndexExpr:
						if id, ok := fun.X.(*ast.Ident); ok {
							c.ids[id] = true
						}
					}
				}
				return true
			})
		}
	}
	return c.ids[id]
}

// keepsWrapped returns the Keeps of a Follower for middleware: a mux is
// handed to no function but one that serves it (http.ListenAndServe) or
// wraps it (a middleware), which cannot register more.
func keepsWrapped(info *types.Info) func(inspector.Cursor) bool {
	return func(use inspector.Cursor) bool {
		call, ok := use.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun == use.Node() {
			return true
		}
		fn, isFn := typeutil.Callee(info, call).(*types.Func)
		if !isFn {
			return false
		}
		switch fn.FullName() {
		case "net/http.ListenAndServe", "net/http.ListenAndServeTLS", "net/http.Serve", "net/http.ServeTLS":
			return true
		}
		return stdWrappers[fn.FullName()] != 0 || returnsHandler(fn.Signature())
	}
}
