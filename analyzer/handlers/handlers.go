// Package handlers decides which functions of a package serve requests.
//
// A handler is recognised by its types, never by names, resolved through
// go/types so that renamed imports, aliases and vendored copies match too:
//
//   - its parameter list matches a Shape (func(http.ResponseWriter,
//     *http.Request) for net/http, func(*gin.Context) for gin, …);
//   - it is a method of a type that implements a generated service
//     interface: the second parameter of a gRPC RegisterXServer, the first
//     of a connect NewXHandler or a Twirp NewXServer, or returned by the
//     methods of gqlgen's ResolverRoot (a Service, services.go);
//   - it is passed as an argument to a registration function such as
//     connect.NewUnaryHandler (a Registration, register.go);
//   - its doc comment carries the //blockcheck:handler directive.
//
// The three tables are parts of the rows of package frameworks: supporting
// another framework is a row there, and users add rows of their own with
// the analyzer's flags (ParseShapes, ParseRegistrations).
// docs/frameworks.md says what each row recognises.
package handlers

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/blockcheck/blockcheck/analyzer/frameworks"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// Directive marks a function as a handler in its doc comment.
const Directive = "//blockcheck:handler"

// CancelledHTTP is said of handlers found by their directive, which are
// taken to serve HTTP requests.
const CancelledHTTP = frameworks.CancelledHTTP

// CancelledDeclared is said of handlers declared by flags, whose framework
// blockcheck does not know.
const CancelledDeclared = "the request's context is cancelled"

// Shape is a handler signature, matched by parameter types; the built-in
// ones are rows of package frameworks.
type Shape = frameworks.Shape

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
	// Cancelled says when the framework cancels the request's context.
	Cancelled string
}

// Config is what a Finder recognises.
type Config struct {
	Shapes        []Shape
	Services      []Service
	Registrations []Registration
	Servers       []Server
}

// Default is the built-in configuration: the frameworks table.
func Default() Config {
	return Config{Shapes: frameworks.Shapes(), Services: frameworks.Services(), Registrations: frameworks.Registrations(),
		Servers: frameworks.Servers()}
}

// Finder finds handlers. It is built once per analyzer configuration.
type Finder struct {
	shapes   []Shape
	services []Service
	regs     map[string]Registration // by Registration.Func
	servers  []Server
}

// NewFinder returns a Finder for the configuration.
func NewFinder(cfg Config) *Finder {
	f := &Finder{shapes: cfg.Shapes, services: cfg.Services, regs: make(map[string]Registration), servers: cfg.Servers}
	for _, r := range cfg.Registrations {
		if _, dup := f.regs[r.Func]; !dup {
			f.regs[r.Func] = r
		}
	}
	return f
}

// MayHaveHandlers is a cheap test run before Find: a package can only
// declare a handler of some shape if it imports or is the packages the
// shape's parameter types come from; a service method if it or an import declares
// a service's registration function; a registered handler if it imports
// the registration function's package; and a directive handler if a
// function carries the directive.
func (f *Finder) MayHaveHandlers(pkg *types.Package, files []*ast.File) bool {
	imported := make(map[string]bool, len(pkg.Imports()))
	for _, imp := range pkg.Imports() {
		imported[imp.Path()] = true
	}
shapes:
	for _, shape := range f.shapes {
		for _, p := range shape.Params {
			if path := pkgPathOf(p); path != "" && !imported[path] && path != pkg.Path() {
				continue shapes
			}
		}
		return true
	}
	for name := range f.regs {
		if path := funcPkgPath(name); imported[path] || path == pkg.Path() {
			return true
		}
	}
	if len(f.serviceIfaces(pkg)) > 0 {
		return true
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
// "*net/http.Request", or "" for a predeclared type ("any", "error").
func pkgPathOf(typ string) string {
	typ = strings.TrimLeft(typ, "*[].")
	if i := strings.IndexByte(typ, '['); i >= 0 {
		typ = typ[:i] // type arguments
	}
	if i := strings.LastIndexByte(typ, '.'); i > 0 {
		return typ[:i]
	}
	return ""
}

// Find returns the handlers among the function declarations and literals
// of the inspected files of pkg, in source order.
func (f *Finder) Find(pkg *types.Package, info *types.Info, insp *inspector.Inspector) []Handler {
	services := f.serviceIfaces(pkg)
	registered := f.registered(pkg, info, insp)
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
			h, ok := f.match(sig)
			if !ok {
				h, ok = serviceMethod(obj, services)
			}
			if !ok {
				h, ok = f.registeredHandler(sig, registered[obj])
			}
			if !ok && hasDirective(n.Doc) {
				h, ok = directiveHandler(sig), true
			}
			if ok {
				h.Node, h.Name = n, name
				hs = append(hs, h)
			}
		case *ast.FuncLit:
			sig, _ := info.TypeOf(n).(*types.Signature)
			if sig == nil {
				continue
			}
			h, ok := f.match(sig)
			if !ok {
				h, ok = f.registeredHandler(sig, registered[n])
			}
			if ok {
				h.Node, h.Name = n, litName(c)
				hs = append(hs, h)
			}
		}
	}
	f.applyServers(pkg, info, insp, hs)
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
	shape, ok := f.shapeOf(sig)
	if !ok {
		return Handler{}, false
	}
	h := Handler{Framework: shape.Framework, Cancelled: shape.Cancelled}
	h.Context, h.ContextVars = contextExpr(shape.Context, sig.Params())
	return h, true
}

