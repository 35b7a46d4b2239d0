package rules

import "github.com/blockcheck/blockcheck/analyzer/catalog"

// The rows of the rules of unbounded work, and of the client timeout rule,
// placed in All by table.go.

// inputSources lists the request input the unbounded rules follow.
const inputSources = "Request input is what a handler reads from the request: query values " +
	"(`r.URL.Query().Get(\"n\")`, `r.URL.Query()[\"n\"]`), `r.FormValue`, `r.PostFormValue`, `r.PathValue`, " +
	"headers (`r.Header.Get`), cookies, `r.ContentLength`, the fields of a body decoded by " +
	"`json.NewDecoder(r.Body).Decode(&v)` or `json.Unmarshal`, and each framework's accessors: gin " +
	"(`c.Query`, `c.Param`, `c.ShouldBindJSON`, …), echo v4 and v5 (`c.QueryParam`, `c.Param`, `c.Bind`), " +
	"fiber v2 and v3 (`c.Query`, `c.QueryInt`, `c.Params`, `c.BodyParser`, `fiber.Query[int](c, …)`, " +
	"`c.Bind().Body`), fasthttp (`ctx.QueryArgs().GetUintOrZero`, `Peek`, `ctx.FormValue`), chi " +
	"(`chi.URLParam`), gorilla/mux (`mux.Vars`), PocketBase, Hertz, Kratos and Iris (docs/frameworks.md). " +
	"It is followed through " +
	"`strconv.Atoi`, `ParseInt`, `ParseUint` and `ParseFloat`, conversions, arithmetic, local variables, and " +
	"the functions of the same package: a helper that returns input (`func count(r *http.Request) int`), " +
	"decodes into its argument, or loops or allocates as much as its argument says. The message names the " +
	"input and where it came from; a loop or allocation in a helper is reported at the handler's call, with " +
	"the chain.\n\n" +
	"A value is bounded once a comparison with something that is not request input (a constant, a field, a " +
	"package-level variable, a parameter) holds on every path: `n = min(n, maxRows)`; " +
	"`if n > maxRows { return }` (or an error, or `http.Error` and `return`); `if n > maxRows { n = maxRows }`; " +
	"a `switch` case; such a check in a helper of the package that returns the value, or that returns true " +
	"or a nil error only when it holds (`if !inRange(n) { return }`, `if err := checkLimit(n); err != nil " +
	"{ return }`); a parse " +
	"into 16 bits or fewer (`strconv.ParseInt(s, 10, 16)`). Checks the analysis cannot see into are " +
	"trusted: a struct field tagged with an upper bound for gin's binding or go-playground/validator " +
	"(`binding:\"max=366\"`, `validate:\"lte=500\"`, `oneof`, `len`) or for hertz's (a `vd` expression " +
	"with `<` or `in(`: `vd:\"$<=100\"`), and whatever is handed to a function " +
	"whose name says it validates (`req.Validate()`, `validate.Struct(req)`, `validLimit(n)`)."

const inputNotFollowed = "- Input stored in a struct field, a map or a package-level variable and read back elsewhere, " +
	"input returned by functions of other packages (the standard library's parsers excepted), and calls through " +
	"interfaces and function values.\n" +
	"- `len()` of input, other than of a body read with no limit: the URL and the headers are bounded by the " +
	"server (`Server.MaxHeaderBytes`, 1 MiB by default), and a limited body by its limit. A `for … range` over " +
	"input is linear in what the client sent, and is not reported either.\n" +
	"- Standard functions that turn input into numbers other than the `strconv` parsers and `math`'s rounding " +
	"(`strings.Count(s, \",\")` is no larger than `s`).\n" +
	"- Code that no handler reaches (`main`, CLI commands, background workers), work started with `go`, " +
	"`_test.go` files and generated files."

