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
	r := &Follower{Info: info, Insp: insp, Pkg: pkg, Keeps: servedBy(info, servers)}
	held := make(map[any]*Server) // *types.Func or *ast.FuncLit
	unknown := false
	serve := func(s *Server, e ast.Expr) {
		got, ok := r.Handlers(e)
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
					if IsHTTPHandler(info.TypeOf(a)) {
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

// servedBy returns the Keeps of a Follower for the package's servers: a
// mux is handed to a server (a function of a server's package, a server's
// field), and not to a function that may register more or serve it too
// (http.ListenAndServe), put in another struct (&http.Server{Handler:
// mux}), or assigned.
func servedBy(info *types.Info, servers []*Server) func(inspector.Cursor) bool {
	serverPkg := func(path string) bool {
		return slices.ContainsFunc(servers, func(s *Server) bool { return pkgPathOf(s.Type) == path })
	}
	return func(use inspector.Cursor) bool {
		switch p := use.Parent().Node().(type) {
		case *ast.KeyValueExpr:
			lit, isLit := use.Parent().Parent().Node().(*ast.CompositeLit)
			return isLit && p.Value == use.Node() && serverOf(servers, info.TypeOf(lit)) != nil
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(info, p).(*types.Func)
			return fn != nil && fn.Pkg() != nil && serverPkg(fn.Pkg().Path())
		case *ast.AssignStmt:
			if i := slices.Index(p.Rhs, use.Node().(ast.Expr)); i >= 0 && i < len(p.Lhs) {
				sel, isSel := ast.Unparen(p.Lhs[i]).(*ast.SelectorExpr)
				return isSel && serverOf(servers, info.TypeOf(sel.X)) != nil
			}
		}
		return false
	}
}
