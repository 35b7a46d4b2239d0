package rules

// All is the rule table, in documentation order.
var All = []Rule{
	{ID: Sleep, Title: "time.Sleep in a request path", Family: Cancellation, Default: true, Since: "v0.1.0"},
	{ID: HTTPNoCtx, Title: "outbound HTTP request without the request's context", Family: Cancellation, Default: true, Since: "v0.1.0"},
	{ID: SQLNoCtx, Title: "database/sql call without the request's context", Family: Cancellation, Default: true, Since: "v0.1.0"},
	{ID: ExecNoCtx, Title: "child process run without the request's context", Family: Cancellation, Default: true, Since: "v0.1.0"},
	{ID: DialNoCtx, Title: "network dial or DNS lookup without the request's context", Family: Cancellation, Default: true, Since: "v0.1.0"},
	{ID: ChanWait, Title: "wait on a shared channel, WaitGroup or Cond with no ctx.Done() escape", Family: Cancellation, Default: true, Since: "v0.1.0"},
	{ID: Directive, Title: "malformed //blockcheck:ignore directive", Family: Meta, Default: true, Since: "v0.1.0"},
}
