package catalog

// The third-party libraries real services use, as rows of the same tables
// as the standard library's, read at the versions docs/libraries.md lists
// and tested against those modules (testdata/libraries). A row says what
// blocks at that version and what its context-aware form is.

// sqlx embeds *sql.DB, *sql.Tx and *sql.Stmt, so db.Query, tx.Exec and
// the like are the standard library's rows already; these are sqlx's own
// methods (github.com/jmoiron/sqlx v1.4.0). Each one without Context runs
// the database/sql call without one (DB.Get → sqlx.Get → q.QueryRowx →
// db.DB.Query), and each has a …Context twin taking ctx first.
const sqlx = "github.com/jmoiron/sqlx"

// sqlxOps returns the rows of sqlx type typ: each method without a context
// paired with its Context form and the fix that calls it.
func sqlxOps(typ string, methods ...string) []Op {
	ops := make([]Op, 0, 2*len(methods))
	for _, m := range methods {
		full := "(*" + sqlx + "." + typ + ")." + m
		ops = append(ops,
			Op{Func: full, Kind: SQL, Alt: m + "Context", Fix: "${recv}." + m + "Context(${ctx}${,args})"},
			Op{Func: "(*" + sqlx + "." + typ + ")." + m + "Context", Kind: Slow, Like: SQL})
	}
	return ops
}

// squirrel is github.com/Masterminds/squirrel (v1.5.4). A builder's Exec,
// Query, QueryRow and Scan (select.go, insert.go, update.go, delete.go)
// run the built statement on the runner RunWith gave it, through ExecWith,
// QueryWith and QueryRowWith (squirrel.go): the runner's Exec, Query and
// QueryRow, with no context. The …Context twins (*_ctx.go) run the
// runner's ExecContext and the like, but only when the runner has them:
// RunWith wraps a *sql.DB or *sql.Tx (StdSqlCtx, and so sqlx's) in a
// runner that does, any other BaseRunner may not, and then the Context
// form returns NoContextSupport instead of running. The runner is rarely
// visible at the call: no fix. DeleteBuilder has no QueryRow or Scan,
// only their Context forms.
const squirrel = "github.com/Masterminds/squirrel"

// squirrelOps returns the rows of squirrel builder typ: each method
// without a context, and its Context form, a round trip honouring it.
func squirrelOps(typ string, methods ...string) []Op {
	ops := make([]Op, 0, 2*len(methods))
	for _, m := range methods {
		full := "(" + squirrel + "." + typ + ")." + m
		ops = append(ops,
			Op{Func: full, Kind: SQL, Alt: m + "Context"},
			Op{Func: full + "Context", Kind: Slow, Like: SQL})
	}
	return ops
}

