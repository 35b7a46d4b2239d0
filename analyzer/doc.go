// Package analyzer defines blockcheck, an analysis that finds the code that
// makes request handlers slow, stuck or serialized.
//
// # Analyzer blockcheck
//
// report blocking operations reached from request handlers
//
// A handler that calls time.Sleep, makes a database query or an outbound
// HTTP request without the request's context, or waits on a shared channel
// with no ctx.Done() escape keeps its goroutine, connection and pool slots
// after the client has gone or the server has begun shutting down. net/http
// serves each request on its own goroutine, so other requests are still
// served; under load, though, the stuck goroutines pile up.
//
// blockcheck finds handlers by their types (func(http.ResponseWriter,
// *http.Request); those of gin, echo, fiber, fasthttp, chi, gorilla/mux,
// gRPC and connect; shapes and registrations declared with
// -handler-shapes and -handler-registrations; and any function marked
// //blockcheck:handler), follows
// their calls through helpers, methods and other packages by way of
// per-function summaries exported as facts, and reports each blocking
// operation at the call site in the handler, with the chain of calls that
// reaches it. Where a mechanical fix exists (QueryContext,
// exec.CommandContext, http.NewRequestWithContext, a context-aware sleep)
// it is offered as a suggested fix that uses the context in scope.
//
// It also reports the work a handler does with no bound: loops and
// allocations sized by request input with no clamp (unboundedloop,
// unboundedalloc), loops with no exit (infiniteloop), request bodies read
// with no size limit (bodyread, with a fix that wraps the body in
// http.MaxBytesReader), and outbound requests sent with a client that has
// no timeout (clienttimeout).
//
// Every finding names its rule ID (sleep, httpnoctx, sqlnoctx, execnoctx,
// dialnoctx, chanwait, clienttimeout, lockheld, unboundedloop, …). A
// finding is silenced with a directive that names the rule and says why:
//
//	//blockcheck:ignore sleep the vendor API asks for 1s between calls
//
// The -disable flag turns rules off: -disable=chanwait,dialnoctx. The
// -enable flag turns on rules that are off by default (-disable wins).
// The -funcs flag declares more blocking functions, of your code or of
// your dependencies, as comma-separated FUNC=KIND[:ALT] rows: the function
// named as in -handler-registrations, the kind of waiting it does (sleep,
// http, sql, exec, dial, wait or file; it decides the rule that reports
// it) and, optionally, the context-aware alternative the message
// suggests:
//
//	-funcs='github.com/acme/db.(*Client).Fetch=sql:FetchContext,github.com/acme/rpc.Call=http'
//
// The -handler-shapes and -handler-registrations flags declare the
// handlers of other frameworks:
//
//	-handler-shapes='func(*github.com/acme/web.Ctx) error={0}.Context()'
//	-handler-registrations='github.com/acme/web.(*Router).Handle'
//
// The -max-body flag sets the body limit the bodyread fix writes, in bytes
// (default 1 MiB): -max-body=8388608.
//
// Frameworks are documented at https://github.com/blockcheck/blockcheck/blob/main/docs/frameworks.md.
//
// Rules are documented at https://github.com/blockcheck/blockcheck/blob/main/docs/rules/README.md.
package analyzer
