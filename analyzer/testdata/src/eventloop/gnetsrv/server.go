// Package gnetsrv is a gnet server whose callbacks block in every way
// blockcheck knows, and hand work off in the ways it accepts.
package gnetsrv

import (
	"context"
	"database/sql"
	"os"
	"time"

	"eventloop/kv"

	"github.com/panjf2000/ants/v2"
	"github.com/panjf2000/gnet/v2"
	"github.com/panjf2000/gnet/v2/pkg/pool/goroutine"
)

type echoServer struct {
	gnet.BuiltinEventEngine
	db   *sql.DB
	jobs chan []byte
	pool *goroutine.Pool
}

// OnTraffic sleeps on the loop.
func (s *echoServer) OnTraffic(c gnet.Conn) gnet.Action { // want OnTraffic:`blocks\(sleep: time.Sleep via echoServer.OnTraffic\)`
	buf, _ := c.Next(-1)
	time.Sleep(time.Millisecond) // want `^eventloop: time\.Sleep in gnet callback echoServer\.OnTraffic stalls every connection on this event loop while it runs; hand the work to a goroutine pool and write the reply from there with c\.AsyncWrite$`
	c.Write(buf)
	return gnet.None
}

// OnOpen queries the database, with and without a context: on the loop,
// a context does not help.
func (s *echoServer) OnOpen(c gnet.Conn) ([]byte, gnet.Action) { // want OnOpen:`blocks\(sql: \(\*sql.DB\).QueryRow via echoServer.OnOpen\)`
	var n int
	s.db.QueryRow("SELECT count(*) FROM sessions").Scan(&n) // want `^eventloop: \(\*sql\.DB\)\.QueryRow in gnet callback echoServer\.OnOpen stalls every connection on this event loop while it runs; `
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	s.db.QueryRowContext(ctx, "INSERT INTO sessions DEFAULT VALUES").Scan(&n) // want `^eventloop: \(\*sql\.DB\)\.QueryRowContext on context\.Background\(\) in gnet callback echoServer\.OnOpen stalls every connection`
	return nil, gnet.None
}

// OnClose waits on a shared channel and writes a file.
func (s *echoServer) OnClose(c gnet.Conn, err error) gnet.Action { // want OnClose:`blocks\(wait: send on s.jobs via echoServer.OnClose; file: os.WriteFile via echoServer.OnClose\)`
	s.jobs <- []byte("closed")                                              // want `^eventloop: send on s\.jobs in gnet callback echoServer\.OnClose stalls every connection`
	os.WriteFile("/tmp/last-close", []byte(c.RemoteAddr().String()), 0o644) // want `^eventloop: os\.WriteFile in gnet callback echoServer\.OnClose stalls every connection`
	select {
	case s.jobs <- []byte("closed"):
	default: // does not wait
	}
	return gnet.None
}

// OnTick runs on a ticker goroutine of its own, not on a loop.
func (s *echoServer) OnTick() (time.Duration, gnet.Action) { // want OnTick:`blocks\(sleep: time.Sleep via echoServer.OnTick\)`
	time.Sleep(time.Millisecond)
	return time.Second, gnet.None
}

// OnBoot runs once, before the loops start.
func (s *echoServer) OnBoot(eng gnet.Engine) gnet.Action { // want OnBoot:`blocks\(file: os.ReadFile via echoServer.OnBoot\)`
	os.ReadFile("/etc/echo.conf")
	return gnet.None
}

// proxy serves a protocol whose replies come from a store.
type proxy struct {
	*gnet.BuiltinEventEngine
	pool *goroutine.Pool
}

// OnTraffic reaches blocking through helpers, in this package and in kv.
func (p *proxy) OnTraffic(c gnet.Conn) gnet.Action { // want OnTraffic:`blocks\(sleep: time.Sleep via proxy.OnTraffic → kv.Get; wait: \(\*sync.Cond\).Wait via proxy.OnTraffic → Pool.Submit → Pool.retrieveWorker; file: os.ReadFile via proxy.OnTraffic → kv.Get\)`
	key, _ := c.Next(-1)
	p.lookup(string(key))       // want `^eventloop: gnet callback proxy\.OnTraffic reaches time\.Sleep via proxy\.lookup → retry \(server\.go:\d+\), which stalls every connection on this event loop while it runs; hand the work to a goroutine pool and write the reply from there with c\.AsyncWrite$`
	v, _ := kv.Get(string(key)) // want `^eventloop: gnet callback proxy\.OnTraffic reaches time\.Sleep via kv\.Get \(kv\.go:16\), which stalls every connection`
	c.Write(v)
	c.Write([]byte{byte(kv.Len(v))})

	// Handed off: the pool runs the work, and the reply is written
	// asynchronously; the loop goes on.
	p.pool.Submit(func() {
		v, _ := kv.Get(string(key))
		c.AsyncWrite(v, nil)
		// Back on the loop.
		c.EventLoop().Execute(context.Background(), gnet.RunnableFunc(func(ctx context.Context) error {
			os.Remove("/tmp/" + string(key)) // want `^eventloop: os\.Remove in gnet Execute callback \(func literal in proxy\.OnTraffic\) stalls every connection on this event loop`
			return nil
		}))
	})
	_ = ants.Submit(func() { time.Sleep(time.Second) })
	p.dispatch(func() { kv.Throttle() })
	go func() {
		time.Sleep(time.Second)
	}()

	// The callback of AsyncWrite runs on the loop again.
	c.AsyncWrite(key, func(c gnet.Conn, err error) error {
		kv.Throttle() // want `^eventloop: gnet AsyncWrite callback \(func literal in proxy\.OnTraffic\) reaches time\.Sleep via kv\.Throttle \(kv\.go:\d+\), which stalls every connection`
		return nil
	})
	return gnet.None
}

func (p *proxy) lookup(key string) { retry(key) } // want lookup:`blocks\(sleep: time.Sleep via proxy.lookup → retry\)`

func retry(key string) { // want retry:`blocks\(sleep: time.Sleep via retry\)`
	for range 3 {
		time.Sleep(time.Millisecond)
	}
}

// dispatch hands work to the pool; the pool may wait for a free worker,
// which is the pool's business.
func (p *proxy) dispatch(work func()) { p.pool.Submit(work) } // want dispatch:`blocks\(wait: \(\*sync.Cond\).Wait via proxy.dispatch → Pool.Submit → Pool.retrieveWorker\)`

// notHandler has a method named OnTraffic, but is no gnet.EventHandler.
type notHandler struct{}

func (notHandler) OnTraffic(c gnet.Conn) gnet.Action { // want OnTraffic:`blocks\(sleep: time.Sleep via notHandler.OnTraffic\)`
	time.Sleep(time.Millisecond)
	return gnet.None
}

// Run starts the servers.
func Run() error {
	pool := goroutine.Default()
	go gnet.Run(&proxy{pool: pool}, "tcp://:9001")
	return gnet.Run(&echoServer{pool: pool, jobs: make(chan []byte, 16)}, "tcp://:9000", gnet.WithMulticore(true))
}

// auditLog appends to a file on every connection; the author accepts it.
type auditLog struct{ gnet.BuiltinEventEngine }

func (auditLog) OnOpen(c gnet.Conn) ([]byte, gnet.Action) { // want OnOpen:`blocks\(file: os.WriteFile via auditLog.OnOpen\)`
	//blockcheck:ignore eventloop the audit file is on tmpfs: a write takes microseconds
	os.WriteFile("/run/audit/"+c.RemoteAddr().String(), nil, 0o600)
	return nil, gnet.None
}
