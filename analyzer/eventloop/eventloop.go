// Package eventloop finds the functions that event-loop frameworks run on
// their loop goroutines: gnet's EventHandler methods, the handlers given
// to nbio's Engine.OnData, netpoll's OnPrepare, and the like.
//
// Unlike net/http, which gives each request a goroutine, such a framework
// serves many connections from one goroutine; a callback that blocks holds
// up all of them. Which callbacks run on the loop is a property of each
// framework, read from its source, and is kept as data in table.go: an
// interface whose implementations' methods are callbacks, or a function
// whose argument is one. Types and functions are matched through go/types,
// so renamed imports and aliases work.
package eventloop

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// Framework is an event-loop framework.
type Framework struct {
	Name string // "gnet", as messages name it
	// Path is the import path of the package that declares the API the
	// framework's Events name.
	Path string
	// Tested is the version whose source the Events were checked
	// against, and that the real-module tests pin.
	Tested string
	// Advice says how to move blocking work off the loop, the
	// framework's own way.
	Advice string
}

// Event is a kind of callback a framework runs on a loop goroutine. It is
// found in one of two ways:
//
//	Interface, Methods:  type echo struct{ gnet.BuiltinEventEngine }
//	                     func (e *echo) OnTraffic(c gnet.Conn) gnet.Action  // a callback
//	Register, Arg:       engine.OnData(func(c *nbio.Conn, data []byte) { … }) // argument 0
type Event struct {
	Framework string // a Framework's Name
	// Interface names an interface of the framework's package: the
	// methods named Methods of a type of the analyzed package that
	// implements it are callbacks.
	Interface string
	Methods   []string
	// Register is the types.Func.FullName of a function or method whose
	// argument Arg is a callback.
	Register string
	Arg      int
	// Name names the callback in messages, after the framework:
	// "nbio OnData callback". Empty for interface methods, whose own
	// name says it.
	Name string
	// Stalls says what a blocking callback holds up, as a verb phrase
	// whose subject is the blocking operation.
	Stalls string
}

// HandOff is a function that hands work to a goroutine pool, named as
// summary.Step names functions: Func is "Pool.Submit" for a method,
// "Submit" for a function.
type HandOff struct {
	Pkg  string
	Func string
}

// Callback is a function that runs on an event loop.
type Callback struct {
	// Node is the *ast.FuncDecl or *ast.FuncLit of the callback when it
	// is declared in the analyzed package; nil for a function of another
	// package registered here.
	Node ast.Node
	// Func is the callback when it is a named function or method.
	Func *types.Func
	// At is the argument that registers the callback; nil for the method
	// of an interface implementation.
	At ast.Expr
	// Name is the callback as messages name it: "echoServer.OnTraffic",
	// "onData", "store.HandleData", "(func literal in main)".
	Name      string
	Framework *Framework
	Event     *Event
}

// Desc describes the callback for a message: "gnet callback
// echoServer.OnTraffic", "nbio OnData callback onData".
func (c Callback) Desc() string {
	if c.Event.Name == "" {
		return c.Framework.Name + " callback " + c.Name
	}
	return c.Framework.Name + " " + c.Event.Name + " callback " + c.Name
}

// Finder finds callbacks. It is read-only once built.
type Finder struct {
	frameworks map[string]*Framework // by Name
	byRegister map[string]*Event
	ifaces     []*Event
	handOffs   map[HandOff]bool
}

// NewFinder indexes the tables.
func NewFinder(frameworks []Framework, events []Event, handOffs []HandOff) *Finder {
	f := &Finder{
		frameworks: make(map[string]*Framework, len(frameworks)),
		byRegister: make(map[string]*Event),
		handOffs:   make(map[HandOff]bool, len(handOffs)),
	}
	for i := range frameworks {
		f.frameworks[frameworks[i].Name] = &frameworks[i]
	}
	for i := range events {
		ev := &events[i]
		if f.frameworks[ev.Framework] == nil {
			continue
		}
		if ev.Interface != "" {
			f.ifaces = append(f.ifaces, ev)
		} else {
			f.byRegister[ev.Register] = ev
		}
	}
	for _, h := range handOffs {
		f.handOffs[h] = true
	}
	return f
}

// Default returns a Finder of the built-in tables.
func Default() *Finder { return NewFinder(frameworks, events, handOffs) }

// MayHaveCallbacks is the cheap test run before Find: a package can
// declare or register a callback only if it imports a framework. (A type
// implementing gnet.EventHandler names gnet.Conn in its methods.)
func MayHaveCallbacks(pkg *types.Package, frameworks []Framework) bool {
	for _, imp := range pkg.Imports() {
		for i := range frameworks {
			if imp.Path() == frameworks[i].Path {
				return true
			}
		}
	}
	return false
}

// HandsOff reports whether the function pkgPath.fn, named as HandOff
// names it, hands work to a goroutine pool.
func (f *Finder) HandsOff(pkgPath, fn string) bool {
	return f.handOffs[HandOff{Pkg: pkgPath, Func: fn}]
}

// Find returns the callbacks of pkg: methods of its types that implement a
// framework's handler interface, and functions its calls register, in
// source order, each once.
func (f *Finder) Find(pkg *types.Package, info *types.Info, files []*ast.File) []Callback {
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, file := range files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if obj, ok := info.Defs[fd.Name].(*types.Func); ok {
					decls[obj] = fd
				}
			}
		}
	}
	var cbs []Callback
	cbs = f.implementations(pkg, decls, cbs)
	cbs = f.registrations(pkg, info, files, decls, cbs)

	// Each callback once: a function registered twice, or a method
	// that is also registered, is reported once, where it is declared.
	seen := make(map[ast.Node]bool)
	out := cbs[:0]
	for _, cb := range cbs {
		if cb.Node != nil {
			if seen[cb.Node] {
				continue
			}
			seen[cb.Node] = true
		}
		out = append(out, cb)
	}
	slices.SortStableFunc(out, func(a, b Callback) int { return cmp.Compare(a.pos(), b.pos()) })
	return out
}

