package locks

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/cfg"

	"github.com/blockcheck/blockcheck/analyzer/noreturn"
)

// blockState is the dataflow state of one CFG block.
type blockState struct {
	ops     [][]op    // lock operations of each node, in evaluation order
	onEdge  [2][]Lock // locks a TryLock condition ending the block takes on its true and false edges
	reached bool      // some path from the entry reaches the block
	dirty   bool      // in needs to be propagated
	in      []Lock    // must-held at entry; meaningful when reached
	before  [][]Lock  // must-held before each node, after solving
}

// nodeLoc locates one CFG node, for HeldAt.
type nodeLoc struct {
	pos, end token.Pos
	node     ast.Node
	block    int32
	index    int32
}

type posRange struct{ pos, end token.Pos }

// analyze is Analyze. In inverted mode (used by DetectWrapper) the state
// holds the locks released on every path instead of those held: releases
// add, acquisitions remove, and the pre-check looks for releases.
func analyze(info *types.Info, fn ast.Node, opts *Options, invert bool) *Func {
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil || info == nil {
		return nil
	}
	if opts == nil {
		opts = &Options{}
	}
	want := func(k opKind) bool { return k == opAcquire || k == opTry }
	if invert {
		want = func(k opKind) bool { return k == opRelease }
	}
	if !mentions(info, body, opts.Wrappers, want) {
		return nil
	}

	var g *cfg.CFG
	if opts.CFG != nil {
		g = opts.CFG(fn)
	}
	if g == nil {
		returns := opts.Returns
		if returns == nil {
			returns = noreturn.Std(info).Returns
		}
		g = cfg.New(body, returns)
	}
	f := &Func{body: body, blocks: make([]blockState, len(g.Blocks))}
	b := &builder{info: info, wrappers: opts.Wrappers, cls: newClassifier(info, fn), f: f, body: body}
	total := 0
	for _, blk := range g.Blocks {
		total += len(blk.Nodes)
	}
	perNode := make([][]op, total)
	for i, blk := range g.Blocks {
		bs := &f.blocks[i]
		bs.ops, perNode = perNode[:len(blk.Nodes):len(blk.Nodes)], perNode[len(blk.Nodes):]
		for j, n := range blk.Nodes {
			bs.ops[j] = b.nodeOps(n)
		}
		if len(blk.Succs) == 2 && len(blk.Nodes) > 0 && !invert {
			last := len(blk.Nodes) - 1
			if cond, ok := blk.Nodes[last].(ast.Expr); ok && hasTry(bs.ops[last]) && b.isCond(cond) {
				bs.onEdge[0] = condLocks(cond, true, bs.ops[last], nil)
				bs.onEdge[1] = condLocks(cond, false, bs.ops[last], nil)
			}
		}
	}
	solve(g, f.blocks, invert)
	for i, blk := range g.Blocks {
		if !f.blocks[i].reached {
			continue
		}
		for j, n := range blk.Nodes {
			f.nodes = append(f.nodes, nodeLoc{pos: n.Pos(), end: n.End(), node: n, block: int32(i), index: int32(j)})
		}
	}
	sort.SliceStable(f.nodes, func(i, j int) bool { return f.nodes[i].pos < f.nodes[j].pos })
	sort.Slice(f.lits, func(i, j int) bool { return f.lits[i].pos < f.lits[j].pos })
	for i, blk := range g.Blocks {
		if st := &f.blocks[i]; st.reached && blk.Return() != nil {
			last := len(blk.Nodes) - 1
			f.exits = append(f.exits, applyAll(st.before[last], st.ops[last], invert))
		}
	}
	return f
}

// solve computes the locks held on every path into each block: a forward
// problem, intersection at joins, iterated to a fixpoint. Blocks are
// visited in reverse postorder, so an acyclic function takes one pass.
func solve(g *cfg.CFG, bs []blockState, invert bool) {
	order := reversePostorder(g)
	bs[0].reached, bs[0].dirty = true, true
	for changed := true; changed; {
		changed = false
		for _, i := range order {
			st := &bs[i]
			if !st.dirty {
				continue
			}
			st.dirty, changed = false, true
			out := st.in
			for _, ops := range st.ops {
				out = applyAll(out, ops, invert)
			}
			for k, succ := range g.Blocks[i].Succs {
				edge := out
				for _, l := range st.onEdge[k] {
					edge = apply(edge, op{kind: opAcquire, lock: l}, false)
				}
				next := &bs[succ.Index]
				if !next.reached {
					next.reached, next.dirty, next.in = true, true, edge
					continue
				}
				if m := meet(next.in, edge); !slices.Equal(m, next.in) {
					next.in, next.dirty = m, true
				}
			}
		}
	}
	total := 0
	for i := range bs {
		if bs[i].reached {
			total += len(bs[i].ops)
		}
	}
	perNode := make([][]Lock, total)
	for i := range bs {
		st := &bs[i]
		if !st.reached {
			continue
		}
		st.before, perNode = perNode[:len(st.ops):len(st.ops)], perNode[len(st.ops):]
		s := st.in
		for j, ops := range st.ops {
			st.before[j] = s
			s = applyAll(s, ops, invert)
		}
	}
}

