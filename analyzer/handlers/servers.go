package handlers

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/frameworks"
)

// A Server is where a server of its own takes handlers of another
// framework's shape (frameworks.Server): nbhttp serves net/http handlers
// with a context that a disconnecting client does not cancel.
type Server = frameworks.Server

// applyServers gives the handlers of hs that a Server of the package holds
// the Server's Cancelled. The value is followed as far as the package
// shows it: a function literal, a function or method value, a conversion
// (http.HandlerFunc(f)), a composite literal's ServeHTTP, or a variable (a
// mux) through the calls of its methods that register handlers. When it
// cannot be followed (a mux built by a call or handed to a function that
// may register more), which handlers the server holds is unknown: every
// handler of the package with net/http's clause gets the one that is true
// of both, CancelledDeclared.
func (f *Finder) applyServers(pkg *types.Package, info *types.Info, insp *inspector.Inspector, hs []Handler) {
	if len(f.servers) == 0 || len(hs) == 0 {
		return
	}
	imported := map[string]bool{pkg.Path(): true}
	for _, imp := range pkg.Imports() {
		imported[imp.Path()] = true
	}
	var servers []*Server
	for i := range f.servers {
		if imported[pkgPathOf(f.servers[i].Type)] {
			servers = append(servers, &f.servers[i])
		}
	}
	if len(servers) == 0 {
		return
	}
	r := &follower{info: info, insp: insp, pkg: pkg, seen: make(map[types.Object]bool), servers: servers}
	held := make(map[any]*Server) // *types.Func or *ast.FuncLit
	unknown := false
	serve := func(s *Server, e ast.Expr) {
		got, ok := r.handlers(e)
		if !ok {
			// Some of them, or a mux also served elsewhere: all unknown.
			unknown = true
			return
		}
		for _, h := range got {
			held[h] = s
		}
	}
	for c := range insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := c.Node().(type) {
		case *ast.CompositeLit:
			s := serverOf(servers, info.TypeOf(n))
			if s == nil {
				continue
			}
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == s.Field {
						serve(s, kv.Value)
					}
				}
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
				if !ok || i >= len(n.Rhs) {
					continue
				}
				if s := serverOf(servers, info.TypeOf(sel.X)); s != nil && sel.Sel.Name == s.Field {
					serve(s, n.Rhs[i])
				}
			}
		case *ast.CallExpr:
			// nbhttp.NewServer(conf, mux): a handler handed to the
			// server's package.
			fn, _ := typeutil.Callee(info, n).(*types.Func)
			if fn == nil || fn.Pkg() == nil {
				continue
			}
			for _, s := range servers {
				if fn.Pkg().Path() != pkgPathOf(s.Type) {
					continue
				}
				for _, a := range n.Args {
					if isHTTPHandler(info.TypeOf(a)) {
						serve(s, a)
					}
				}
			}
		}
	}
	for i := range hs {
		h := &hs[i]
		var key any = h.Node
		if fd, ok := h.Node.(*ast.FuncDecl); ok {
			key = info.Defs[fd.Name]
		}
		if s := held[key]; s != nil {
			h.Cancelled = s.Cancelled
		} else if unknown && h.Cancelled == CancelledHTTP {
			h.Cancelled = CancelledDeclared
		}
	}
}

// serverOf returns the server whose Type t is (or points to).
func serverOf(servers []*Server, t types.Type) *Server {
	if t == nil {
		return nil
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	name := types.TypeString(types.Unalias(t), nil)
	for _, s := range servers {
		if s.Type == name {
			return s
		}
	}
	return nil
}

// isHTTPHandler reports whether t is a net/http handler: it has a
// ServeHTTP method, or it is a func(http.ResponseWriter, *http.Request).
func isHTTPHandler(t types.Type) bool {
	if t == nil {
		return false
	}
	if sig, ok := t.Underlying().(*types.Signature); ok {
		return typesMatch(sig.Params(), sig.Variadic(), []string{"net/http.ResponseWriter", "*net/http.Request"})
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	_, ok := obj.(*types.Func)
	return ok
}

// follower follows a handler expression to the functions it stands for.
type follower struct {
	info *types.Info
	insp *inspector.Inspector
	pkg  *types.Package
	seen map[types.Object]bool
	// servers are the package's servers, to which a mux may be handed.
	servers []*Server
}

// handlers returns the functions (*types.Func, *ast.FuncLit) e stands for,
// and false when some cannot be known.
func (r *follower) handlers(e ast.Expr) ([]any, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return []any{e}, true
	case *ast.UnaryExpr:
		return r.handlers(e.X)
	case *ast.CompositeLit:
		// &apiHandler{…}: its ServeHTTP method.
		if t := r.info.TypeOf(e); t != nil {
			obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
			if m, ok := obj.(*types.Func); ok {
				return []any{m.Origin()}, true
			}
		}
		return nil, false
	case *ast.CallExpr:
		if tv, ok := r.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return r.handlers(e.Args[0]) // http.HandlerFunc(f)
		}
		return nil, false // a mux or middleware built by a call
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
		if obj.Pkg() == r.pkg {
			return r.registered(obj)
		}
	}
	return nil, false
}

// registered returns the handlers registered on the mux held by v: the
// handler arguments of calls of v's methods (mux.HandleFunc("/x", h)). It
// fails when v is used otherwise than to call its methods or to hand it to
// a server (a function of a server's package, a server's field): handed to
// a function, which may register more or serve it too
// (http.ListenAndServe), put in another struct (&http.Server{Handler:
// mux}), or assigned.
func (r *follower) registered(v *types.Var) ([]any, bool) {
	if r.seen[v] {
		return nil, true
	}
	r.seen[v] = true
	var out []any
	ok := true
	for c := range r.insp.Root().Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if r.info.Uses[id] != v {
			continue
		}
		use := c
		if sel, isSel := c.Parent().Node().(*ast.SelectorExpr); isSel && sel.Sel == id {
			use = c.Parent() // pkg.Mux
		}
		switch p := use.Parent().Node().(type) {
		case *ast.SelectorExpr:
			if call, isCall := use.Parent().Parent().Node().(*ast.CallExpr); isCall && call.Fun == p {
				for _, a := range call.Args {
					if isHTTPHandler(r.info.TypeOf(a)) {
						hs, aok := r.handlers(a)
						out, ok = append(out, hs...), ok && aok
					}
				}
				continue
			}
		case *ast.KeyValueExpr:
			if lit, isLit := use.Parent().Parent().Node().(*ast.CompositeLit); isLit && p.Value == use.Node() && serverOf(r.servers, r.info.TypeOf(lit)) != nil {
				continue
			}
		case *ast.CallExpr:
			if fn, _ := typeutil.Callee(r.info, p).(*types.Func); fn != nil && fn.Pkg() != nil && r.serverPkg(fn.Pkg().Path()) {
				continue
			}
		case *ast.AssignStmt:
			if i := slices.Index(p.Rhs, use.Node().(ast.Expr)); i >= 0 && i < len(p.Lhs) {
				if sel, isSel := ast.Unparen(p.Lhs[i]).(*ast.SelectorExpr); isSel && serverOf(r.servers, r.info.TypeOf(sel.X)) != nil {
					continue
				}
			}
		}
		ok = false
	}
	return out, ok
}

// serverPkg reports whether path is the package of a server's type.
func (r *follower) serverPkg(path string) bool {
	return slices.ContainsFunc(r.servers, func(s *Server) bool { return pkgPathOf(s.Type) == path })
}
