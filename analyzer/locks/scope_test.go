package locks_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/blockcheck/blockcheck/analyzer/locks"
)

// storeSrc is a session store and a rate limiter, with the mutex in every
// place servers keep one.
const storeSrc = `package app

import (
	"sync"
	"time"
)

func fetch(id string) string { time.Sleep(time.Second); return id }

// registryMu guards registry: one lock for the whole process.
var registryMu sync.RWMutex

var registry = map[string]string{}

func Lookup(name string) string {
	registryMu.RLock()
	defer registryMu.RUnlock()
	return fetch(registry[name])
}

type Session struct {
	mu   sync.Mutex
	data map[string]string
}

type shard struct {
	mu   sync.RWMutex
	byID map[string]*Session
}

type Stats struct {
	sync.Mutex // embedded
	hits int
}

type Store struct {
	sessions map[string]*Session
	locks    map[string]*sync.Mutex
	shards   [16]*shard
	stats    Stats
	cache    struct{ inner struct{ mu sync.Mutex } }
	guard    *sync.Mutex
	*sync.RWMutex
}

func (s *Store) Touch(id string) {
	s.sessions[id].mu.Lock()
	fetch(id)
	s.sessions[id].mu.Unlock()
}

func (s *Store) Save(id string) {
	s.locks[id].Lock()
	defer s.locks[id].Unlock()
	fetch(id)
}

func (s *Store) Find(id string, h int) {
	sh := s.shards[h%16]
	sh.mu.RLock()
	fetch(id)
	sh.mu.RUnlock()
}

func (s *Store) Each() {
	for _, sess := range s.sessions {
		sess.mu.Lock()
		fetch("x")
		sess.mu.Unlock()
	}
}

func (s *Store) Hit() {
	s.stats.Lock()
	fetch("hit")
	s.stats.Mutex.Unlock()
}

func (s *Store) Deep() {
	s.cache.inner.mu.Lock()
	fetch("deep")
	s.cache.inner.mu.Unlock()
}

func (s *Store) Guarded() {
	s.guard.Lock()
	defer s.guard.Unlock()
	fetch("guarded")
}

func (s *Store) Promoted() {
	s.RLock()
	fetch("promoted")
	s.RUnlock()
}

func (s *Store) First() {
	s.shards[0].mu.Lock()
	fetch("first")
	s.shards[0].mu.Unlock()
}

// Limiter is passed by value; its mutex is behind a pointer, so copies share it.
type Limiter struct {
	mu   *sync.Mutex
	last time.Time
}

func (l Limiter) Wait() {
	l.mu.Lock()
	time.Sleep(time.Until(l.last))
	l.mu.Unlock()
}

// Counter is passed by value with the mutex inside: every call has a copy.
type Counter struct {
	mu sync.Mutex
	n  int
}

func (c Counter) Add() {
	c.mu.Lock()
	fetch("add")
	c.mu.Unlock()
}

func Update(c *Counter) {
	c.mu.Lock()
	fetch("update")
	c.mu.Unlock()
}

func Batch(ids []string) {
	var mu sync.Mutex
	mu.Lock()
	fetch("batch")
	mu.Unlock()

	sess := &Session{data: map[string]string{}}
	sess.mu.Lock()
	fetch("fresh")
	sess.mu.Unlock()
}

func (s *Store) Publish(id string) {
	sess := &Session{}
	sess.mu.Lock()
	s.sessions[id] = sess // other requests can now find and lock it
	fetch("publish")
	sess.mu.Unlock()
}

// Pool keeps a sync.Locker: it may be a mutex shared with others.
type Pool struct {
	lk    sync.Locker
	conns []string
}

func (p *Pool) Get() string {
	p.lk.Lock()
	defer p.lk.Unlock()
	return fetch(p.conns[0])
}

// LRU is generic.
type LRU[K comparable, V any] struct {
	mu    sync.Mutex
	items map[K]V
}

func (c *LRU[K, V]) Get(k K) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	fetch("lru")
	return c.items[k]
}

func (s *Store) Snapshot() {
	st := s.stats // a copy, mutex included (vet's copylocks objects)
	st.Lock()
	fetch("snapshot")
	st.Unlock()
	m := &s.stats.Mutex
	m.Lock()
	fetch("alias")
	m.Unlock()
}

func (s *Store) Route() func(id string) string {
	return func(id string) string {
		s.guard.Lock()
		defer s.guard.Unlock()
		return fetch(id)
	}
}

// WithLock runs f under any lock it is given.
func WithLock[L sync.Locker](l L, f func()) {
	l.Lock()
	defer l.Unlock()
	f()
}

func Handler() func(id string) string {
	var mu sync.Mutex
	return func(id string) string {
		mu.Lock()
		defer mu.Unlock()
		return fetch(id)
	}
}
`

