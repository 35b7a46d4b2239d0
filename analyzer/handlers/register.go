package handlers

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/frameworks"
)

// A Registration is a function whose function-typed arguments are
// handlers (frameworks.Registration). A handler that also has a Shape
// takes its context from the shape; else its context is its
// context.Context parameter, its *http.Request's, or the Context() of a
// parameter that has one.
type Registration = frameworks.Registration

// funcPkgPath returns the package path of a function's full name:
// "connectrpc.com/connect" for "connectrpc.com/connect.NewUnaryHandler"
// and for "(*connectrpc.com/connect.Handler).ServeHTTP".
func funcPkgPath(full string) string {
	if strings.HasPrefix(full, "(") {
		recv, _, _ := strings.Cut(full[1:], ")")
		return pkgPathOf(recv)
	}
	return pkgPathOf(full)
}

// registered returns the function literals and the package's functions
// passed to a registration function, each with its registration; nil when
// no registration function can be called from pkg.
func (f *Finder) registered(pkg *types.Package, info *types.Info, insp *inspector.Inspector) map[any]*Registration {
	if len(f.regs) == 0 {
		return nil
	}
	reachable := false
	for _, imp := range append(pkg.Imports(), pkg) {
		for name := range f.regs {
			if funcPkgPath(name) == imp.Path() {
				reachable = true
			}
		}
	}
	if !reachable {
		return nil
	}
	out := make(map[any]*Registration)
	for c := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		fn, _ := typeutil.Callee(info, call).(*types.Func)
		if fn == nil {
			continue
		}
		reg, ok := f.regs[fn.Origin().FullName()]
		if !ok {
			continue
		}
		for i, arg := range call.Args {
			if reg.Args != nil && !slices.Contains(reg.Args, i) {
				continue
			}
			if t := info.TypeOf(arg); t == nil {
				continue
			} else if _, isFunc := t.Underlying().(*types.Signature); !isFunc {
				continue
			}
			switch arg := ast.Unparen(arg).(type) {
			case *ast.FuncLit:
				out[arg] = &reg
			case *ast.Ident:
				if obj, ok := info.Uses[arg].(*types.Func); ok && obj.Pkg() == pkg {
					out[obj] = &reg
				}
			case *ast.SelectorExpr:
				// A method value (s.greet) or a qualified function.
				if obj, ok := info.Uses[arg.Sel].(*types.Func); ok && obj.Pkg() == pkg {
					out[obj.Origin()] = &reg
				}
			}
		}
	}
	return out
}

// registeredHandler builds the handler of a function passed to reg (nil
// when it was not passed to any).
func (f *Finder) registeredHandler(sig *types.Signature, reg *Registration) (Handler, bool) {
	if reg == nil {
		return Handler{}, false
	}
	h := Handler{Framework: reg.Framework, Cancelled: reg.Cancelled}
	h.Context, h.ContextVars = guessContext(sig.Params(), true)
	return h, true
}