// Libraries is the catalogue of third-party blocking functions and methods.
var Libraries = concat(
	sqlxOps("DB", "Get", "Select", "Queryx", "QueryRowx", "NamedExec", "NamedQuery", "MustExec", "Preparex", "PrepareNamed"),
	sqlxOps("Tx", "Get", "Select", "Queryx", "QueryRowx", "NamedExec", "MustExec", "Preparex", "PrepareNamed"),
	sqlxOps("Stmt", "Get", "Select", "Queryx", "QueryRowx", "MustExec"),
	sqlxOps("NamedStmt", "Get", "Select", "Queryx", "QueryRowx", "MustExec", "Exec", "Query", "QueryRow"),
	squirrelOps("SelectBuilder", "Exec", "Query", "QueryRow", "Scan"),
	squirrelOps("InsertBuilder", "Exec", "Query", "QueryRow", "Scan"),
	squirrelOps("UpdateBuilder", "Exec", "Query", "QueryRow", "Scan"),
	squirrelOps("DeleteBuilder", "Exec", "Query"),
	[]Op{
		{Func: "(" + squirrel + ".DeleteBuilder).QueryRowContext", Kind: Slow, Like: SQL},
		{Func: "(" + squirrel + ".DeleteBuilder).ScanContext", Kind: Slow, Like: SQL},
	},
	[]Op{
		// Beginx runs db.DB.Begin(); BeginTxx(ctx, opts) is its twin.
		{Func: "(*" + sqlx + ".DB).Beginx", Kind: SQL, Alt: "BeginTxx", Fix: "${recv}.BeginTxx(${ctx}, nil)"},
		{Func: "(*" + sqlx + ".DB).MustBegin", Kind: SQL, Alt: "MustBeginTx", Fix: "${recv}.MustBeginTx(${ctx}, nil)"},
		{Func: "(*" + sqlx + ".DB).BeginTxx", Kind: Slow, Like: SQL},
		{Func: "(*" + sqlx + ".DB).MustBeginTx", Kind: Slow, Like: SQL},
		{Func: "(*" + sqlx + ".DB).Connx", Kind: Slow, Like: SQL},
		// Tx.Stmtx and Tx.NamedStmt re-prepare the statement on the
		// transaction's connection (tx.Stmt), a round trip.
		{Func: "(*" + sqlx + ".Tx).Stmtx", Kind: SQL, Alt: "StmtxContext", Fix: "${recv}.StmtxContext(${ctx}${,args})"},
		{Func: "(*" + sqlx + ".Tx).NamedStmt", Kind: SQL, Alt: "NamedStmtContext", Fix: "${recv}.NamedStmtContext(${ctx}${,args})"},
		{Func: "(*" + sqlx + ".Tx).StmtxContext", Kind: Slow, Like: SQL},
		{Func: "(*" + sqlx + ".Tx).NamedStmtContext", Kind: Slow, Like: SQL},
		// Tx has no NamedQueryContext method: the package function takes
		// the transaction as its ExtContext. No method to rewrite to.
		{Func: "(*" + sqlx + ".Tx).NamedQuery", Kind: SQL, Alt: "sqlx.NamedQueryContext(${ctx}, tx, query, arg)"},
		// The package functions take a Queryer or an Ext; their Context
		// forms take a QueryerContext or an ExtContext, which a Queryer
		// need not be: no fix.
		{Func: sqlx + ".Get", Kind: SQL, Alt: "sqlx.GetContext"},
		{Func: sqlx + ".Select", Kind: SQL, Alt: "sqlx.SelectContext"},
		{Func: sqlx + ".NamedExec", Kind: SQL, Alt: "sqlx.NamedExecContext"},
		{Func: sqlx + ".NamedQuery", Kind: SQL, Alt: "sqlx.NamedQueryContext"},
		{Func: sqlx + ".MustExec", Kind: SQL, Alt: "sqlx.MustExecContext"},
		// Connect opens and pings: ConnectContext(ctx, driver, dsn).
		{Func: sqlx + ".Connect", Kind: SQL, Alt: "sqlx.ConnectContext", Fix: "${pkg}.ConnectContext(${ctx}${,args})"},
		{Func: sqlx + ".GetContext", Kind: Slow, Like: SQL},
		{Func: sqlx + ".SelectContext", Kind: Slow, Like: SQL},
		{Func: sqlx + ".NamedExecContext", Kind: Slow, Like: SQL},
		{Func: sqlx + ".NamedQueryContext", Kind: Slow, Like: SQL},
		{Func: sqlx + ".ConnectContext", Kind: Slow, Like: SQL},

		// redigo v1.9.3: Pool.Get is GetContext(context.Background()),
		// which waits for a vacant connection when Pool.Wait is set and
		// dials when none is idle; GetContext also returns an error, so the
		// rewrite is not mechanical. redis.Dial and DialURL are DialContext
		// and DialURLContext with context.Background().
		{Func: "(*github.com/gomodule/redigo/redis.Pool).Get", Kind: Dial, Alt: "GetContext"},
		{Func: "github.com/gomodule/redigo/redis.Dial", Kind: Dial, Alt: "redis.DialContext", Fix: "${pkg}.DialContext(${ctx}${,args})"},
		{Func: "github.com/gomodule/redigo/redis.DialURL", Kind: Dial, Alt: "redis.DialURLContext", Fix: "${pkg}.DialURLContext(${ctx}${,args})"},
		{Func: "(*github.com/gomodule/redigo/redis.Pool).GetContext", Kind: Slow, Like: Dial},
		{Func: "github.com/gomodule/redigo/redis.DialContext", Kind: Slow, Like: Dial},
		{Func: "github.com/gomodule/redigo/redis.DialURLContext", Kind: Slow, Like: Dial},

		// go-resiliency v1.7.0: Retrier.Run is RunFn(context.Background(),
		// …) and sleeps between attempts on a timer with no way out.
		// RunCtx takes func(context.Context) error, another type than
		// Run's func() error: no mechanical fix.
		{Func: "(*github.com/eapache/go-resiliency/retrier.Retrier).Run", Kind: Sleep, Alt: "RunCtx"},
		{Func: "(*github.com/eapache/go-resiliency/retrier.Retrier).RunCtx", Kind: Slow, Like: Sleep},
		{Func: "(*github.com/eapache/go-resiliency/retrier.Retrier).RunFn", Kind: Slow, Like: Sleep},
		// cenkalti/backoff v5.0.3 takes the context first: Retry(ctx, op,
		// opts…) sleeps between attempts until ctx is done. Only a root
		// context makes it blind to the request.
		{Func: "github.com/cenkalti/backoff/v5.Retry", Kind: Slow, Like: Sleep},

		// squirrel v1.5.4's package functions take an Execer, Queryer or
		// QueryRower; their Context forms an ExecerContext and the like,
		// which a runner need not be: no fix.
		{Func: squirrel + ".ExecWith", Kind: SQL, Alt: "squirrel.ExecContextWith"},
		{Func: squirrel + ".QueryWith", Kind: SQL, Alt: "squirrel.QueryContextWith"},
		{Func: squirrel + ".QueryRowWith", Kind: SQL, Alt: "squirrel.QueryRowContextWith"},
		{Func: squirrel + ".ExecContextWith", Kind: Slow, Like: SQL},
		{Func: squirrel + ".QueryContextWith", Kind: Slow, Like: SQL},
		{Func: squirrel + ".QueryRowContextWith", Kind: Slow, Like: SQL},

		// pgx v5.13.0 (conn.go): Connect, ConnectConfig and
		// ConnectWithOptions dial the server and authenticate
		// (pgconn.ConnectConfig) before they return.
		{Func: pgx + ".Connect", Kind: Slow, Like: SQL},
		{Func: pgx + ".ConnectConfig", Kind: Slow, Like: SQL},
		{Func: pgx + ".ConnectWithOptions", Kind: Slow, Like: SQL},

		// go-retryablehttp v0.7.8: Get, Head, Post and PostForm build
		// their request with NewRequest, which has no context, and Do
		// retries it, sleeping between attempts until the request's
		// context is done: never, for these.
		{Func: retryablehttp + ".Get", Kind: HTTP, Alt: retryAlt},
		{Func: retryablehttp + ".Head", Kind: HTTP, Alt: retryAlt},
		{Func: retryablehttp + ".Post", Kind: HTTP, Alt: retryAlt},
		{Func: retryablehttp + ".PostForm", Kind: HTTP, Alt: retryAlt},
		{Func: "(*" + retryablehttp + ".Client).Get", Kind: HTTP, Alt: retryAlt},
		{Func: "(*" + retryablehttp + ".Client).Head", Kind: HTTP, Alt: retryAlt},
		{Func: "(*" + retryablehttp + ".Client).Post", Kind: HTTP, Alt: retryAlt},
		{Func: "(*" + retryablehttp + ".Client).PostForm", Kind: HTTP, Alt: retryAlt},
		{Func: "(*" + retryablehttp + ".Client).Do", Kind: Slow, Like: HTTP},
	},
)

