// Package locks computes which mutexes are certainly held at each point of
// one function body, and who shares them. It is the library behind the
// lockheld rule: a lock shared by all requests, held across a blocking call,
// makes requests to a handler run one at a time — Go's twin of time.sleep in
// an async def.
//
// The analysis is intraprocedural and flow-sensitive. [Analyze] first walks
// the syntax of the body looking for a call that takes a lock (Lock, RLock,
// TryLock or TryRLock on a sync.Mutex, sync.RWMutex or sync.Locker, or a
// caller-declared lock wrapper). Most functions take none; for them Analyze
// returns nil and builds nothing. Otherwise it builds the control-flow graph
// (golang.org/x/tools/go/cfg) and solves a forward "must be held" dataflow
// problem: the set of locks held on every path reaching a point, intersected
// where paths join. Under-approximating the held set is the safe direction
// for a linter whose findings must be true: a lock taken on only one branch
// is not reported as held after the join.
//
// The shapes it understands:
//
//	s.mu.Lock()          // held until the matching s.mu.Unlock()
//	defer s.mu.Unlock()  // held until the function returns
//	s.Lock()             // sync.Mutex embedded in s: key "s.Mutex"
//	if s.mu.TryLock() {  // held on the true branch only
//	s.lock()             // a wrapper, declared through Options.Wrappers
//
// Every lock gets a [Scope] saying who shares it: a package-level variable
// (every request), a field reached from the receiver or a parameter, a
// variable captured by a function literal (every call of the closure), or a
// mutex created by the function itself, which no other request can see.
// Index expressions on the way (s.shards[h%n].mu, m[key].mu) mark the lock
// PerKey: only requests for the same key wait for each other.
//
// What it does not know, on purpose:
//   - Locks taken or released in another function, unless that function is
//     declared a wrapper; a function that returns with a lock held, or
//     releases one it did not take, is described by [DetectWrapper].
//   - Locks handed between goroutines, method values (unlock := mu.Unlock;
//     defer unlock() leaves mu held to the end, without DeferredUnlock) and
//     method expressions ((*sync.Mutex).Lock(&mu)).
//   - ok := mu.TryLock(); if ok { ... }: TryLock acquires only when it is
//     itself the condition (possibly under !, && and ||).
//   - Two different variables spelled the same way in nested scopes share a
//     Key; the analysis may then under-report, never over-report.
//
// Function literals nested in the body are separate functions: analyze them
// with their own call to Analyze. Missing type information makes a call an
// unknown call, never an error.
package locks
