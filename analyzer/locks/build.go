package locks

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
)

// builder collects the lock operations of each CFG node.
type builder struct {
	info     *types.Info
	wrappers func(*types.Func) (Wrapper, bool)
	cls      *classifier
	f        *Func
	body     *ast.BlockStmt
	conds    map[ast.Expr]bool // boolean conditions of the body; built on first need
	scratch  []op              // operations of the node being visited
}

// nodeOps returns the lock operations that executing n performs, in
// evaluation order (a call's arguments before the call).
func (b *builder) nodeOps(n ast.Node) []op {
	b.scratch = b.scratch[:0]
	ast.Walk(b, n)
	if len(b.scratch) == 0 {
		return nil
	}
	ops := slices.Clone(b.scratch)
	if len(ops) > 1 {
		// Inner calls end first: f(g()) runs g, then f.
		sort.SliceStable(ops, func(i, j int) bool { return ops[i].end < ops[j].end })
	}
	return ops
}

// Visit implements ast.Visitor for nodeOps. Function literals are other
// functions: their bodies are skipped (and remembered, so that HeldAt says
// nothing about them). The call of a go statement runs elsewhere; the call
// of a defer statement runs at return, and only a deferred unlock matters.
// Their arguments are evaluated here.
func (b *builder) Visit(n ast.Node) ast.Visitor {
	switch n := n.(type) {
	case *ast.FuncLit:
		b.f.lits = append(b.f.lits, posRange{n.Pos(), n.End()})
		return nil
	case *ast.GoStmt:
		b.walkCallParts(n.Call)
		return nil
	case *ast.DeferStmt:
		b.scratch = append(b.scratch, b.deferred(n.Call)...)
		b.walkCallParts(n.Call)
		return nil
	case *ast.CallExpr:
		if o, ok := b.op(n); ok {
			b.scratch = append(b.scratch, o)
		}
	}
	return b
}

// walkCallParts visits what a go or defer statement evaluates at once: the
// function value and the arguments, not the call.
func (b *builder) walkCallParts(call *ast.CallExpr) {
	ast.Walk(b, call.Fun)
	for _, a := range call.Args {
		ast.Walk(b, a)
	}
}

// op recognizes call as a lock operation and classifies its lock.
func (b *builder) op(call *ast.CallExpr) (op, bool) {
	o, p, ok := lockOp(b.info, call, b.wrappers)
	if !ok {
		return op{}, false
	}
	o.lock.Scope, o.lock.Obj, o.lock.PerKey = b.cls.classify(p)
	return o, true
}

// deferred returns the unlocks that a deferred call performs when the
// function returns:
//
//	defer s.mu.Unlock()
//	defer func() { ...; s.mu.Unlock() }()
//
// In a deferred function literal only unlocks at the top level of its body
// count: they run on every path through it.
func (b *builder) deferred(call *ast.CallExpr) []op {
	var ops []op
	add := func(c *ast.CallExpr, pos token.Pos) {
		if o, ok := b.op(c); ok && o.kind == opRelease {
			o.kind = opDefer
			o.lock.Acquired = pos
			ops = append(ops, o)
		}
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		for _, s := range lit.Body.List {
			if es, ok := s.(*ast.ExprStmt); ok {
				if c, ok := es.X.(*ast.CallExpr); ok {
					add(c, c.Pos())
				}
			}
		}
		return ops
	}
	add(call, call.Pos())
	return ops
}

// isCond reports whether x is a boolean condition whose true and false
// outcomes are the two successors of the block it ends: the condition of an
// if or for statement, or a case of a switch without a tag.
func (b *builder) isCond(x ast.Expr) bool {
	if b.conds == nil {
		b.conds = make(map[ast.Expr]bool)
		ast.Inspect(b.body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.IfStmt:
				b.conds[n.Cond] = true
			case *ast.ForStmt:
				if n.Cond != nil {
					b.conds[n.Cond] = true
				}
			case *ast.SwitchStmt:
				if n.Tag == nil {
					for _, stmt := range n.Body.List {
						if cc, ok := stmt.(*ast.CaseClause); ok {
							for _, e := range cc.List {
								b.conds[e] = true
							}
						}
					}
				}
			}
			return true
		})
	}
	return b.conds[x]
}

// heldAt implements HeldAt for a node of the body outside nested literals.
func (f *Func) heldAt(n ast.Node) []Lock {
	pos, end := n.Pos(), n.End()
	i := sort.Search(len(f.nodes), func(i int) bool { return f.nodes[i].pos > pos }) - 1
	// CFG nodes do not overlap, except that a select case "x := <-ch"
	// also lists x on its own: look back a little for the enclosing one.
	found := -1
	for j := i; j >= 0 && j >= i-4; j-- {
		if f.nodes[j].pos <= pos && end <= f.nodes[j].end {
			found = j
			break
		}
	}
	if found < 0 {
		return nil // not in a reached block, or a control statement itself
	}
	loc := f.nodes[found]
	st := &f.blocks[loc.block]
	s := st.before[loc.index]
	switch stmt := loc.node.(type) {
	case *ast.GoStmt:
		if n == stmt.Call {
			return nil
		}
	case *ast.DeferStmt:
		if n == stmt.Call {
			var held []Lock
			for _, l := range s {
				if l.DeferredUnlock != token.NoPos {
					held = append(held, l)
				}
			}
			return held
		}
	}
	for _, o := range st.ops[loc.index] {
		if o.end <= pos && o.kind != opTry {
			s = apply(s, o, false)
		}
	}
	return slices.Clone(s)
}
