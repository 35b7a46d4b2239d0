// Package catalog lists the blocking operations blockcheck knows, as data.
//
// Each operation is keyed by the full name of its function as go/types
// prints it (types.Func.FullName): "time.Sleep", "(*database/sql.DB).Query".
// The standard library lives here rather than in analysis facts, because
// drivers such as Bazel's nogo do not analyze the standard library.
//
// Adding a blocking function is a row in one of the tables below plus a
// test; no control flow changes.
package catalog

import (
	"go/types"
	"slices"
	"strings"
	"sync"
)

// Kind says what sort of waiting an operation does. Kinds, not rules, travel
// through function summaries: the rule that applies to a kind depends on
// where the operation is reached (a plain handler, under a shared lock, in an
// event-loop callback).
type Kind string

// The kinds of blocking operation.
const (
	Sleep Kind = "sleep" // waits for a duration
	HTTP  Kind = "http"  // an outbound HTTP round trip
	SQL   Kind = "sql"   // a database round trip (database/sql, pgx, MongoDB)
	Exec  Kind = "exec"  // runs a child process to completion
	Dial  Kind = "dial"  // connects or resolves over the network
	Wait  Kind = "wait"  // waits for another goroutine (channel, WaitGroup, Cond)
	File  Kind = "file"  // file-system I/O: normal in handlers, harmful under a shared lock or in an event loop
	// Slow is a round trip that honours its context (QueryContext,
	// Client.Do, DialContext): right in a handler, harmful under a shared
	// lock or in an event loop. Op.Like says what sort of round trip.
	Slow Kind = "slow"
	// Serial is not an operation but a finding that travels through
	// summaries: a lock shared by requests held across a blocking
	// operation. No catalogue row has this kind.
	Serial Kind = "serial"
	// Endless is not an operation either: a loop with no exit (no break,
	// return, goto or panic, no look at a context), so that the function
	// never returns once it has entered it. No catalogue row has it.
	Endless Kind = "endless"
	// NoTimeout is an outbound HTTP request sent with a client that has no
	// Timeout (http.DefaultClient, or a Client built without one) and a
	// context with no deadline: a server that never answers is waited for
	// as long as the request's own client waits. No catalogue row has it.
	NoTimeout Kind = "notimeout"
)

// Kinds lists every kind in a fixed order, for deterministic iteration.
var Kinds = []Kind{Sleep, HTTP, SQL, Exec, Dial, Wait, File, Slow, Serial, Endless, NoTimeout}

// Op is a blocking function or method.
type Op struct {
	// Func is types.Func.FullName() of the blocking function.
	Func string
	Kind Kind
	// Alt names the context-aware alternative for the message, if any;
	// ${ctx} in it stands for the context expression.
	Alt string
	// Fix is a rewrite template for the whole call expression, or "" when
	// there is no mechanical fix. See package fixes for the placeholders.
	Fix string
	// StmtFix means Fix replaces the statement the call forms, and applies
	// only when the call is an expression statement.
	StmtFix bool
	// EndsQuietly means the fix's form ends early, without an error, when
	// the context is done: in a loop that nothing else bounds it would
	// turn a paced loop into a busy one, so no fix is offered there.
	EndsQuietly bool
	// SharedRecv means the call waits only when its receiver is shared with
	// other goroutines (a struct field or a package-level variable). A
	// sync.WaitGroup local to the function joins work that function started.
	SharedRecv bool
	// Like is, for a Slow operation, the kind of round trip it makes
	// (SQL for QueryContext), so that messages can say what runs.
	Like Kind
}

// Constructor is a function that builds a value without a context, where the
// blocking happens later, when a sink runs the value: http.NewRequest
// followed by Client.Do, exec.Command followed by Cmd.Run. The fix rewrites
// the constructor.
type Constructor struct {
	Func  string
	Kind  Kind
	Sinks []Sink
	Alt   string
	Fix   string
}

// Sink is a call that runs a constructed value. Arg is the index of the
// argument that carries the value, or -1 for the receiver.
type Sink struct {
	Func string
	Arg  int
}

// smtpAlt is the way to send mail that stops when the request does.
const smtpAlt = "smtp.NewClient on a connection from (&net.Dialer{}).DialContext"

