package gnetsrv

import (
	"context"
	"database/sql"
	"os"
	"sync"

	"github.com/panjf2000/gnet/v2"
)

// cacheServer answers from memory, but shares its lock with a refresher
// that holds it across a query.
type cacheServer struct {
	gnet.BuiltinEventEngine
	db      *sql.DB
	mu      sync.Mutex
	hot     map[string][]byte
	statsMu sync.Mutex
	hits    int
}

// refresh runs on a goroutine of its own, every minute.
func (srv *cacheServer) refresh(ctx context.Context) { // want refresh:`blocks\(slow: \(\*sql.DB\).QueryContext via cacheServer.refresh; serial: srv.mu held across \(\*sql.DB\).QueryContext via cacheServer.refresh\)`
	srv.mu.Lock()
	defer srv.mu.Unlock()
	rows, err := srv.db.QueryContext(ctx, "SELECT k, v FROM hot")
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v []byte
		rows.Scan(&k, &v)
		srv.hot[k] = v
	}
}

// OnTraffic waits for the refresher whenever it runs.
func (s *cacheServer) OnTraffic(c gnet.Conn) gnet.Action {
	key, _ := c.Next(-1)
	s.statsMu.Lock() // held only over memory, everywhere
	s.hits++
	s.statsMu.Unlock()
	s.mu.Lock() // want `^eventloop: s\.mu\.Lock in gnet callback cacheServer\.OnTraffic may wait for cacheServer\.refresh, which holds s\.mu across \(\*sql\.DB\)\.QueryContext \(cache\.go:27\), and stalls every connection on this event loop while it runs; take the slow work in cacheServer\.refresh out from under the lock$`
	v := s.hot[string(key)]
	s.mu.Unlock()
	c.Write(v)
	return gnet.None
}

var (
	configMu sync.RWMutex
	config   []byte
)

func reloadConfig() { // want reloadConfig:`blocks\(file: os.ReadFile via reloadConfig; serial: configMu held across os.ReadFile via reloadConfig\)`
	configMu.Lock()
	defer configMu.Unlock()
	config, _ = os.ReadFile("/etc/echo.conf")
}

// OnOpen reads the configuration under a read lock: it waits for a reload.
func (s *cacheServer) OnOpen(c gnet.Conn) ([]byte, gnet.Action) {
	configMu.RLock() // want `^eventloop: configMu\.RLock in gnet callback cacheServer\.OnOpen may wait for reloadConfig, which holds configMu across os\.ReadFile \(cache\.go:61\), and stalls every connection on this event loop while it runs; take the slow work in reloadConfig out from under the lock$`
	greeting := config
	configMu.RUnlock()
	return greeting, gnet.None
}

// OnClose locks through parentheses.
func (s *cacheServer) OnClose(c gnet.Conn, err error) gnet.Action {
	(s.mu.Lock)() // want `^eventloop: s\.mu\.Lock in gnet callback cacheServer\.OnClose may wait for cacheServer\.refresh`
	delete(s.hot, c.RemoteAddr().String())
	s.mu.Unlock()
	return gnet.None
}
