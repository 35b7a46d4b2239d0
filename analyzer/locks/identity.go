package locks

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/internal/astutil"
)

// CallLock returns the lock that call, made in fn (the *ast.FuncDecl or
// *ast.FuncLit around it), takes or releases, with its Scope and Obj
// decided as Analyze decides them for the locks it tracks; Acquired is
// the call. It reports false for a call that is not a lock operation.
func CallLock(info *types.Info, fn ast.Node, call *ast.CallExpr, opts *Options) (Lock, bool) {
	if info == nil || call == nil || fn == nil {
		return Lock{}, false
	}
	if opts == nil {
		opts = &Options{}
	}
	o, p, ok := lockOp(info, call, opts.Wrappers)
	if !ok {
		return Lock{}, false
	}
	o.lock.Scope, o.lock.Obj, o.lock.PerKey = newClassifier(info, fn).classify(p)
	return o.lock, true
}

// Identity names lock l independently of the variable names of the
// function that took it, so that the same lock taken in two functions of
// a package compares equal: "global mu" for a package-level variable,
// "recv Server.mu" for a field reached from a method's receiver of type
// *Server. Both locks must come from Analyze or CallLock.
//
// It returns "" for a lock it cannot name that way: per-key locks, locks
// of parameters, captured or local variables, locks of another package's
// variables, and locks reached through a local alias (c := s.cache;
// c.mu.Lock(), whose Key says c.mu).
func Identity(l Lock) string {
	if l.PerKey || l.Obj == nil {
		return ""
	}
	root, rest, _ := strings.Cut(l.Key, ".")
	if root != l.Obj.Name() {
		return ""
	}
	switch l.Scope {
	case Global:
		return "global " + l.Key
	case Receiver:
		return "recv " + astutil.RecvTypeName(l.Obj.Type()) + "." + rest
	}
	return ""
}