const (
	retryablehttp = "github.com/hashicorp/go-retryablehttp"
	retryAlt      = "retryablehttp.NewRequestWithContext and Client.Do"
)

// LibraryConstructors are the third-party constructors of values built
// without a context that block when run.
var LibraryConstructors = []Constructor{
	{
		// go-retryablehttp v0.7.8: NewRequest is
		// NewRequestWithContext(context.Background(), …).
		Func:  retryablehttp + ".NewRequest",
		Kind:  HTTP,
		Sinks: []Sink{{Func: "(*" + retryablehttp + ".Client).Do", Arg: 0}},
		Alt:   "retryablehttp.NewRequestWithContext",
		Fix:   "${pkg}.NewRequestWithContext(${ctx}${,args})",
	},
}

// A Builder is a library type whose context travels on the value, not in
// a parameter: a statement or request is built by a chain of calls, and
// one method attaches the context. A finishing call on a value whose
// chain, as far as it can be seen, starts at a Root and never passed
// through Attach runs with no context (docs/libraries.md):
//
//	db.Where("id = ?", id).First(&u)                 // Statement.Context is context.Background()
//	db.WithContext(ctx).Where("id = ?", id).First(&u) // attached
//
// Any other method of Type that returns Type is a step of the chain that
// keeps the context it was given.
type Builder struct {
	Type string // the builder type, as types.TypeString prints it
	Kind Kind
	// Roots are the calls that return a builder without a context.
	Roots []string
	// Attach are the methods that return the builder with a context (or,
	// like gorm's Session, may do so: blockcheck cannot tell, and stays
	// silent).
	Attach []string
	// Finish are the methods of Type that run what was built.
	Finish []string
	// Alt names the attaching call for the message; Insert is what the fix
	// inserts before the finishing method's name.
	Alt    string
	Insert string
}

