// Package nbioproxy is a TCP proxy on nbio: each client connection gets an
// upstream connection, and data is copied both ways.
package nbioproxy

import (
	"bytes"
	"io"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/lesismal/nbio"
	"github.com/lesismal/nbio/taskpool"
)

// Proxy forwards clients to Upstream.
type Proxy struct {
	Upstream string
	AuditURL string
	engine   *nbio.Engine
	pool     *taskpool.TaskPool
}

// Start listens on addr.
func (p *Proxy) Start(addr string) error {
	p.engine = nbio.NewEngine(nbio.Config{Network: "tcp", Addrs: []string{addr}})
	p.pool = taskpool.New(256, 4096)
	p.engine.OnOpen(p.onOpen)
	p.engine.OnData(p.onData)
	p.engine.OnClose(func(c *nbio.Conn, err error) {
		// nbio runs OnClose on a goroutine of its own: a slow close
		// does not stall the poller.
		if up, ok := c.Session().(net.Conn); ok {
			up.SetDeadline(time.Now().Add(time.Second))
			up.Close()
		}
	})
	return p.engine.Start()
}

// onOpen dials the upstream: on nbio's accept loop.
func (p *Proxy) onOpen(c *nbio.Conn) {
	up, err := net.DialTimeout("tcp", p.Upstream, 2*time.Second)
	if err != nil {
		c.Close()
		return
	}
	c.SetSession(up)
	go func() {
		io.Copy(c, up)
		c.Close()
	}()
}

// onData forwards the client's bytes, and audits large writes.
func (p *Proxy) onData(c *nbio.Conn, data []byte) {
	up, ok := c.Session().(net.Conn)
	if !ok {
		return
	}
	if len(data) > 1<<20 {
		resp, err := http.Post(p.AuditURL, "text/plain", bytes.NewReader([]byte(up.RemoteAddr().String())))
		if err == nil {
			resp.Body.Close()
		}
	}
	buf := bytes.Clone(data) // data is the poller's buffer
	p.pool.Go(func() {
		if _, err := up.Write(buf); err != nil {
			log.Printf("upstream: %v", err)
			c.Close()
		}
	})
}
