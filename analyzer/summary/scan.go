package summary

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/slots"
)

// Func is what one function body does directly: the blocking operations it
// makes and the static calls it makes, in source order. Immediately invoked
// and deferred function literals belong to the function around them; other
// literals (callbacks, handlers, goroutine bodies) are Funcs of their own.
type Func struct {
	Node ast.Node    // *ast.FuncDecl or *ast.FuncLit
	Obj  *types.Func // nil for a function literal
	Body *ast.BlockStmt

	Sites []Site
	Calls []Call
	// Open are the calls through struct fields of interface or func
	// type that no binding visible in the package resolves: where the
	// concrete callee becomes known, a later package resolves them.
	Open []Open

	// Unbounded are the endless loops and the requests sent with no
	// timeout of the function (detectors infiniteloop and clienttimeout);
	// their reasons travel like the Sites', but they are not operations
	// to report under a lock.
	Unbounded []Site
}

// Site is a blocking operation made directly in a function body.
type Site struct {
	Kind catalog.Kind
	Op   string   // "time.Sleep", "send on s.jobs", …
	Node ast.Node // where to report: the call, send, receive, range or select

	// Call and Entry are set for a catalogued call.
	Call  *ast.CallExpr
	Entry *catalog.Op
	// Ctor and CtorCall are set when a value built without a context is run:
	// CtorCall is the constructor call to rewrite.
	Ctor     *catalog.Constructor
	CtorCall *ast.CallExpr
	// Shared is, for a wait, the channel or WaitGroup waited on.
	Shared ast.Expr
	// Holder and HolderParam say, for a wait, how the function reaches
	// what it waits on (see Reason.Holder): whether the wait is shared
	// with other requests may depend on what the caller passes for it.
	Holder      string
	HolderParam int
	// CtxParam is, for a request sent with no timeout, 1 + the parameter
	// its context comes from, or 0 (see Reason.CtxParam).
	CtxParam int
	// Through is set when the operation is reached through a field bound
	// to it ("MessageAPI.DB = *sql.DB"): the call's receiver is the
	// interface, so no rewrite of the call compiles.
	Through string
}

// Func returns the catalogue key of the site's operation: the called
// function, or the constructor of the value run; "" for channel operations.
func (s Site) Func() string {
	switch {
	case s.Ctor != nil:
		return s.Ctor.Func
	case s.Entry != nil:
		return s.Entry.Func
	}
	return ""
}

// Call is a static call to a function outside the standard library, which
// may block according to its summary.
type Call struct {
	Callee *types.Func // the generic origin, for generic callees
	Call   *ast.CallExpr
	// Through says, for a call resolved through a field or a callback,
	// what binds the callee: "MessageAPI.DB = *database.GormDatabase".
	Through string
	// BoundAt is where that binding is written, when it is in this
	// package.
	BoundAt token.Pos
}

// scanner walks the files of a package and builds a Func per function body.
type scanner struct {
	info   *types.Info
	cat    *catalog.Catalog
	funcs  []*Func
	byNode map[ast.Node]*Func
	// built tracks, per function, variables holding a value from a
	// context-free constructor that a later sink may run.
	built map[types.Object]*ast.CallExpr

	pkg   *types.Package
	files []*ast.File
	// assigns indexes the functions assigning each package-level
	// variable, built at the first one-time initialisation guard.
	assigns map[*types.Var]map[*types.Func]bool

	names map[*types.Func]string // Scan.Name's memo

	slots     *slots.Info // callbacks and field bindings; may be nil
	scan      *Scan       // what the detectors see
	nodeHooks []func(*Scan, *Func, ast.Node) bool
	callHooks []func(*Scan, *Func, *ast.CallExpr, *types.Func)
}

func (s *scanner) file(f *ast.File) {
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			if decl.Body == nil {
				continue
			}
			obj, _ := s.info.Defs[decl.Name].(*types.Func)
			fn := s.newFunc(decl, obj, decl.Body)
			s.walk(decl.Body, fn)
		case *ast.GenDecl:
			// Package-level initializers run in init, not in a request,
			// but function literals in them may be handlers.
			s.walk(decl, nil)
		}
	}
}

