// Package slots follows function values and implementations to where they
// are called: the func-typed parameters a function calls, and the struct
// fields of interface or func type that code calls through.
//
// It answers, from the package's syntax and the facts of its imports,
// four questions the summaries and the reports need:
//
//   - which parameters a function calls before it returns (retry(fn),
//     db.Transaction(fn), logEvent(r).Timing(fn)): the callback's work is
//     its caller's;
//   - which parameters a function calls inside a request handler it builds
//     (an adapter: handle(fn handleFunc) http.Handler): whatever is passed
//     there serves requests, and is a handler too;
//   - which parameters the function value a function returns calls (a
//     middleware wrapper: withUser(fn) handleFunc);
//   - which parameters a function stores into struct fields (constructor
//     injection: NewAPI(store Store) *API { return &API{DB: store} }).
//
// The answers travel as a Fact, so that the adapter, the wrapper and the
// constructor may live in another package than the code that calls them.
// Bindings — the concrete values a package puts into fields (composite
// literals, assignments, constructor calls) — resolve the calls through
// those fields where the binding is visible (Resolve).
//
// Callbacks and field calls are one mechanism seen from two ends: a slot is
// where a function value or an implementation is called from, and a
// binding is what flows into it.
package slots

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// Fact says what a function does with the function values and
// implementations passed to it. It is exported only for functions that
// call, serve, return or store a parameter; most functions have none.
type Fact struct {
	// Sync are the parameters the function calls before it returns.
	Sync []int
	// Serves are the parameters it calls inside a handler it builds.
	Serves []Served
	// Returns are the parameters called by the function value it returns.
	Returns []int
	// Stores are the parameters it stores into struct fields.
	Stores []Store
}

// AFact marks Fact as an analysis fact.
func (*Fact) AFact() {}

func (f *Fact) String() string {
	var parts []string
	if len(f.Sync) > 0 {
		parts = append(parts, fmt.Sprintf("sync%v", f.Sync))
	}
	for _, s := range f.Serves {
		parts = append(parts, fmt.Sprintf("serves(%d, %s handler in %s at %s)", s.Param, s.Framework, s.Adapter, s.Posn))
	}
	if len(f.Returns) > 0 {
		parts = append(parts, fmt.Sprintf("returns%v", f.Returns))
	}
	for _, s := range f.Stores {
		parts = append(parts, fmt.Sprintf("stores(%d, %s)", s.Param, s.Slot))
	}
	return "slots(" + strings.Join(parts, "; ") + ")"
}

func (f *Fact) empty() bool {
	return len(f.Sync) == 0 && len(f.Serves) == 0 && len(f.Returns) == 0 && len(f.Stores) == 0
}

// Served is a parameter that a handler built by the function calls.
type Served struct {
	// Param is the parameter's index, or Receiver when the function is
	// itself a handler method of a named func type that calls its
	// receiver: values converted to that type are served.
	Param int
	// Adapter is the function that builds the handler, Posn where the
	// handler literal is ("data.go:88").
	Adapter, Posn string
	// Framework and Cancelled are the handler's, from the frameworks
	// table.
	Framework, Cancelled string
}

// Receiver is the Served.Param of a method's receiver (-1 is no
// parameter at all).
const Receiver = -2

// funcType reports whether t, or what it points to, is a named func type.
func funcType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	_, ok = n.Underlying().(*types.Signature)
	return ok
}

// Store is a parameter stored into the struct field Slot (see FieldSlot).
type Store struct {
	Param int
	Slot  string
}

// Lit is a handler literal of the package, as the handler finder saw it.
type Lit struct {
	Framework, Cancelled string
}

// Binding is a value a package puts into a slot.
type Binding struct {
	// Type is the concrete type bound to an interface-typed field, nil
	// for a function value.
	Type types.Type
	// Func is the function bound to a func-typed field, nil otherwise.
	Func *types.Func
	// Pos is where the binding is written.
	Pos token.Pos
}

// Inferred is a function found to serve requests because it is passed to
// an adapter's Served parameter.
type Inferred struct {
	// Node is its *ast.FuncDecl or *ast.FuncLit when it is in this
	// package; nil for a function of another package (Func).
	Node ast.Node
	Func *types.Func
	// Name is how messages refer to it.
	Name   string
	Served Served
	// Site is the call that hands it to the adapter.
	Site *ast.CallExpr
}