// CtxArg is a call whose context travels in one of its arguments, put
// there by another call: backoff.Retry(op, backoff.WithContext(b, ctx)),
// retry.Do(f, retry.Context(ctx)). Without it, the call sleeps between
// attempts with no way out.
type CtxArg struct {
	Func string
	Kind Kind
	// Arg is the argument that carries the context, or -1 for any of the
	// options (the variadic arguments).
	Arg int
	// Attach are the calls that put a context into that argument.
	Attach []string
	Alt    string
	Fix    string
}

const (
	gormDB    = "(*gorm.io/gorm.DB)."
	restyReq  = "(*github.com/go-resty/resty/v2.Request)."
	backoffV4 = "github.com/cenkalti/backoff/v4"
	retryGoV4 = "github.com/avast/retry-go/v4"
)

// Builders is the catalogue of builder chains.
var Builders = []Builder{
	{
		// gorm v1.31.2: Open sets Statement.Context to
		// context.Background(); WithContext is Session(&Session{Context:
		// ctx}); the finisher API (finisher_api.go) runs the statement
		// with Statement.Context. Begin runs BEGIN and returns the
		// transaction, which keeps the context.
		Type:   "*gorm.io/gorm.DB",
		Kind:   SQL,
		Roots:  []string{"gorm.io/gorm.Open"},
		Attach: []string{gormDB + "WithContext", gormDB + "Session"},
		Finish: prefixed(gormDB, "Create", "CreateInBatches", "Save", "First", "Take", "Last", "Find",
			"FindInBatches", "FirstOrInit", "FirstOrCreate", "Update", "Updates", "UpdateColumn",
			"UpdateColumns", "Delete", "Count", "Row", "Rows", "Scan", "Pluck", "Transaction", "Begin",
			"Commit", "Rollback", "Exec"),
		Alt:    "WithContext(${ctx}) in the chain",
		Insert: "WithContext(${ctx}).",
	},
	{
		// resty v2.17.2: Client.R and NewRequest leave Request.ctx nil,
		// and Request.Context() is then context.Background(); SetContext
		// attaches one; Get … Execute send the request.
		Type:   "*github.com/go-resty/resty/v2.Request",
		Kind:   HTTP,
		Roots:  []string{"(*github.com/go-resty/resty/v2.Client).R", "(*github.com/go-resty/resty/v2.Client).NewRequest"},
		Attach: []string{restyReq + "SetContext"},
		Finish: prefixed(restyReq, "Get", "Head", "Post", "Put", "Delete", "Options", "Patch", "Send", "Execute"),
		Alt:    "SetContext(${ctx}) in the chain",
		Insert: "SetContext(${ctx}).",
	},
}