var clientTimeoutRule = Rule{
	ID:      ClientTimeout,
	Kinds:   []catalog.Kind{catalog.NoTimeout},
	Title:   "outbound HTTP request with no timeout",
	Family:  Cancellation,
	Default: true,
	Since:   "v0.1.0",
	Summary: "A handler, or a function it calls, sends an outbound HTTP request with `Client.Do` on a client that " +
		"has no `Timeout`, and nothing gives the request a deadline.",
	Reports: "`Client.Do(req)` on:\n\n" +
		"- `http.DefaultClient`;\n" +
		"- a variable or struct field to which the package only ever assigns `&http.Client{…}` or " +
		"`http.Client{…}` literals without `Timeout` (an unexported field or package-level variable, or a local " +
		"variable of the function). The message says where the client was built.\n\n" +
		"It is reported unless the request visibly carries a deadline: built with a context from " +
		"`context.WithTimeout` or `context.WithDeadline` in the function that sends it, or handed down by the " +
		"handler with one. A `Do` made in a function literal handed to another function " +
		"(`retry.Do(func() error { … })`) counts for the function that writes the literal: retry helpers run " +
		"their callback during the call. (A literal with a `net/http` or framework parameter is a handler " +
		"being registered, and is judged as a handler.)\n\n" +
		"`http.Get`, `http.Post`, the `Client` methods other than `Do`, and requests built by `http.NewRequest`, " +
		"carry no context at all: [`httpnoctx`](httpnoctx.md) reports those, and this rule stays silent on " +
		"them, so that a call gets one finding. Once the request carries a context (after httpnoctx's fix, " +
		"for one), this rule reports the missing timeout, if the client has none.",
	Why: "An `http.Client` waits as long as its `Timeout` says, and the zero value means no timeout: " +
		"`http.DefaultClient` has none. The request's context ends the wait when the handler's client " +
		"disconnects, but only then: net/http's server gives handlers no deadline of its own (`WriteTimeout` " +
		"stops writes; it does not cancel the request's context). When the upstream accepts the connection and " +
		"never answers, and the handler's client waits as long as it takes (a webhook sender, another service " +
		"with no timeout of its own, a client that holds connections open on purpose), the handler waits " +
		"forever.\n\n" +
		"net/http serves each request on its own goroutine, so other requests are still served; but every such " +
		"request keeps its goroutine, its inbound connection and an outbound connection, and when the upstream " +
		"stalls they accumulate as fast as requests arrive. `Client.Timeout` bounds the whole exchange: " +
		"connecting, redirects, and reading the response body. (CWE-400, Uncontrolled Resource Consumption.)",
	Bad: `var quotes = &http.Client{}

func getQuote(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://quotes.internal/today", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := quotes.Do(req)
	if err != nil {
		http.Error(w, "quotes unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}`,
	Good: `var quotes = &http.Client{Timeout: 5 * time.Second}

func getQuote(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://quotes.internal/today", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := quotes.Do(req)
	if err != nil {
		http.Error(w, "quotes unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}`,
	Fix: "No automatic fix: how long the upstream may take is a decision, and the client is often built in " +
		"another function or package. Set `Timeout` where the client is built " +
		"(`&http.Client{Timeout: 10 * time.Second}`), one client per upstream, shared: a `Client` is safe for " +
		"concurrent use and keeps its connections for reuse. For one slow call among fast ones, keep the " +
		"client's timeout as the ceiling and give that request a shorter deadline: " +
		"`ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)`, then `defer cancel()`.",
	NotReported: "- Clients whose `Timeout` is set anywhere in the package, in the literal or later " +
		"(`c.Timeout = d`), and clients built with a `Transport`: a transport may carry timeouts of its own " +
		"(`ResponseHeaderTimeout`), and is not looked into.\n" +
		"- Clients that come from a parameter, a function's result, or an exported field or variable: other " +
		"code may set their timeout.\n" +
		"- Requests whose context visibly has a deadline, and handlers behind `http.TimeoutHandler` or behind " +
		"middleware of the package that calls `context.WithTimeout`; every handler of a package that calls " +
		"chi's `middleware.Timeout` or echo's `middleware.Timeout` or `ContextTimeout`.\n" +
		"- `http.Get` and the other calls without a context: [`httpnoctx`](httpnoctx.md).\n" +
		"- A deadline set in a function between the handler and the one that sends: the request is reported " +
		"unless the handler or the sender sets it.",
}

