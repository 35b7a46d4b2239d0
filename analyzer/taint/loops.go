package taint

import (
	"go/ast"
	"go/token"
	"go/types"
)

// refine narrows st on the edge of a condition taken when cond is truth:
// a value compared with something that is not input is bounded on the
// side of the comparison that holds.
//
//	if n > maxCount { return }   // n is bounded after the if
//	if n <= 100 { loop(n) }      // n is bounded in the then branch
//
// && and || reach here split by the CFG into their operands; under ! they
// are split here.
func (f *flow) refine(cond ast.Expr, st *state, truth bool) {
	f.quiet = true
	defer func() { f.quiet = false }()
	f.narrow(cond, st, truth)
}

func (f *flow) narrow(cond ast.Expr, st *state, truth bool) {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			f.narrow(e.X, st, !truth)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			if truth {
				f.narrow(e.X, st, true)
				f.narrow(e.Y, st, true)
			}
		case token.LOR:
			if !truth {
				f.narrow(e.X, st, false)
				f.narrow(e.Y, st, false)
			}
		case token.LSS, token.LEQ:
			if truth {
				f.bound(e.X, e.Y, st)
			} else {
				f.bound(e.Y, e.X, st)
			}
		case token.GTR, token.GEQ:
			if truth {
				f.bound(e.Y, e.X, st)
			} else {
				f.bound(e.X, e.Y, st)
			}
		case token.EQL, token.NEQ:
			if truth == (e.Op == token.EQL) {
				f.bound(e.X, e.Y, st)
				f.bound(e.Y, e.X, st)
				f.checked(e, st) // err == nil after err := check(n)
			}
		}
	case *ast.CallExpr:
		if truth {
			f.checkedBy(e, st) // if inRange(n) { … }
		}
	}
}

// checked bounds what was checked by the call whose error err == nil (or
// !(err != nil)) says succeeded:
//
//	if err := checkLimit(n); err != nil { return }   // n is bounded after
func (f *flow) checked(e *ast.BinaryExpr, st *state) {
	x, y := ast.Unparen(e.X), ast.Unparen(e.Y)
	if isNil(f.a.info, x) {
		x, y = y, x
	}
	id, ok := x.(*ast.Ident)
	if !ok || !isNil(f.a.info, y) {
		return
	}
	if v, ok := f.a.info.Uses[id].(*types.Var); ok {
		if call := f.lastCall[v]; call != nil {
			f.checkedBy(call, st)
		}
	}
}

// checkedBy bounds the arguments that a call of a function of the package
// returns true or nil for only when they are bounded (Summary.Checks).
func (f *flow) checkedBy(call *ast.CallExpr, st *state) {
	fn, ok := calleeOf(f.a.info, call)
	if !ok {
		return
	}
	decl := f.a.decl(fn)
	if decl == nil {
		return
	}
	exprs := call.Args
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := f.a.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			exprs = append([]ast.Expr{sel.X}, exprs...)
		}
	}
	for _, j := range f.a.Func(decl).Checks {
		if j < len(exprs) {
			f.clear(exprs[j], st)
		}
	}
}

func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// bound records that x is at most y: the variables in x are bounded, when
// y is not request input. A parameter counts as a bound (a limit passed
// in); a variable inside len(x) loses only its unbounded size.
func (f *flow) bound(x, y ast.Expr, st *state) {
	if f.eval(y, st).Src != nil {
		return
	}
	f.clear(x, st)
}

// clear takes the variables of x as bounded.
func (f *flow) clear(x ast.Expr, st *state) {
	var visit func(n ast.Node, inLen bool)
	visit = func(n ast.Node, inLen bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && (id.Name == "len" || id.Name == "cap") {
					if _, ok := f.a.info.Uses[id].(*types.Builtin); ok {
						for _, a := range n.Args {
							visit(a, true)
						}
						return false
					}
				}
			case *ast.Ident:
				v, ok := f.a.info.Uses[n].(*types.Var)
				if !ok {
					return true
				}
				if !st.has(v) {
					return true
				}
				old := st.get(v)
				if inLen {
					old.Big = false
					st.set(v, old)
				} else {
					st.set(v, Val{Body: old.Body})
				}
			}
			return true
		})
	}
	visit(x, false)
}