// shapeOf returns the first shape sig has. The parameters' type strings
// are printed once, not once per shape: most shapes have one parameter.
func (f *Finder) shapeOf(sig *types.Signature) (Shape, bool) {
	var params []string
	for _, shape := range f.shapes {
		if sig.Params().Len() != len(shape.Params) {
			continue
		}
		if params == nil {
			params = typeStrings(sig.Params(), sig.Variadic())
		}
		if !stringsMatch(params, shape.Params) {
			continue
		}
		if shape.Results != nil && !typesMatch(sig.Results(), false, shape.Results) {
			continue
		}
		return shape, true
	}
	return Shape{}, false
}

// typesMatch reports whether the types of tuple print as want; a variadic
// final parameter prints as "...T".
func typesMatch(tuple *types.Tuple, variadic bool, want []string) bool {
	return tuple.Len() == len(want) && stringsMatch(typeStrings(tuple, variadic), want)
}

// typeStrings prints the types of tuple as typesMatch compares them.
func typeStrings(tuple *types.Tuple, variadic bool) []string {
	out := make([]string, tuple.Len())
	for i := range tuple.Len() {
		out[i] = typeString(tuple.At(i).Type(), variadic && i == tuple.Len()-1)
	}
	return out
}

// stringsMatch reports whether the printed types got are want, where
// "[...]" in want stands for any type arguments.
func stringsMatch(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i, w := range want {
		g := got[i]
		if strings.Contains(w, "[...]") {
			g = eraseTypeArgs(g)
		}
		if g != w {
			return false
		}
	}
	return true
}