var unboundedLoopRule = Rule{
	ID:      UnboundedLoop,
	Title:   "loop bound taken from request input with no upper bound",
	Family:  Unbounded,
	Default: true,
	Since:   "v0.1.0",
	Summary: "A handler, or a function it calls, runs a loop as many times as a number from the request says, " +
		"with no upper bound on that number.",
	Reports: "Loops whose count is request input with no upper bound: `for i := 0; i < n; i++` (also `<=` and " +
		"`!=`, and loops counting down, `for n > 0 { …; n-- }`) and `for i := range n`.\n\n" +
		inputSources + "\n\n" +
		"A loop is also bounded when its condition compares the loop's variable with a bound as well " +
		"(`i < n && i < maxRows`), or when its body can leave it: a `break`, a `goto`, or a `return` under an " +
		"ordering comparison (`if rows >= maxRows { return }`).",
	Why: "One request can ask for a billion iterations. net/http serves each request on its own goroutine, so " +
		"other requests are still served, but this one keeps a CPU core busy for as long as the loop runs, and " +
		"nothing stops it when the client disconnects: the loop does not look at the request's context. A few " +
		"such requests take every core, and then every request is slow. When the loop also allocates, appends " +
		"or calls a database, the cost multiplies. (CWE-606, Unchecked Input for Loop Condition; CWE-400, " +
		"Uncontrolled Resource Consumption.)",
	Bad: `// couponCodes answers POST /admin/coupons?count=N with N new codes.
func couponCodes(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("count"))
	if err != nil || n < 1 {
		http.Error(w, "count must be a positive number", http.StatusBadRequest)
		return
	}
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "SHOP-%08d\n", i)
	}
}`,
	Good: `const maxCoupons = 10_000

// couponCodes answers POST /admin/coupons?count=N with N new codes.
func couponCodes(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("count"))
	if err != nil || n < 1 || n > maxCoupons {
		http.Error(w, "count must be between 1 and 10000", http.StatusBadRequest)
		return
	}
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "SHOP-%08d\n", i)
	}
}`,
	Fix: "No automatic fix: the limit is the API's to choose. Reject larger values with `400 Bad Request`, as " +
		"in the example, or clamp them, as the message suggests: `n = min(n, maxCount)`. Checking " +
		"`r.Context().Err()` in the loop stops it when the client leaves, but a client that waits still " +
		"decides how long it runs: it does not silence the rule.",
	NotReported: inputNotFollowed + "\n" +
		"- Loops whose condition also calls something or reads a flag (`i < n && sc.Scan()`): they may end for " +
		"reasons not followed.",
}

var unboundedAllocRule = Rule{
	ID:      UnboundedAlloc,
	Title:   "allocation sized by request input with no upper bound",
	Family:  Unbounded,
	Default: true,
	Since:   "v0.1.0",
	Summary: "A handler, or a function it calls, allocates memory sized by a number from the request, with no " +
		"upper bound on that number.",
	Reports: "`make([]T, n)`, `make([]T, 0, n)`, `make(map[K]V, n)`, `make(chan T, n)`, `strings.Repeat(s, n)`, " +
		"`bytes.Repeat`, `slices.Repeat`, `slices.Grow(s, n)`, `Grow(n)` of a `strings.Builder` or " +
		"`bytes.Buffer`, and `bufio.NewReaderSize` and `NewWriterSize`, where `n` is request input with no upper " +
		"bound. Besides the input of [`unboundedloop`](unboundedloop.md), `len(body)` of a body read with no " +
		"limit counts, and so does `r.ContentLength`: the client says it.\n\n" +
		inputSources,
	Why: "`make([]byte, n)` with `n` from the request lets the client choose how much memory the server " +
		"allocates: `?size=1099511627776` asks for a terabyte. A size beyond what the runtime can address panics " +
		"(net/http recovers a handler's panic and closes the connection); below that, the runtime asks the " +
		"operating system, and a failed allocation is a fatal out-of-memory error that no `recover` catches, " +
		"while memory that is granted can get the process killed by the kernel's out-of-memory killer. Either " +
		"way every request in flight fails with it. Short of that, each request holds as much memory as it " +
		"asked for, and a few concurrent ones add up. (CWE-789, Memory Allocation with Excessive Size Value; " +
		"CWE-400, Uncontrolled Resource Consumption.)",
	Bad: `// padding answers GET /padding?bytes=N with N zero bytes, for network tests.
func padding(w http.ResponseWriter, r *http.Request) {
	size, err := strconv.Atoi(r.URL.Query().Get("bytes"))
	if err != nil || size < 0 {
		http.Error(w, "bytes must be a number", http.StatusBadRequest)
		return
	}
	w.Write(make([]byte, size))
}`,
	Good: `const maxPadding = 64 << 10

// padding answers GET /padding?bytes=N with N zero bytes, for network tests.
func padding(w http.ResponseWriter, r *http.Request) {
	size, err := strconv.Atoi(r.URL.Query().Get("bytes"))
	if err != nil || size < 0 {
		http.Error(w, "bytes must be a number", http.StatusBadRequest)
		return
	}
	w.Write(make([]byte, min(size, maxPadding)))
}`,
	Fix: "No automatic fix: the limit is the API's to choose. Clamp the size, as the message suggests " +
		"(`n = min(n, maxSize)`), or reject larger values with `400 Bad Request`. For a capacity hint " +
		"(`make([]T, 0, n)`), a clamped hint costs nothing: `append` grows the slice past it when the data is " +
		"really there.",
	NotReported: inputNotFollowed,
}