// sleepFix turns time.Sleep(d) into a sleep that ends early when the
// request's context is done.
const sleepFix = "select {\n" +
	"case <-${pkg}.After(${0}):\n" +
	"case <-${ctx}.Done():\n" +
	"}"

// Ops is the catalogue of blocking functions and methods.
var Ops = []Op{
	{Func: "time.Sleep", Kind: Sleep, Alt: "a select on time.After and ${ctx}.Done()", Fix: sleepFix, StmtFix: true, EndsQuietly: true},

	{Func: "net/http.Get", Kind: HTTP, Alt: "http.NewRequestWithContext and Client.Do"},
	{Func: "net/http.Head", Kind: HTTP, Alt: "http.NewRequestWithContext and Client.Do"},
	{Func: "net/http.Post", Kind: HTTP, Alt: "http.NewRequestWithContext and Client.Do"},
	{Func: "net/http.PostForm", Kind: HTTP, Alt: "http.NewRequestWithContext and Client.Do"},
	{Func: "(*net/http.Client).Get", Kind: HTTP, Alt: "http.NewRequestWithContext and Client.Do"},
	{Func: "(*net/http.Client).Head", Kind: HTTP, Alt: "http.NewRequestWithContext and Client.Do"},
	{Func: "(*net/http.Client).Post", Kind: HTTP, Alt: "http.NewRequestWithContext and Client.Do"},
	{Func: "(*net/http.Client).PostForm", Kind: HTTP, Alt: "http.NewRequestWithContext and Client.Do"},

	{Func: "(*database/sql.DB).Query", Kind: SQL, Alt: "QueryContext", Fix: "${recv}.QueryContext(${ctx}${,args})"},
	{Func: "(*database/sql.DB).QueryRow", Kind: SQL, Alt: "QueryRowContext", Fix: "${recv}.QueryRowContext(${ctx}${,args})"},
	{Func: "(*database/sql.DB).Exec", Kind: SQL, Alt: "ExecContext", Fix: "${recv}.ExecContext(${ctx}${,args})"},
	{Func: "(*database/sql.DB).Prepare", Kind: SQL, Alt: "PrepareContext", Fix: "${recv}.PrepareContext(${ctx}${,args})"},
	{Func: "(*database/sql.DB).Begin", Kind: SQL, Alt: "BeginTx", Fix: "${recv}.BeginTx(${ctx}, nil)"},
	{Func: "(*database/sql.DB).Ping", Kind: SQL, Alt: "PingContext", Fix: "${recv}.PingContext(${ctx})"},
	{Func: "(*database/sql.Tx).Query", Kind: SQL, Alt: "QueryContext", Fix: "${recv}.QueryContext(${ctx}${,args})"},
	{Func: "(*database/sql.Tx).QueryRow", Kind: SQL, Alt: "QueryRowContext", Fix: "${recv}.QueryRowContext(${ctx}${,args})"},
	{Func: "(*database/sql.Tx).Exec", Kind: SQL, Alt: "ExecContext", Fix: "${recv}.ExecContext(${ctx}${,args})"},
	{Func: "(*database/sql.Tx).Prepare", Kind: SQL, Alt: "PrepareContext", Fix: "${recv}.PrepareContext(${ctx}${,args})"},
	{Func: "(*database/sql.Tx).Stmt", Kind: SQL, Alt: "StmtContext", Fix: "${recv}.StmtContext(${ctx}${,args})"},
	{Func: "(*database/sql.Stmt).Query", Kind: SQL, Alt: "QueryContext", Fix: "${recv}.QueryContext(${ctx}${,args})"},
	{Func: "(*database/sql.Stmt).QueryRow", Kind: SQL, Alt: "QueryRowContext", Fix: "${recv}.QueryRowContext(${ctx}${,args})"},
	{Func: "(*database/sql.Stmt).Exec", Kind: SQL, Alt: "ExecContext", Fix: "${recv}.ExecContext(${ctx}${,args})"},

	{Func: "net.Dial", Kind: Dial, Alt: "(&net.Dialer{}).DialContext", Fix: "(&${pkg}.Dialer{}).DialContext(${ctx}${,args})"},
	{Func: "net.DialTimeout", Kind: Dial, Alt: "(&net.Dialer{Timeout: d}).DialContext", Fix: "(&${pkg}.Dialer{Timeout: ${2}}).DialContext(${ctx}, ${0}, ${1})"},
	{Func: "net.DialTCP", Kind: Dial, Alt: "(&net.Dialer{}).DialContext"},
	{Func: "(*net.Dialer).Dial", Kind: Dial, Alt: "DialContext", Fix: "${recv}.DialContext(${ctx}${,args})"},
	{Func: "(*crypto/tls.Dialer).Dial", Kind: Dial, Alt: "DialContext", Fix: "${recv}.DialContext(${ctx}${,args})"},
	// The Resolve*Addr functions look names up in DNS; the context-aware
	// route is a Resolver lookup, which returns other types: no fix.
	{Func: "net.ResolveTCPAddr", Kind: Dial, Alt: "net.DefaultResolver.LookupNetIP"},
	{Func: "net.ResolveUDPAddr", Kind: Dial, Alt: "net.DefaultResolver.LookupNetIP"},
	{Func: "net.ResolveIPAddr", Kind: Dial, Alt: "net.DefaultResolver.LookupNetIP"},
	// tls.Dial returns *tls.Conn while tls.Dialer.DialContext returns a
	// net.Conn, so a mechanical rewrite would not compile: no fix.
	{Func: "crypto/tls.Dial", Kind: Dial, Alt: "(&tls.Dialer{Config: cfg}).DialContext"},
	{Func: "crypto/tls.DialWithDialer", Kind: Dial, Alt: "(&tls.Dialer{NetDialer: d, Config: cfg}).DialContext"},
	{Func: "net.LookupHost", Kind: Dial, Alt: "net.DefaultResolver.LookupHost", Fix: "${pkg}.DefaultResolver.LookupHost(${ctx}${,args})"},
	{Func: "net.LookupIP", Kind: Dial, Alt: "net.DefaultResolver.LookupIP", Fix: "${pkg}.DefaultResolver.LookupIP(${ctx}, \"ip\"${,args})"},
	{Func: "net.LookupAddr", Kind: Dial, Alt: "net.DefaultResolver.LookupAddr", Fix: "${pkg}.DefaultResolver.LookupAddr(${ctx}${,args})"},
	{Func: "net.LookupCNAME", Kind: Dial, Alt: "net.DefaultResolver.LookupCNAME", Fix: "${pkg}.DefaultResolver.LookupCNAME(${ctx}${,args})"},
	{Func: "net.LookupMX", Kind: Dial, Alt: "net.DefaultResolver.LookupMX", Fix: "${pkg}.DefaultResolver.LookupMX(${ctx}${,args})"},
	{Func: "net.LookupNS", Kind: Dial, Alt: "net.DefaultResolver.LookupNS", Fix: "${pkg}.DefaultResolver.LookupNS(${ctx}${,args})"},
	{Func: "net.LookupTXT", Kind: Dial, Alt: "net.DefaultResolver.LookupTXT", Fix: "${pkg}.DefaultResolver.LookupTXT(${ctx}${,args})"},
	{Func: "net.LookupSRV", Kind: Dial, Alt: "net.DefaultResolver.LookupSRV", Fix: "${pkg}.DefaultResolver.LookupSRV(${ctx}${,args})"},
	{Func: "net.LookupPort", Kind: Dial, Alt: "net.DefaultResolver.LookupPort", Fix: "${pkg}.DefaultResolver.LookupPort(${ctx}${,args})"},

	// net/smtp has no context-aware form: SendMail and Dial dial with
	// net.Dial and then wait on the server's replies with no deadline. By
	// hand: dial with a context, set the connection's deadline, and hand
	// it to smtp.NewClient.
	{Func: "net/smtp.SendMail", Kind: Dial, Alt: smtpAlt},
	{Func: "net/smtp.Dial", Kind: Dial, Alt: smtpAlt},

	{Func: "(*sync.WaitGroup).Wait", Kind: Wait, Alt: "a select on a done channel and ${ctx}.Done()", SharedRecv: true},
	{Func: "(*sync.Cond).Wait", Kind: Wait, Alt: "a channel that can be selected with ${ctx}.Done()"},

	{Func: "os.ReadFile", Kind: File},
	{Func: "os.WriteFile", Kind: File},
	{Func: "os.Open", Kind: File},
	{Func: "os.OpenFile", Kind: File},
	{Func: "os.Create", Kind: File},
	{Func: "os.ReadDir", Kind: File},
	{Func: "os.Remove", Kind: File},
	{Func: "os.RemoveAll", Kind: File},
	{Func: "os.Rename", Kind: File},
	{Func: "os.MkdirAll", Kind: File},
	{Func: "(*os.File).Read", Kind: File},
	{Func: "(*os.File).ReadAt", Kind: File},
	{Func: "(*os.File).Write", Kind: File},
	{Func: "(*os.File).WriteAt", Kind: File},
	{Func: "(*os.File).WriteString", Kind: File},
	{Func: "(*os.File).ReadFrom", Kind: File},
	{Func: "(*os.File).Sync", Kind: File},

	// Context-aware round trips: they stop when the request is cancelled,
	// but they take as long as the remote side does, so under a shared
	// lock they make every request wait.
	{Func: "(*database/sql.DB).QueryContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.DB).QueryRowContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.DB).ExecContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.DB).PrepareContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.DB).BeginTx", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.DB).PingContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.DB).Conn", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Tx).QueryContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Tx).QueryRowContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Tx).ExecContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Tx).PrepareContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Tx).Commit", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Stmt).QueryContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Stmt).QueryRowContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Stmt).ExecContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Conn).QueryContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Conn).QueryRowContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Conn).ExecContext", Kind: Slow, Like: SQL},
	{Func: "(*database/sql.Conn).BeginTx", Kind: Slow, Like: SQL},
	// Client.Do is also a sink of http.NewRequest: a request built
	// without a context is reported as such, any other as Slow.
	{Func: "(*net/http.Client).Do", Kind: Slow, Like: HTTP},
	{Func: "(*net.Dialer).DialContext", Kind: Slow, Like: Dial},
	{Func: "(*crypto/tls.Dialer).DialContext", Kind: Slow, Like: Dial},
	{Func: "(*net.Resolver).LookupHost", Kind: Slow, Like: Dial},
	{Func: "(*net.Resolver).LookupIP", Kind: Slow, Like: Dial},
	{Func: "(*net.Resolver).LookupIPAddr", Kind: Slow, Like: Dial},
	{Func: "(*net.Resolver).LookupNetIP", Kind: Slow, Like: Dial},
	{Func: "(*net.Resolver).LookupAddr", Kind: Slow, Like: Dial},
	{Func: "(*net.Resolver).LookupCNAME", Kind: Slow, Like: Dial},
	{Func: "(*net.Resolver).LookupMX", Kind: Slow, Like: Dial},
	{Func: "(*net.Resolver).LookupTXT", Kind: Slow, Like: Dial},
	{Func: "(*net.Resolver).LookupSRV", Kind: Slow, Like: Dial},
	// Sinks of exec.Command, likewise.
	{Func: "(*os/exec.Cmd).Run", Kind: Slow, Like: Exec},
	{Func: "(*os/exec.Cmd).Output", Kind: Slow, Like: Exec},
	{Func: "(*os/exec.Cmd).CombinedOutput", Kind: Slow, Like: Exec},
	{Func: "(*os/exec.Cmd).Wait", Kind: Slow, Like: Exec},
}

