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
//
// The package is the fact and its propagation. It finds the catalogued
// calls itself; everything else (channel waits, locks held across slow
// calls, endless loops, clients with no timeout) comes from the Detectors
// the analyzer hands to Build, which also say how their reasons cross a
// call.
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
	"github.com/blockcheck/blockcheck/analyzer/slots"
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
	// Detectors find what the catalogue does not list.
	Detectors []Detector
	// Slots says which arguments callees run before they return and
	// what the package binds to struct fields (package slots). May be
	// nil: then callbacks and field calls are not followed.
	Slots *slots.Info
}

// Summary holds the per-function results for one package.
type Summary struct {
	pass      *analysis.Pass
	cfg       Config
	detectors []Detector
	funcs     []*Func
	byNode    map[ast.Node]*Func
	byObj     map[*types.Func]*Func
	reasons   map[*types.Func]map[catalog.Kind]Reason
	facts     map[*types.Func][]Reason // imported, stripped of positions
	callers   map[*types.Func][]edge   // calls between functions of the package

	open          map[*types.Func][]Open // open.go
	importedOpens map[*types.Func][]Open
}

// Build scans files and computes the summaries of their functions.
func Build(pass *analysis.Pass, files []*ast.File, cfg Config) *Summary {
	if cfg.NoReturn == nil {
		cfg.NoReturn = noreturn.Std(pass.TypesInfo)
	}
	if cfg.Ignored == nil {
		cfg.Ignored = func(token.Pos, catalog.Kind) bool { return false }
	}
	sc := &scanner{info: pass.TypesInfo, cat: cfg.Catalog, byNode: make(map[ast.Node]*Func), slots: cfg.Slots,
		pkg: pass.Pkg, files: files, names: make(map[*types.Func]string)}
	sc.scan = &Scan{Pass: pass, Catalog: cfg.Catalog, NoReturn: cfg.NoReturn, sc: sc}
	for _, d := range cfg.Detectors {
		if d.Node != nil {
			sc.nodeHooks = append(sc.nodeHooks, d.Node)
		}
		if d.Call != nil {
			sc.callHooks = append(sc.callHooks, d.Call)
		}
	}
	for _, f := range files {
		sc.file(f)
	}
	for _, d := range cfg.Detectors {
		if d.Scanned != nil {
			for _, fn := range sc.funcs {
				d.Scanned(fn)
			}
		}
	}
	s := &Summary{
		pass:      pass,
		cfg:       cfg,
		detectors: cfg.Detectors,
		funcs:     sc.funcs,
		byNode:    sc.byNode,
		byObj:     make(map[*types.Func]*Func),
		reasons:   make(map[*types.Func]map[catalog.Kind]Reason),
		facts:     make(map[*types.Func][]Reason),
		callers:   make(map[*types.Func][]edge),

		importedOpens: make(map[*types.Func][]Open),
	}
	for _, fn := range s.funcs {
		if fn.Obj != nil {
			s.byObj[fn.Obj] = fn
		}
	}
	for _, fn := range s.funcs {
		if fn.Obj == nil {
			continue // literals cannot be called by name
		}
		for _, c := range fn.Calls {
			if s.Local(c.Callee) {
				s.callers[c.Callee] = append(s.callers[c.Callee], edge{fn, c.Call})
			}
		}
	}
	s.opens()
	s.propagate()
	for _, d := range cfg.Detectors {
		if d.Propagated != nil {
			d.Propagated(s)
		}
	}
	return s
}

// Pass returns the pass the summary was built for.
func (s *Summary) Pass() *analysis.Pass { return s.pass }

// Catalog returns the catalogue the summary was built with.
func (s *Summary) Catalog() *catalog.Catalog { return s.cfg.Catalog }

// NoReturn returns the oracle of calls that do not return.
func (s *Summary) NoReturn() *noreturn.Oracle { return s.cfg.NoReturn }

// Ignored reports whether a directive silences operations of kind k at pos.
func (s *Summary) Ignored(pos token.Pos, k catalog.Kind) bool { return s.cfg.Ignored(pos, k) }

// Func returns the summary of the body of a *ast.FuncDecl or *ast.FuncLit.
func (s *Summary) Func(n ast.Node) *Func { return s.byNode[n] }

// Funcs returns every function body of the package, in source order.
func (s *Summary) Funcs() []*Func { return s.funcs }

// Local reports whether fn is a function of the package, summarized here.
func (s *Summary) Local(fn *types.Func) bool {
	_, ok := s.byObj[fn]
	return ok
}

