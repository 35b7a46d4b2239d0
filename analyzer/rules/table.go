package rules

import "github.com/blockcheck/blockcheck/analyzer/catalog"

// all is the rule table, in documentation order (All). The pages under docs/rules
// are generated from it: after a change, run go generate ./analyzer/rules.
//
// Write the prose for Go developers: what happens in Go, exactly. net/http
// serves each request on its own goroutine, so none of these operations
// blocks other requests; they ignore cancellation, and that is the harm.
var all = []Rule{
	{
		ID:    Sleep,
		Kinds: []catalog.Kind{catalog.Sleep},
		Says: Says{
			WhileRuns: "it sleeps",
			Here:      "wait in a select on the timer and {done}", There: "a select on the timer and {done}",
		},
		Title:   "time.Sleep in a request path",
		Family:  Cancellation,
		Default: true,
		Since:   "v0.1.0",
		Summary: "A handler, or a function it calls, waits for a duration in a way the request's context cannot cut short: " +
			"`time.Sleep`, a bare receive from a timer channel, or a `select` on timers alone.",
		Reports: "- `time.Sleep(d)`;\n" +
			"- a receive from a timer channel outside a `select`: `<-time.After(d)`, `<-time.Tick(d)`, " +
			"`<-t.C` of a `*time.Timer` or `*time.Ticker`;\n" +
			"- a `for range` over such a channel;\n" +
			"- a `select` whose cases all receive from timers." + libraryRows + rootContext,
		Why: "net/http serves each request on its own goroutine, so a handler in `time.Sleep` delays only its own " +
			"request; other requests are still served. But nothing interrupts `time.Sleep`. When the client " +
			"disconnects, the request's context is cancelled and the goroutine sleeps on regardless, then runs the " +
			"rest of the handler for a response nobody reads. A graceful `Server.Shutdown` waits for it.\n\n" +
			"Under load, abandoned requests accumulate: a client that gives up after 2 s and retries, against a " +
			"handler that sleeps 5 s, leaves one more sleeper behind with every retry. Each holds its goroutine, its " +
			"connection, and whatever the handler acquired before the sleep: a transaction, a pool connection, a " +
			"semaphore slot.",
		Bad: `// redeemCoupon slows down clients that guess coupon codes.
func redeemCoupon(w http.ResponseWriter, r *http.Request) {
	if !validCoupon(r.FormValue("code")) {
		time.Sleep(750 * time.Millisecond)
		http.Error(w, "unknown coupon", http.StatusNotFound)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}`,
		Good: `// redeemCoupon slows down clients that guess coupon codes.
func redeemCoupon(w http.ResponseWriter, r *http.Request) {
	if !validCoupon(r.FormValue("code")) {
		select {
		case <-time.After(750 * time.Millisecond):
		case <-r.Context().Done():
			return // the client has gone
		}
		http.Error(w, "unknown coupon", http.StatusNotFound)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}`,
		Fix: "When a context is in scope, the suggested fix replaces the statement `time.Sleep(d)` with\n\n" +
			"```go\n" +
			"select {\n" +
			"case <-time.After(d):\n" +
			"case <-ctx.Done():\n" +
			"}\n" +
			"```\n\n" +
			"where `ctx` is [the context in scope](README.md#the-context-a-fix-uses) and `time` is the package name " +
			"as imported. The wait now ends when the request is cancelled, but the handler goes on: the code after " +
			"it runs with a cancelled context, where context-aware calls fail at once with `ctx.Err()`. Add a " +
			"`return` to the `ctx.Done()` case, as in the example, when the rest of the handler should not run.\n\n" +
			"When the program's main module says `go 1.23` or later, the timer made by `time.After` is " +
			"garbage-collected as soon as the `select` has left it; before Go 1.23 it lives until `d` has elapsed, " +
			"so use `time.NewTimer` and `defer t.Stop()` for long waits.\n\n" +
			"No fix is offered for a sleep reached through another function (pass the context down and wait in such " +
			"a `select` there), for timer receives and timer-only selects (add a `case <-ctx.Done():`), for " +
			"`defer time.Sleep(d)`, when no context expression can be written at the call, or inside a loop " +
			"that does not count its iterations (`for {…}`, `for !done() {…}`, a range over a channel): there the " +
			"select would end every sleep at once after the client leaves and turn a paced loop into a busy one; " +
			"return from the `ctx.Done()` case instead.",
		NotReported: "- A `select` that also has a `ctx.Done()` case or a `default` case: it can end early, or does not wait.\n" +
			"- A `select` on a timer and another channel: the timer is a timeout that bounds the wait " +
			"(neither `sleep` nor `chanwait` reports it).\n" +
			"- Making timers without waiting on them: `time.NewTimer`, `time.NewTicker`, `time.AfterFunc`.",
	},
	{
		ID:    HTTPNoCtx,
		Kinds: []catalog.Kind{catalog.HTTP},
		Says: Says{
			WhileRuns: "the outbound HTTP request runs",
		},
		Title:   "outbound HTTP request without the request's context",
		Family:  Cancellation,
		Default: true,
		Since:   "v0.1.0",
		Summary: "A handler, or a function it calls, makes an outbound HTTP request that does not carry the request's " +
			"context: `http.Get` and its siblings, or a request built by `http.NewRequest` and sent with `Client.Do`.",
		Reports: "The calls in the table below. A request built by `http.NewRequest` is reported at the call that " +
			"sends it, when that call visibly gets the constructor's result: the `http.NewRequest(…)` call itself, " +
			"or a local variable last assigned from it. A related location points at `http.NewRequest`." + libraryRows + rootContext,
		Why: "`http.Get` and `http.NewRequest` use `context.Background()`: nothing ties the outbound call to the " +
			"inbound request. net/http serves each request on its own goroutine, so other requests are still " +
			"served while this one waits; but when its client disconnects, the goroutine keeps waiting for the " +
			"remote server, and the remote server keeps working on a response nobody will read. " +
			"`http.DefaultClient`, which `http.Get` uses, has no timeout: against a server that accepts the " +
			"connection and never answers, the wait has no end. A `Client.Timeout` bounds the wait, but does not " +
			"end it when the client leaves.\n\n" +
			"Each abandoned request holds a goroutine, its inbound connection and an outbound connection. When " +
			"the upstream slows down, handlers waiting on it pile up as fast as requests arrive. With the " +
			"request's context, the transport abandons the round trip (connecting, waiting for the response, " +
			"reading its body) as soon as the context is cancelled, and closes the outbound connection, or resets " +
			"the stream on HTTP/2, so the upstream can notice too.",
		Bad: `func getStock(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://inventory.internal/stock/" + url.PathEscape(r.PathValue("sku")))
	if err != nil {
		http.Error(w, "inventory unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	io.Copy(w, resp.Body)
}`,
		Good: `var inventory = &http.Client{Timeout: 5 * time.Second}

func getStock(w http.ResponseWriter, r *http.Request) {
	u := "https://inventory.internal/stock/" + url.PathEscape(r.PathValue("sku"))
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, u, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := inventory.Do(req)
	if err != nil {
		http.Error(w, "inventory unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	io.Copy(w, resp.Body)
}`,
		Fix: "For `http.NewRequest`, the suggested fix rewrites the constructor, not the call that sends the " +
			"request: `http.NewRequest(method, url, body)` becomes " +
			"`http.NewRequestWithContext(ctx, method, url, body)`, with [the context in scope](README.md#the-context-a-fix-uses).\n\n" +
			"`http.Get`, `Head`, `Post`, `PostForm` and the `*http.Client` methods of the same names have no " +
			"automatic fix: their context-aware form is two calls, `http.NewRequestWithContext` and `Client.Do`, " +
			"each with an error to handle, and `Post` and `PostForm` also need the `Content-Type` header set on " +
			"the request. Rewrite them as in the example. `http.Get` uses `http.DefaultClient`, which has no " +
			"timeout; this is the moment to send with a `Client` that has one.",
		NotReported: "- Requests built with `http.NewRequestWithContext`, or given a context before they are sent " +
			"(`req = req.WithContext(ctx)`, `client.Do(req.WithContext(ctx))`).\n" +
			"- A request that cannot be traced to `http.NewRequest` in the function that sends it: a parameter, " +
			"a field, a helper's result. Its context is unknown.\n" +
			"- A `Client` without a `Timeout`: no rule reports it yet.",
	},
	{
		ID:    SQLNoCtx,
		Kinds: []catalog.Kind{catalog.SQL},
		Says: Says{
			WhileRuns: "the query runs",
		},
		Title:   "database call without the request's context",
		Family:  Cancellation,
		Default: true,
		Since:   "v0.1.0",
		Summary: "A handler, or a function it calls, runs a database query, statement, transaction or ping " +
			"(through `database/sql`, or a catalogued library: sqlx, gorm, pgx, the MongoDB driver) without the " +
			"request's context.",
		Reports: "The methods in the table below, on `*sql.DB`, `*sql.Tx` and `*sql.Stmt`, also when promoted " +
			"through embedding (a struct that embeds `*sql.DB`, as `sqlx.DB` does)." + libraryRows + rootContext,
		Why: "Without a context, `database/sql` uses `context.Background()`. The call first waits for a free " +
			"connection in the pool, then for the database. net/http serves each request on its own goroutine, so " +
			"other requests are still served; but when the client disconnects, this goroutine keeps waiting, the " +
			"query keeps running in the database, and the pool connection stays taken until it ends.\n\n" +
			"The pool is shared by every request. Once abandoned queries hold all its connections " +
			"(`DB.SetMaxOpenConns`; without a limit, the database's own connection limit is the one reached), " +
			"every other request's query waits for one too: a slow query and clients that retry are enough to " +
			"stall all database access. With the request's context, the wait for a connection ends on " +
			"cancellation, and the driver is asked to cancel the query; what that does on the server is up to the " +
			"driver: some send the database a cancel request, others close the connection.",
		Bad: `type Server struct {
	db *sql.DB
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	var name string
	err := s.db.QueryRow("SELECT name FROM users WHERE id = $1", r.PathValue("id")).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		http.Error(w, "database error", http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, name)
}`,
		Good: `type Server struct {
	db *sql.DB
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	var name string
	err := s.db.QueryRowContext(r.Context(), "SELECT name FROM users WHERE id = $1", r.PathValue("id")).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		http.Error(w, "database error", http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, name)
}`,
		Fix: "The suggested fix calls the context-aware method on the same receiver, with " +
			"[the context in scope](README.md#the-context-a-fix-uses) first: `db.Query(query, args...)` becomes " +
			"`db.QueryContext(ctx, query, args...)`, and likewise `QueryRow`, `Exec` and `Prepare`; `db.Begin()` " +
			"becomes `db.BeginTx(ctx, nil)` and `db.Ping()` becomes `db.PingContext(ctx)`. The results have the " +
			"same types, so the code around the call is unchanged.\n\n" +
			"Two behaviours follow the context. A transaction started with `BeginTx` is rolled back by " +
			"`database/sql` when the context is cancelled, and its `Commit` then fails. `PrepareContext`'s context " +
			"covers only the preparation: execute the statement with `Stmt.QueryContext` or `Stmt.ExecContext`. " +
			"If a write must complete even when the client leaves, detach it deliberately: " +
			"`context.WithoutCancel(r.Context())` with a `context.WithTimeout`.",
		NotReported: "- The `…Context` methods, `BeginTx`, and `*sql.Conn`, whose methods all take a context.\n" +
			"- `Rows.Next`, `Rows.Scan`, `Row.Scan`, `Tx.Commit` and `Tx.Rollback`: they take no context and " +
			"follow the context of the call that created them.\n" +
			"- Database APIs outside `database/sql`, such as pgx's native interface or sqlx's `Get` and `Select`, " +
			"are not in the catalogue.",
	},
	{
		ID:    ExecNoCtx,
		Kinds: []catalog.Kind{catalog.Exec},
		Says: Says{
			WhileRuns: "the child process runs",
		},
		Title:   "child process run without the request's context",
		Family:  Cancellation,
		Default: true,
		Since:   "v0.1.0",
		Summary: "A handler, or a function it calls, runs a child process built by `exec.Command`, which has no " +
			"context, and waits for it to exit.",
		Reports: "`Run`, `Output`, `CombinedOutput` and `Wait` of an `*exec.Cmd` that visibly comes from " +
			"`exec.Command` in the same function: called on the `exec.Command(…)` call itself, or on a local " +
			"variable last assigned from it. The finding is at the call that waits; a related location points " +
			"at `exec.Command`.",
		Why: "A `Cmd` made by `exec.Command` has no context, so `Run`, `Output`, `CombinedOutput` and `Wait` wait " +
			"for the process to exit, however long that takes. net/http serves each request on its own " +
			"goroutine, so other requests are still served; but when the client disconnects, the goroutine keeps " +
			"waiting and the child keeps running, spending CPU, memory and file descriptors on a result nobody " +
			"will read.\n\n" +
			"A child process costs far more than a goroutine: a handful of abandoned `ffmpeg` or `pdftk` runs " +
			"can exhaust a machine that thousands of waiting goroutines would not. With `exec.CommandContext`, " +
			"the child is killed when the context is done, and the wait returns.",
		Bad: `func thumbnail(w http.ResponseWriter, r *http.Request) {
	src := filepath.Join("/srv/images", filepath.Base(r.PathValue("name")))
	out, err := exec.Command("convert", src, "-thumbnail", "200x200", "png:-").Output()
	if err != nil {
		http.Error(w, "conversion failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Write(out)
}`,
		Good: `func thumbnail(w http.ResponseWriter, r *http.Request) {
	src := filepath.Join("/srv/images", filepath.Base(r.PathValue("name")))
	out, err := exec.CommandContext(r.Context(), "convert", src, "-thumbnail", "200x200", "png:-").Output()
	if err != nil {
		http.Error(w, "conversion failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Write(out)
}`,
		Fix: "The suggested fix rewrites the constructor: `exec.Command(name, args...)` becomes " +
			"`exec.CommandContext(ctx, name, args...)`, with [the context in scope](README.md#the-context-a-fix-uses); " +
			"the call that runs the command is unchanged.\n\n" +
			"When the context is done, `CommandContext` kills the process with `os.Process.Kill` (SIGKILL on " +
			"Unix). To let it clean up, set `cmd.Cancel` to send a gentler signal, such as " +
			"`func() error { return cmd.Process.Signal(syscall.SIGTERM) }`, and `cmd.WaitDelay` to bound how long " +
			"`Wait` then waits for the process and its pipes.",
		NotReported: "- `exec.CommandContext`.\n" +
			"- `Cmd.Start` on its own: it does not wait. The `Wait` that follows it is reported.\n" +
			"- A `Cmd` that cannot be traced to `exec.Command` in the function that runs it: a parameter, a field, " +
			"a helper's result.",
	},
	{
		ID:    DialNoCtx,
		Kinds: []catalog.Kind{catalog.Dial},
		Says: Says{
			WhileRuns: "it waits on the network",
		},
		Title:   "network dial or DNS lookup without the request's context",
		Family:  Cancellation,
		Default: true,
		Since:   "v0.1.0",
		Summary: "A handler, or a function it calls, opens a network connection or resolves a name without the " +
			"request's context: `net.Dial` and its variants, `tls.Dial`, or the `net.Lookup…` functions.",
		Reports: "The calls in the table below." + libraryRows + rootContext,
		Why: "`net.Dial` has no deadline but the operating system's: a TCP connect to a host that does not answer " +
			"takes about two minutes on Linux. `net.LookupHost` and its siblings wait as long as the resolver's " +
			"timeouts and retries allow. net/http serves each request on its own goroutine, so other requests " +
			"are still served; but when the client disconnects, the goroutine keeps waiting on the network, " +
			"holding its connection. A `Dialer.Timeout` or `net.DialTimeout` bounds the wait, but does not end it " +
			"when the client leaves. With a context, `DialContext` and the `*net.Resolver` methods return as " +
			"soon as it is cancelled.",
		Bad: `// cacheHealth reports whether the cache server accepts connections.
func cacheHealth(w http.ResponseWriter, r *http.Request) {
	conn, err := net.Dial("tcp", "cache.internal:6379")
	if err != nil {
		http.Error(w, "cache unreachable", http.StatusServiceUnavailable)
		return
	}
	conn.Close()
	w.WriteHeader(http.StatusNoContent)
}`,
		Good: `// cacheHealth reports whether the cache server accepts connections.
func cacheHealth(w http.ResponseWriter, r *http.Request) {
	conn, err := (&net.Dialer{}).DialContext(r.Context(), "tcp", "cache.internal:6379")
	if err != nil {
		http.Error(w, "cache unreachable", http.StatusServiceUnavailable)
		return
	}
	conn.Close()
	w.WriteHeader(http.StatusNoContent)
}`,
		Fix: "The suggested fix keeps the arguments and adds [the context in scope](README.md#the-context-a-fix-uses): " +
			"`net.Dial(network, address)` becomes `(&net.Dialer{}).DialContext(ctx, network, address)`, " +
			"`net.DialTimeout(network, address, timeout)` becomes " +
			"`(&net.Dialer{Timeout: timeout}).DialContext(ctx, network, address)`, `d.Dial(network, address)` on a " +
			"`*net.Dialer` becomes `d.DialContext(ctx, network, address)`, and `net.LookupHost(host)` becomes " +
			"`net.DefaultResolver.LookupHost(ctx, host)`, likewise for the other lookups " +
			"(`net.LookupIP(host)` becomes `net.DefaultResolver.LookupIP(ctx, \"ip\", host)`). The results have " +
			"the same types.\n\n" +
			"`net.DialTCP`, `tls.Dial` and `tls.DialWithDialer` have no automatic fix: they return a " +
			"`*net.TCPConn` or a `*tls.Conn` (and `DialTCP` takes `*net.TCPAddr`s), while `DialContext` returns a " +
			"`net.Conn`, so the rewrite needs a conversion or a type assertion that a mechanical fix cannot " +
			"write. By hand:\n\n" +
			"```go\n" +
			"c, err := (&tls.Dialer{Config: cfg}).DialContext(ctx, \"tcp\", addr)\n" +
			"if err != nil {\n" +
			"\treturn err\n" +
			"}\n" +
			"conn := c.(*tls.Conn) // tls.Dialer always returns a *tls.Conn\n" +
			"```",
		NotReported: "- `DialContext` and the `*net.Resolver` methods, which take a context.\n" +
			"- Reads and writes on an established connection: bound them with `SetDeadline`.",
	},
	{
		ID:    ChanWait,
		Kinds: []catalog.Kind{catalog.Wait},
		Says: Says{
			WhileRuns: "it waits for another goroutine",
			Here:      "wait in a select that also has a case for {done}", There: "a select on {done}",
		},
		Title:   "wait on a shared channel, WaitGroup or Cond with no ctx.Done() escape",
		Family:  Cancellation,
		Default: true,
		Since:   "v0.1.0",
		Summary: "A handler, or a function it calls, waits on a channel, `sync.WaitGroup` or `sync.Cond` shared " +
			"with other goroutines, with no way to stop waiting when the request is cancelled.",
		Reports: "- A send `ch <- v`, a receive `<-ch` or a `for range ch` on a shared channel, outside a `select`;\n" +
			"- a `select` with a case on a shared channel and no case that can end the wait: no `default`, no " +
			"`ctx.Done()`, no timer;\n" +
			"- `Wait` on a shared `sync.WaitGroup`;\n" +
			"- `sync.Cond.Wait`, always: a `Cond` cannot be given up on.\n\n" +
			"A channel or `WaitGroup` is shared when it outlives the call: a package-level variable or a field " +
			"of one, a field reached from a receiver or a parameter (`s.jobs`, `cfg.queue`), or a variable that " +
			"a function literal captures from the function around it.",
		Why: "A wait on a shared channel, `WaitGroup` or `Cond` waits for other goroutines: a worker to take a " +
			"job, a result, a signal. Nothing bounds it: if the workers are slow, the handler waits as long as " +
			"they take, and if they are stuck or gone, forever. net/http serves each request on its own " +
			"goroutine, so other requests are still served, but when the client disconnects this goroutine " +
			"keeps waiting, holding its connection.\n\n" +
			"A full queue is the common case: once the workers fall behind, every handler that enqueues waits, " +
			"and they pile up for as long as the backlog lasts, while their clients time out and retry. A " +
			"`select` with a `ctx.Done()` case lets the handler give up when its request is cancelled.",
		Bad: `type Job struct{ Kind, OrderID string }

type Server struct {
	jobs chan Job // drained by a pool of worker goroutines
}

func (s *Server) resendReceipt(w http.ResponseWriter, r *http.Request) {
	s.jobs <- Job{Kind: "receipt", OrderID: r.PathValue("id")}
	w.WriteHeader(http.StatusAccepted)
}`,
		Good: `type Job struct{ Kind, OrderID string }

type Server struct {
	jobs chan Job // drained by a pool of worker goroutines
}

func (s *Server) resendReceipt(w http.ResponseWriter, r *http.Request) {
	select {
	case s.jobs <- Job{Kind: "receipt", OrderID: r.PathValue("id")}:
		w.WriteHeader(http.StatusAccepted)
	case <-r.Context().Done():
		// The client has gone; nothing was queued.
	}
}`,
		Fix: "No automatic fix: what the handler should do when it stops waiting depends on the code. Put the " +
			"operation in a `select` with a `ctx.Done()` case and decide there: return (the client has gone), or " +
			"answer `503 Service Unavailable`. A `default` case instead makes the operation non-blocking, so that " +
			"a full queue is answered at once, and a timer case bounds the wait; neither is reported.\n\n" +
			"When the handler can give up on a reply, make sure the worker's send of the reply cannot block " +
			"forever: give the reply channel a buffer of one.\n\n" +
			"`WaitGroup.Wait` and `Cond.Wait` cannot be used in a `select`. Wait in a goroutine that closes a " +
			"channel, and select on that channel and `ctx.Done()`; the goroutine itself stays until the group is " +
			"done:\n\n" +
			"```go\n" +
			"done := make(chan struct{})\n" +
			"go func() {\n" +
			"\ts.inflight.Wait()\n" +
			"\tclose(done)\n" +
			"}()\n" +
			"select {\n" +
			"case <-done:\n" +
			"case <-ctx.Done():\n" +
			"\treturn\n" +
			"}\n" +
			"```\n\n" +
			"A `Cond` is better replaced by a channel that is closed when the condition becomes true.",
		NotReported: "- Channels and `WaitGroup`s declared in the function itself: waiting on them joins work the " +
			"function started (fan out, then collect), and ends when that work does.\n" +
			"- Channel and `WaitGroup` parameters (`func collect(in <-chan T)`): the caller owns them. A field " +
			"reached through a parameter (`cfg.jobs`) is shared, and reported.\n" +
			"- A `select` with a `default` case, a `ctx.Done()` case (or a receive from any `<-chan struct{}`, " +
			"such as `done := ctx.Done()`), or a timer case.\n" +
			"- `<-ctx.Done()` on its own.\n" +
			"- A shared channel first copied into a local variable (`jobs := s.jobs` then `jobs <- j` in the same " +
			"function) is not recognised as shared.\n" +
			"- Locking a `sync.Mutex` or `sync.RWMutex`.",
	},
	clientTimeoutRule, // table_unbounded.go
	{
		ID:      LockHeld,
		Kinds:   []catalog.Kind{catalog.Serial},
		Title:   "lock shared by every request held across a blocking operation",
		Family:  Serialization,
		Default: true,
		Since:   "v0.1.0",
		Summary: "A handler, or a function it calls, holds a mutex that other requests also take (a package-level " +
			"variable, a field of the server or of a store it shares, a variable its closure captures) while it " +
			"waits for something slow.",
		Reports: "A blocking operation made while a shared lock is certainly held, on every path: every call of the " +
			"cancellation rules' tables, and also the context-aware ones (`QueryContext`, `Client.Do`, " +
			"`DialContext`, `Cmd.Run`, …), `time.Sleep`, waits on shared channels, and file I/O (`os.ReadFile`, " +
			"`(*os.File).Write`, …), which is normal in a handler but not under a lock every request takes.\n\n" +
			"A lock is shared when it is reached from a package-level variable, from the handler's receiver (the " +
			"server, a cache or store it holds), or from a variable the handler's closure captures. The lock " +
			"state is flow-sensitive: `Lock`/`Unlock`, `defer mu.Unlock()`, early returns, branches, `TryLock` " +
			"as a condition, mutexes embedded in structs, and `lock()`/`unlock()` helper methods of the same " +
			"package are understood.\n\n" +
			"It is reported at the operation when the handler makes it; otherwise at the handler's call that " +
			"leads to it, with the chain of calls in the message and as related locations, and the `Lock` call " +
			"as a related location. The lock may be taken in the handler and the blocking happen in a function " +
			"it calls, or both may happen in a function it calls, in the same package or another one. A lock " +
			"chosen by a key (`s.shards[i].mu`, `s.userMu[id%8]`) is reported as per-key: only requests for " +
			"the same key wait for each other.",
		Why: "This is Go's twin of `time.sleep` in a Python `async def`: requests that should run side by side " +
			"run one at a time. net/http serves each request on its own goroutine, but when all of them need the " +
			"same mutex and the holder keeps it for a database round trip, the other goroutines queue on " +
			"`Lock`. Throughput falls to one request per round trip, latency grows with the queue, and one slow " +
			"query (or one unreachable host, or a full disk) stalls every request that needs the lock, even " +
			"those that would have found their answer in memory.\n\n" +
			"Passing the request's context does not help: the holder stops waiting when its own client leaves, " +
			"but the queue behind the lock waits for whatever the holder waits for.",
		Bad: `type Server struct {
	db    *sql.DB
	mu    sync.Mutex // guards names
	names map[string]string
}

func (s *Server) userName(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	name, ok := s.names[id]
	if !ok {
		err := s.db.QueryRowContext(r.Context(), "SELECT name FROM users WHERE id = $1", id).Scan(&name)
		if err != nil {
			http.Error(w, "lookup failed", http.StatusInternalServerError)
			return
		}
		s.names[id] = name
	}
	fmt.Fprintln(w, name)
}`,
		Good: `type Server struct {
	db    *sql.DB
	mu    sync.Mutex // guards names
	names map[string]string
}

func (s *Server) userName(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	name, ok := s.names[id]
	s.mu.Unlock()
	if !ok {
		err := s.db.QueryRowContext(r.Context(), "SELECT name FROM users WHERE id = $1", id).Scan(&name)
		if err != nil {
			http.Error(w, "lookup failed", http.StatusInternalServerError)
			return
		}
		s.mu.Lock()
		s.names[id] = name
		s.mu.Unlock()
	}
	fmt.Fprintln(w, name)
}`,
		Fix: "No automatic fix: moving code out of a critical section changes what the lock protects, and only " +
			"the author knows that. The usual restructurings:\n\n" +
			"- **Copy under the lock, block after unlocking.** Read what you need into locals, `Unlock`, do the " +
			"I/O, then `Lock` again to store the result (the Good example). Two requests may then load the same " +
			"entry at once; that is usually fine.\n" +
			"- **`singleflight`** (`golang.org/x/sync/singleflight`) when concurrent misses for the same key must " +
			"share one load: `g.Do(key, load)` waits only for the load of that key, and holds no lock meanwhile.\n" +
			"- **Per-key locks** (a map of mutexes, or a fixed array of shards chosen by a hash) when the " +
			"operation must be serialized per record, not globally; blockcheck still reports them, as per-key.\n" +
			"- **`sync.RWMutex`** for read paths that only read memory: readers do not wait for each other. A " +
			"read lock is not a cure for I/O under the lock, because a waiting writer stops new readers.\n" +
			"- **An `atomic.Pointer` snapshot** for read-mostly data: readers `Load` an immutable value without " +
			"locking; a refresher builds a new value off-lock and `Store`s it.\n\n" +
			"When the serialization is the point (gapless invoice numbers, a migration that must not run twice), " +
			"prefer a database-side guarantee (a sequence, `SELECT … FOR UPDATE`, an advisory lock), or keep the " +
			"lock and say why with `//blockcheck:ignore lockheld <reason>`.",
		NotReported: "- A lock held only around memory access, and a lock released before the slow call.\n" +
			"- A mutex the request creates for itself, and a struct holding one that the handler creates (a " +
			"store built inside the handler); a mutex held by value in a value receiver (a copy).\n" +
			"- Read locks (`RLock`): readers do not wait for each other. Writers do, and new readers wait behind " +
			"a waiting writer, but that is not reported.\n" +
			"- `sync.Cond.Wait`, which releases its lock while it waits; `sync.Once`; atomics.\n" +
			"- A lock held on some paths only (taken in one branch): the analysis reports what is held on every " +
			"path.\n" +
			"- Locks taken and released through helpers of another package, through method values " +
			"(`unlock := mu.Unlock`), or passed between goroutines; a lock reached through a local alias of a " +
			"shared struct (`c := s.cache; c.Get(…)`) at the call that blocks.\n" +
			"- A context-aware call (`QueryContext`, `Client.Do`, …) made in another package by a function " +
			"called while the lock is held: summaries carry only the context-free blocking across packages. A " +
			"lock taken and held across such a call in the other package is reported.\n" +
			"- Code that is not a request handler and is not called from one: `main`, background refreshers, " +
			"workers; work a handler starts with `go`; calls through interfaces and function values.\n" +
			"- `_test.go` files and generated files.",
	},
	{
		ID:      EventLoop,
		Title:   "blocking operation in an event-loop callback",
		Family:  EventLoops,
		Default: true,
		Since:   "v0.1.0",
		Summary: "A callback that an event-loop framework (gnet, nbio, netpoll) runs on its loop goroutine, or a " +
			"function it calls, does something that waits: every other connection on that loop waits with it.",
		Reports: "Any blocking operation, made in the callback or reached through the functions it calls, in this " +
			"package or in others:\n\n" +
			"- every call of the cancellation rules' tables (`time.Sleep`, `http.Get`, `db.Query`, `exec.Command(…).Run`, " +
			"`net.Dial`, …), timer waits, and waits on shared channels, `WaitGroup`s and `Cond`s;\n" +
			"- the context-aware calls as well (`QueryContext`, `Client.Do`, `DialContext`, `Cmd.Run`, the " +
			"`*net.Resolver` lookups): a context bounds the wait, it does not take it off the loop;\n" +
			"- file I/O (`os.ReadFile`, `os.Open`, `(*os.File).Write`, …);\n" +
			"- `Lock` and `RLock` of a mutex that a function of the same package holds across one of the above " +
			"(a cache refresher holding the cache's lock across its query): the callback waits as long as the " +
			"holder's operation takes.\n\n" +
			"The callbacks, from the frameworks' source at the versions in the table below: the methods of a type " +
			"that implements `gnet.EventHandler` (whether or not the same package passes it to `gnet.Run`), and " +
			"the functions, methods and literals passed to the registering calls. A blocking operation reached " +
			"through other functions is reported at the callback's call that leads to it, with the chain of calls " +
			"in the message and as related locations.",
		Why: "net/http gives every request a goroutine of its own: a handler that waits delays only its own " +
			"request. Event-loop frameworks exist to avoid that goroutine per connection: a handful of loop " +
			"goroutines (one per core, typically) poll the sockets and call the application's callbacks, one " +
			"after the other, for every connection they serve. A callback that waits 50 ms for a database holds " +
			"up every connection on its loop for 50 ms: their data sits unread, their replies unsent, their " +
			"timers late. With one loop per core, a few slow callbacks at once stall the whole server. This is " +
			"Go's literal twin of `time.sleep` in a Python `async def`.\n\n" +
			"A context does not help here: `QueryContext` with a one-second timeout still holds the loop for up " +
			"to a second. Neither does `GOMAXPROCS`: the loop is one goroutine, and while it waits, nothing else " +
			"runs on it. gnet's documentation of `AsyncCallback` says as much: it is executed \"in event-loop, " +
			"thus it must not block\".",
		Bad: `// profiles answers each request, a user ID, with the user's name.
type profiles struct {
	gnet.BuiltinEventEngine
	db *sql.DB
}

func (p *profiles) OnTraffic(c gnet.Conn) gnet.Action {
	id, _ := c.Next(-1)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var name string
	if err := p.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", string(id)).Scan(&name); err != nil {
		name = "unknown"
	}
	c.Write([]byte(name + "\n"))
	return gnet.None
}`,
		Good: `// profiles answers each request, a user ID, with the user's name.
type profiles struct {
	gnet.BuiltinEventEngine
	db   *sql.DB
	pool *goroutine.Pool // goroutine.Default()
}

func (p *profiles) OnTraffic(c gnet.Conn) gnet.Action {
	buf, _ := c.Next(-1)
	id := string(buf) // copied: the buffer is reused once OnTraffic returns
	err := p.pool.Submit(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		var name string
		if err := p.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name); err != nil {
			name = "unknown"
		}
		c.AsyncWrite([]byte(name+"\n"), nil)
	})
	if err != nil {
		return gnet.Close // the pool is full: shed the connection rather than stall the loop
	}
	return gnet.None
}`,
		Fix: "No automatic fix: moving work off the loop changes who writes the reply and when. Each message ends " +
			"with the framework's own way, also in the table below:\n\n" +
			"- **gnet**: read what you need in the callback (`c.Next`, `c.Peek`: their buffers are valid only " +
			"there, so copy them), hand the work to a goroutine pool (gnet's `pkg/pool/goroutine`, which is ants " +
			"in non-blocking mode, or ants itself), and send the reply from the pool with `c.AsyncWrite`, which " +
			"is safe from any goroutine.\n" +
			"- **nbio**: set the engine's `Execute` to a goroutine pool (`engine.Execute = taskpool.New(n, q).Go`) " +
			"and run the work with `c.Execute(func() { … })`, which keeps each connection's jobs in order; " +
			"`c.Write` is safe from there. The default `Execute` of a plain nbio engine runs the job at once, on " +
			"the poller. (nbhttp sets a pool for you.)\n" +
			"- **netpoll**: do the slow part of connection setup in `OnConnect` instead of `OnPrepare`: it runs in " +
			"netpoll's goroutine pool, and `OnRequest` waits for it.\n\n" +
			"Work passed to `go`, to a pool's `Submit`/`Go`/`Invoke`, or to any function as a value is not " +
			"reported: it does not run in the callback. For a lock wait, the alternative is to shorten the " +
			"holder: load outside the lock and swap the result in, as on the [lockheld](lockheld.md) page.",
		NotReported: "- Callbacks that the frameworks do not run on a loop (checked in their source): gnet's " +
			"`OnTick` (a ticker goroutine), `OnBoot` and `OnShutdown`; nbio's `OnClose` (queued to a goroutine " +
			"of its own); netpoll's `OnRequest` and `OnConnect` (netpoll's goroutine pool) and `OnDisconnect` (a " +
			"goroutine started per batch of hang-ups). Blocking there does not stall a loop.\n" +
			"- Handlers of nbio's HTTP and WebSocket servers (`nbhttp`): they run in a goroutine pool by default, " +
			"and are ordinary `http.Handler`s to the other rules. A `ServerExecutor` that runs them inline is " +
			"not detected.\n" +
			"- Framework configurations that move a callback off or onto the loop: nbio's `IOExecute` with a " +
			"pool of several goroutines, a netpoll `Runner` that runs tasks inline.\n" +
			"- Work given to a goroutine pool (ants' `Submit` and `Invoke`, nbio's `taskpool`, bytedance's " +
			"`gopool`), even though a full pool in blocking mode makes `Submit` wait: that back-pressure is the " +
			"pool's design. Work given to nbio's `c.Execute` is not followed either, although a plain nbio " +
			"engine runs it inline unless its `Execute` was set.\n" +
			"- Callbacks held in variables or fields before they are registered, and calls through interfaces " +
			"and function values: blockcheck follows static calls only.\n" +
			"- Waits on channels and `WaitGroup`s the callback creates itself (starting goroutines and joining " +
			"them still stalls the loop, but is not recognised), and spin loops or long computations.\n" +
			"- Reads and writes on an established connection, and the clients built on them (Redis, gRPC, " +
			"Kafka, …), unless they reach an operation of the catalogue: a call through the `net.Conn` " +
			"interface is not one. Such a client in a callback stalls the loop all the same.\n" +
			"- Mutex waits through helpers (the callback calls a method that takes the lock), on locks of other " +
			"packages, on per-key locks, and on locks whose holders wait only in other packages.\n" +
			"- A context-aware call (`QueryContext`, `Client.Do`, …) made in another package: summaries carry " +
			"only the context-free blocking across packages, unless a lock is held across it there.\n" +
			"- gnet v1 (`github.com/panjf2000/gnet`, `React`), and frameworks not in the table.\n" +
			"- `_test.go` files and generated files.",
	},
	unboundedLoopRule, unboundedAllocRule, infiniteLoopRule, bodyReadRule, // table_unbounded.go
	{
		ID:      Directive,
		Title:   "malformed //blockcheck:ignore directive",
		Family:  Meta,
		Default: true,
		Since:   "v0.1.0",
		Summary: "A `//blockcheck:ignore` directive names no rule, names an unknown rule, or gives no reason, and " +
			"so silences nothing.",
		Reports: "- `//blockcheck:ignore` with nothing after it;\n" +
			"- a rule ID that does not exist, such as a typo (`slep`);\n" +
			"- rule IDs with no reason after them.\n\n" +
			"The directive is reported wherever it is, test and generated files included. It silences nothing " +
			"until it is fixed, so the finding it was meant to silence is reported too.",
		Why: "A directive turns a finding off for good, so it carries its justification: the reason lets a " +
			"reviewer judge the exception, and a later reader remove it once it no longer holds. A directive that " +
			"quietly did nothing, because of a typo in the rule ID, would leave its author believing the " +
			"exception was recorded.",
		Bad: `// export calls a vendor API that allows one request per second per account.
func export(w http.ResponseWriter, r *http.Request) {
	//blockcheck:ignore sleep
	time.Sleep(time.Second)
	w.WriteHeader(http.StatusAccepted)
}`,
		Good: `// export calls a vendor API that allows one request per second per account.
func export(w http.ResponseWriter, r *http.Request) {
	//blockcheck:ignore sleep the vendor allows one call per second; the wait is one second at most
	time.Sleep(time.Second)
	w.WriteHeader(http.StatusAccepted)
}`,
		Fix: "No automatic fix: only the author knows the reason. Add one after the rule IDs, or correct the ID " +
			"(the IDs are listed in the [index](README.md)).",
		NotReported: "- Comments that are not directives: `// blockcheck:ignore` with a space after `//`, and " +
			"`//blockcheck:ignored`. As with `//go:` directives, there is no space after `//`; such comments " +
			"are neither honoured nor reported.\n" +
			"- Directives that silence nothing because there is no finding on their lines.",
	},
}

// libraryRows and rootContext are what the cancellation rules report of
// the third-party libraries and of root contexts (docs/libraries.md).
const (
	libraryRows = "\n\nThe rows of the third-party libraries of the same kind (sqlx, gorm and resty chains, redigo, " +
		"go-redis, pgx, the MongoDB driver, go-retryablehttp, the retry helpers) are listed in [docs/libraries.md](https://github.com/blockcheck/blockcheck/blob/main/docs/libraries.md)."
	rootContext = "\n\nA root context is no context: a context-aware call whose context is `context.Background()` " +
		"or `context.TODO()`, or a variable assigned only from them or from `context.WithTimeout`, `WithCancel`, " +
		"`WithDeadline` or `WithValue` of them, is reported like the context-free form, with a fix that puts the " +
		"request's context in the root's place when the root is the argument itself. A timeout on `Background()` is reported too: it bounds the " +
		"wait, but the request's end does not stop it. Work that must outlive the request says so with " +
		"`context.WithoutCancel(r.Context())` (with a timeout if it needs one), which is never reported, nor is " +
		"any context derived from the request's."
)