// CtxArgs is the catalogue of calls whose context travels in an argument.
var CtxArgs = []CtxArg{
	// cenkalti/backoff v4.3.0: Retry and its siblings take the context
	// from the BackOff (getContext), context.Background() unless it is a
	// WithContext; they sleep on a timer between attempts.
	backoffRetry("Retry", ""),
	backoffRetry("RetryWithData", ""),
	backoffRetry("RetryNotify", ", ${2}"),
	backoffRetry("RetryNotifyWithData", ", ${2}"),
	// avast/retry-go v4.7.0: Do and DoWithData default to
	// context.Background(), ten attempts with growing delays; the
	// retry.Context option sets it.
	{Func: retryGoV4 + ".Do", Kind: Sleep, Arg: -1, Attach: []string{retryGoV4 + ".Context"},
		Alt: "the retry.Context(${ctx}) option", Fix: "${pkg}.Do(${args}, ${pkg}.Context(${ctx}))"},
	{Func: retryGoV4 + ".DoWithData", Kind: Sleep, Arg: -1, Attach: []string{retryGoV4 + ".Context"},
		Alt: "the retry.Context(${ctx}) option", Fix: "${pkg}.DoWithData(${args}, ${pkg}.Context(${ctx}))"},
}

// backoffRetry is the row of backoff v4's fn, whose arguments after the
// BackOff are rest.
func backoffRetry(fn, rest string) CtxArg {
	return CtxArg{
		Func: backoffV4 + "." + fn, Kind: Sleep, Arg: 1, Attach: []string{backoffV4 + ".WithContext"},
		Alt: "backoff.WithContext(b, ${ctx})",
		Fix: "${pkg}." + fn + "(${0}, ${pkg}.WithContext(${1}, ${ctx})" + rest + ")",
	}
}

func prefixed(prefix string, names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}

