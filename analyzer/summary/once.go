package summary

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// One-time initialisation is not request work. A request path that
// initialises a package-level value the first time it finds it unset,
//
//	if pkgStore == nil {
//		Initialize(nil) // dials, sleeps, reads files: sets pkgStore
//	}
//
// runs the guarded block once per process, usually never (main
// initialises first). Reporting what the block does on every handler
// that passes the guard would be findings no one can act on, so the
// block is walked as code outside any function (like a package-level
// initializer): function literals in it are still found, its calls are
// nobody's. A guard is recognised by its shape alone: the condition
// tests a package-level variable of this package for nil (or a
// package-level bool for false), and the block assigns that variable,
// itself or through a function of this package that it calls. A block
// that tests without assigning runs on every request that finds the
// value unset, and is walked as usual.

// onceGuard reports whether n guards a one-time initialisation.
func (s *scanner) onceGuard(n *ast.IfStmt) bool {
	v := guardedVar(s.info, n.Cond)
	if v == nil || v.Pkg() != s.pkg {
		return false
	}
	found := false
	ast.Inspect(n.Body, func(m ast.Node) bool {
		if found {
			return false
		}
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			found = assignsVar(s.info, m, v)
		case *ast.CallExpr:
			if callee, ok := s.info.Uses[astutil.NameIdent(m.Fun)].(*types.Func); ok && s.assigners()[v][callee] {
				found = true
			}
		}
		return !found
	})
	return found
}

// guardedVar returns the package-level variable cond tests for its zero
// value: v == nil, nil == v, !v.
func guardedVar(info *types.Info, cond ast.Expr) *types.Var {
	cond = ast.Unparen(cond)
	var x ast.Expr
	switch c := cond.(type) {
	case *ast.BinaryExpr:
		if c.Op != token.EQL {
			return nil
		}
		switch {
		case isNil(info, c.Y):
			x = c.X
		case isNil(info, c.X):
			x = c.Y
		default:
			return nil
		}
	case *ast.UnaryExpr:
		if c.Op != token.NOT {
			return nil
		}
		x = c.X
	default:
		return nil
	}
	v := pkgVar(info, x)
	if v == nil {
		return nil
	}
	if _, ok := cond.(*ast.UnaryExpr); ok {
		if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
			return nil
		}
	}
	return v
}

// pkgVar returns the package-level variable e names (x or pkg.x).
func pkgVar(info *types.Info, e ast.Expr) *types.Var {
	v, ok := info.Uses[astutil.NameIdent(e)].(*types.Var)
	if !ok || v.IsField() || !astutil.IsPackageLevel(v) {
		return nil
	}
	return v
}

func isNil(info *types.Info, e ast.Expr) bool {
	_, ok := info.Uses[identOf(e)].(*types.Nil)
	return ok
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// assignsVar reports whether a assigns v.
func assignsVar(info *types.Info, a *ast.AssignStmt, v *types.Var) bool {
	for _, l := range a.Lhs {
		if pkgVar(info, l) == v {
			return true
		}
	}
	return false
}

// assigners indexes, once per package and only when a guard is met, the
// functions of the package that assign each package-level variable in
// their own body.
func (s *scanner) assigners() map[*types.Var]map[*types.Func]bool {
	if s.assigns != nil {
		return s.assigns
	}
	s.assigns = make(map[*types.Var]map[*types.Func]bool)
	for _, f := range s.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, _ := s.info.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			ast.Inspect(fd.Body, func(m ast.Node) bool {
				a, ok := m.(*ast.AssignStmt)
				if !ok {
					return true
				}
				for _, l := range a.Lhs {
					if v := pkgVar(s.info, l); v != nil {
						if s.assigns[v] == nil {
							s.assigns[v] = make(map[*types.Func]bool)
						}
						s.assigns[v][fn] = true
					}
				}
				return true
			})
		}
	}
	return s.assigns
}