// Info holds the answers for one package.
type Info struct {
	pass     *analysis.Pass
	facts    map[*types.Func]*Fact // this package's, then imported ones, memoized
	local    map[*types.Func]bool
	decls    map[*types.Func]*ast.FuncDecl
	inits    map[*types.Var]ast.Expr // the single value a variable is ever given
	returned map[*types.Func][]*ast.FuncLit
	bindings map[string][]Binding
	enc      *objectpath.Encoder
	// callees are the package's functions each function calls, from
	// its first scan.
	callees map[*types.Func][]*types.Func
	// typeServed memoizes typeServes per named func type.
	typeServed map[*types.TypeName][]Served
	// Inferred are the handlers found through adapters, in source order.
	Inferred []Inferred
}

// maxRounds bounds the rounds of the fixpoint over the package's functions
// (a wrapper of a wrapper of an adapter); maxDepth the steps values are
// followed through variables, conversions and wrappers.
const (
	maxRounds = 4
	maxDepth  = 4
	// maxBindings caps the concrete values kept per slot, so that no
	// input makes resolution explode.
	maxBindings = 8
)

// Build answers the questions for the package of pass, whose handler
// literals are lits, and exports a Fact for each function that has one.
func Build(pass *analysis.Pass, lits map[ast.Node]Lit) *Info {
	in := &Info{
		pass:       pass,
		facts:      make(map[*types.Func]*Fact),
		local:      make(map[*types.Func]bool),
		decls:      make(map[*types.Func]*ast.FuncDecl),
		inits:      make(map[*types.Var]ast.Expr),
		returned:   make(map[*types.Func][]*ast.FuncLit),
		bindings:   make(map[string][]Binding),
		enc:        new(objectpath.Encoder),
		typeServed: make(map[*types.TypeName][]Served),
		callees:    make(map[*types.Func][]*types.Func),
	}
	in.collect()
	// The first round scans every function; a later one only those that
	// call a function of the package whose fact the round before changed
	// (a wrapper of a wrapper of an adapter). An empty fact is no fact.
	var changed map[*types.Func]bool
	for round := range maxRounds {
		next := make(map[*types.Func]bool)
		for obj, decl := range in.declsInOrder() {
			if round > 0 && !slices.ContainsFunc(in.callees[obj], func(c *types.Func) bool { return changed[c] }) {
				continue
			}
			f := in.scanFunc(obj, decl, lits)
			if f.empty() {
				f = nil
			}
			if !equal(f, in.facts[obj]) {
				in.facts[obj] = f
				next[obj] = true
			}
		}
		if len(next) == 0 {
			break
		}
		changed = next
	}
	in.bind()
	in.infer(lits)
	for obj := range in.declsInOrder() {
		if f := in.facts[obj]; f != nil && !f.empty() {
			pass.ExportObjectFact(obj, f)
		}
	}
	return in
}

// declsInOrder yields the package's function declarations in source order.
func (in *Info) declsInOrder() func(yield func(*types.Func, *ast.FuncDecl) bool) {
	return func(yield func(*types.Func, *ast.FuncDecl) bool) {
		for _, f := range in.pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				obj, _ := in.pass.TypesInfo.Defs[fd.Name].(*types.Func)
				if obj == nil {
					continue
				}
				if !yield(obj, fd) {
					return
				}
			}
		}
	}
}

// collect records the package's declarations and the variables given one
// value only (a package-level var with an initializer never assigned
// again, a local x := v never assigned again).
func (in *Info) collect() {
	info := in.pass.TypesInfo
	assigned := make(map[*types.Var]int)
	note := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			id, ok := ast.Unparen(l).(*ast.Ident)
			if !ok {
				continue
			}
			v, _ := info.ObjectOf(id).(*types.Var)
			if v == nil {
				continue
			}
			assigned[v]++
			if len(lhs) == len(rhs) {
				in.inits[v] = rhs[i]
			}
		}
	}
	for _, f := range in.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if obj, ok := info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
					in.decls[obj] = n
					in.local[obj] = true
				}
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				note(lhs, n.Values)
			case *ast.AssignStmt:
				note(n.Lhs, n.Rhs)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					// &x may write x anywhere.
					if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
						if v, ok := info.ObjectOf(id).(*types.Var); ok {
							assigned[v] += 2
						}
					}
				}
			}
			return true
		})
	}
	for v, n := range assigned {
		if n != 1 {
			delete(in.inits, v)
		}
	}
}

