// Package netpoll is a stub of github.com/cloudwego/netpoll (v0.7.2): the
// declarations blockcheck's tests use, with the real signatures.
package netpoll

import (
	"context"
	"net"
	"time"
)

// Reader is a collection of operations for nocopy reads.
type Reader interface {
	Next(n int) (p []byte, err error)
	Len() (length int)
	Release() (err error)
}

// Writer is a collection of operations for nocopy writes.
type Writer interface {
	Malloc(n int) (buf []byte, err error)
	WriteBinary(b []byte) (n int, err error)
	Flush() (err error)
}

// Connection supports reading and writing simultaneously.
type Connection interface {
	net.Conn
	Reader() Reader
	Writer() Writer
	IsActive() bool
	SetReadTimeout(timeout time.Duration) error
}

// Listener extends net.Listener.
type Listener interface {
	net.Listener
	Fd() (fd int)
}

// CreateListener returns a new Listener.
func CreateListener(network, addr string) (l Listener, err error) { return nil, nil }

// OnPrepare is used to inject custom preparation at connection initialization.
type OnPrepare func(connection Connection) context.Context

// OnConnect is called once connection created.
type OnConnect func(ctx context.Context, connection Connection) context.Context

// OnDisconnect is called once connection is going to be closed.
type OnDisconnect func(ctx context.Context, connection Connection)

// OnRequest defines the function for handling connection.
type OnRequest func(ctx context.Context, connection Connection) error

// Option is a function that configures an EventLoop.
type Option struct {
	f func(*options)
}

type options struct {
	onPrepare    OnPrepare
	onConnect    OnConnect
	onDisconnect OnDisconnect
	idleTimeout  time.Duration
}

// WithOnPrepare registers the OnPrepare method to EventLoop.
func WithOnPrepare(onPrepare OnPrepare) Option {
	return Option{func(op *options) { op.onPrepare = onPrepare }}
}

// WithOnConnect registers the OnConnect method to EventLoop.
func WithOnConnect(onConnect OnConnect) Option {
	return Option{func(op *options) { op.onConnect = onConnect }}
}

// WithOnDisconnect registers the OnDisconnect method to EventLoop.
func WithOnDisconnect(onDisconnect OnDisconnect) Option {
	return Option{func(op *options) { op.onDisconnect = onDisconnect }}
}

// WithIdleTimeout sets the idle timeout of connections.
func WithIdleTimeout(timeout time.Duration) Option {
	return Option{func(op *options) { op.idleTimeout = timeout }}
}

// EventLoop is the server loop.
type EventLoop interface {
	Serve(ln net.Listener) error
	Shutdown(ctx context.Context) error
}

// NewEventLoop creates an EventLoop.
func NewEventLoop(onRequest OnRequest, ops ...Option) (EventLoop, error) { return nil, nil }
