package locks

import (
	"go/ast"
	"go/token"
	"go/types"
)

// An opKind is what a call does to a lock.
type opKind uint8

const (
	opNone    opKind = iota
	opAcquire        // Lock, RLock, an acquiring wrapper
	opRelease        // Unlock, RUnlock, a releasing wrapper
	opTry            // TryLock, TryRLock: acquires when it returns true
	opDefer          // defer of a release: the lock stays held until return
)

// An op is a lock operation found in the syntax, with the lock it names.
type op struct {
	kind opKind
	lock Lock      // Acquired is the position of the call
	end  token.Pos // end of the call, to order operations inside one statement
}

// syncOp classifies fn as a method of sync.Mutex, sync.RWMutex or
// sync.Locker.
func syncOp(fn *types.Func) (kind opKind, read bool) {
	if fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return opNone, false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return opNone, false
	}
	named, ok := deref(recv.Type()).(*types.Named)
	if !ok {
		return opNone, false
	}
	switch named.Obj().Name() {
	case "Mutex", "RWMutex", "Locker":
	default:
		return opNone, false
	}
	switch fn.Name() {
	case "Lock":
		return opAcquire, false
	case "RLock":
		return opAcquire, true
	case "Unlock":
		return opRelease, false
	case "RUnlock":
		return opRelease, true
	case "TryLock":
		return opTry, false
	case "TryRLock":
		return opTry, true
	}
	return opNone, false
}

// callee returns the method selection of a call x.m(...), or nil.
func callee(info *types.Info, call *ast.CallExpr) (*ast.SelectorExpr, *types.Selection, *types.Func) {
	se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, nil
	}
	sel := info.Selections[se]
	if sel == nil || sel.Kind() != types.MethodVal {
		return nil, nil, nil
	}
	fn, ok := sel.Obj().(*types.Func)
	if !ok {
		return nil, nil, nil
	}
	return se, sel, fn
}

// kindOf says what call does to a lock, without building its path. It is
// the cheap test behind the pre-check.
func kindOf(info *types.Info, call *ast.CallExpr, wrappers func(*types.Func) (Wrapper, bool)) opKind {
	_, _, fn := callee(info, call)
	if fn == nil {
		return opNone
	}
	if k, _ := syncOp(fn); k != opNone {
		return k
	}
	if wrappers != nil {
		if w, ok := wrappers(fn.Origin()); ok {
			if w.Release {
				return opRelease
			}
			return opAcquire
		}
	}
	return opNone
}

// mentions reports whether body, outside nested function literals, calls
// something whose kind satisfies want: the cheap pre-check, a walk of the
// syntax and a map lookup per method call.
func mentions(info *types.Info, body *ast.BlockStmt, wrappers func(*types.Func) (Wrapper, bool), want func(opKind) bool) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if want(kindOf(info, n, wrappers)) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// lockOp recognizes call as a lock operation and builds its lock's path.
// The Scope is filled in later by the classifier.
func lockOp(info *types.Info, call *ast.CallExpr, wrappers func(*types.Func) (Wrapper, bool)) (op, path, bool) {
	se, sel, fn := callee(info, call)
	if fn == nil {
		return op{}, path{}, false
	}
	kind, read := syncOp(fn)
	var w Wrapper
	if kind == opNone {
		if wrappers == nil {
			return op{}, path{}, false
		}
		var ok bool
		if w, ok = wrappers(fn.Origin()); !ok {
			return op{}, path{}, false
		}
		kind, read = opAcquire, w.Read
		if w.Release {
			kind = opRelease
		}
	}
	// The receiver: x, then the promoted fields leading to the method.
	p := pathOf(info, se.X)
	t := typeOf(info, se.X)
	if isAddrOf(se.X) {
		t = deref(t)
	}
	index := sel.Index()
	t, ok := p.fields(t, index[:len(index)-1])
	if ok && w.Path != "" {
		t, ok = p.appendFields(t, fn.Pkg(), w.Path)
	}
	if !ok {
		return op{}, path{}, false
	}
	p.derefs += receiverDeref(t)
	o := op{
		kind: kind,
		lock: Lock{Key: p.text, Acquired: call.Pos(), Read: read, PerKey: p.perKey},
		end:  call.End(),
	}
	return o, p, true
}