func (s *scanner) newFunc(node ast.Node, obj *types.Func, body *ast.BlockStmt) *Func {
	fn := &Func{Node: node, Obj: obj, Body: body}
	s.funcs = append(s.funcs, fn)
	s.byNode[node] = fn
	return fn
}

// walk visits n on behalf of fn (nil outside any function).
func (s *scanner) walk(n ast.Node, fn *Func) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			lit := s.newFunc(n, nil, n.Body)
			saved := s.built
			s.built = nil
			s.walk(n.Body, lit)
			s.built = saved
			return false

		case *ast.GoStmt:
			// The goroutine does not block its starter; the arguments
			// are evaluated by the starter, though.
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				s.walk(lit, fn)
			} else if sel, ok := ast.Unparen(n.Call.Fun).(*ast.SelectorExpr); ok {
				s.walk(sel.X, fn)
			}
			for _, arg := range n.Call.Args {
				s.walk(arg, fn)
			}
			return false

		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				// func() { … }() and defer func() { … }() run here.
				s.walk(lit.Body, fn)
				for _, arg := range n.Args {
					s.walk(arg, fn)
				}
				return false
			}
			if fn != nil {
				s.call(n, fn)
				if sync := s.callbacks(n); len(sync) > 0 {
					for _, hook := range s.nodeHooks {
						if !hook(s.scan, fn, n) {
							return false
						}
					}
					s.walkCallbacks(n, sync, fn)
					return false
				}
			}

		case *ast.IfStmt:
			if fn != nil && s.onceGuard(n) {
				s.walk(n.Init, fn)
				s.walk(n.Cond, fn)
				s.walk(n.Body, nil) // once per process: nobody's request
				s.walk(n.Else, fn)
				return false
			}

		case *ast.AssignStmt:
			if fn != nil {
				s.assign(n.Lhs, n.Rhs)
			}
		case *ast.ValueSpec:
			if fn != nil && len(n.Values) > 0 {
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				s.assign(lhs, n.Values)
			}
		}
		if fn == nil || n == nil {
			return true
		}
		for _, hook := range s.nodeHooks {
			if !hook(s.scan, fn, n) {
				return false
			}
		}
		return true
	})
}

func (s *scanner) site(fn *Func, site Site) { fn.Sites = append(fn.Sites, site) }

// call classifies one call expression made by fn.
func (s *scanner) call(call *ast.CallExpr, fn *Func) {
	callee := typeutil.StaticCallee(s.info, call)
	if callee == nil {
		s.dynamic(call, fn) // open.go
		return
	}
	callee = callee.Origin()
	name := s.scan.Name(callee)
	sink := s.cat.IsSink(name)
	if sink && s.sink(call, callee, fn) {
		return // a value built without a context is run
	}
	for _, hook := range s.callHooks {
		hook(s.scan, fn, call, callee)
	}
	if op := s.cat.Op(name); op != nil {
		// A wait on a shared receiver (WaitGroup.Wait) is the wait
		// detector's to judge.
		if !op.SharedRecv {
			s.site(fn, Site{Kind: op.Kind, Op: OpName(callee), Node: call, Call: call, Entry: op})
		}
		return
	}
	if op, opName := s.scan.ClientOp(call, callee); op != nil {
		s.site(fn, Site{Kind: op.Kind, Op: opName, Node: call, Call: call, Entry: op})
		return
	}
	if sink {
		return
	}
	if callee.Pkg() == nil || catalog.IsStd(callee.Pkg().Path()) {
		return
	}
	fn.Calls = append(fn.Calls, Call{Callee: callee, Call: call})
}