// forSink records a for loop whose condition lets request input decide
// how many times it runs:
//
//	for i := 0; i < n; i++    // n is input: reported
//	for n > 0 { …; n-- }      // n is input: reported
//
// Each operand of a top-level && compares a variable the loop changes
// (its induction variable) with something. The loop is bounded, and not
// reported, when one of them compares it with a value that is not input,
// or is something else (sc.Scan(), a flag: the loop may end for reasons
// the analysis does not follow); and when the body can leave the loop
// (boundedExit).
func (f *flow) forSink(loop *ast.ForStmt, st *state) {
	f.quiet = true
	ivs := f.inductionVars(loop)
	var cand ast.Expr
	var candVal Val
	ok := true
	for _, term := range conjuncts(loop.Cond) {
		be, isBin := ast.Unparen(term).(*ast.BinaryExpr)
		if !isBin {
			ok = false
			break
		}
		ivSide, other, op := be.X, be.Y, be.Op
		l, r := f.mentions(be.X, ivs), f.mentions(be.Y, ivs)
		switch {
		case l && !r:
		case r && !l:
			ivSide, other, op = be.Y, be.X, flip(op)
		default:
			ok = false
		}
		if !ok {
			break
		}
		bound, iv := f.eval(other, st), f.eval(ivSide, st)
		switch op {
		case token.LSS, token.LEQ, token.NEQ:
			// Counting up to the bound.
			if !bound.Tainted() || iv.Src != nil && iv.Src == bound.Src {
				ok = false // a clean bound, or a window [x, x+k)
			} else if cand == nil {
				cand, candVal = other, bound
			}
		case token.GTR, token.GEQ:
			// Counting down from where the variable starts.
			if bound.Tainted() || !iv.Tainted() {
				ok = false
			} else if cand == nil {
				cand, candVal = ivSide, iv
			}
		default:
			ok = false
		}
		if !ok {
			break
		}
	}
	f.quiet = false
	if !ok || cand == nil || f.boundedExit(loop.Body) {
		return
	}
	f.sink(Loop, loop, cand, candVal)
}

// rangeSink records for range n, for n an integer that is input.
func (f *flow) rangeSink(rs *ast.RangeStmt, v Val) {
	b, ok := under(f.a.info.TypeOf(rs.X)).(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 || !v.Tainted() || f.boundedExit(rs.Body) {
		return
	}
	f.sink(Loop, rs, rs.X, v)
}

// inductionVars returns the variables a loop changes as it goes: those its
// post statement or its body assigns or increments.
func (f *flow) inductionVars(loop *ast.ForStmt) map[*types.Var]bool {
	if f.ivs == nil {
		f.ivs = make(map[ast.Stmt]map[*types.Var]bool)
	}
	if ivs, ok := f.ivs[loop]; ok {
		return ivs
	}
	ivs := make(map[*types.Var]bool)
	add := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := f.a.info.ObjectOf(id).(*types.Var); ok {
				ivs[v] = true
			}
		}
	}
	for _, part := range []ast.Node{loop.Post, loop.Body} {
		if part == nil {
			continue
		}
		ast.Inspect(part, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				if n.Tok != token.DEFINE {
					for _, l := range n.Lhs {
						add(l)
					}
				}
			case *ast.IncDecStmt:
				add(n.X)
			}
			return true
		})
	}
	f.ivs[loop] = ivs
	return ivs
}

func (f *flow) mentions(e ast.Expr, vars map[*types.Var]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := f.a.info.Uses[id].(*types.Var); ok && vars[v] {
				found = true
			}
		}
		return !found
	})
	return found
}

// boundedExit reports whether a loop's body may leave it before the bound
// is reached, which the analysis takes as a bound of its own: a break out
// of the loop, a goto, a labelled break or continue, or a return or panic
// under an ordering comparison (if i >= maxRows { return }). A return on
// an error does not bound a loop.
func (f *flow) boundedExit(body *ast.BlockStmt) bool {
	found := false
	var walk func(n ast.Node, nested, compared bool)
	walk = func(n ast.Node, nested, compared bool) {
		if found || n == nil {
			return
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO, n.Label != nil && n.Tok != token.FALLTHROUGH:
				found = true
			case n.Tok == token.BREAK && !nested:
				found = true
			}
			return
		case *ast.ReturnStmt:
			found = compared
			return
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok && compared && !f.a.cfg.Returns(call) {
				found = true
			}
			return
		case *ast.IfStmt:
			walk(n.Init, nested, compared)
			c := compared || ordered(n.Cond)
			walk(n.Body, nested, c)
			walk(n.Else, nested, c)
			return
		case *ast.CaseClause:
			c := compared
			for _, e := range n.List {
				c = c || ordered(e)
			}
			for _, s := range n.Body {
				walk(s, nested, c)
			}
			return
		case *ast.ForStmt:
			walk(n.Body, true, compared)
			return
		case *ast.RangeStmt:
			walk(n.Body, true, compared)
			return
		case *ast.SwitchStmt:
			walk(n.Body, true, compared)
			return
		case *ast.TypeSwitchStmt:
			walk(n.Body, true, compared)
			return
		case *ast.SelectStmt:
			walk(n.Body, true, compared)
			return
		case *ast.CommClause:
			for _, s := range n.Body {
				walk(s, nested, compared)
			}
			return
		case *ast.BlockStmt:
			for _, s := range n.List {
				walk(s, nested, compared)
			}
			return
		case *ast.LabeledStmt:
			walk(n.Stmt, nested, compared)
			return
		}
	}
	walk(body, false, false)
	return found
}

// ordered reports whether e contains an ordering comparison.
func ordered(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if be, ok := n.(*ast.BinaryExpr); ok {
			switch be.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ:
				found = true
			}
		}
		_, lit := n.(*ast.FuncLit)
		return !found && !lit
	})
	return found
}

func conjuncts(e ast.Expr) []ast.Expr {
	if be, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && be.Op == token.LAND {
		return append(conjuncts(be.X), conjuncts(be.Y)...)
	}
	return []ast.Expr{e}
}

// flip returns the operator that compares the operands swapped.
func flip(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	}
	return op
}
