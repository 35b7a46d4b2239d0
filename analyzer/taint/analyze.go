package taint

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/cfg"

	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/noreturn"
)

// Kind is the kind of finding a summary records.
type Kind int

const (
	// Loop is a loop that runs as many times as a value says.
	Loop Kind = iota
	// Alloc is an allocation sized by a value.
	Alloc
	// BodyRead is a read of an unlimited request body.
	BodyRead
)

// Config holds what an Analyzer needs beyond the package.
type Config struct {
	// MaxBody is the body size, in bytes, beyond which a multipart parse's
	// memory is reported (RequestRead.Memory).
	MaxBody int64
	// Ignored reports whether a directive silences findings of kind k at
	// pos; they then do not reach callers either. May be nil.
	Ignored func(pos token.Pos, k Kind) bool
	// Skip reports whether the loops, allocations and reads of fn are
	// someone else's to report when it is called: another handler, called
	// with the request. It is asked only about functions that have some.
	// May be nil.
	Skip func(fn *types.Func) bool
	// OwnLit reports whether a function literal in a body is analyzed on
	// its own (a handler literal), not as part of the body. May be nil.
	OwnLit func(lit *ast.FuncLit) bool
	// Returns reports whether a call may return to its caller (a
	// noreturn.Oracle's Returns). May be nil: then the standard library's
	// calls that do not return and panic are known (noreturn.Std).
	Returns func(*ast.CallExpr) bool
}

// Analyzer computes summaries for the functions of one package, on demand
// and once each.
type Analyzer struct {
	fset  *token.FileSet
	pkg   *types.Package
	info  *types.Info
	files []*ast.File
	cfg   Config

	decls   map[*types.Func]*ast.FuncDecl // built on first need
	sums    map[ast.Node]*Summary
	busy    map[ast.Node]bool
	origins map[originKey]*Origin
	tables  *index
}

type originKey struct {
	node ast.Node
	via  *Origin
}

// New returns an Analyzer for the package.
func New(fset *token.FileSet, pkg *types.Package, info *types.Info, files []*ast.File, cfg Config) *Analyzer {
	if cfg.Ignored == nil {
		cfg.Ignored = func(token.Pos, Kind) bool { return false }
	}
	if cfg.Returns == nil {
		cfg.Returns = noreturn.Std(info).Returns
	}
	if cfg.Skip == nil {
		cfg.Skip = func(*types.Func) bool { return false }
	}
	if cfg.OwnLit == nil {
		cfg.OwnLit = func(*ast.FuncLit) bool { return false }
	}
	return &Analyzer{
		fset: fset, pkg: pkg, info: info, files: files, cfg: cfg,
		sums:    make(map[ast.Node]*Summary),
		busy:    make(map[ast.Node]bool),
		origins: make(map[originKey]*Origin),
		tables:  defaultIndex(),
	}
}

// Summary is what a function does with request input.
type Summary struct {
	// Results are the values of the function's results.
	Results []Val
	// Fills are, per parameter, the value the function stores where the
	// parameter points (a helper that decodes the body into its argument).
	Fills []Val
	// Limits are the request bodies, reached from parameters, that the
	// function wraps in a limit on every path to its end.
	Limits []ParamBody
	// Sinks are the loops and allocations sized by input, known or
	// through parameters, made by the function or the functions it calls.
	Sinks []Sink
	// Reads are the reads of an unlimited request body made by the
	// function or the functions it calls.
	Reads []Read
	// Checks are the parameters that are bounded whenever the function
	// reports success (returns true, or a nil error last): a caller that
	// goes on only then has them bounded.
	Checks []int

	name string // the function, as steps name it
}

// ParamBody is the body of the request reached from a parameter: Param,
// then Suffix (".Request" for gin's c.Request).
type ParamBody struct {
	Param  int
	Suffix string
}

// Step is one function of the chain from a call to a finding below it.
type Step struct {
	// Func is the function the next call or the finding is made in:
	// "makeCoupons", "Server.page".
	Func string
	Pos  token.Pos
}

// Sink is a loop or an allocation sized by input.
type Sink struct {
	Kind Kind
	// At is where the summarized function makes it: the loop or the
	// allocation, or the call that leads to it.
	At ast.Node
	// Op names the sink: "make([]string, n)", "strings.Repeat", "for loop".
	Op string
	// Expr is the size as written at At: the loop bound, the argument
	// passed to the helper that loops.
	Expr string
	// Bound is what the size is.
	Bound Val
	// Via is the chain below At, empty when At is the sink itself.
	Via []Step
}