var infiniteLoopRule = Rule{
	ID:      InfiniteLoop,
	Kinds:   []catalog.Kind{catalog.Endless},
	Title:   "loop with no exit in a request path",
	Family:  Unbounded,
	Default: true,
	Since:   "v0.1.0",
	Summary: "A handler, or a function it calls, enters a loop that nothing can end: no `break`, `return`, " +
		"`goto` or `panic`, and no look at the request's context.",
	Reports: "`for { … }` (and `for true { … }`), and `for cond { … }` whose condition reads only local " +
		"variables that nothing changes (not the loop, not a pointer, not a closure), when the loop's body has " +
		"none of these ways out:\n\n" +
		"- a `return`, a `break` out of the loop, a `goto`, a labelled `break` or `continue`;\n" +
		"- a `panic`, or a call of a function that does not return (`os.Exit`, `log.Fatal`, `runtime.Goexit`, " +
		"any method named `Fatal…`, `Panic…` or `Exit`);\n" +
		"- a call of `Done` or `Err` on a context, or a receive from a `<-chan struct{}` (a done channel).\n\n" +
		"It is reported in the handler: at the loop, or at the handler's call that leads to it, through other " +
		"functions and packages, with the chain of calls.",
	Why: "The handler never returns. net/http serves each request on its own goroutine, so other requests are " +
		"still served, but this goroutine runs until the process exits. When the client disconnects the loop " +
		"does not notice: writes to the closed connection fail, and a loop that ignores their errors goes on. " +
		"The goroutine keeps its memory and whatever it holds, a streaming loop keeps a CPU core busy, and " +
		"`Server.Shutdown` waits for the request until its context expires. A streaming endpoint is the usual " +
		"case: every client that ever connected leaves one behind. (CWE-835, Loop with Unreachable Exit " +
		"Condition; CWE-400, Uncontrolled Resource Consumption.)",
	Bad: `// tail streams the audit log to the client as it grows: GET /audit/tail.
func tail(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/var/log/shop/audit.log")
	if err != nil {
		http.Error(w, "no audit log", http.StatusNotFound)
		return
	}
	defer f.Close()
	flusher, _ := w.(http.Flusher)
	for {
		io.Copy(w, f)
		if flusher != nil {
			flusher.Flush()
		}
	}
}`,
	Good: `// tail streams the audit log to the client as it grows: GET /audit/tail.
func tail(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open("/var/log/shop/audit.log")
	if err != nil {
		http.Error(w, "no audit log", http.StatusNotFound)
		return
	}
	defer f.Close()
	flusher, _ := w.(http.Flusher)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		if _, err := io.Copy(w, f); err != nil {
			return // the client has gone
		}
		if flusher != nil {
			flusher.Flush()
		}
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
		}
	}
}`,
	Fix: "No automatic fix: where the loop should end is the author's decision. A loop that serves a client " +
		"should end when the request's context is done (a `select` with a `case <-r.Context().Done(): return`, " +
		"as in the example, which also paces the loop) and when a write to the client fails.",
	NotReported: "- Loops with any of the ways out listed above, even when the analysis cannot tell whether " +
		"they are ever taken.\n" +
		"- `for cond` whose condition calls a function, reads a field, a package-level variable or an element, " +
		"or reads a variable that the loop, a pointer or a closure may change.\n" +
		"- `for range` over a channel or a ticker: a closed channel ends the loop, and a ticker's wait is " +
		"reported by [`sleep`](sleep.md).\n" +
		"- `select {}` and other waits with no loop: the cancellation rules report those.\n" +
		"- Code that no handler reaches (`main`, background workers: looping forever is their job), work " +
		"started with `go`, `_test.go` files and generated files.",
}