// Constructors is the catalogue of context-free constructors whose value
// blocks when run.
var Constructors = []Constructor{
	{
		Func: "net/http.NewRequest",
		Kind: HTTP,
		Sinks: []Sink{
			{Func: "(*net/http.Client).Do", Arg: 0},
			{Func: "(*net/http.Transport).RoundTrip", Arg: 0},
		},
		Alt: "http.NewRequestWithContext",
		Fix: "${pkg}.NewRequestWithContext(${ctx}${,args})",
	},
	{
		Func: "os/exec.Command",
		Kind: Exec,
		Sinks: []Sink{
			{Func: "(*os/exec.Cmd).Run", Arg: -1},
			{Func: "(*os/exec.Cmd).Output", Arg: -1},
			{Func: "(*os/exec.Cmd).CombinedOutput", Arg: -1},
			{Func: "(*os/exec.Cmd).Wait", Arg: -1},
		},
		Alt: "exec.CommandContext",
		Fix: "${pkg}.CommandContext(${ctx}${,args})",
	},
}

// Catalog indexes the tables for lookup by function full name. A Catalog
// is built once per analyzer configuration and is read-only afterwards.
type Catalog struct {
	ops      map[string]*Op
	ctors    map[string]*Constructor
	sinks    map[string][]sinkOf
	builders []*Builder
	finish   map[string]*Builder
	ctxArgs  map[string]*CtxArg
	// clients index Clients by package path, then by type; the ops
	// synthesized for their methods are memoized (analysis passes of a
	// standalone run share the catalogue, concurrently).
	clients   map[string]map[string]*Client
	clientOps sync.Map // clientKey → *Op
}

