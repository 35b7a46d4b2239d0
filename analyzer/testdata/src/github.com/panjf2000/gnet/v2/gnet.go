// Package gnet is a stub of github.com/panjf2000/gnet/v2 (v2.9.7): the
// declarations blockcheck's tests use, with the real signatures.
package gnet

import (
	"context"
	"net"
	"time"
)

// Action is an action that occurs after the completion of an event.
type Action int

// The actions.
const (
	None Action = iota
	Close
	Shutdown
)

// Engine represents an engine context which provides some functions.
type Engine struct{}

// Stop gracefully shuts down this Engine without interrupting any active event-loops.
func (e Engine) Stop(ctx context.Context) error { return nil }

// AsyncCallback is a callback that will be invoked after the asynchronous function finishes.
type AsyncCallback func(c Conn, err error) error

// Reader is the read side of a Conn.
type Reader interface {
	Next(n int) (buf []byte, err error)
	Peek(n int) (buf []byte, err error)
	Discard(n int) (discarded int, err error)
	InboundBuffered() (n int)
}

// Writer is the write side of a Conn.
type Writer interface {
	Write(p []byte) (n int, err error)
	AsyncWrite(buf []byte, callback AsyncCallback) (err error)
	AsyncWritev(bs [][]byte, callback AsyncCallback) (err error)
}

// Conn is an interface of underlying connection.
type Conn interface {
	Reader
	Writer
	Context() (ctx any)
	SetContext(ctx any)
	RemoteAddr() (addr net.Addr)
	EventLoop() EventLoop
	Wake(callback AsyncCallback) error
	CloseWithCallback(callback AsyncCallback) error
	Close() error
}

// Runnable defines the common protocol of an execution on an event-loop.
type Runnable interface {
	Run(ctx context.Context) error
}

// RunnableFunc is an adapter to allow the use of ordinary function as a Runnable.
type RunnableFunc func(ctx context.Context) error

// Run executes the RunnableFunc itself.
func (fn RunnableFunc) Run(ctx context.Context) error { return fn(ctx) }

// EventLoop provides a set of methods for manipulating the event-loop.
type EventLoop interface {
	Execute(ctx context.Context, runnable Runnable) error
	Close(Conn) error
}

// EventHandler represents the engine events' callbacks for the Run call.
type EventHandler interface {
	OnBoot(eng Engine) (action Action)
	OnShutdown(eng Engine)
	OnOpen(c Conn) (out []byte, action Action)
	OnClose(c Conn, err error) (action Action)
	OnTraffic(c Conn) (action Action)
	OnTick() (delay time.Duration, action Action)
}

// BuiltinEventEngine is a built-in implementation of EventHandler.
type BuiltinEventEngine struct{}

// OnBoot fires when the engine is ready for accepting connections.
func (*BuiltinEventEngine) OnBoot(_ Engine) (action Action) { return }

// OnShutdown fires when the engine is being shut down.
func (*BuiltinEventEngine) OnShutdown(_ Engine) {}

// OnOpen fires when a new connection has been opened.
func (*BuiltinEventEngine) OnOpen(_ Conn) (out []byte, action Action) { return }

// OnClose fires when a connection has been closed.
func (*BuiltinEventEngine) OnClose(_ Conn, _ error) (action Action) { return }

// OnTraffic fires when a local socket receives data from the remote.
func (*BuiltinEventEngine) OnTraffic(_ Conn) (action Action) { return }

// OnTick fires immediately after the engine starts and will fire again
// following the duration specified by the delay return value.
func (*BuiltinEventEngine) OnTick() (delay time.Duration, action Action) { return }

// Option is a function that will set up option.
type Option func(opts *Options)

// Options are configurations for the gnet application.
type Options struct {
	Multicore bool
	Ticker    bool
}

// WithMulticore enables multi-cores mode for gnet engine.
func WithMulticore(multicore bool) Option {
	return func(opts *Options) { opts.Multicore = multicore }
}

// WithTicker indicates whether a ticker is set or not.
func WithTicker(ticker bool) Option {
	return func(opts *Options) { opts.Ticker = ticker }
}

// Run starts handling events on the specified address.
func Run(eventHandler EventHandler, protoAddr string, opts ...Option) error { return nil }

// Rotate starts handling events on the specified addresses.
func Rotate(eventHandler EventHandler, addrs []string, opts ...Option) error { return nil }
