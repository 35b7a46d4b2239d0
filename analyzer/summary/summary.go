// Package summary computes, for every function of a package, whether it may
// block and why, and exports the answer as a BlockingFact so that callers in
// other packages see it (the analysis "modular facts" model: each package is
// analyzed once, bottom-up, with no whole-program call graph).
//
// Within a package the summaries are a shortest-path problem: a function's
// chain to an operation of kind K is one call longer than its callee's.
// Build solves it breadth-first from the operations, so every function gets
// its shortest chain per kind, recursion terminates, and the result does
// not depend on map iteration order.
package summary

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/noreturn"
)

// Config holds what Build needs beyond the pass.
type Config struct {
	Catalog *catalog.Catalog
	// Ignored reports whether a //blockcheck:ignore directive at pos
	// silences operations of kind k there, so they do not travel to
	// callers either. May be nil.
	Ignored func(pos token.Pos, k catalog.Kind) bool
	// NoReturn says which calls do not return. May be nil: then only
	// the standard library's are known.
	NoReturn *noreturn.Oracle
}

// Summary holds the per-function results for one package.
type Summary struct {
	pass    *analysis.Pass
	funcs   []*Func
	byNode  map[ast.Node]*Func
	byObj   map[*types.Func]*Func
	reasons map[*types.Func]map[catalog.Kind]Reason
	facts   map[*types.Func][]Reason // imported, stripped of positions
	callers map[*types.Func][]edge   // calls between functions of the package

	lockSites map[*Func][]LockSite // see lockheld.go
}

// Build scans files and computes the summaries of their functions.
func Build(pass *analysis.Pass, files []*ast.File, cfg Config) *Summary {
	if cfg.NoReturn == nil {
		cfg.NoReturn = noreturn.Std(pass.TypesInfo)
	}
	sc := &scanner{info: pass.TypesInfo, cat: cfg.Catalog, noReturn: cfg.NoReturn, byNode: make(map[ast.Node]*Func),
		u: unboundedScan{fset: pass.Fset, pkg: pass.Pkg, files: files}}
	for _, f := range files {
		sc.file(f)
	}
	for _, fn := range sc.funcs {
		dropReleases(fn)
	}
	s := &Summary{
		pass:    pass,
		funcs:   sc.funcs,
		byNode:  sc.byNode,
		byObj:   make(map[*types.Func]*Func),
		reasons: make(map[*types.Func]map[catalog.Kind]Reason),
		facts:   make(map[*types.Func][]Reason),
	}
	for _, fn := range s.funcs {
		if fn.Obj != nil {
			s.byObj[fn.Obj] = fn
		}
	}
	ignored := cfg.Ignored
	if ignored == nil {
		ignored = func(token.Pos, catalog.Kind) bool { return false }
	}
	s.propagate(ignored)
	s.serialize(cfg.Catalog, cfg.NoReturn, ignored) // lockheld.go
	return s
}

// Func returns the summary of the body of a *ast.FuncDecl or *ast.FuncLit.
func (s *Summary) Func(n ast.Node) *Func { return s.byNode[n] }

// Funcs returns every function body of the package, in source order.
func (s *Summary) Funcs() []*Func { return s.funcs }

// ReasonsAt returns why the call c made by fn may block: the callee's
// reasons, less the waits on a channel or WaitGroup that fn itself made
// and passes to it (joining its own work).
func (s *Summary) ReasonsAt(fn *Func, c Call) []Reason {
	var rs []Reason
	for _, r := range s.Reasons(c.Callee) {
		if r.Kind != catalog.Wait {
			rs = append(rs, r)
			continue
		}
		if r, ok := s.waitAcross(fn, c.Callee, c.Call, r); ok {
			rs = append(rs, r)
		}
	}
	return rs
}

// Reasons returns why calling fn may block: from this package's summaries,
// or from the fact its own package exported. The result is sorted by kind.
func (s *Summary) Reasons(fn *types.Func) []Reason {
	fn = fn.Origin()
	if _, ok := s.byObj[fn]; ok {
		return sortedReasons(s.reasons[fn])
	}
	if rs, ok := s.facts[fn]; ok {
		return rs
	}
	var rs []Reason
	var fact BlockingFact
	if fn.Pkg() != nil && fn.Pkg() != s.pass.Pkg && s.pass.ImportObjectFact(fn, &fact) {
		// In-process drivers hand over the exporter's values as they are;
		// drop positions so that every driver reports the same thing.
		rs = make([]Reason, len(fact.Reasons))
		for i, r := range fact.Reasons {
			r.Steps = slices.Clone(r.Steps)
			for j := range r.Steps {
				r.Steps[j].pos = token.NoPos
			}
			r.lockPos = token.NoPos
			rs[i] = r
		}
	}
	s.facts[fn] = rs
	return rs
}

