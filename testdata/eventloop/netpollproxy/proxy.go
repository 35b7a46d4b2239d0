// Package netpollproxy is a TCP proxy on cloudwego/netpoll.
package netpollproxy

import (
	"context"
	"io"
	"net"
	"os"

	"github.com/cloudwego/netpoll"
)

type upstreamKey struct{}

// Serve proxies the connections of ln to upstream.
func Serve(ln net.Listener, upstream string) error {
	loop, err := netpoll.NewEventLoop(
		func(ctx context.Context, c netpoll.Connection) error {
			// OnRequest runs in netpoll's goroutine pool.
			up := ctx.Value(upstreamKey{}).(net.Conn)
			r := c.Reader()
			b, err := r.Next(r.Len())
			if err != nil {
				return err
			}
			_, err = up.Write(b)
			return err
		},
		netpoll.WithOnPrepare(func(c netpoll.Connection) context.Context {
			// OnPrepare runs on the poller that accepted the connection.
			if f, err := os.OpenFile("/var/log/proxy/conns", os.O_APPEND|os.O_WRONLY, 0); err == nil {
				f.WriteString(c.RemoteAddr().String() + "\n")
				f.Close()
			}
			return context.Background()
		}),
		netpoll.WithOnConnect(func(ctx context.Context, c netpoll.Connection) context.Context {
			// OnConnect runs in the goroutine pool: dialing here is right.
			up, err := (&net.Dialer{}).DialContext(ctx, "tcp", upstream)
			if err != nil {
				c.Close()
				return ctx
			}
			go io.Copy(c, up)
			return context.WithValue(ctx, upstreamKey{}, up)
		}),
	)
	if err != nil {
		return err
	}
	return loop.Serve(ln)
}