// Read is a read of an unlimited request body.
type Read struct {
	// Body is the body read, as the summarized function names it; Param
	// says which parameter it is reached from, -1 if none.
	Body  BodyKey
	Param ParamBody
	At    ast.Node
	// Op is the read as written where it is made: "io.ReadAll(r.Body)".
	Op string
	// What completes "io.ReadAll(r.Body) …".
	What string
	Via  []Step
}

// MaxSteps bounds the chains kept in summaries.
const MaxSteps = 8

// Func returns the summary of a function declaration or literal.
func (a *Analyzer) Func(fn ast.Node) *Summary {
	if s, ok := a.sums[fn]; ok {
		return s
	}
	if a.busy[fn] {
		// Recursion: the call in the cycle is taken to do nothing.
		return &Summary{}
	}
	a.busy[fn] = true
	s := a.analyze(fn, nil, nil)
	delete(a.busy, fn)
	a.sums[fn] = s
	return s
}

// decl returns the declaration of an in-package function, or nil.
func (a *Analyzer) decl(fn *types.Func) *ast.FuncDecl {
	if fn.Pkg() != a.pkg {
		return nil
	}
	if a.decls == nil {
		a.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range a.files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := a.info.Defs[fd.Name].(*types.Func); ok {
						a.decls[obj] = fd
					}
				}
			}
		}
	}
	return a.decls[fn.Origin()]
}

// flow is the analysis of one function body.
type flow struct {
	a      *Analyzer
	node   ast.Node
	body   *ast.BlockStmt
	name   string
	params []*types.Var
	named  []*types.Var // named results, nil for unnamed ones
	sum    *Summary
	parent *flow // for a literal analyzed as part of the function around it

	record bool // the final pass: record the findings
	quiet  bool // evaluating again what was evaluated: change and record nothing

	forCond  map[ast.Expr]*ast.ForStmt
	rangeX   map[ast.Expr]*ast.RangeStmt
	rangeKey map[ast.Expr]*ast.RangeStmt
	rangeVal map[ast.Expr]*ast.RangeStmt
	caseVals map[ast.Expr]bool
	lastX    map[*ast.RangeStmt]Val
	ivs      map[ast.Stmt]map[*types.Var]bool
	exits    []*state // states at returns and at the end, in the final pass
	alias    map[types.Object]BodyKey
	lastCall map[*types.Var]*ast.CallExpr // err := call, the last seen

	lastResult types.Type // the type of the last result, if any
	okPaths    int        // returns that report success; -1: a return not judged
	okBounded  uint64     // parameters bounded on all of them
}

// analyze runs the dataflow over fn's body. For a literal analyzed as part
// of the function around it, parent is that function's flow and init the
// state where the literal is written.
func (a *Analyzer) analyze(fn ast.Node, parent *flow, init *state) *Summary {
	f := &flow{a: a, node: fn, parent: parent, sum: &Summary{}}
	var sig *types.Signature
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		f.body = fn.Body
		if obj, ok := a.info.Defs[fn.Name].(*types.Func); ok {
			sig = obj.Signature()
			f.name = astutil.FuncName(obj)
			if recv := sig.Recv(); recv != nil {
				f.params = append(f.params, recv)
			}
		}
	case *ast.FuncLit:
		f.body = fn.Body
		sig, _ = a.info.TypeOf(fn).(*types.Signature)
		f.name = "func literal"
		if parent != nil {
			f.name = parent.name
		}
	}
	if f.body == nil || sig == nil {
		return f.sum
	}
	for i := range sig.Params().Len() {
		f.params = append(f.params, sig.Params().At(i))
	}
	if n := sig.Results().Len(); n > 0 {
		f.lastResult = sig.Results().At(n - 1).Type()
	}
	for i := range sig.Results().Len() {
		r := sig.Results().At(i)
		if r.Name() == "" || r.Name() == "_" {
			r = nil
		}
		f.named = append(f.named, r)
	}
	f.sum.name = f.name
	f.sum.Results = make([]Val, sig.Results().Len())
	f.sum.Fills = make([]Val, len(f.params))
	f.index()

	if init == nil {
		init = newState()
		for i, p := range f.params {
			if i < 64 {
				init.set(p, Val{Params: 1 << i})
			}
		}
	}
	g := cfg.New(f.body, a.cfg.Returns)
	in := f.solve(g, init)
	f.record = true
	for i, b := range g.Blocks {
		if in[i] != nil {
			f.block(b, in[i].clone())
		}
	}
	f.finish()
	return f.sum
}

