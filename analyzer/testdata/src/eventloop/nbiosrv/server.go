// Package nbiosrv is an nbio server whose handlers block on the poller
// goroutine, and hand work to a pool in the ways blockcheck accepts.
package nbiosrv

import (
	"net/http"
	"os"
	"sync"
	"time"

	"eventloop/kv"

	nb "github.com/lesismal/nbio"
	"github.com/lesismal/nbio/taskpool"
)

// Server counts bytes per client.
type Server struct {
	engine *nb.Engine
	pool   *taskpool.TaskPool
	mu     sync.Mutex
	wg     sync.WaitGroup
	counts map[string]int
	client *http.Client
}

// New registers the handlers: methods, a literal, a function of kv.
func New() *Server {
	s := &Server{pool: taskpool.New(64, 1024), client: &http.Client{}}
	s.engine = nb.NewEngine(nb.Config{Network: "tcp", Addrs: []string{":8888"}})
	s.engine.OnData(s.onData)
	s.engine.OnOpen(func(c *nb.Conn) {
		f, err := os.Open("/etc/motd") // want `^eventloop: os\.Open in nbio OnOpen callback \(func literal in New\) stalls the listener's accept loop while it runs: no new connection is accepted; set the engine's Execute to a goroutine pool and run the work with c\.Execute$`
		if err == nil {
			f.Close()
		}
	})
	s.engine.OnRead(kv.Throttle2) // want `^eventloop: nbio OnRead callback kv\.Throttle2 reaches time\.Sleep via kv\.Throttle2 → kv\.Throttle \(kv\.go:\d+\), which stalls every connection on this poller goroutine while it runs; `
	s.engine.OnClose(s.onClose)
	return s
}

// onData runs on the poller goroutine.
func (s *Server) onData(c *nb.Conn, data []byte) { // want onData:`blocks\(http: \(\*http.Client\).Do via Server.onData; wait: \(\*sync.WaitGroup\).Wait via Server.onData\)`
	s.wg.Wait() // want `^eventloop: \(\*sync\.WaitGroup\)\.Wait in nbio OnData callback Server\.onData stalls every connection on this poller goroutine while it runs; `
	req, _ := http.NewRequest("POST", "http://audit.internal/log", nil)
	s.client.Do(req) // want `^eventloop: \(\*http\.Client\)\.Do in nbio OnData callback Server\.onData stalls every connection on this poller goroutine`

	// Handed off: the pool runs it.
	s.pool.Go(func() {
		time.Sleep(time.Millisecond)
		c.Write(data)
	})
	c.Execute(func() { kv.Throttle() })
}

// onClose runs on a goroutine of nbio's timer, not on the poller.
func (s *Server) onClose(c *nb.Conn, err error) { // want onClose:`blocks\(sleep: time.Sleep via Server.onClose\)`
	time.Sleep(time.Millisecond)
}

// Legacy uses the old names: Gopher is an alias of Engine.
func Legacy() *nb.Gopher {
	g := nb.NewGopher(nb.Config{})
	g.OnDataPtr(func(c *nb.Conn, p *[]byte) {
		kv.Get(string(*p)) // want `^eventloop: nbio OnDataPtr callback \(func literal in Legacy\) reaches time\.Sleep via kv\.Get \(kv\.go:\d+\), which stalls every connection on this poller goroutine`
	})
	return g
}
