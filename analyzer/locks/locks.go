package locks

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/cfg"
)

// Scope says who else can hold a lock, and so who waits while it is held.
type Scope uint8

const (
	// Unknown is a lock reached through something the analysis cannot
	// follow: a call result, a reassigned local, a value that escapes.
	Unknown Scope = iota
	// Global is a package-level variable; every request shares it.
	Global
	// Receiver is a lock reached through a pointer from the method's
	// receiver.
	Receiver
	// Param is a lock reached through a pointer from a parameter of the
	// function.
	Param
	// Captured is a lock reached from a variable of an enclosing function
	// that the analyzed function literal captures; every call of the
	// closure shares it.
	Captured
	// Local is a mutex created by this call of the function: a local
	// variable, a value copied into one, or a value receiver or parameter
	// that holds the mutex itself rather than a pointer to it. No other
	// request sees it.
	Local
)

var scopeNames = [...]string{
	Unknown:  "unknown",
	Global:   "global",
	Receiver: "receiver",
	Param:    "param",
	Captured: "captured",
	Local:    "local",
}

func (s Scope) String() string {
	if int(s) < len(scopeNames) {
		return scopeNames[s]
	}
	return "Scope(?)"
}

// A Lock is a lock held at some program point.
type Lock struct {
	// Key is the canonical text of the mutex expression, built from the
	// syntax so that the same mutex named in two statements compares
	// equal: "s.mu", "mu", "c.shards[k].mu", "pkg.Mu". Parentheses, * and &
	// are dropped, and fields promoted through embedding are spelled out:
	// s.Lock() on a struct embedding sync.Mutex has Key "s.Mutex", like
	// s.Mutex.Lock().
	Key string
	// Acquired is the position of the call that took the lock. When paths
	// that took it at different calls join, the earliest position is kept.
	Acquired token.Pos
	// Read reports that the lock may be held only for reading (RLock,
	// TryRLock): other readers do not wait for it, writers do.
	Read bool
	// Scope says who shares the lock.
	Scope Scope
	// PerKey reports that a non-constant index expression lies on the way
	// to the mutex (per-key or striped locking): only callers that reach
	// the same element wait for each other.
	PerKey bool
	// Obj is the variable Scope refers to: the receiver, parameter,
	// package-level or captured variable the path starts from, after
	// following local aliases (c := s.cache; c.mu.Lock() gives the
	// receiver s). It is nil when the path does not start at a variable.
	Obj types.Object
	// DeferredUnlock is the position of a deferred unlock of this lock
	// registered on every path to this point, or token.NoPos. Such a lock
	// stays held until the function returns.
	DeferredUnlock token.Pos
}

// A Wrapper describes a function or method whose call takes or releases a
// lock reached from its receiver, such as
//
//	func (s *Server) lock() { s.mu.Lock() }
//
// It is flat and small so that it can be stored as an analysis fact.
type Wrapper struct {
	// Release is false for a wrapper that acquires, true for one that
	// releases.
	Release bool
	// Read reports RLock/RUnlock.
	Read bool
	// Path is the field path from the receiver to the mutex, with promoted
	// fields spelled out: "mu", "cache.mu", "Mutex".
	Path string
}

// Options configures Analyze and DetectWrapper. The zero value is usable,
// and a nil *Options means the zero value.
type Options struct {
	// Wrappers, if non-nil, reports whether calling the method fn takes or
	// releases a lock reached from its receiver. Typically backed by facts
	// computed with DetectWrapper. fn is the generic origin of an
	// instantiated method. It is called for every method call of the body,
	// so it should be cheap.
	Wrappers func(fn *types.Func) (Wrapper, bool)
	// CFG, if non-nil, returns the control-flow graph of fn (the
	// *ast.FuncDecl or *ast.FuncLit being analyzed), for example from the
	// ctrlflow analyzer, whose graphs also know which calls never return.
	// It is called only for functions that take a lock. When it is nil or
	// returns nil, Analyze builds the graph with cfg.New, asking Returns
	// which calls return.
	CFG func(fn ast.Node) *cfg.CFG
	// Returns, if non-nil, reports whether a call may return to its
	// caller: a noreturn.Oracle's Returns, which knows the package's own
	// wrappers of log.Fatal. When it is nil, the standard library's
	// calls that do not return and panic are known (noreturn.Std).
	Returns func(*ast.CallExpr) bool
}

// Func is the lock state of one analyzed function.
type Func struct {
	body   *ast.BlockStmt
	blocks []blockState
	nodes  []nodeLoc  // every CFG node of a reached block, by position
	lits   []posRange // function literals nested in the body
	exits  [][]Lock   // the state at each reached return
}

// Analyze computes the lock state of fn, an *ast.FuncDecl or *ast.FuncLit.
// info must be the *types.Info of fn's package, with Types, Defs, Uses and
// Selections filled in. It returns nil when fn has no body or its body
// takes no lock, which is the common case and costs one walk of the body.
func Analyze(info *types.Info, fn ast.Node, opts *Options) *Func {
	return analyze(info, fn, opts, false)
}

// HeldAt returns the locks held on every path that reaches n, just before n
// executes, sorted by Key. n is a node inside the analyzed body: a call, a
// send statement, a receive expression, a simple statement (assignment,
// expression, return, defer, go, ...). For an if, for, switch or select
// statement ask about its condition or a statement of its body: the
// compound statement itself yields nil.
//
// A lock held on some paths but not others is not reported. HeldAt
// returns nil for n outside the body, in dead code, inside a nested
// function literal (analyze that literal on its own), and for the call of a
// go statement, which runs on another goroutine. For the call of a defer
// statement, which runs when the function returns, it returns the locks
// whose deferred unlock was registered before that defer statement: deferred
// calls run last-in first-out, so those are still held when the call runs.
func (f *Func) HeldAt(n ast.Node) []Lock {
	if f == nil || n == nil || n.Pos() < f.body.Pos() || n.End() > f.body.End() {
		return nil
	}
	// Nested literals do not overlap: the last one starting at or before n
	// is the only one that can contain it.
	i := sort.Search(len(f.lits), func(i int) bool { return f.lits[i].pos > n.Pos() }) - 1
	if i >= 0 && n.End() <= f.lits[i].end {
		return nil
	}
	return f.heldAt(n)
}

// CallKey returns the Key of the lock that call takes or releases, when
// call is a Lock, RLock, TryLock, TryRLock, Unlock or RUnlock of a
// sync.Mutex, sync.RWMutex or sync.Locker, or a call of a wrapper that
// opts declares. Comparing it with the Keys that HeldAt returns finds a
// call that takes a lock already held (a self-deadlock).
func CallKey(info *types.Info, call *ast.CallExpr, opts *Options) (string, bool) {
	if info == nil || call == nil {
		return "", false
	}
	if opts == nil {
		opts = &Options{}
	}
	o, _, ok := lockOp(info, call, opts.Wrappers)
	return o.lock.Key, ok
}
