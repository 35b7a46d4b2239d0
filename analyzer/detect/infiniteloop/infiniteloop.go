// Package infiniteloop detects loops that can never end once entered, so
// that the function making one never returns:
//
//	for {                          // nothing leaves the loop
//		fmt.Fprintln(w, "tick")
//		time.Sleep(time.Second)
//	}
//
// It feeds package summary: the loops are kept in Func.Unbounded (they are
// not operations to run under a lock or in an event loop), and their
// reasons, of kind catalog.Endless, reach callers in other packages too.
package infiniteloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
	"github.com/blockcheck/blockcheck/analyzer/noreturn"
	"github.com/blockcheck/blockcheck/analyzer/summary"
)

// New returns the detector for one package.
func New() summary.Detector {
	s := &scanner{}
	return summary.Detector{
		Node: func(sc *summary.Scan, fn *summary.Func, n ast.Node) bool {
			if loop, ok := n.(*ast.ForStmt); ok {
				s.info, s.noReturn = sc.Pass.TypesInfo, sc.NoReturn
				s.endlessLoop(loop, fn)
			}
			return true
		},
	}
}

type scanner struct {
	info     *types.Info
	noReturn *noreturn.Oracle
}

// endlessLoop records loop when it can never end once entered:
//
//	for { … }             // no condition
//	for !done { … }       // nothing in the loop changes done
//
// and nothing in its body leaves it: no return, no break out of it, no goto,
// no panic or call that does not return (os.Exit, log.Fatal), and no look at
// a context (ctx.Done(), ctx.Err()) or a receive from a done channel, any of
// which may be an exit the analysis cannot follow. A loop inside an endless
// loop of the same function is not recorded again.
func (s *scanner) endlessLoop(loop *ast.ForStmt, fn *summary.Func) {
	for _, site := range fn.Unbounded {
		if site.Kind == catalog.Endless && astutil.Within(loop.Pos(), site.Node) {
			return
		}
	}
	op := "for loop with no exit"
	if loop.Cond != nil && !s.isTrue(loop.Cond) {
		if !s.stableCond(loop, fn) {
			return
		}
		op = "for loop whose condition " + types.ExprString(loop.Cond) + " never changes"
	}
	if s.mayLeave(loop.Body) {
		return
	}
	fn.Unbounded = append(fn.Unbounded, summary.Site{Kind: catalog.Endless, Op: op, Node: loop})
}

func (s *scanner) isTrue(e ast.Expr) bool {
	tv, ok := s.info.Types[e]
	return ok && tv.Value != nil && tv.Value.String() == "true"
}

// stableCond reports whether nothing can change loop's condition: it reads
// only constants and local variables of fn that the loop never assigns,
// whose address is never taken and that no function literal captures; it
// calls nothing, receives nothing, and reads no field, element or pointer.
func (s *scanner) stableCond(loop *ast.ForStmt, fn *summary.Func) bool {
	vars := make(map[*types.Var]bool)
	ok := true
	ast.Inspect(loop.Cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
		case *ast.Ident:
			switch obj := s.info.Uses[n].(type) {
			case *types.Const, *types.Nil:
			case *types.Var:
				if astutil.IsPackageLevel(obj) || obj.IsField() || !astutil.Within(obj.Pos(), fn.Node) {
					ok = false
				}
				vars[obj] = true
			default:
				ok = false
			}
		case *ast.BinaryExpr, *ast.ParenExpr, *ast.BasicLit:
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.ARROW && n.Op != token.AND
		default:
			ok = false
		}
		return ok
	})
	if !ok || len(vars) == 0 {
		return false
	}
	changed := func(e ast.Expr) bool {
		id, isID := ast.Unparen(e).(*ast.Ident)
		return isID && vars[s.objVar(id)]
	}
	for _, part := range []ast.Node{loop.Body, loop.Post} {
		if part == nil {
			continue
		}
		ast.Inspect(part, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					ok = ok && !changed(l)
				}
			case *ast.IncDecStmt:
				ok = ok && !changed(n.X)
			case *ast.RangeStmt:
				ok = ok && (n.Key == nil || !changed(n.Key)) && (n.Value == nil || !changed(n.Value))
			}
			return ok
		})
	}
	// Aliases: &v, or a closure that may assign v from elsewhere.
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			ok = ok && (n.Op != token.AND || !changed(n.X))
		case *ast.FuncLit:
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if id, isID := m.(*ast.Ident); isID && vars[s.objVar(id)] {
					ok = false
				}
				return ok
			})
			return false
		}
		return ok
	})
	return ok
}

func (s *scanner) objVar(id *ast.Ident) *types.Var {
	v, _ := s.info.ObjectOf(id).(*types.Var)
	return v
}

// mayLeave reports whether anything in body may end the loop it belongs to:
// see endlessLoop. Function literals are other functions: a return in
// one leaves nothing.
func (s *scanner) mayLeave(body *ast.BlockStmt) bool {
	leaves := false
	var visit func(n ast.Node, nested bool) // nested: inside an inner loop, switch or select
	visit = func(root ast.Node, nested bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			if leaves || n == nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				leaves = true
			case *ast.BranchStmt:
				switch {
				case n.Tok == token.GOTO:
					leaves = true
				case n.Label != nil:
					// A labelled break or continue may name this loop
					// or one around it.
					leaves = n.Tok == token.BREAK || n.Tok == token.CONTINUE
				case n.Tok == token.BREAK:
					leaves = !nested
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if n != root {
					visit(n, true)
					return false
				}
			case *ast.CallExpr:
				leaves = s.exits(n)
			case *ast.UnaryExpr:
				leaves = n.Op == token.ARROW && astutil.IsDoneChan(s.info, n.X)
			}
			return !leaves
		})
	}
	visit(body, false)
	return leaves
}

// exits reports whether call may end a loop that makes it: a call that
// does not return (panic, log.Fatal, the package's own die()), or a look
// at a context's Done or Err.
func (s *scanner) exits(call *ast.CallExpr) bool {
	if !s.noReturn.Returns(call) {
		return true
	}
	fn, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok {
		return false
	}
	recv := fn.Signature().Recv()
	if name := fn.Name(); recv != nil && (name == "Done" || name == "Err") {
		return astutil.ImplementsContext(recv.Type())
	}
	return false
}
