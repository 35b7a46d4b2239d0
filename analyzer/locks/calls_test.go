package locks_test

import (
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/analyzer/locks"
)

func TestGoAndDeferredCalls(t *testing.T) {
	s := load(t, `package app

import (
	"os"
	"sync"
)

type Journal struct {
	mu   sync.Mutex
	file *os.File
}
func (j *Journal) notify() {}

func (j *Journal) Append(b []byte) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	defer j.file.Sync()
	go j.notify()
	go func() { j.notify() }()
	_, err := j.file.Write(b)
	return err
}

func (j *Journal) Rotate(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	j.mu.Lock()
	defer func() {
		j.file = f
		j.mu.Unlock()
	}()
	return j.file.Sync()
}
`)
	fn := s.fn("Journal.Append")
	f := s.analyze(fn, nil)
	assert.Equal(t, []string{"j.mu"}, keys(f.HeldAt(s.call(fn, "j.file.Write"))))
	assert.Equal(t, []string{"j.mu"}, keys(f.HeldAt(s.call(fn, "j.file.Sync"))), "runs before the deferred Unlock registered earlier")
	notify := s.calls(fn, "j.notify")
	assert.Empty(t, f.HeldAt(notify[0]), "go statement: another goroutine")
	assert.Empty(t, f.HeldAt(notify[1]), "inside a function literal")

	fn = s.fn("Journal.Rotate")
	f = s.analyze(fn, nil)
	l := only(t, f.HeldAt(s.call(fn, "j.file.Sync")))
	assert.NotEqual(t, token.NoPos, l.DeferredUnlock, "unlock inside a deferred literal")
	assert.Empty(t, f.HeldAt(s.call(fn, "f.Close")), "runs after the deferred Unlock")
}

func TestCallKeyFindsSelfDeadlock(t *testing.T) {
	s := load(t, `package app

import "sync"

type Registry struct {
	sync.RWMutex
	names map[string]int
}
func (r *Registry) Add(name string) {
	r.Lock()
	defer r.Unlock()
	if r.Has(name) {
		return
	}
	r.RLock() // deadlock: r.Mutex is already held
	r.names[name] = len(r.names)
	r.RUnlock()
}

func (r *Registry) Has(name string) bool { _, ok := r.names[name]; return ok }
`)
	fn := s.fn("Registry.Add")
	f := s.analyze(fn, nil)
	rlock := s.call(fn, "r.RLock")
	key, ok := locks.CallKey(s.info, rlock, nil)
	require.True(t, ok)
	assert.Equal(t, "r.RWMutex", key)
	assert.Equal(t, []string{key}, keys(f.HeldAt(rlock)))

	_, ok = locks.CallKey(s.info, s.call(fn, "r.Has"), nil)
	assert.False(t, ok, "not a lock call")
	_, ok = locks.CallKey(nil, rlock, nil)
	assert.False(t, ok, "no type info")
}
