// Package handlers decides which functions of a package serve requests.
//
// A handler is recognised by its types, never by names: its parameter list
// matches a known shape (func(http.ResponseWriter, *http.Request) for
// net/http), resolved through go/types so that renamed imports, aliases
// and vendored copies match too. A function whose doc comment carries the
// //blockcheck:handler directive is a handler whatever its shape.
//
// Shapes are data: supporting another framework is a row in Shapes.
package handlers

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// Directive marks a function as a handler in its doc comment.
const Directive = "//blockcheck:handler"

// Shape is a handler signature. Params are the parameter types as
// types.TypeString prints them with full package paths.
type Shape struct {
	Framework string
	Params    []string
	// Context is the expression for the request's context, with {N}
	// standing for the name of parameter N: "{1}.Context()".
	Context string
}

// Shapes are the built-in handler shapes.
var Shapes = []Shape{
	{Framework: "net/http", Params: []string{"net/http.ResponseWriter", "*net/http.Request"}, Context: "{1}.Context()"},
}

// Handler is a function that serves a request.
type Handler struct {
	Node ast.Node // *ast.FuncDecl or *ast.FuncLit
	// Name is how messages refer to it, after the word "handler":
	// "getUser", "Server.getUser", `for "GET /users/{id}"`.
	Name      string
	Framework string
	// Context is the request's context expression in the handler's own
	// terms ("r.Context()", "ctx"), or "" when none can be written (the
	// request parameter is unnamed).
	Context string
	// ContextVars are the parameters Context refers to; a fix may use
	// Context only where these are not shadowed.
	ContextVars []*types.Var
}

// Finder finds handlers. It is built once per analyzer configuration.
type Finder struct {
	shapes []Shape
}

// NewFinder returns a Finder for the given shapes.
func NewFinder(shapes []Shape) *Finder { return &Finder{shapes: shapes} }

// MayHaveHandlers is a cheap test run before Find: a package can only
// declare a handler of some shape if it imports the packages the shape's
// parameter types come from, or if a function carries the directive.
func (f *Finder) MayHaveHandlers(pkg *types.Package, files []*ast.File) bool {
	imported := make(map[string]bool, len(pkg.Imports()))
	for _, imp := range pkg.Imports() {
		imported[imp.Path()] = true
	}
	for _, shape := range f.shapes {
		for _, p := range shape.Params {
			if path := pkgPathOf(p); path != "" && imported[path] {
				return true
			}
		}
	}
	for _, file := range files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && hasDirective(fd.Doc) {
				return true
			}
		}
	}
	return false
}

// pkgPathOf returns the package path of a type string such as
// "*net/http.Request".
func pkgPathOf(typ string) string {
	typ = strings.TrimLeft(typ, "*[]")
	if i := strings.LastIndexByte(typ, '.'); i > 0 {
		return typ[:i]
	}
	return ""
}

// Find returns the handlers among the function declarations and literals
// of the inspected files, in source order.
func (f *Finder) Find(info *types.Info, insp *inspector.Inspector) []Handler {
	var hs []Handler
	for c := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			if n.Body == nil {
				continue
			}
			obj, _ := info.Defs[n.Name].(*types.Func)
			if obj == nil {
				continue
			}
			sig := obj.Signature()
			name := n.Name.Name
			if recv := sig.Recv(); recv != nil {
				name = recvName(recv.Type()) + "." + name
			}
			if h, ok := f.match(sig); ok {
				h.Node, h.Name = n, name
				hs = append(hs, h)
			} else if hasDirective(n.Doc) {
				hs = append(hs, directiveHandler(n, name, sig))
			}
		case *ast.FuncLit:
			sig, _ := info.TypeOf(n).(*types.Signature)
			if sig == nil {
				continue
			}
			if h, ok := f.match(sig); ok {
				h.Node, h.Name = n, litName(c)
				hs = append(hs, h)
			}
		}
	}
	return hs
}

// HasShape reports whether a function of signature sig is a handler by its
// shape alone.
func (f *Finder) HasShape(sig *types.Signature) bool {
	_, ok := f.match(sig)
	return ok
}

// match reports whether sig has one of the handler shapes.
func (f *Finder) match(sig *types.Signature) (Handler, bool) {
	params := sig.Params()
outer:
	for _, shape := range f.shapes {
		if params.Len() != len(shape.Params) || sig.Variadic() {
			continue
		}
		for i, want := range shape.Params {
			if typeString(params.At(i).Type()) != want {
				continue outer
			}
		}
		h := Handler{Framework: shape.Framework}
		h.Context, h.ContextVars = contextExpr(shape.Context, params)
		return h, true
	}
	return Handler{}, false
}

// directiveHandler builds a handler for a function marked with the
// directive; its context is its first context.Context parameter, if any.
func directiveHandler(n *ast.FuncDecl, name string, sig *types.Signature) Handler {
	h := Handler{Node: n, Name: name, Framework: "directive"}
	params := sig.Params()
	for i := range params.Len() {
		p := params.At(i)
		if typeString(p.Type()) == "context.Context" && usable(p) {
			h.Context, h.ContextVars = p.Name(), []*types.Var{p}
			return h
		}
	}
	for i := range params.Len() {
		p := params.At(i)
		if typeString(p.Type()) == "*net/http.Request" && usable(p) {
			h.Context, h.ContextVars = p.Name()+".Context()", []*types.Var{p}
			return h
		}
	}
	return h
}

// contextExpr instantiates a shape's context template with the parameter
// names, or returns "" if a parameter it needs is unnamed.
func contextExpr(tmpl string, params *types.Tuple) (string, []*types.Var) {
	if tmpl == "" {
		return "", nil
	}
	var vars []*types.Var
	expr := tmpl
	for i := range params.Len() {
		ph := "{" + strconv.Itoa(i) + "}"
		if !strings.Contains(expr, ph) {
			continue
		}
		p := params.At(i)
		if !usable(p) {
			return "", nil
		}
		expr = strings.ReplaceAll(expr, ph, p.Name())
		vars = append(vars, p)
	}
	return expr, vars
}

func usable(v *types.Var) bool { return v.Name() != "" && v.Name() != "_" }

// typeString prints t with aliases resolved, also under a pointer
// (type Request = http.Request; *Request is *net/http.Request).
func typeString(t types.Type) string {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		return "*" + typeString(p.Elem())
	}
	return types.TypeString(t, nil)
}

func hasDirective(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if c.Text == Directive || strings.HasPrefix(c.Text, Directive+" ") {
			return true
		}
	}
	return false
}

func recvName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return types.TypeString(t, nil)
}

// litName names a handler literal after its route when it is registered
// with a pattern (mux.HandleFunc("GET /users/{id}", func…), possibly through
// a conversion such as http.HandlerFunc(func…)), else after the function
// that contains it.
func litName(c inspector.Cursor) string {
walk:
	for p := c.Parent(); p.Valid(); p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.CallExpr:
			if len(n.Args) > 0 {
				if lit, ok := n.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					return "for " + lit.Value
				}
			}
		case *ast.ParenExpr:
		default:
			break walk
		}
	}
	for p := range c.Enclosing((*ast.FuncDecl)(nil)) {
		return "func literal in " + p.Node().(*ast.FuncDecl).Name.Name
	}
	return "func literal"
}