func reversePostorder(g *cfg.CFG) []int32 {
	seen := make([]bool, len(g.Blocks))
	post := make([]int32, 0, len(g.Blocks))
	type frame struct {
		b    *cfg.Block
		next int
	}
	stack := []frame{{b: g.Blocks[0]}}
	seen[0] = true
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next < len(top.b.Succs) {
			s := top.b.Succs[top.next]
			top.next++
			if !seen[s.Index] {
				seen[s.Index] = true
				stack = append(stack, frame{b: s})
			}
			continue
		}
		post = append(post, top.b.Index)
		stack = stack[:len(stack)-1]
	}
	slices.Reverse(post)
	return post
}

// applyAll applies the operations of one node, skipping TryLock, which
// acquires only on the true edge of a condition.
func applyAll(s []Lock, ops []op, invert bool) []Lock {
	for _, o := range ops {
		s = apply(s, o, invert)
	}
	return s
}

// apply returns the state after o. States are sorted by Key and never
// modified in place, so that they can be shared between nodes and blocks.
func apply(s []Lock, o op, invert bool) []Lock {
	kind := o.kind
	if invert {
		switch kind {
		case opAcquire:
			kind = opRelease
		case opRelease, opDefer:
			kind = opAcquire
		}
	}
	i, found := slices.BinarySearchFunc(s, o.lock.Key, func(l Lock, key string) int { return strings.Compare(l.Key, key) })
	switch kind {
	case opAcquire:
		if !found {
			return slices.Insert(slices.Clip(s), i, o.lock)
		}
	case opRelease:
		if found {
			return slices.Delete(slices.Clone(s), i, i+1)
		}
	case opDefer:
		if found && s[i].DeferredUnlock == token.NoPos {
			s = slices.Clone(s)
			s[i].DeferredUnlock = o.lock.Acquired
		}
	}
	return s
}

// meet intersects two states: a lock is held after a join only if it is
// held on both sides.
func meet(a, b []Lock) []Lock {
	var out []Lock
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i].Key, b[j].Key); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			l := a[i]
			l.Read = l.Read || b[j].Read
			l.Acquired = min(l.Acquired, b[j].Acquired)
			if l.DeferredUnlock == token.NoPos || b[j].DeferredUnlock == token.NoPos {
				l.DeferredUnlock = token.NoPos
			} else {
				l.DeferredUnlock = min(l.DeferredUnlock, b[j].DeferredUnlock)
			}
			out = append(out, l)
			i++
			j++
		}
	}
	if len(out) == len(a) && slices.Equal(out, a) {
		return a // keep sharing
	}
	return out
}

func hasTry(ops []op) bool {
	for _, o := range ops {
		if o.kind == opTry {
			return true
		}
	}
	return false
}

// condLocks returns the locks taken by TryLock calls that must have
// returned true when cond evaluates to want:
//
//	if mu.TryLock() {                // true edge
//	if !mu.TryLock() { return }      // false edge
//	if ready && mu.TryLock() {       // true edge
func condLocks(cond ast.Expr, want bool, ops []op, acc []Lock) []Lock {
	switch e := cond.(type) {
	case *ast.ParenExpr:
		return condLocks(e.X, want, ops, acc)
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return condLocks(e.X, !want, ops, acc)
		}
	case *ast.BinaryExpr:
		if (e.Op == token.LAND && want) || (e.Op == token.LOR && !want) {
			acc = condLocks(e.X, want, ops, acc)
			return condLocks(e.Y, want, ops, acc)
		}
	case *ast.CallExpr:
		if !want {
			break
		}
		for _, o := range ops {
			if o.kind == opTry && o.lock.Acquired == e.Pos() && o.end == e.End() {
				return append(acc, o.lock)
			}
		}
	}
	return acc
}