var bodyReadRule = Rule{
	ID:      BodyRead,
	Title:   "request body read with no size limit",
	Family:  Unbounded,
	Default: true,
	Since:   "v0.1.0",
	Summary: "A handler, or a function it calls, reads the request body to its end (`io.ReadAll`, a JSON or XML " +
		"decoder, a scanner, a multipart form) with no limit on its size.",
	Reports: "These reads of a request's `Body`, directly or through `bufio.NewReader`, `io.TeeReader` or " +
		"`io.NopCloser`:\n\n" +
		"- `io.ReadAll`, `ioutil.ReadAll`, `json.NewDecoder`, `xml.NewDecoder`, `bufio.NewScanner`, " +
		"`(*bytes.Buffer).ReadFrom`;\n" +
		"- `r.ParseMultipartForm(maxMemory)` with `maxMemory` above the `-max-body` limit (1 MiB by default), " +
		"and `r.FormFile`, which parses with 32 MiB;\n" +
		"- gin's `c.BindJSON`, `c.ShouldBindJSON` and `c.GetRawData`, echo's `c.Bind`, Kratos' `ctx.Bind`, and iris's `ctx.ReadJSON`, `ctx.GetBody`, `ctx.ReadXML` and `ctx.ReadYAML`.\n\n" +
		"A read is not reported when the body is limited on every path before it: `r.Body = " +
		"http.MaxBytesReader(w, r.Body, n)`, a framework's limiting method (iris's `ctx.SetMaxRequestBodySize(n)`) " +
		"or `io.LimitReader` in the handler, in a function of the package it " +
		"called before, or around the reader read (`io.ReadAll(io.LimitReader(r.Body, n))`); or when the " +
		"handler runs behind middleware of the same package that limits the body (a function that takes and " +
		"returns an `http.Handler` and assigns a limited reader to `r.Body`), or behind `http.MaxBytesHandler`, " +
		"applied to the handler or to the mux it is registered on. A package that calls chi's " +
		"`middleware.RequestSize` or echo's `middleware.BodyLimit` has all its handlers taken as limited: what " +
		"the middleware is applied to (`r.Use`, a group) is not followed. A read in a helper is reported at the " +
		"handler's call, with the chain.",
	Why: "net/http limits the size of the request's headers (`Server.MaxHeaderBytes`), not of its body. " +
		"`io.ReadAll(r.Body)` reads for as long as the client sends, growing its buffer as it goes: one request " +
		"with a 10 GB body makes the server hold 10 GB, and a few at once run the process out of memory, which " +
		"ends every request in flight. A JSON decoder holds each value it decodes in full, and a single value " +
		"can be the whole body. `ParseMultipartForm` keeps up to its `maxMemory` of the body in memory and writes " +
		"the rest of the file parts to temporary files, so a client can also fill the disk.\n\n" +
		"`http.MaxBytesReader` stops at the limit: the read fails with a `*http.MaxBytesError`, and the server " +
		"closes the connection after the response instead of reading the rest. (CWE-400, Uncontrolled Resource " +
		"Consumption; CWE-770, Allocation of Resources Without Limits.)",
	Bad: `// webhook receives the payment provider's notifications.
func webhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read error", http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "received %d bytes\n", len(body))
}`,
	Good: `// webhook receives the payment provider's notifications.
func webhook(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read error", http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "received %d bytes\n", len(body))
}`,
	Fix: "The suggested fix inserts, before the statement that reads (or calls the helper that reads),\n\n" +
		"```go\n" +
		"r.Body = http.MaxBytesReader(w, r.Body, 1<<20)\n" +
		"```\n\n" +
		"with the handler's own `http.ResponseWriter` and `*http.Request` parameters (for gin, " +
		"`c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)`; for echo, " +
		"`c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, 1<<20)`) and the limit of the " +
		"`-max-body` flag (1 MiB by default; the limit is the API's to choose, so review it). Past the limit the " +
		"read fails; answer `413 Request Entity Too Large` by checking for it:\n\n" +
		"```go\n" +
		"var tooBig *http.MaxBytesError\n" +
		"if errors.As(err, &tooBig) {\n" +
		"\thttp.Error(w, \"body too large\", http.StatusRequestEntityTooLarge)\n" +
		"\treturn\n" +
		"}\n" +
		"```\n\n" +
		"No fix is offered when those parameters are unnamed or shadowed at the read, when the file does not " +
		"import `net/http` under a usable name (the message still writes the statement), or for the handlers " +
		"of other frameworks: wrap their request's body the same way.",
	NotReported: "- Reads of a body limited on every path before them, as above.\n" +
		"- `r.FormValue`, `r.PostFormValue` and `r.ParseForm`: net/http reads at most 10 MB of a URL-encoded " +
		"form when the body has no limit of its own. (For a multipart body, `FormValue` parses with 32 MiB of " +
		"memory and writes files beyond it to disk; it is not reported, to keep the rule about reads a handler " +
		"asks for.)\n" +
		"- `io.Copy(dst, r.Body)` and other streaming reads, whose cost depends on where the data goes.\n" +
		"- Middleware applied in another package (in `main`, say) is not seen: say so with " +
		"`//blockcheck:ignore bodyread <reason>`, or turn the rule off with `-disable=bodyread`.\n" +
		"- Bodies read in functions of other packages, and decompression (`gzip.NewReader`) of a limited body, " +
		"whose output has no limit.\n" +
		"- Code that no handler reaches, `_test.go` files and generated files.",
}
