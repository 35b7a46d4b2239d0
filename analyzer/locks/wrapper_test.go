package locks_test

import (
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/blockcheck/blockcheck/analyzer/locks"
)

// serverSrc hides its mutex behind small helper methods.
const serverSrc = `package app

import (
	"sync"
	"time"
)

type state struct {
	mu sync.RWMutex
	n  int
}

type Server struct {
	mu    sync.Mutex
	state state
	debug bool
}

func (s *Server) lock()    { s.mu.Lock() }
func (s *Server) unlock()  { s.mu.Unlock() }
func (s *Server) rlock()   { s.state.mu.RLock() }
func (s *Server) runlock() { s.state.mu.RUnlock() }

// lockLogged is a wrapper of a wrapper.
func (s *Server) lockLogged() {
	if s.debug {
		println("lock")
	}
	s.lock()
}

// Balanced, conditional and deferred shapes are not wrappers.
func (s *Server) bump() { s.mu.Lock(); s.state.n++; s.mu.Unlock() }
func (s *Server) bumpDeferred() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.n++
}
func (s *Server) lockIfDebug() {
	if s.debug {
		s.mu.Lock()
	}
}
func (s *Server) unlockIfDebug() {
	if s.debug {
		s.mu.Unlock()
	}
}
func (s *Server) swap() { s.mu.Unlock(); s.state.mu.Lock() }
func (s *Server) both() { s.mu.Lock(); s.state.mu.Lock() }

var global sync.Mutex

func (s *Server) lockGlobal() { global.Lock() }
func lockFree()               { global.Lock() }

func (s *Server) Handle() {
	s.lock()
	time.Sleep(time.Second)
	s.unlock()
	s.log()
}

func (s *Server) Read() {
	s.rlock()
	defer s.runlock()
	time.Sleep(time.Second)
}

func (s *Server) Mixed() {
	s.lockLogged()
	time.Sleep(time.Second)
	s.mu.Unlock()
	s.log()
}

func (s *Server) log() {}

// Table is generic; its wrapper facts belong to the generic method.
type Table[T any] struct {
	mu   sync.Mutex
	rows []T
}

func (t *Table[T]) lock()   { t.mu.Lock() }
func (t *Table[T]) unlock() { t.mu.Unlock() }

func Scan(t *Table[string]) {
	t.lock()
	time.Sleep(time.Second)
	t.unlock()
}
`

func TestDetectWrapper(t *testing.T) {
	s := load(t, serverSrc)
	known := wrappersOf(s)
	tests := []struct {
		fn   string
		want locks.Wrapper
		ok   bool
	}{
		{"Server.lock", locks.Wrapper{Path: "mu"}, true},
		{"Server.unlock", locks.Wrapper{Release: true, Path: "mu"}, true},
		{"Server.rlock", locks.Wrapper{Read: true, Path: "state.mu"}, true},
		{"Server.runlock", locks.Wrapper{Release: true, Read: true, Path: "state.mu"}, true},
		{"Server.lockLogged", locks.Wrapper{Path: "mu"}, true},
		{"Server.bump", locks.Wrapper{}, false},
		{"Server.bumpDeferred", locks.Wrapper{}, false},
		{"Server.lockIfDebug", locks.Wrapper{}, false},
		{"Server.unlockIfDebug", locks.Wrapper{}, false},
		{"Server.swap", locks.Wrapper{}, false},
		{"Server.both", locks.Wrapper{}, false},
		{"Server.lockGlobal", locks.Wrapper{}, false},
		{"lockFree", locks.Wrapper{}, false},
		{"Server.Handle", locks.Wrapper{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			w, ok := locks.DetectWrapper(s.info, s.fn(tt.fn), &locks.Options{Wrappers: known})
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, w)
		})
	}
	_, ok := locks.DetectWrapper(nil, s.fn("Server.lock"), nil)
	assert.False(t, ok, "no type info")
}

func TestWrappersInAnalyze(t *testing.T) {
	s := load(t, serverSrc)
	opts := &locks.Options{Wrappers: wrappersOf(s)}

	fn := s.fn("Server.Handle")
	f := s.analyze(fn, opts)
	l := only(t, f.HeldAt(s.call(fn, "time.Sleep")))
	assert.Equal(t, "s.mu", l.Key)
	assert.Equal(t, locks.Receiver, l.Scope)
	assert.Equal(t, s.call(fn, "s.lock").Pos(), l.Acquired)
	assert.Empty(t, f.HeldAt(s.call(fn, "s.log")))

	fn = s.fn("Server.Read")
	assert.Equal(t, []string{"s.state.mu R"}, keys(s.analyze(fn, opts).HeldAt(s.call(fn, "time.Sleep"))))

	fn = s.fn("Server.Mixed")
	f = s.analyze(fn, opts)
	assert.Equal(t, []string{"s.mu"}, keys(f.HeldAt(s.call(fn, "time.Sleep"))))
	assert.Empty(t, f.HeldAt(s.call(fn, "s.log")), "the wrapper's key matches a direct Unlock")

	assert.Nil(t, locks.Analyze(s.info, s.fn("Server.Handle"), nil), "without the hook, s.lock() is an ordinary call")

	fn = s.fn("Scan")
	l = only(t, s.analyze(fn, opts).HeldAt(s.call(fn, "time.Sleep")))
	assert.Equal(t, "t.mu", l.Key, "instantiated generic wrapper")
	assert.Equal(t, locks.Param, l.Scope)
}

// wrappersOf detects the wrappers of the snippet the way an analyzer
// would with facts: callees first, here by iterating to a fixpoint.
func wrappersOf(s *snippet) func(*types.Func) (locks.Wrapper, bool) {
	found := map[*types.Func]locks.Wrapper{}
	hook := func(fn *types.Func) (locks.Wrapper, bool) {
		w, ok := found[fn]
		return w, ok
	}
	for changed := true; changed; {
		changed = false
		for _, name := range []string{"Server.lock", "Server.unlock", "Server.rlock", "Server.runlock", "Server.lockLogged", "Table[T].lock", "Table[T].unlock"} {
			fd := s.fn(name)
			obj, _ := s.info.Defs[fd.Name].(*types.Func)
			if _, done := found[obj]; done {
				continue
			}
			if w, ok := locks.DetectWrapper(s.info, fd, &locks.Options{Wrappers: hook}); ok {
				found[obj] = w
				changed = true
			}
		}
	}
	return hook
}