// solve computes the state at the entry of each block: blocks whose entry
// state changed are run again, in block order, until none does.
func (f *flow) solve(g *cfg.CFG, init *state) []*state {
	in := make([]*state, len(g.Blocks))
	if len(g.Blocks) == 0 {
		return in
	}
	in[0] = init
	dirty := make([]bool, len(g.Blocks))
	dirty[0] = true
	for rounds := 0; rounds < 100; rounds++ { // the lattice is finite; this only guards against a bug
		changed := false
		for i, b := range g.Blocks {
			if !dirty[i] {
				continue
			}
			dirty[i] = false
			for _, e := range f.block(b, in[i].clone()) {
				j := e.to.Index
				if in[j] == nil {
					in[j], dirty[j], changed = e.st, true, true
				} else if in[j].joinFrom(e.st) {
					dirty[j], changed = true, true
				}
			}
		}
		if !changed {
			break
		}
	}
	return in
}

type edge struct {
	to *cfg.Block
	st *state
}

// block runs the nodes of b from st and returns the states on its
// outgoing edges, refined by the condition that ends it, if any.
func (f *flow) block(b *cfg.Block, st *state) []edge {
	for _, n := range b.Nodes {
		f.node1(n, st)
	}
	if len(b.Succs) == 0 {
		if f.record && f.returns(b) {
			f.exits = append(f.exits, st)
		}
		return nil
	}
	if len(b.Succs) == 2 && len(b.Nodes) > 0 {
		// The condition of a for loop is not a bound: after the loop,
		// n <= i says nothing of n when i counted up to it.
		if cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr); ok && !f.caseVals[cond] && f.forCond[cond] == nil && isBool(f.a.info, cond) {
			t, e := st.clone(), st
			f.refine(cond, t, true)
			f.refine(cond, e, false)
			return []edge{{b.Succs[0], t}, {b.Succs[1], e}}
		}
	}
	out := make([]edge, len(b.Succs))
	for i, s := range b.Succs {
		st2 := st
		if i > 0 {
			st2 = st.clone()
		}
		out[i] = edge{s, st2}
	}
	return out
}

// returns reports whether the block with no successors b ends the
// function normally: a return, or the end of the body; not a panic.
func (f *flow) returns(b *cfg.Block) bool {
	if len(b.Nodes) == 0 {
		return b.Live
	}
	if es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt); ok {
		if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && !f.a.cfg.Returns(call) {
			return false
		}
	}
	return true
}

// index finds the nodes the CFG adds for loops, ranges and switches.
func (f *flow) index() {
	// Most bodies have few loops and switches: the maps are made on
	// first need (reading a nil map is fine).
	put := func(m *map[ast.Expr]*ast.RangeStmt, e ast.Expr, rs *ast.RangeStmt) {
		if *m == nil {
			*m = make(map[ast.Expr]*ast.RangeStmt)
		}
		(*m)[e] = rs
	}
	ast.Inspect(f.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			f.alias1(n)
		case *ast.ForStmt:
			if n.Cond != nil {
				if f.forCond == nil {
					f.forCond = make(map[ast.Expr]*ast.ForStmt)
				}
				f.forCond[n.Cond] = n
			}
		case *ast.RangeStmt:
			put(&f.rangeX, n.X, n)
			if n.Key != nil {
				put(&f.rangeKey, n.Key, n)
			}
			if n.Value != nil {
				put(&f.rangeVal, n.Value, n)
			}
			if f.lastX == nil {
				f.lastX = make(map[*ast.RangeStmt]Val)
			}
		case *ast.SwitchStmt:
			if n.Tag != nil {
				if f.caseVals == nil {
					f.caseVals = make(map[ast.Expr]bool)
				}
				for _, cl := range n.Body.List {
					for _, e := range cl.(*ast.CaseClause).List {
						f.caseVals[e] = true
					}
				}
			}
		}
		return true
	})
}

// finish completes the summary after the final pass: the bodies limited
// on every path to the end.
func (f *flow) finish() {
	if f.parent != nil {
		return
	}
	if f.okPaths > 0 {
		f.sum.Checks = params(f.okBounded)
	}
	if len(f.exits) == 0 {
		return
	}
	for _, k := range f.exits[0].limited {
		p, ok := f.paramBody(k)
		if !ok {
			continue
		}
		all := true
		for _, st := range f.exits[1:] {
			all = all && st.isLimited(k)
		}
		if all {
			f.sum.Limits = append(f.sum.Limits, p)
		}
	}
	sortLimits(f.sum.Limits)
}

// paramBody says which parameter body k is reached from.
func (f *flow) paramBody(k BodyKey) (ParamBody, bool) {
	root := f
	for root.parent != nil {
		root = root.parent
	}
	for i, p := range root.params {
		if p == k.Root {
			return ParamBody{Param: i, Suffix: strings.TrimPrefix(k.Path, p.Name())}, true
		}
	}
	return ParamBody{Param: -1}, false
}

func isBool(info *types.Info, e ast.Expr) bool {
	t := info.TypeOf(e)
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}
