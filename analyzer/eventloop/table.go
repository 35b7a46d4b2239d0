package eventloop

import "slices"

// The tables below say, per framework, which user functions run on a loop
// goroutine. Every row was checked against the framework's source at the
// version in Tested; docs/eventloop.md gives the file references. A
// callback a framework runs in a goroutine pool, or on a goroutine of its
// own, is not a row: blocking there does not stall the loop.

// frameworks are the event-loop frameworks blockcheck knows (Frameworks).
var frameworks = []Framework{
	{
		Name:   "gnet",
		Path:   "github.com/panjf2000/gnet/v2",
		Tested: "v2.9.7",
		Advice: "hand the work to a goroutine pool and write the reply from there with c.AsyncWrite",
	},
	{
		Name:   "nbio",
		Path:   "github.com/lesismal/nbio",
		Tested: "v1.6.8",
		Advice: "set the engine's Execute to a goroutine pool and run the work with c.Execute",
	},
	{
		Name:   "netpoll",
		Path:   "github.com/cloudwego/netpoll",
		Tested: "v0.7.2",
		Advice: "move the work to OnConnect or OnRequest, which run in netpoll's goroutine pool",
	},
}

// The harms, as verb phrases that follow the blocking operation.
const (
	stallsLoop   = "stalls every connection on this event loop while it runs"
	stallsPoller = "stalls every connection on this poller goroutine while it runs"
	stallsAccept = "stalls the listener's accept loop while it runs: no new connection is accepted"
	stallsPrep   = "stalls the poller goroutine that accepted the connection while it runs, " +
		"with every connection that poller serves"
)

// events are the callbacks that run on a loop goroutine (Events).
var events = []Event{
	// gnet v2: eventloop_unix.go calls OnOpen (open), OnTraffic (read,
	// wake, readUDP) and OnClose (close) from the loop's Polling callback.
	// OnTick runs on a ticker goroutine of its own (engine_unix.go
	// runEventLoops/activateReactors), OnBoot in Run before the loops
	// start, OnShutdown when the engine stops: not rows.
	{
		Framework: "gnet", Interface: "EventHandler",
		Methods: []string{"OnOpen", "OnTraffic", "OnClose"},
		Stalls:  stallsLoop,
	},
	// The AsyncCallback of these Conn methods is run by the loop after
	// the write, wake or close it queued (connection_unix.go; gnet.go
	// says so of AsyncCallback), and a Runnable given to
	// EventLoop.Execute is run by the loop (eventloop_unix.go Execute).
	// AsyncWrite and AsyncWritev are declared in the Writer interface
	// that Conn embeds.
	{Framework: "gnet", Register: "(github.com/panjf2000/gnet/v2.Writer).AsyncWrite", Arg: 1, Name: "AsyncWrite", Stalls: stallsLoop},
	{Framework: "gnet", Register: "(github.com/panjf2000/gnet/v2.Writer).AsyncWritev", Arg: 1, Name: "AsyncWritev", Stalls: stallsLoop},
	{Framework: "gnet", Register: "(github.com/panjf2000/gnet/v2.Conn).Wake", Arg: 0, Name: "Wake", Stalls: stallsLoop},
	{Framework: "gnet", Register: "(github.com/panjf2000/gnet/v2.Conn).CloseWithCallback", Arg: 0, Name: "CloseWithCallback", Stalls: stallsLoop},
	{Framework: "gnet", Register: "(github.com/panjf2000/gnet/v2.EventLoop).Execute", Arg: 1, Name: "Execute", Stalls: stallsLoop},

	// nbio: the poller goroutine reads and calls the data handlers
	// (poller_epoll.go readWriteLoop, poller_kqueue.go). With
	// AsyncReadInPoller the reads move to IOExecute, whose default pool
	// runs one task at a time (taskpool.NewIO(0, 0, 0)): blocking there
	// stalls every connection's reads all the same.
	{Framework: "nbio", Register: "(*github.com/lesismal/nbio.Engine).OnData", Arg: 0, Name: "OnData", Stalls: stallsPoller},
	{Framework: "nbio", Register: "(*github.com/lesismal/nbio.Engine).OnDataPtr", Arg: 0, Name: "OnDataPtr", Stalls: stallsPoller},
	{Framework: "nbio", Register: "(*github.com/lesismal/nbio.Engine).OnRead", Arg: 0, Name: "OnRead", Stalls: stallsPoller},
	// OnOpen runs in addConn, called by the listener's acceptorLoop.
	// OnClose is queued to Timer.Async, a goroutine of its own: not a row.
	{Framework: "nbio", Register: "(*github.com/lesismal/nbio.Engine).OnOpen", Arg: 0, Name: "OnOpen", Stalls: stallsAccept},

	// netpoll: OnPrepare runs in connection.init, called by the
	// listener's OnRead on a poller goroutine (netpoll_server.go onAccept).
	// OnRequest and OnConnect run through runner.RunTask, a goroutine pool
	// (connection_onevent.go onProcess), and OnDisconnect from the
	// goroutine poll_default.go onhups starts: not rows.
	{Framework: "netpoll", Register: "github.com/cloudwego/netpoll.WithOnPrepare", Arg: 0, Name: "OnPrepare", Stalls: stallsPrep},
}

// handOffs are the functions that give work to a goroutine pool. Calling
// one from a callback is the advice, not a finding, even though a pool may
// wait for a free worker when it is full (ants' blocking mode, a full
// taskpool queue): that back-pressure is the pool's design.
var handOffs = []HandOff{
	{Pkg: "github.com/panjf2000/ants/v2", Func: "Submit"},
	{Pkg: "github.com/panjf2000/ants/v2", Func: "Pool.Submit"},
	{Pkg: "github.com/panjf2000/ants/v2", Func: "PoolWithFunc.Invoke"},
	{Pkg: "github.com/panjf2000/ants/v2", Func: "PoolWithFuncGeneric.Invoke"},
	{Pkg: "github.com/panjf2000/ants/v2", Func: "MultiPool.Submit"},
	{Pkg: "github.com/panjf2000/ants/v2", Func: "MultiPoolWithFunc.Invoke"},
	{Pkg: "github.com/panjf2000/ants/v2", Func: "MultiPoolWithFuncGeneric.Invoke"},
	{Pkg: "github.com/lesismal/nbio/taskpool", Func: "TaskPool.Go"},
	{Pkg: "github.com/lesismal/nbio/taskpool", Func: "IOTaskPool.Go"},
	{Pkg: "github.com/bytedance/gopkg/util/gopool", Func: "Go"},
	{Pkg: "github.com/bytedance/gopkg/util/gopool", Func: "CtxGo"},
}

// Frameworks returns the event-loop frameworks, a copy of the table.
func Frameworks() []Framework { return slices.Clone(frameworks) }

// Events returns the callbacks that run on a loop goroutine, a copy of the
// table.
func Events() []Event { return slices.Clone(events) }

// HandOffs returns the functions that give work to a goroutine pool, a
// copy of the table.
func HandOffs() []HandOff { return slices.Clone(handOffs) }
