package summary

import (
	"go/ast"
	"go/types"
)

// Holders of what a Wait or Serial reason waits on (Reason.Holder).
const (
	HolderGlobal   = "global"
	HolderReceiver = "receiver"
	HolderParam    = "param"
	// HolderCaptured is seen only from a function literal: the lock is
	// reached from a variable of the function around it.
	HolderCaptured = "captured"
)

// HolderOperand returns the expression call passes for the receiver or
// parameter of callee that holds what r waits on (r.Holder, r.HolderParam),
// or nil when r is not held that way or the call passes nothing for it.
func HolderOperand(info *types.Info, callee *types.Func, call *ast.CallExpr, r Reason) ast.Expr {
	args := call.Args
	if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		switch sel := info.Selections[se]; {
		case sel != nil && sel.Kind() == types.MethodVal:
			if r.Holder == HolderReceiver {
				return se.X
			}
		case sel != nil && sel.Kind() == types.MethodExpr:
			// (*T).m(x, args…): the receiver is the first argument.
			if len(args) == 0 {
				return nil
			}
			if r.Holder == HolderReceiver {
				return args[0]
			}
			args = args[1:]
		}
	}
	if r.Holder != HolderParam {
		return nil
	}
	sig := callee.Signature()
	if r.HolderParam >= len(args) || sig.Variadic() && r.HolderParam >= sig.Params().Len()-1 {
		return nil
	}
	return args[r.HolderParam]
}