type clientKey struct {
	client *Client
	fn     string
}

type sinkOf struct {
	ctor *Constructor
	arg  int
}

// New indexes ops and ctors. Later rows override earlier rows with the same
// Func, so user-supplied rows can replace built-in ones.
func New(ops []Op, ctors []Constructor) *Catalog {
	c := &Catalog{
		ops:   make(map[string]*Op, len(ops)),
		ctors: make(map[string]*Constructor, len(ctors)),
		sinks: make(map[string][]sinkOf),
	}
	for i := range ops {
		c.ops[ops[i].Func] = &ops[i]
	}
	for i := range ctors {
		ct := &ctors[i]
		c.ctors[ct.Func] = ct
		for _, s := range ct.Sinks {
			c.sinks[s.Func] = append(c.sinks[s.Func], sinkOf{ct, s.Arg})
		}
	}
	return c
}

// WithLibraries adds the builder chains and the calls whose context
// travels in an argument to c.
func (c *Catalog) WithLibraries(builders []Builder, ctxArgs []CtxArg) *Catalog {
	c.finish = make(map[string]*Builder)
	c.ctxArgs = make(map[string]*CtxArg, len(ctxArgs))
	for i := range builders {
		b := &builders[i]
		c.builders = append(c.builders, b)
		for _, f := range b.Finish {
			c.finish[f] = b
		}
	}
	for i := range ctxArgs {
		c.ctxArgs[ctxArgs[i].Func] = &ctxArgs[i]
	}
	c.clients = make(map[string]map[string]*Client)
	for i := range Clients {
		cl := &Clients[i]
		path := typePath(cl.Type)
		if c.clients[path] == nil {
			c.clients[path] = make(map[string]*Client)
		}
		c.clients[path][cl.Type] = cl
	}
	return c
}

