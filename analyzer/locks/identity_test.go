package locks_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/analyzer/locks"
)

// The identity of a lock held across a slow call (from Analyze) and of a
// lock taken elsewhere (from CallLock) are built by the same function, so
// the same lock named from two methods, or two receivers, matches.
func TestIdentity(t *testing.T) {
	s := load(t, `package app

import "sync"

var mu sync.Mutex

type Server struct {
	mu     sync.Mutex
	shards []struct{ mu sync.Mutex }
	cache  *Cache
}
type Cache struct{ mu sync.Mutex }

func slow() {}

func (s *Server) refresh() {
	s.mu.Lock()
	slow()
	s.mu.Unlock()
}

func (srv *Server) OnTraffic(i int) {
	srv.mu.Lock()
	srv.mu.Unlock()
	mu.Lock()
	mu.Unlock()
	srv.shards[i].mu.Lock()
	srv.shards[i].mu.Unlock()
	c := srv.cache
	c.mu.Lock()
	c.mu.Unlock()
}

func (v Server) byValue() {
	v.mu.Lock()
	v.mu.Unlock()
}

func global() {
	mu.Lock()
	slow()
	mu.Unlock()
}

func param(s *Server) {
	s.mu.Lock()
	s.mu.Unlock()
}
`)
	held := func(fn, at string) string {
		return locks.Identity(only(t, s.heldAt(fn, at)))
	}
	taken := func(fn, call string) string {
		d := s.fn(fn)
		l, ok := locks.CallLock(s.info, d, s.call(d, call), nil)
		require.True(t, ok, call)
		return locks.Identity(l)
	}
	assert.Equal(t, "recv Server.mu", held("Server.refresh", "slow"))
	assert.Equal(t, "global mu", held("global", "slow"))
	assert.Equal(t, held("Server.refresh", "slow"), taken("Server.OnTraffic", "srv.mu.Lock"), "another receiver name")
	assert.Equal(t, held("global", "slow"), taken("Server.OnTraffic", "mu.Lock"))
	assert.Equal(t, "", taken("Server.OnTraffic", "srv.shards[i].mu.Lock"), "per key")
	assert.Equal(t, "", taken("Server.OnTraffic", "c.mu.Lock"), "through a local alias")
	assert.Equal(t, "", taken("Server.byValue", "v.mu.Lock"), "a copy of the receiver's mutex")
	assert.Equal(t, "", taken("param", "s.mu.Lock"), "a parameter")

	d := s.fn("global")
	_, ok := locks.CallLock(s.info, d, s.call(d, "slow"), nil)
	assert.False(t, ok, "not a lock operation")
}