// FactOf returns what fn does with its parameters: from this package's
// scan, the fact its package exported, or the catalogue's rows for the
// standard library; nil when it does nothing the package tracks.
func (in *Info) FactOf(fn *types.Func) *Fact {
	fn = fn.Origin()
	if f, ok := in.facts[fn]; ok || in.local[fn] {
		return f
	}
	var f *Fact
	switch {
	case fn.Pkg() == nil:
	case catalog.IsStd(fn.Pkg().Path()):
		if sync := catalog.SyncCallbacks(fn.FullName()); len(sync) > 0 {
			f = &Fact{Sync: sync}
		}
	default:
		var imported Fact
		if in.pass.ImportObjectFact(fn, &imported) {
			f = &imported
		}
	}
	in.facts[fn] = f
	return f
}

// Sync returns the arguments a call of fn calls before it returns.
func (in *Info) Sync(fn *types.Func) []int {
	if f := in.FactOf(fn); f != nil {
		return f.Sync
	}
	return nil
}

// region is where, relative to the function being scanned, a piece of its
// body runs: before it returns, in a handler it builds, in the function
// value it returns, or not known (stored, or started on a goroutine).
type region struct {
	kind    regionKind
	handler ast.Node // the handler's literal or declaration, for inHandler
	lit     Lit
}

type regionKind int

const (
	elsewhere regionKind = iota
	beforeReturn
	inHandler
	inReturned
)

// scanFunc computes the Fact of one function from its body and the facts
// known so far.
func (in *Info) scanFunc(obj *types.Func, decl *ast.FuncDecl, lits map[ast.Node]Lit) *Fact {
	params := make(map[*types.Var]int)
	sig := obj.Signature()
	for i := range sig.Params().Len() {
		params[sig.Params().At(i)] = i
	}
	f := new(Fact)
	returned := in.returnedLits(decl)
	in.returned[obj] = returned
	sc := &funcScan{in: in, obj: obj, params: params, fact: f, name: astutil.FuncName(obj), lits: lits, returned: returned}
	if recv := sig.Recv(); recv != nil && funcType(recv.Type()) {
		if l, ok := lits[decl]; ok {
			// func (fn appHandler) ServeHTTP(w, r) { fn(w, r) }: a
			// handler that calls its receiver serves what is
			// converted to its type.
			params[recv] = Receiver
			sc.walk(decl.Body, region{kind: inHandler, handler: decl, lit: l})
			return f
		}
	}
	sc.walk(decl.Body, region{kind: beforeReturn})
	slices.Sort(f.Sync)
	f.Sync = slices.Compact(f.Sync)
	slices.Sort(f.Returns)
	f.Returns = slices.Compact(f.Returns)
	return f
}

// returnedLits returns the function literals decl returns, directly or
// converted (return http.HandlerFunc(func…)).
func (in *Info) returnedLits(decl *ast.FuncDecl) []*ast.FuncLit {
	var out []*ast.FuncLit
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // a literal's returns are its own
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if lit := in.litOf(r); lit != nil {
					out = append(out, lit)
				}
			}
		}
		return true
	})
	return out
}

