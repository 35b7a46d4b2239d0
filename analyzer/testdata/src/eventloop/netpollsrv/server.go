// Package netpollsrv is a netpoll proxy: OnPrepare runs on a poller
// goroutine, OnRequest and OnConnect in netpoll's goroutine pool.
package netpollsrv

import (
	"context"
	"net"
	"time"

	"github.com/cloudwego/netpoll"
)

type ctxKey struct{}

// Serve runs the proxy.
func Serve(ln netpoll.Listener) error {
	loop, err := netpoll.NewEventLoop(onRequest,
		netpoll.WithOnPrepare(prepare),
		netpoll.WithOnConnect(connect),
		netpoll.WithOnDisconnect(func(ctx context.Context, c netpoll.Connection) {
			time.Sleep(time.Millisecond)
		}),
		netpoll.WithIdleTimeout(time.Minute),
	)
	if err != nil {
		return err
	}
	return loop.Serve(ln)
}

// prepare dials the upstream on the poller goroutine.
func prepare(c netpoll.Connection) context.Context { // want prepare:`blocks\(dial: net.Dial via prepare\)`
	up, err := net.Dial("tcp", "upstream.internal:9000") // want `^eventloop: net\.Dial in netpoll OnPrepare callback prepare stalls the poller goroutine that accepted the connection while it runs, with every connection that poller serves; move the work to OnConnect or OnRequest, which run in netpoll's goroutine pool$`
	if err != nil {
		c.Close()
		return context.Background()
	}
	return context.WithValue(context.Background(), ctxKey{}, up)
}

// connect runs in netpoll's goroutine pool: a dial here does not stall the poller.
func connect(ctx context.Context, c netpoll.Connection) context.Context { // want connect:`blocks\(slow: \(\*net.Dialer\).DialContext via connect\)`
	up, err := (&net.Dialer{}).DialContext(ctx, "tcp", "upstream.internal:9000")
	if err != nil {
		c.Close()
		return ctx
	}
	return context.WithValue(ctx, ctxKey{}, up)
}

// onRequest runs in netpoll's goroutine pool, one at a time per connection.
func onRequest(ctx context.Context, c netpoll.Connection) error { // want onRequest:`blocks\(sleep: time.Sleep via onRequest\)`
	up := ctx.Value(ctxKey{}).(net.Conn)
	b, _ := c.Reader().Next(c.Reader().Len())
	up.Write(b)
	time.Sleep(time.Millisecond)
	return nil
}

// ServeConverted registers a literal through the OnPrepare conversion.
func ServeConverted(ln netpoll.Listener) error {
	loop, _ := netpoll.NewEventLoop(onRequest, netpoll.WithOnPrepare(netpoll.OnPrepare(func(c netpoll.Connection) context.Context {
		time.Sleep(time.Millisecond) // want `^eventloop: time\.Sleep in netpoll OnPrepare callback \(func literal in ServeConverted\) stalls the poller goroutine`
		return context.Background()
	})))
	return loop.Serve(ln)
}