func TestScopes(t *testing.T) {
	s := load(t, storeSrc)
	tests := []struct {
		fn, call string
		key      string
		scope    locks.Scope
		obj      string
		read     bool
		perKey   bool
	}{
		{"Lookup", "fetch", "registryMu", locks.Global, "registryMu", true, false},
		{"Store.Touch", "fetch", "s.sessions[id].mu", locks.Receiver, "s", false, true},
		{"Store.Save", "fetch", "s.locks[id]", locks.Receiver, "s", false, true},
		{"Store.Find", "fetch", "sh.mu", locks.Receiver, "s", true, true},
		{"Store.Each", "fetch", "sess.mu", locks.Receiver, "s", false, true},
		{"Store.Hit", "fetch", "s.stats.Mutex", locks.Receiver, "s", false, false},
		{"Store.Deep", "fetch", "s.cache.inner.mu", locks.Receiver, "s", false, false},
		{"Store.Guarded", "fetch", "s.guard", locks.Receiver, "s", false, false},
		{"Store.Promoted", "fetch", "s.RWMutex", locks.Receiver, "s", true, false},
		{"Store.First", "fetch", "s.shards[0].mu", locks.Receiver, "s", false, false},
		{"Limiter.Wait", "time.Sleep", "l.mu", locks.Receiver, "l", false, false},
		{"Counter.Add", "fetch", "c.mu", locks.Local, "c", false, false},
		{"Update", "fetch", "c.mu", locks.Param, "c", false, false},
		{"Store.Publish", "fetch", "sess.mu", locks.Unknown, "sess", false, false},
		{"Pool.Get", "fetch", "p.lk", locks.Receiver, "p", false, false},
		{"LRU[K, V].Get", "fetch", "c.mu", locks.Receiver, "c", false, false},
		{"WithLock", "f", "l", locks.Param, "l", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			l := only(t, s.heldAt(tt.fn, tt.call))
			assert.Equal(t, tt.key, l.Key)
			assert.Equal(t, tt.scope, l.Scope, "scope %s", l.Scope)
			if assert.NotNil(t, l.Obj) {
				assert.Equal(t, tt.obj, l.Obj.Name())
			}
			assert.Equal(t, tt.read, l.Read, "read")
			assert.Equal(t, tt.perKey, l.PerKey, "per key")
		})
	}
}

func TestLocalMutexes(t *testing.T) {
	s := load(t, storeSrc)
	fn := s.fn("Batch")
	f := s.analyze(fn, nil)
	for _, c := range s.calls(fn, "fetch") {
		l := only(t, f.HeldAt(c))
		assert.Equal(t, locks.Local, l.Scope, l.Key)
	}
}

func TestAliases(t *testing.T) {
	s := load(t, storeSrc)
	fn := s.fn("Store.Snapshot")
	f := s.analyze(fn, nil)
	calls := s.calls(fn, "fetch")

	l := only(t, f.HeldAt(calls[0]))
	assert.Equal(t, "st.Mutex", l.Key)
	assert.Equal(t, locks.Local, l.Scope, "a copy of the struct")

	l = only(t, f.HeldAt(calls[1]))
	assert.Equal(t, "m", l.Key)
	assert.Equal(t, locks.Receiver, l.Scope, "a pointer to the receiver's mutex")
	assert.Equal(t, "s", l.Obj.Name())
}

func TestCapturedByClosure(t *testing.T) {
	s := load(t, storeSrc)
	for _, name := range []string{"Handler", "Store.Route"} {
		fn := s.fn(name)
		assert.Nil(t, locks.Analyze(s.info, fn, nil), "the outer function takes no lock")
		lit := s.lit(fn)
		f := s.analyze(lit, nil)
		l := only(t, f.HeldAt(s.call(lit, "fetch")))
		assert.Equal(t, locks.Captured, l.Scope, name)
	}
}

func TestTryLock(t *testing.T) {
	s := load(t, `package app

import (
	"errors"
	"sync"
	"time"
)

var errBusy = errors.New("busy")

type Refresher struct {
	mu    sync.RWMutex
	ready bool
}

func (r *Refresher) reload() { time.Sleep(time.Second) }
func (r *Refresher) log()    {}

func (r *Refresher) Refresh() error {
	if !r.mu.TryLock() {
		return errBusy
	}
	defer r.mu.Unlock()
	r.reload()
	return nil
}

func (r *Refresher) Opportunistic() {
	if r.ready && r.mu.TryRLock() {
		r.reload()
		r.mu.RUnlock()
	} else {
		r.log()
	}
	time.Sleep(time.Millisecond)
}

func (r *Refresher) Stored() {
	ok := r.mu.TryLock()
	if ok {
		r.reload()
		r.mu.Unlock()
	}
}

func (r *Refresher) Spin() {
	for !r.mu.TryLock() {
		r.log()
	}
	r.reload()
	r.mu.Unlock()
}
`)
	assert.Equal(t, []string{"r.mu"}, keys(s.heldAt("Refresher.Refresh", "r.reload")), "held after !TryLock returns")

	fn := s.fn("Refresher.Opportunistic")
	f := s.analyze(fn, nil)
	assert.Equal(t, []string{"r.mu R"}, keys(f.HeldAt(s.call(fn, "r.reload"))), "true branch of &&")
	assert.Empty(t, f.HeldAt(s.call(fn, "r.log")), "else branch")
	assert.Empty(t, f.HeldAt(s.call(fn, "time.Sleep")), "after the join")

	fn = s.fn("Refresher.Stored")
	f = s.analyze(fn, nil)
	assert.Empty(t, f.HeldAt(s.call(fn, "r.reload")), "a stored TryLock result is not followed")

	fn = s.fn("Refresher.Spin")
	f = s.analyze(fn, nil)
	assert.Empty(t, f.HeldAt(s.call(fn, "r.log")), "loop body: TryLock failed")
	assert.Equal(t, []string{"r.mu"}, keys(f.HeldAt(s.call(fn, "r.reload"))), "loop exit: TryLock succeeded")
}