func concat(lists ...[]Op) []Op {
	var out []Op
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// A Client is a library type whose every method that takes a context
// first makes a round trip: a client whose hundreds of commands share one
// receiver, so that a row per method would be the same row hundreds of
// times. A call on a receiver of the type (its static type, pointer or
// interface, as written) is a Slow operation like Like: judged under a
// lock, in an event loop, and for the root context it is given.
type Client struct {
	// Type is the receiver's type as types.TypeString prints it with
	// full package paths: "*github.com/redis/go-redis/v9.Client".
	Type string
	Like Kind
	// Except are the methods of Type that take a context first but make
	// no round trip of their own (pgxpool's AcquireAllIdle takes only the
	// connections already idle): not operations.
	Except []string
}

// goRedis is github.com/redis/go-redis/v9 (v9.23.0). Every command is a
// method of its unexported cmdable (or statefulCmdable), promoted into
// Client, ClusterClient, Ring, Conn and Tx, where cmdable is the client's
// process function: the command is written and its reply read before
// the method returns. A Pipeline has the same methods, but its cmdable
// only queues the command (Exec sends them): *Pipeline and Pipeliner are
// not rows. UniversalClient is what NewUniversalClient returns (a Client,
// ClusterClient or Ring); Cmdable is left out, since a Pipeline is one too.
const goRedis = "github.com/redis/go-redis/v9"

// pgx is github.com/jackc/pgx/v5 (v5.13.0), read in its source:
//
//   - pgxpool.Pool (pool.go): Acquire waits in the puddle pool for a free
//     connection (and may ping it, or dial a new one); AcquireFunc is
//     Acquire then f; Exec, Query, QueryRow, SendBatch, Begin, BeginTx,
//     CopyFrom and Ping Acquire a connection and run the call on it.
//     AcquireAllIdle takes only the idle connections (p.p.AcquireAllIdle
//     does not wait) and runs just the PrepareConn hook: Except.
//   - pgxpool.Conn (conn.go) and pgxpool.Tx (tx.go) hand each method to
//     the pgx.Conn or pgx.Tx they wrap.
//   - pgx.Conn (conn.go, tx.go): Exec, Query, QueryRow, SendBatch,
//     CopyFrom, Ping, LoadType and DeallocateAll send to the server and
//     read its reply (Query returns once the first reply has come);
//     Begin and BeginTx send BEGIN; Prepare sends Parse and Describe
//     (unless that name and SQL are prepared already), Deallocate a
//     Close; WaitForNotification waits for one; Close sends Terminate and
//     flushes it (pgconn.PgConn.Close).
//   - pgx.Tx, the interface Begin returns (tx.go: dbTx and
//     dbSimulatedNestedTx): Commit and Rollback send COMMIT and ROLLBACK
//     (or RELEASE and ROLLBACK TO a savepoint; nothing once the
//     transaction is closed), Begin a SAVEPOINT, the others run on the
//     transaction's connection.
//
// Batch.Queue only queues (SendBatch sends), and BatchResults' and Rows'
// methods take no context: no rows. pgx.Connect and its siblings dial
// and authenticate (Libraries); pgxpool.New dials in the background and
// waits for nothing: no row.
const (
	pgx     = "github.com/jackc/pgx/v5"
	pgxpool = pgx + "/pgxpool"
)

// mongo is go.mongodb.org/mongo-driver/v2's mongo package (v2.10.0), read
// in its source. Its round trips are database ones (Like SQL):
//
//   - Collection (collection.go): every method taking ctx first runs a
//     command before it returns (InsertOne … BulkWrite, Find and Aggregate
//     run the first batch, FindOne and Distinct execute before they return
//     their result, Watch runs the aggregate); Database (database.go) the
//     same (RunCommand, ListCollections, CreateCollection, Drop, Watch);
//     IndexView (index_view.go, a value type): listIndexes, createIndexes,
//     dropIndexes.
//   - Client (client.go): Ping, ListDatabases(Names), Watch, BulkWrite
//     and Disconnect (endSessions, then closes the pools). UseSession and
//     UseSessionWithOptions make no round trip of their own: they run the
//     callback, whose calls are judged where they are written: Except.
//   - Cursor (cursor.go: next) and ChangeStream (change_stream.go): Next,
//     TryNext and All take the batch in hand and send getMore when it is
//     spent. Close sends killCursors only if the server's cursor is still
//     open, and a context of its own is the right one for that clean-up
//     (the request's may be done): Except. EndSession (session.go) the
//     same: it aborts a transaction left open, else it only returns the
//     session to the pool. CommitTransaction, AbortTransaction and
//     WithTransaction (which commits) are round trips.
//
// mongo.Connect takes no context in v2 and dials in the background.
const mongo = "go.mongodb.org/mongo-driver/v2/mongo"

// Clients are the round-trip client types of the libraries.
var Clients = []Client{
	{Type: "*" + goRedis + ".Client", Like: Dial},
	{Type: "*" + goRedis + ".ClusterClient", Like: Dial},
	{Type: "*" + goRedis + ".Ring", Like: Dial},
	{Type: "*" + goRedis + ".Conn", Like: Dial},
	{Type: "*" + goRedis + ".Tx", Like: Dial},
	{Type: goRedis + ".UniversalClient", Like: Dial},

	{Type: "*" + pgxpool + ".Pool", Like: SQL, Except: []string{"AcquireAllIdle"}},
	{Type: "*" + pgxpool + ".Conn", Like: SQL},
	{Type: "*" + pgxpool + ".Tx", Like: SQL},
	{Type: "*" + pgx + ".Conn", Like: SQL},
	{Type: pgx + ".Tx", Like: SQL},

	{Type: "*" + mongo + ".Client", Like: SQL, Except: []string{"UseSession", "UseSessionWithOptions"}},
	{Type: "*" + mongo + ".Database", Like: SQL},
	{Type: "*" + mongo + ".Collection", Like: SQL},
	{Type: mongo + ".IndexView", Like: SQL},
	{Type: "*" + mongo + ".Cursor", Like: SQL, Except: []string{"Close"}},
	{Type: "*" + mongo + ".ChangeStream", Like: SQL, Except: []string{"Close"}},
	{Type: "*" + mongo + ".Session", Like: SQL, Except: []string{"EndSession"}},
}