// eraseTypeArgs replaces the type arguments in a type string with "...":
// "*connectrpc.com/connect.Request[example.com/greetv1.GreetRequest]"
// becomes "*connectrpc.com/connect.Request[...]". The brackets of a slice,
// array or map type stay.
func eraseTypeArgs(s string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '[' && depth == 0 && i > 0 && isNameByte(s[i-1]) && !endsWithMap(s[:i]):
			b.WriteString("[...")
			depth++
		case c == '[' && depth > 0:
			depth++
		case c == ']' && depth > 0:
			depth--
			if depth == 0 {
				b.WriteByte(']')
			}
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// endsWithMap reports whether s ends with the keyword map.
func endsWithMap(s string) bool {
	rest, ok := strings.CutSuffix(s, "map")
	return ok && (rest == "" || !isNameByte(rest[len(rest)-1]))
}

func isNameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// directiveHandler builds a handler for a function marked with the
// directive.
func directiveHandler(sig *types.Signature) Handler {
	h := Handler{Framework: "directive", Cancelled: CancelledHTTP}
	h.Context, h.ContextVars = guessContext(sig.Params(), false)
	return h
}

// guessContext finds the request's context of a function whose framework
// is known only by a directive or a registration: its first
// context.Context parameter, else its *http.Request's, else, when streams
// is set, the Context() of a parameter that has one (a gRPC stream).
func guessContext(params *types.Tuple, streams bool) (string, []*types.Var) {
	for i := range params.Len() {
		p := params.At(i)
		if astutil.IsContext(p.Type()) && usable(p) {
			return p.Name(), []*types.Var{p}
		}
	}
	for i := range params.Len() {
		p := params.At(i)
		if typeString(p.Type(), false) == "*net/http.Request" && usable(p) {
			return p.Name() + ".Context()", []*types.Var{p}
		}
	}
	if !streams {
		return "", nil
	}
	for i := range params.Len() {
		p := params.At(i)
		if hasContextMethod(p.Type()) && usable(p) {
			return p.Name() + ".Context()", []*types.Var{p}
		}
	}
	return "", nil
}

// hasContextMethod reports whether t has a method Context() context.Context.
func hasContextMethod(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Context")
	m, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := m.Signature()
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 && astutil.IsContext(sig.Results().At(0).Type())
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
// (type Request = http.Request; *Request is *net/http.Request), the empty
// interface as "any", and a variadic parameter's []T as "...T".
func typeString(t types.Type, variadic bool) string {
	t = types.Unalias(t)
	if variadic {
		if s, ok := t.(*types.Slice); ok {
			return "..." + typeString(s.Elem(), false)
		}
	}
	switch t := t.(type) {
	case *types.Pointer:
		return "*" + typeString(t.Elem(), false)
	case *types.Interface:
		if t.Empty() {
			return "any"
		}
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

// routeMethods are the names of route registration methods that say the
// HTTP method, in gin and echo (GET), fiber and chi (Get).
var routeMethods = map[string]bool{
	"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true,
	"DELETE": true, "CONNECT": true, "OPTIONS": true, "TRACE": true,
}

// litName names a handler literal after its route when it is registered
// with a pattern (mux.HandleFunc("GET /users/{id}", func…), possibly through
// a conversion such as http.HandlerFunc(func…)), prefixed with the HTTP
// method the registering method names (r.GET("/users/:id", func…)); else
// after the function that contains it, or the package-level variable it
// initialises.
func litName(c inspector.Cursor) string {
walk:
	for p := c.Parent(); p.Valid(); p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.CallExpr:
			if route, ok := routeOf(n); ok {
				return "for " + route
			}
		case *ast.ParenExpr:
		default:
			break walk
		}
	}
	for p := range c.Enclosing((*ast.FuncDecl)(nil)) {
		return "func literal in " + p.Node().(*ast.FuncDecl).Name.Name
	}
	// A package-level variable: var Backoff fasthttp.RequestHandler = func…
	if spec, ok := c.Parent().Node().(*ast.ValueSpec); ok && len(spec.Names) == len(spec.Values) {
		for i, v := range spec.Values {
			if v == c.Node() {
				return spec.Names[i].Name
			}
		}
	}
	return "func literal"
}

// routeOf returns the quoted route a call registers: its first argument,
// a string literal, with the HTTP method in front when the call's name or
// the argument before it says it (r.GET("/users/:id", …),
// r.Handle("GET", "/users/:id", …)).
func routeOf(call *ast.CallExpr) (string, bool) {
	str := func(i int) (string, bool) {
		if i >= len(call.Args) {
			return "", false
		}
		if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			return lit.Value, true
		}
		return "", false
	}
	first, ok := str(0)
	if !ok {
		return "", false
	}
	if method, err := strconv.Unquote(first); err == nil && routeMethods[method] {
		if second, ok := str(1); ok {
			if pattern, err := strconv.Unquote(second); err == nil && strings.HasPrefix(pattern, "/") {
				return strconv.Quote(method + " " + pattern), true
			}
		}
	}
	return withMethod(call.Fun, first), true
}

// withMethod puts the HTTP method that fun names in front of the quoted
// route pattern: r.GET and "/users/:id" give "GET /users/:id", quoted as
// the pattern was.
func withMethod(fun ast.Expr, quoted string) string {
	sel, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	if !ok {
		return quoted
	}
	method := strings.ToUpper(sel.Sel.Name)
	pattern, err := strconv.Unquote(quoted)
	if !routeMethods[method] || err != nil || !strings.HasPrefix(pattern, "/") {
		return quoted
	}
	return strconv.Quote(method + " " + pattern)
}
