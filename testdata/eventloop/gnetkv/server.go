// Package gnetkv is a line-oriented key-value server on gnet:
//
//	GET key\n        → value\n
//	SET key value\n  → OK\n
//
// Server does the lookups on the event loop (the bug blockcheck reports);
// PooledServer hands them to gnet's goroutine pool and writes the replies
// with AsyncWrite (the fix).
package gnetkv

import (
	"bytes"
	"context"
	"database/sql"
	"log"
	"os"
	"sync"
	"time"

	"github.com/panjf2000/gnet/v2"
	"github.com/panjf2000/gnet/v2/pkg/pool/goroutine"

	"example.com/loops/internal/store"
)

// Server serves the protocol on the event loops.
type Server struct {
	gnet.BuiltinEventEngine
	Store *store.Store
	DB    *sql.DB

	mu     sync.Mutex // guards banner
	banner []byte
}

// OnBoot loads the banner once, before the loops start.
func (s *Server) OnBoot(eng gnet.Engine) gnet.Action {
	b, err := os.ReadFile("/etc/kv/banner")
	if err != nil {
		log.Printf("no banner: %v", err)
	}
	s.banner = b
	return gnet.None
}

// OnOpen greets the client and records the session.
func (s *Server) OnOpen(c gnet.Conn) ([]byte, gnet.Action) {
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if _, err := s.DB.ExecContext(ctx, "INSERT INTO sessions (addr) VALUES ($1)", c.RemoteAddr().String()); err != nil {
		log.Printf("session: %v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.banner, gnet.None
}

// OnTraffic answers the commands in the buffer.
func (s *Server) OnTraffic(c gnet.Conn) gnet.Action {
	buf, _ := c.Next(-1)
	for line := range bytes.Lines(buf) {
		cmd, rest, _ := bytes.Cut(bytes.TrimSpace(line), []byte(" "))
		switch string(cmd) {
		case "GET":
			v, err := s.Store.Get(string(rest))
			if err != nil {
				c.Write([]byte("ERR " + err.Error() + "\n"))
				continue
			}
			c.Write(append(v, '\n'))
		case "SET":
			key, val, _ := bytes.Cut(rest, []byte(" "))
			if err := s.Store.Put(string(key), val); err != nil {
				c.Write([]byte("ERR " + err.Error() + "\n"))
				continue
			}
			c.Write([]byte("OK\n"))
		}
	}
	return gnet.None
}

// OnClose forgets the session.
func (s *Server) OnClose(c gnet.Conn, err error) gnet.Action {
	s.DB.Exec("DELETE FROM sessions WHERE addr = $1", c.RemoteAddr().String())
	return gnet.None
}

// OnTick runs on gnet's ticker goroutine, not on a loop: it may take its time.
func (s *Server) OnTick() (time.Duration, gnet.Action) {
	s.reloadBanner()
	return time.Minute, gnet.None
}

// reloadBanner holds the lock across the file read; OnOpen waits for it.
func (s *Server) reloadBanner() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, err := os.ReadFile("/etc/kv/banner"); err == nil {
		s.banner = b
	}
}

// PooledServer serves the same protocol without blocking its loops.
type PooledServer struct {
	gnet.BuiltinEventEngine
	Store *store.Store
	Pool  *goroutine.Pool // goroutine.Default()
}

// OnTraffic copies the input and hands the lookups to the pool.
func (s *PooledServer) OnTraffic(c gnet.Conn) gnet.Action {
	buf, _ := c.Next(-1)
	lines := bytes.Clone(buf) // c.Next's buffer is reused once OnTraffic returns
	err := s.Pool.Submit(func() {
		var out []byte
		for line := range bytes.Lines(lines) {
			cmd, key, _ := bytes.Cut(bytes.TrimSpace(line), []byte(" "))
			if string(cmd) != "GET" {
				out = append(out, "ERR read-only\n"...)
				continue
			}
			v, err := s.Store.Get(string(key))
			if err != nil {
				out = append(out, "ERR "+err.Error()+"\n"...)
				continue
			}
			out = append(append(out, v...), '\n')
		}
		c.AsyncWrite(out, func(c gnet.Conn, err error) error {
			if err != nil {
				log.Printf("reply to %v: %v", c.RemoteAddr(), err)
			}
			return nil
		})
	})
	if err != nil {
		return gnet.Close // the pool is saturated: shed the connection
	}
	return gnet.None
}
