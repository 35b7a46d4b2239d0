package locks_test

import (
	"go/ast"
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/tools/go/cfg"

	"github.com/blockcheck/blockcheck/analyzer/locks"
)

// cacheSrc is a read-through cache in front of a slow backend, written the
// ways real services write it.
const cacheSrc = `package app

import (
	"errors"
	"sync"
	"time"
)

type DB struct{}

func (*DB) Query(key string) (string, error) { time.Sleep(time.Second); return key, nil }

type Cache struct {
	mu     sync.Mutex
	m      map[string]string
	db     *DB
	strict bool
}

func (c *Cache) log(string) {}

// Get holds the lock across the database query: requests serialize.
func (c *Cache) Get(key string) (string, error) {
	c.mu.Lock()
	v, err := c.db.Query(key)
	c.mu.Unlock()
	c.log(v)
	return v, err
}

// Peek releases the lock before the query.
func (c *Cache) Peek(key string) (string, error) {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	return c.db.Query(key)
}

// Load holds the lock until it returns.
func (c *Cache) Load(key string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.m[key]; ok {
		return v, nil
	}
	return c.db.Query(key)
}

// Fill returns early on a hit, unlocking first.
func (c *Cache) Fill(key string) error {
	c.mu.Lock()
	if _, ok := c.m[key]; ok {
		c.mu.Unlock()
		return nil
	}
	v, err := c.db.Query(key)
	c.m[key] = v
	c.mu.Unlock()
	c.log(v)
	return err
}

// Maybe locks on one branch only.
func (c *Cache) Maybe(key string) (string, error) {
	if c.strict {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	return c.db.Query(key)
}

// Refresh visits every key, one lock per iteration.
func (c *Cache) Refresh(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		v, _ := c.db.Query(k)
		c.m[k] = v
		c.mu.Unlock()
		c.log(v)
	}
}

// Drain holds the lock around a loop that unlocks on its way out.
func (c *Cache) Drain() error {
	c.mu.Lock()
	for {
		if len(c.m) == 0 {
			c.mu.Unlock()
			break
		}
		time.Sleep(time.Millisecond)
	}
	c.log("drained")
	return errors.New("done")
}

// Mode unlocks in some cases of a switch.
func (c *Cache) Mode(mode int) {
	c.mu.Lock()
	switch mode {
	case 0:
		c.mu.Unlock()
		return
	case 1:
		c.log("one")
	default:
		c.mu.Unlock()
		c.log("other")
		return
	}
	time.Sleep(time.Second)
	c.mu.Unlock()
}

// Must unlocks and panics on a broken invariant: panic does not return.
func (c *Cache) Must(key string) string {
	c.mu.Lock()
	if c.m == nil {
		c.mu.Unlock()
		panic("cache not initialized")
	}
	v, _ := c.db.Query(key)
	c.mu.Unlock()
	return v
}

// Wait selects while holding the lock.
func (c *Cache) Wait(done chan struct{}, tick <-chan time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case <-done:
		c.log("done")
	case t := <-tick:
		c.log(t.String())
	}
}

// Retry jumps back with goto, unlocking before it sleeps.
func (c *Cache) Retry(key string) string {
again:
	c.mu.Lock()
	v, ok := c.m[key]
	if !ok {
		c.mu.Unlock()
		time.Sleep(time.Millisecond)
		goto again
	}
	c.mu.Unlock()
	return v
}
`

func TestHeldAcrossCall(t *testing.T) {
	s := load(t, cacheSrc)
	fn := s.fn("Cache.Get")
	f := s.analyze(fn, nil)

	l := only(t, f.HeldAt(s.call(fn, "c.db.Query")))
	assert.Equal(t, "c.mu", l.Key)
	assert.Equal(t, locks.Receiver, l.Scope)
	assert.False(t, l.Read)
	assert.False(t, l.PerKey)
	assert.Equal(t, "c", l.Obj.Name())
	assert.Equal(t, s.call(fn, "c.mu.Lock").Pos(), l.Acquired)
	assert.Equal(t, token.NoPos, l.DeferredUnlock)

	assert.Empty(t, f.HeldAt(s.call(fn, "c.log")), "after Unlock")
	assert.Empty(t, f.HeldAt(s.call(fn, "c.mu.Lock")), "the Lock call itself")
	assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(s.call(fn, "c.mu.Unlock"))))
}

func TestUnlockedBeforeCall(t *testing.T) {
	s := load(t, cacheSrc)
	assert.Empty(t, s.heldAt("Cache.Peek", "c.db.Query"))
}

func TestDeferredUnlockHoldsToReturn(t *testing.T) {
	s := load(t, cacheSrc)
	fn := s.fn("Cache.Load")
	f := s.analyze(fn, nil)
	l := only(t, f.HeldAt(s.call(fn, "c.db.Query")))
	assert.Equal(t, "c.mu", l.Key)
	assert.Equal(t, s.call(fn, "c.mu.Unlock").Pos(), l.DeferredUnlock)

	ret := fn.Body.List[len(fn.Body.List)-1]
	assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(ret)), "a statement works too")
}