// Export exports a BlockingFact for every function of the package that may
// block.
func (s *Summary) Export() {
	for _, fn := range s.funcs {
		if fn.Obj == nil {
			continue
		}
		rs := slices.DeleteFunc(sortedReasons(s.reasons[fn.Obj]), func(r Reason) bool {
			// Context-aware round trips stay inside the package: they
			// matter only under a lock, and a fact for every function
			// that queries a database would cost more than it tells.
			return r.Kind == catalog.Slow
		})
		if len(rs) > 0 {
			s.pass.ExportObjectFact(fn.Obj, &BlockingFact{Reasons: rs})
		}
	}
}

type edge struct {
	caller *Func
	call   *ast.CallExpr
}

type item struct {
	fn   *types.Func
	kind catalog.Kind
}

// propagate computes the shortest chain per function and kind, breadth-first
// from the operations (and from callees in other packages, whose chains
// start at their fact's depth). Serial reasons are left to serialize.
func (s *Summary) propagate(ignored func(token.Pos, catalog.Kind) bool) {
	s.callers = make(map[*types.Func][]edge)
	f := s.newFlow()
	for _, fn := range s.funcs {
		if fn.Obj == nil {
			continue // literals cannot be called by name
		}
		for _, site := range fn.Sites {
			if ignored(site.Node.Pos(), site.Kind) {
				continue
			}
			r := s.siteReason(fn, site)
			if site.Shared != nil {
				r.Holder, r.HolderParam = waitHolder(s.pass.TypesInfo, fn, site.Shared)
			}
			f.offer(fn.Obj, r)
		}
		for _, site := range fn.Unbounded {
			if !ignored(site.Node.Pos(), site.Kind) {
				f.offer(fn.Obj, s.unboundedReason(fn, site))
			}
		}
		for _, c := range fn.Calls {
			if _, local := s.byObj[c.Callee]; local {
				s.callers[c.Callee] = append(s.callers[c.Callee], edge{fn, c.Call})
				continue
			}
			for _, r := range s.Reasons(c.Callee) {
				if r.Kind == catalog.Serial || ignored(c.Call.Pos(), r.Kind) {
					continue
				}
				if r, ok := s.waitAcross(fn, c.Callee, c.Call, r); ok {
					f.offer(fn.Obj, r.prepend(s.step(fn, c.Call.Pos())))
				}
			}
		}
	}
	f.run(func(callee *types.Func, e edge, r Reason) (Reason, bool) {
		if ignored(e.call.Pos(), r.Kind) {
			return Reason{}, false
		}
		r, ok := s.waitAcross(e.caller, callee, e.call, r)
		if !ok {
			return Reason{}, false
		}
		return r.prepend(s.step(e.caller, e.call.Pos())), true
	})
}

// flow is one breadth-first propagation of reasons to callers: a reason
// offered at depth d reaches the callers of its function at depth d+1,
// unless a shorter one of its kind got there first.
type flow struct {
	s        *Summary
	buckets  map[int][]item
	maxDepth int
}

func (s *Summary) newFlow() *flow { return &flow{s: s, buckets: make(map[int][]item)} }

func (f *flow) offer(fn *types.Func, r Reason) {
	byKind := f.s.reasons[fn]
	if byKind == nil {
		byKind = make(map[catalog.Kind]Reason)
		f.s.reasons[fn] = byKind
	}
	if cur, ok := byKind[r.Kind]; ok && cur.Depth <= r.Depth {
		return
	}
	byKind[r.Kind] = r
	f.buckets[r.Depth] = append(f.buckets[r.Depth], item{fn, r.Kind})
	f.maxDepth = max(f.maxDepth, r.Depth)
}

// run propagates the offered reasons through the package's call edges;
// through returns a callee's reason as its caller sees it across edge e,
// or false when it does not reach the caller.
func (f *flow) run(through func(callee *types.Func, e edge, r Reason) (Reason, bool)) {
	for d := 1; d <= f.maxDepth; d++ {
		for _, it := range f.buckets[d] {
			r := f.s.reasons[it.fn][it.kind]
			if r.Depth != d {
				continue // superseded by a shorter chain
			}
			for _, e := range f.s.callers[it.fn] {
				if up, ok := through(it.fn, e, r); ok {
					f.offer(e.caller.Obj, up)
				}
			}
		}
		delete(f.buckets, d)
	}
}

// step describes a call or operation at pos inside fn.
func (s *Summary) step(fn *Func, pos token.Pos) Step {
	obj := fn.Obj
	st := Step{Posn: posn(s.pass.Fset, pos), pos: pos}
	if obj == nil {
		return st
	}
	st.PkgPath, st.PkgName = obj.Pkg().Path(), obj.Pkg().Name()
	st.Func = astutil.FuncName(obj)
	st.Method = obj.Signature().Recv() != nil
	return st
}

func sortedReasons(byKind map[catalog.Kind]Reason) []Reason {
	if len(byKind) == 0 {
		return nil
	}
	rs := make([]Reason, 0, len(byKind))
	for _, k := range catalog.Kinds {
		if r, ok := byKind[k]; ok {
			rs = append(rs, r)
		}
	}
	return rs
}