// sink records a call that runs a value built without a context, when the
// value visibly comes from a context-free constructor, and reports whether
// it did:
//
//	req, _ := http.NewRequest("GET", u, nil)
//	resp, err := client.Do(req)           // reported here
//	out, err := exec.Command("pdftk").Output() // and here
func (s *scanner) sink(call *ast.CallExpr, callee *types.Func, fn *Func) bool {
	name := callee.FullName()
	for _, operand := range sinkOperands(call) {
		ctorCall := s.constructed(operand.expr)
		if ctorCall == nil {
			continue
		}
		ctor := s.ctorOf(ctorCall)
		if arg, ok := s.cat.SinkArg(name, ctor); ok && arg == operand.arg {
			s.site(fn, Site{
				Kind: ctor.Kind, Op: OpName(callee), Node: call,
				Call: call, Ctor: ctor, CtorCall: ctorCall,
			})
			return true
		}
	}
	return false
}

type operand struct {
	expr ast.Expr
	arg  int
}

func sinkOperands(call *ast.CallExpr) []operand {
	ops := make([]operand, 0, len(call.Args)+1)
	if recv := RecvExpr(call); recv != nil {
		ops = append(ops, operand{recv, -1})
	}
	for i, a := range call.Args {
		ops = append(ops, operand{a, i})
	}
	return ops
}

// constructed returns the constructor call that produced e: e itself, or
// the call last assigned to the variable e names in this function.
func (s *scanner) constructed(e ast.Expr) *ast.CallExpr {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && s.ctorOf(call) != nil {
		return call
	}
	if id, ok := e.(*ast.Ident); ok {
		return s.built[s.info.Uses[id]]
	}
	return nil
}

func (s *scanner) ctorOf(call *ast.CallExpr) *catalog.Constructor {
	callee := typeutil.StaticCallee(s.info, call)
	if callee == nil {
		return nil
	}
	return s.cat.Constructor(callee.FullName())
}

// assign tracks variables assigned from context-free constructors; any
// other assignment to a tracked variable (req = req.WithContext(ctx))
// forgets it.
func (s *scanner) assign(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		id, ok := ast.Unparen(l).(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		obj := s.info.ObjectOf(id)
		if obj == nil {
			continue
		}
		var ctorCall *ast.CallExpr
		if len(rhs) == 1 && i == 0 || len(rhs) == len(lhs) {
			r := rhs[0]
			if len(rhs) == len(lhs) {
				r = rhs[i]
			}
			if call, ok := ast.Unparen(r).(*ast.CallExpr); ok && s.ctorOf(call) != nil {
				ctorCall = call
			}
		}
		if ctorCall != nil {
			if s.built == nil {
				s.built = make(map[types.Object]*ast.CallExpr)
			}
			s.built[obj] = ctorCall
		} else if s.built != nil {
			delete(s.built, obj)
		}
	}
}

// RecvExpr returns the receiver operand of a method call x.m(…), or nil.
func RecvExpr(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}

// ClientOp returns the round trip a method call on a library client makes
// (catalog.Clients: rdb.Get(ctx, k) on a *redis.Client) and its name as
// the call's receiver type says it, "(*redis.Client).Get"; nil when the
// call is no such method call.
func (s *Scan) ClientOp(call *ast.CallExpr, callee *types.Func) (*catalog.Op, string) {
	recv := RecvExpr(call)
	if recv == nil || callee.Signature().Recv() == nil {
		return nil, ""
	}
	t := s.Pass.TypesInfo.TypeOf(recv)
	op := s.Catalog.ClientOp(t, callee)
	if op == nil {
		return nil, ""
	}
	return op, "(" + types.TypeString(t, (*types.Package).Name) + ")." + callee.Name()
}

// OpName renders a standard-library callee the way Go code calls it:
// "time.Sleep", "(*sql.DB).Query".
func OpName(fn *types.Func) string {
	sig := fn.Signature()
	if recv := sig.Recv(); recv != nil {
		t := recv.Type()
		star := ""
		if p, ok := t.(*types.Pointer); ok {
			t, star = p.Elem(), "*"
		}
		if named, ok := t.(*types.Named); ok {
			obj := named.Obj()
			return "(" + star + obj.Pkg().Name() + "." + obj.Name() + ")." + fn.Name()
		}
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}