// typePath returns the package path of a type string: "pkg/path" of
// "*pkg/path.Name".
func typePath(t string) string {
	t = strings.TrimPrefix(t, "*")
	return t[:max(0, strings.LastIndex(t, "."))]
}

// ClientOp returns the round trip a call of method fn on a receiver of
// static type recv makes, when recv is one of the Clients and fn takes a
// context first; nil otherwise. Most calls cost a map lookup by the
// receiver's package path.
func (c *Catalog) ClientOp(recv types.Type, fn *types.Func) *Op {
	if len(c.clients) == 0 || recv == nil {
		return nil
	}
	t, star := types.Unalias(recv), ""
	if p, ok := t.(*types.Pointer); ok {
		t, star = types.Unalias(p.Elem()), "*"
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return nil
	}
	byType := c.clients[named.Obj().Pkg().Path()]
	if byType == nil {
		return nil
	}
	cl := byType[star+named.Obj().Pkg().Path()+"."+named.Obj().Name()]
	if cl == nil {
		return nil
	}
	params := fn.Signature().Params()
	if params.Len() == 0 || !isContext(params.At(0).Type()) || slices.Contains(cl.Except, fn.Name()) {
		return nil
	}
	key := clientKey{cl, fn.FullName()}
	if op, ok := c.clientOps.Load(key); ok {
		return op.(*Op)
	}
	op, _ := c.clientOps.LoadOrStore(key, &Op{Func: key.fn, Kind: Slow, Like: cl.Like})
	return op.(*Op)
}