// ReasonsAt returns why the call c made by fn may block, as reports see
// it: the callee's reasons, less those a Reported detector says do not
// reach fn through c (a wait on a channel fn made and passes, joining its
// own work).
func (s *Summary) ReasonsAt(fn *Func, c Call) []Reason {
	var rs []Reason
	for _, r := range s.Reasons(c.Callee) {
		if d := s.across(r.Kind); d != nil && d.Reported && d.Across != nil {
			var ok bool
			if r, ok = d.Across(s, fn, c.Callee, c.Call, r); !ok {
				continue
			}
		}
		rs = append(rs, r)
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
		if len(fact.Open) > 0 {
			opens := make([]Open, len(fact.Open))
			for i, o := range fact.Open {
				o.Steps = slices.Clone(o.Steps)
				for j := range o.Steps {
					o.Steps[j].pos = token.NoPos
				}
				o.pos = token.NoPos
				opens[i] = o
			}
			s.importedOpens[fn] = opens
			rs = shortest(rs, s.resolvedOpens(opens))
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
		// Context-aware round trips (Slow) are exported too: a lock held
		// in another package across a call that queries with a context
		// still serializes that package's requests (lockheld), and an
		// event-loop callback still stalls on it.
		rs := sortedReasons(s.reasons[fn.Obj])
		if len(rs) > 0 || len(s.open[fn.Obj]) > 0 {
			s.pass.ExportObjectFact(fn.Obj, &BlockingFact{Reasons: rs, Open: s.open[fn.Obj]})
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
// start at their fact's depth). Reasons of a Later detector's kinds are
// left to that detector.
func (s *Summary) propagate() {
	s.Propagate(func(offer func(*types.Func, Reason)) {
		for _, fn := range s.funcs {
			if fn.Obj == nil {
				continue // literals cannot be called by name
			}
			for _, sites := range [][]Site{fn.Sites, fn.Unbounded} {
				for _, site := range sites {
					if !s.Ignored(site.Node.Pos(), site.Kind) {
						offer(fn.Obj, s.SiteReason(fn, site))
					}
				}
			}
			for _, c := range fn.Calls {
				if s.Local(c.Callee) {
					continue
				}
				for _, r := range s.Reasons(c.Callee) {
					if s.later(r.Kind) {
						continue
					}
					if up, ok := s.through(fn, c.Callee, c.Call, r); ok {
						offer(fn.Obj, up)
					}
				}
			}
		}
	}, s.through)
}

// through returns a callee's reason r as caller sees it at call: one step
// longer, and as its kind's detector carries it; false when it does not
// reach caller (a directive there silences it, or the detector says so).
func (s *Summary) through(caller *Func, callee *types.Func, call *ast.CallExpr, r Reason) (Reason, bool) {
	if s.Ignored(call.Pos(), r.Kind) {
		return Reason{}, false
	}
	if d := s.across(r.Kind); d != nil && d.Across != nil {
		var ok bool
		if r, ok = d.Across(s, caller, callee, call, r); !ok {
			return Reason{}, false
		}
	}
	return r.Prepend(s.Step(caller, call.Pos())), true
}

// Propagate offers the reasons seed gives and carries them to callers
// within the package, breadth-first: a reason offered at depth d reaches
// the callers of its function at depth d+1, unless a shorter one of its
// kind got there first. through returns a callee's reason as its caller
// sees it across one call, with the chain one step longer, or false when
// it does not reach the caller.
func (s *Summary) Propagate(seed func(offer func(fn *types.Func, r Reason)),
	through func(caller *Func, callee *types.Func, call *ast.CallExpr, r Reason) (Reason, bool)) {
	f := &flow{s: s, buckets: make(map[int][]item)}
	seed(f.offer)
	f.run(through)
}

// flow is one breadth-first propagation of reasons to callers.
type flow struct {
	s        *Summary
	buckets  map[int][]item
	maxDepth int
}

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

// run propagates the offered reasons through the package's call edges.
func (f *flow) run(through func(caller *Func, callee *types.Func, call *ast.CallExpr, r Reason) (Reason, bool)) {
	for d := 1; d <= f.maxDepth; d++ {
		for _, it := range f.buckets[d] {
			r := f.s.reasons[it.fn][it.kind]
			if r.Depth != d {
				continue // superseded by a shorter chain
			}
			for _, e := range f.s.callers[it.fn] {
				if up, ok := through(e.caller, it.fn, e.call, r); ok {
					f.offer(e.caller.Obj, up)
				}
			}
		}
		delete(f.buckets, d)
	}
}

// SiteReason is the reason a site of fn gives fn.
func (s *Summary) SiteReason(fn *Func, site Site) Reason {
	r := Reason{
		Kind:     site.Kind,
		Op:       site.Op,
		Func:     site.Func(),
		Steps:    []Step{s.Step(fn, site.Node.Pos())},
		Depth:    1,
		CtxParam: site.CtxParam,
	}
	r.Holder, r.HolderParam = site.Holder, site.HolderParam
	return r
}

// Step describes a call or operation at pos inside fn.
func (s *Summary) Step(fn *Func, pos token.Pos) Step {
	obj := fn.Obj
	st := Step{Posn: Posn(s.pass.Fset, pos), pos: pos}
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

// shortest merges more into rs, keeping the shortest reason per kind, in
// kind order.
func shortest(rs, more []Reason) []Reason {
	if len(more) == 0 {
		return rs
	}
	byKind := make(map[catalog.Kind]Reason, len(rs)+len(more))
	for _, r := range append(rs, more...) {
		if cur, ok := byKind[r.Kind]; !ok || r.Depth < cur.Depth {
			byKind[r.Kind] = r
		}
	}
	return sortedReasons(byKind)
}