// litOf returns the function literal e is, possibly converted to a named
// func type.
func (in *Info) litOf(e ast.Expr) *ast.FuncLit {
	for range maxDepth {
		switch x := ast.Unparen(e).(type) {
		case *ast.FuncLit:
			return x
		case *ast.CallExpr:
			if tv, ok := in.pass.TypesInfo.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
				e = x.Args[0]
				continue
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

type funcScan struct {
	in       *Info
	obj      *types.Func
	params   map[*types.Var]int
	fact     *Fact
	name     string
	lits     map[ast.Node]Lit
	returned []*ast.FuncLit
}

// param returns the parameter e names, or -1.
func (sc *funcScan) param(e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return -1
	}
	v, ok := sc.in.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return -1
	}
	if i, ok := sc.params[v]; ok {
		return i
	}
	return -1
}

// use records that parameter p is called in region r.
func (sc *funcScan) use(p int, r region) {
	switch r.kind {
	case beforeReturn:
		sc.fact.Sync = append(sc.fact.Sync, p)
	case inReturned:
		sc.fact.Returns = append(sc.fact.Returns, p)
	case inHandler:
		sc.serve(Served{
			Param: p, Adapter: sc.name, Posn: posn(sc.in.pass.Fset, r.handler.Pos()),
			Framework: r.lit.Framework, Cancelled: r.lit.Cancelled,
		})
	}
}

func (sc *funcScan) serve(s Served) {
	for _, have := range sc.fact.Serves {
		if have.Param == s.Param {
			return
		}
	}
	sc.fact.Serves = append(sc.fact.Serves, s)
}

// walk visits n, a part of the function's body that runs in region r.
func (sc *funcScan) walk(n ast.Node, r region) {
	info := sc.in.pass.TypesInfo
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			sc.walk(n.Body, sc.litRegion(n, r))
			return false
		case *ast.GoStmt:
			// Started on a goroutine: not before the function returns.
			sc.walk(n.Call, region{kind: elsewhere})
			return false
		case *ast.CallExpr:
			if p := sc.param(n.Fun); p >= 0 || p == Receiver {
				sc.use(p, r)
			}
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				sc.walk(lit.Body, r) // invoked in place
				for _, a := range n.Args {
					sc.walk(a, r)
				}
				return false
			}
			callee := typeutil.StaticCallee(info, n)
			if callee == nil {
				return true
			}
			if sc.in.local[callee.Origin()] && !slices.Contains(sc.in.callees[sc.obj], callee.Origin()) {
				sc.in.callees[sc.obj] = append(sc.in.callees[sc.obj], callee.Origin())
			}
			f := sc.in.FactOf(callee)
			if f == nil {
				return true
			}
			for i, a := range n.Args {
				p := sc.param(a)
				if slices.Contains(f.Sync, i) {
					if p >= 0 {
						sc.use(p, r)
					} else if lit := sc.in.litOf(a); lit != nil {
						sc.walk(lit.Body, r) // run by the callee before it returns
						continue
					}
				}
				if p < 0 || r.kind != beforeReturn {
					continue
				}
				for _, s := range f.Serves {
					if s.Param == i {
						s.Param = p
						sc.serve(s)
					}
				}
				for _, s := range f.Stores {
					if s.Param == i {
						sc.fact.Stores = appendStore(sc.fact.Stores, Store{Param: p, Slot: s.Slot})
					}
				}
			}
			// Literal arguments not run before the callee returns are
			// visited by the FuncLit case.
			for i, a := range n.Args {
				if slices.Contains(f.Sync, i) && sc.in.litOf(a) != nil {
					continue // walked above
				}
				sc.walk(a, r)
			}
			sc.walk(n.Fun, r)
			return false
		case *ast.CompositeLit:
			if r.kind == beforeReturn {
				sc.in.fields(n, func(slot string, v ast.Expr) {
					if p := sc.param(v); p >= 0 {
						sc.fact.Stores = appendStore(sc.fact.Stores, Store{Param: p, Slot: slot})
					}
				})
			}
		case *ast.AssignStmt:
			if r.kind == beforeReturn && len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if slot := sc.in.fieldSlot(l); slot != "" {
						if p := sc.param(n.Rhs[i]); p >= 0 {
							sc.fact.Stores = appendStore(sc.fact.Stores, Store{Param: p, Slot: slot})
						}
					}
				}
			}
		}
		return true
	})
}

// litRegion is where the body of a literal met in region r runs.
func (sc *funcScan) litRegion(lit *ast.FuncLit, r region) region {
	if l, ok := sc.lits[lit]; ok {
		return region{kind: inHandler, handler: lit, lit: l}
	}
	if r.kind == beforeReturn && slices.Contains(sc.returned, lit) {
		return region{kind: inReturned}
	}
	return region{kind: elsewhere}
}

func appendStore(s []Store, st Store) []Store {
	if slices.Contains(s, st) {
		return s
	}
	return append(s, st)
}

func equal(a, b *Fact) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.Sync, b.Sync) && slices.Equal(a.Serves, b.Serves) &&
		slices.Equal(a.Returns, b.Returns) && slices.Equal(a.Stores, b.Stores)
}

func posn(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	if !p.IsValid() {
		return ""
	}
	name := p.Filename
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return fmt.Sprintf("%s:%d", name, p.Line)
}