// ClientLike returns, for the key of a client's round trip (ClientOp's
// Op.Func: "(github.com/redis/go-redis/v9.cmdable).Get", the method as
// declared), the kind of round trip it makes; "" for any other key. It
// reads the key alone, so that a reason imported from another package's
// fact says what its operation does.
func (c *Catalog) ClientLike(fullName string) Kind {
	recv, _, ok := strings.Cut(strings.TrimPrefix(fullName, "("), ").")
	if !ok {
		return ""
	}
	path := typePath(recv)
	for _, cl := range c.clients[path] {
		return cl.Like
	}
	return ""
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// Default is the built-in catalogue: the standard library and the
// libraries.
func Default() *Catalog { return With(nil) }

// With is the built-in catalogue extended by ops, which replace built-in
// rows of the same Func.
func With(ops []Op) *Catalog {
	return New(slices.Concat(Ops, Libraries, carried(Builders, CtxArgs), ops), slices.Concat(Constructors, LibraryConstructors)).
		WithLibraries(Builders, CtxArgs)
}

// carried returns a Slow row for each finishing method of a builder and
// each call whose context travels in an argument: they are round trips
// (or sleeps) whether or not they carry the request's context, which the
// ctxflow detector judges; the row keeps the scan from following them
// into the library, whose own code cannot tell.
func carried(builders []Builder, ctxArgs []CtxArg) []Op {
	var ops []Op
	for _, b := range builders {
		for _, f := range b.Finish {
			ops = append(ops, Op{Func: f, Kind: Slow, Like: b.Kind, Alt: b.Alt})
		}
	}
	for _, c := range ctxArgs {
		ops = append(ops, Op{Func: c.Func, Kind: Slow, Like: c.Kind, Alt: c.Alt})
	}
	return ops
}

// Finishing returns the builder whose chain the method fullName runs, or
// nil.
func (c *Catalog) Finishing(fullName string) *Builder { return c.finish[fullName] }

// Builder returns the builder row of type typ (as types.TypeString
// prints it), or nil.
func (c *Catalog) Builder(typ string) *Builder {
	for _, b := range c.builders {
		if b.Type == typ {
			return b
		}
	}
	return nil
}

// CtxArg returns the row of fullName, a call whose context travels in an
// argument, or nil.
func (c *Catalog) CtxArg(fullName string) *CtxArg { return c.ctxArgs[fullName] }

// Effective returns the kind of waiting op does: Like for a Slow
// operation, Kind otherwise.
func (o *Op) Effective() Kind {
	if o.Kind == Slow && o.Like != "" {
		return o.Like
	}
	return o.Kind
}

// Op returns the blocking operation named by fullName, or nil.
func (c *Catalog) Op(fullName string) *Op { return c.ops[fullName] }

// Constructor returns the context-free constructor named by fullName, or nil.
func (c *Catalog) Constructor(fullName string) *Constructor { return c.ctors[fullName] }

// SinkArg reports whether fullName runs a value built by ctor, and which
// operand carries it (-1 for the receiver).
func (c *Catalog) SinkArg(fullName string, ctor *Constructor) (int, bool) {
	for _, s := range c.sinks[fullName] {
		if s.ctor == ctor {
			return s.arg, true
		}
	}
	return 0, false
}

// IsSink reports whether fullName runs a value built by some constructor.
func (c *Catalog) IsSink(fullName string) bool { return len(c.sinks[fullName]) > 0 }

// stdRoots are the first path elements of the standard library's packages.
// Test packages laid out GOPATH-style have dotless paths too, so "no dot in
// the first element" is not enough to recognise the standard library.
var stdRoots = map[string]bool{
	"archive": true, "bufio": true, "builtin": true, "bytes": true, "cmp": true,
	"compress": true, "container": true, "context": true, "crypto": true,
	"database": true, "debug": true, "embed": true, "encoding": true, "errors": true,
	"expvar": true, "flag": true, "fmt": true, "go": true, "hash": true, "html": true,
	"image": true, "index": true, "internal": true, "io": true, "iter": true,
	"log": true, "maps": true, "math": true, "mime": true, "net": true, "os": true,
	"path": true, "plugin": true, "reflect": true, "regexp": true, "runtime": true,
	"slices": true, "sort": true, "strconv": true, "strings": true, "structs": true,
	"sync": true, "syscall": true, "testing": true, "text": true, "time": true,
	"unicode": true, "unique": true, "unsafe": true, "weak": true, "vendor": true,
	"cmd": true,
}

// IsStd reports whether pkgPath is a standard library package. Blocking in
// the standard library is described by the catalogue, never by facts.
func IsStd(pkgPath string) bool {
	root, _, _ := strings.Cut(pkgPath, "/")
	return stdRoots[root]
}