func TestEarlyReturnThatUnlocks(t *testing.T) {
	s := load(t, cacheSrc)
	fn := s.fn("Cache.Fill")
	f := s.analyze(fn, nil)
	assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(s.call(fn, "c.db.Query"))))
	assert.Empty(t, f.HeldAt(s.call(fn, "c.log")))
}

func TestLockOnOneBranchIsNotMustHeld(t *testing.T) {
	s := load(t, cacheSrc)
	assert.Empty(t, s.heldAt("Cache.Maybe", "c.db.Query"))
}

func TestLoops(t *testing.T) {
	s := load(t, cacheSrc)

	fn := s.fn("Cache.Refresh")
	f := s.analyze(fn, nil)
	assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(s.call(fn, "c.db.Query"))))
	assert.Empty(t, f.HeldAt(s.call(fn, "c.log")))

	fn = s.fn("Cache.Drain")
	f = s.analyze(fn, nil)
	assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(s.call(fn, "time.Sleep"))), "every iteration still holds it")
	assert.Empty(t, f.HeldAt(s.call(fn, "c.log")), "the only way out unlocks")

	fn = s.fn("Cache.Retry")
	f = s.analyze(fn, nil)
	assert.Empty(t, f.HeldAt(s.call(fn, "time.Sleep")), "goto loop")
	assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(s.calls(fn, "c.mu.Unlock")[1])))
}

func TestSwitchAndSelect(t *testing.T) {
	s := load(t, cacheSrc)
	fn := s.fn("Cache.Mode")
	f := s.analyze(fn, nil)
	assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(s.call(fn, "time.Sleep"))))
	logs := s.calls(fn, "c.log")
	assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(logs[0])), "case 1")
	assert.Empty(t, f.HeldAt(logs[1]), "default")

	fn = s.fn("Cache.Wait")
	f = s.analyze(fn, nil)
	for _, c := range s.calls(fn, "c.log") {
		assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(c)))
	}
	var recv ast.Node
	ast.Inspect(fn, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW && recv == nil {
			recv = u
		}
		return true
	})
	assert.Equal(t, []string{"c.mu"}, keys(f.HeldAt(recv)), "a receive expression")
}

func TestPanicDoesNotReturn(t *testing.T) {
	s := load(t, cacheSrc)
	assert.Equal(t, []string{"c.mu"}, keys(s.heldAt("Cache.Must", "c.db.Query")))
}

func TestNoLockReturnsNil(t *testing.T) {
	s := load(t, `package app

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

func plain(a, b int) int { return a + b }

// done only unlocks: its caller took the lock.
func (c *Counter) done() { c.n++; c.mu.Unlock() }

// spawn locks only inside a function literal, which is analyzed on its own.
func (c *Counter) spawn() { go func() { c.mu.Lock(); c.n++; c.mu.Unlock() }() }
`)
	for _, name := range []string{"plain", "Counter.done", "Counter.spawn"} {
		assert.Nil(t, locks.Analyze(s.info, s.fn(name), nil), name)
	}
	var f *locks.Func
	assert.Nil(t, f.HeldAt(s.fn("plain")), "nil *Func")
	assert.Nil(t, locks.Analyze(s.info, &ast.FuncDecl{Name: ast.NewIdent("x"), Type: &ast.FuncType{}}, nil), "no body")
}

func TestMissingTypeInfo(t *testing.T) {
	s := load(t, cacheSrc)
	fn := s.fn("Cache.Get")
	assert.NotPanics(t, func() {
		assert.Nil(t, locks.Analyze(&types.Info{}, fn, nil))
		assert.Nil(t, locks.Analyze(nil, fn, nil))
	})
	// Selections present, the rest missing: the lock is still found, and
	// its Scope degrades to Unknown rather than failing.
	partial := &types.Info{Selections: s.info.Selections}
	assert.NotPanics(t, func() {
		f := locks.Analyze(partial, fn, nil)
		if f != nil {
			f.HeldAt(s.call(fn, "c.db.Query"))
		}
	})
}

func TestOptionsCFG(t *testing.T) {
	s := load(t, cacheSrc)
	fn := s.fn("Cache.Get")
	var asked []ast.Node
	opts := &locks.Options{CFG: func(n ast.Node) *cfg.CFG {
		asked = append(asked, n)
		return nil // fall back to cfg.New
	}}
	f := s.analyze(fn, opts)
	assert.Equal(t, []ast.Node{fn}, asked)
	assert.Len(t, f.HeldAt(s.call(fn, "c.db.Query")), 1)

	asked = nil
	locks.Analyze(s.info, s.fn("DB.Query"), opts)
	assert.Empty(t, asked, "not asked for a function without locks")
}

func TestScopeString(t *testing.T) {
	assert.Equal(t, "receiver", locks.Receiver.String())
	assert.Equal(t, "local", locks.Local.String())
	assert.Equal(t, "Scope(?)", locks.Scope(99).String())
}