func (c Callback) pos() token.Pos {
	if c.Node != nil {
		return c.Node.Pos()
	}
	return c.At.Pos()
}

// implementations finds the methods of pkg's types that implement a
// framework interface. A type that implements gnet.EventHandler is an
// event handler whether or not this package passes it to gnet.Run: it is
// usually declared in one package and run from another, and can hardly be
// anything else.
func (f *Finder) implementations(pkg *types.Package, decls map[*types.Func]*ast.FuncDecl, cbs []Callback) []Callback {
	for _, ev := range f.ifaces {
		fw := f.frameworks[ev.Framework]
		iface := lookupInterface(pkg, fw.Path, ev.Interface)
		if iface == nil {
			continue
		}
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
				continue
			}
			ptr := types.NewPointer(named)
			if !types.Implements(named, iface) && !types.Implements(ptr, iface) {
				continue
			}
			for _, m := range ev.Methods {
				obj, _, _ := types.LookupFieldOrMethod(ptr, true, pkg, m)
				fn, ok := obj.(*types.Func)
				if !ok || decls[fn] == nil {
					continue // promoted from another package, e.g. gnet.BuiltinEventEngine
				}
				cbs = append(cbs, Callback{
					Node: decls[fn], Func: fn, Name: tn.Name() + "." + m,
					Framework: fw, Event: ev,
				})
			}
		}
	}
	return cbs
}

// lookupInterface returns the interface name of the imported package
// path, or nil.
func lookupInterface(pkg *types.Package, path, name string) *types.Interface {
	for _, imp := range pkg.Imports() {
		if imp.Path() != path {
			continue
		}
		tn, ok := imp.Scope().Lookup(name).(*types.TypeName)
		if !ok {
			return nil
		}
		iface, _ := tn.Type().Underlying().(*types.Interface)
		return iface
	}
	return nil
}

// registrations finds the functions passed to a registering call:
//
//	engine.OnData(func(c *nbio.Conn, data []byte) { … })   // a literal
//	engine.OnData(s.onData)                               // a method value
//	netpoll.WithOnPrepare(prepare)                        // a function
func (f *Finder) registrations(pkg *types.Package, info *types.Info, files []*ast.File, decls map[*types.Func]*ast.FuncDecl, cbs []Callback) []Callback {
	if len(f.byRegister) == 0 {
		return cbs
	}
	for _, file := range files {
		for _, d := range file.Decls {
			encl := ""
			if fd, ok := d.(*ast.FuncDecl); ok {
				encl = declName(info, fd)
			}
			ast.Inspect(d, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				callee, ok := typeutil.Callee(info, call).(*types.Func)
				if !ok {
					return true
				}
				ev := f.byRegister[callee.Origin().FullName()]
				if ev == nil || ev.Arg >= len(call.Args) {
					return true
				}
				if cb, ok := registered(pkg, info, call.Args[ev.Arg], encl, decls); ok {
					cb.Framework, cb.Event = f.frameworks[ev.Framework], ev
					cbs = append(cbs, cb)
				}
				return true
			})
		}
	}
	return cbs
}

// registered describes the function that arg, a registering argument,
// denotes: a literal, or a named function or method value, possibly
// converted (netpoll.OnPrepare(prepare)).
func registered(pkg *types.Package, info *types.Info, arg ast.Expr, encl string, decls map[*types.Func]*ast.FuncDecl) (Callback, bool) {
	e := ast.Unparen(arg)
	for {
		conv, ok := e.(*ast.CallExpr)
		if !ok || len(conv.Args) != 1 {
			break
		}
		if tv, ok := info.Types[conv.Fun]; !ok || !tv.IsType() {
			break
		}
		e = ast.Unparen(conv.Args[0])
	}
	var obj types.Object
	switch e := e.(type) {
	case *ast.FuncLit:
		name := "(func literal)"
		if encl != "" {
			name = "(func literal in " + encl + ")"
		}
		return Callback{Node: e, At: arg, Name: name}, true
	case *ast.Ident:
		obj = info.Uses[e]
	case *ast.SelectorExpr:
		if sel := info.Selections[e]; sel != nil {
			if sel.Kind() != types.MethodVal {
				return Callback{}, false
			}
			obj = sel.Obj()
		} else {
			obj = info.Uses[e.Sel] // pkg.Func
		}
	}
	fn, ok := obj.(*types.Func)
	if !ok {
		return Callback{}, false // a variable: its value is not followed
	}
	fn = fn.Origin()
	cb := Callback{Func: fn, At: arg, Name: astutil.FuncName(fn)}
	if d := decls[fn]; d != nil {
		cb.Node = d
	} else if fn.Pkg() != nil && fn.Pkg() != pkg {
		cb.Name = qualifiedName(fn)
	}
	return cb, true
}

func declName(info *types.Info, fd *ast.FuncDecl) string {
	if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
		return astutil.FuncName(fn)
	}
	return fd.Name.Name
}

// qualifiedName names a function of another package: "store.HandleData";
// methods keep their receiver type's name, "Handler.OnData".
func qualifiedName(fn *types.Func) string {
	if fn.Signature().Recv() != nil {
		return astutil.FuncName(fn)
	}
	return fn.Pkg().Name() + "." + fn.Name()
}
