package locks

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// DetectWrapper reports whether the method decl is a lock wrapper: calling
// it takes, or releases, one lock reached from its receiver. The result is
// what Options.Wrappers should return for the method's *types.Func; an
// analyzer typically exports it as a fact.
//
// An acquiring wrapper returns with exactly one lock held on every path, a
// lock reached from the receiver, and unlocks nothing it did not lock
// first:
//
//	func (s *Server) lock() { s.mu.Lock() }
//	func (c *Cache) rlock() { c.stats.Add(1); c.shard.mu.RLock() }
//
// A releasing wrapper releases exactly one lock reached from its receiver
// on every path, never takes it, and returns holding no lock:
//
//	func (s *Server) unlock() { s.mu.Unlock() }
//
// Wrappers of package-level mutexes, wrappers that take several locks, and
// functions that receive the mutex as a parameter are not recognized. opts
// may declare wrappers already known, so that a wrapper of a wrapper is
// recognized too.
func DetectWrapper(info *types.Info, decl *ast.FuncDecl, opts *Options) (Wrapper, bool) {
	if info == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return Wrapper{}, false
	}
	name := decl.Recv.List[0].Names[0]
	recv, ok := info.Defs[name].(*types.Var)
	if !ok || name.Name == "_" {
		return Wrapper{}, false
	}
	prefix := name.Name + "."
	if f := analyze(info, decl, opts, false); f != nil {
		if l, ok := f.onEveryExit(recv, prefix); ok && f.balanced() {
			return Wrapper{Read: l.Read, Path: strings.TrimPrefix(l.Key, prefix)}, true
		}
		if f.leaksSome() {
			return Wrapper{}, false // takes one lock, releases another: neither
		}
	}
	if f := analyze(info, decl, opts, true); f != nil {
		if l, ok := f.onEveryExit(recv, prefix); ok && !f.acquires(l.Key) {
			return Wrapper{Release: true, Read: l.Read, Path: strings.TrimPrefix(l.Key, prefix)}, true
		}
	}
	return Wrapper{}, false
}

// onEveryExit returns the only lock in the state of every return of f, if
// there is exactly one and it is reached from the receiver recv. Locks with
// a deferred unlock are released by then and do not count.
func (f *Func) onEveryExit(recv *types.Var, prefix string) (Lock, bool) {
	if len(f.exits) == 0 {
		return Lock{}, false
	}
	all := f.exits[0]
	for _, e := range f.exits[1:] {
		all = meet(all, e)
	}
	var found []Lock
	for _, l := range all {
		if l.DeferredUnlock == token.NoPos {
			found = append(found, l)
		}
	}
	if len(found) != 1 {
		return Lock{}, false
	}
	l := found[0]
	if l.Scope != Receiver || l.Obj != recv || !strings.HasPrefix(l.Key, prefix) {
		return Lock{}, false
	}
	return l, true
}

// leaksSome reports whether some return of f holds a lock that no deferred
// unlock releases.
func (f *Func) leaksSome() bool {
	for _, e := range f.exits {
		for _, l := range e {
			if l.DeferredUnlock == token.NoPos {
				return true
			}
		}
	}
	return false
}

// balanced reports whether every unlock in f releases a lock held at that
// point.
func (f *Func) balanced() bool {
	for _, loc := range f.nodes {
		st := &f.blocks[loc.block]
		s := st.before[loc.index]
		for _, o := range st.ops[loc.index] {
			if o.kind == opRelease && !holds(s, o.lock.Key) {
				return false
			}
			s = apply(s, o, false)
		}
	}
	return true
}

// acquires reports whether f takes the lock key anywhere.
func (f *Func) acquires(key string) bool {
	for _, st := range f.blocks {
		for _, ops := range st.ops {
			for _, o := range ops {
				if (o.kind == opAcquire || o.kind == opTry) && o.lock.Key == key {
					return true
				}
			}
		}
	}
	return false
}

func holds(s []Lock, key string) bool {
	for _, l := range s {
		if l.Key == key {
			return true
		}
	}
	return false
}
