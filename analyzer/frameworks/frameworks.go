// Package frameworks is the table of the web frameworks blockcheck knows:
// one row per framework holds everything known about it, so that adding a
// framework is one row here plus its test against the real module
// (cmd/blockcheck/testdata/frameworks).
//
// A row says how to recognise the framework's handlers (their shapes, the
// generated service registrations and the registration functions of
// package handlers), the request's context in a handler and when the
// framework cancels it (for the messages), where request input enters
// (for the rules of package taint), and how to limit a request body (for
// the bodyread fix). The package is data only: it imports nothing of
// blockcheck, and the packages that use a part of a row import it.
//
// The rows are returned by All, a fresh copy on every call: the built-in
// table cannot be changed from outside; users extend it through the
// analyzer's flags (-handler-shapes, -handler-registrations).
package frameworks

import (
	"strings"
	"sync"
)

// Framework is everything blockcheck knows about one framework.
type Framework struct {
	// Name is the name messages and docs use: "gin", "net/http".
	Name string
	// Cancelled says when the framework cancels a handler's context,
	// completing "when …": each is true of its framework.
	Cancelled string
	// Meanwhile says what becomes of other requests while a handler
	// waits, inside the parentheses of the cancellation messages; empty
	// for a server that serves each request on a goroutine of its own
	// ("other requests are still served").
	Meanwhile string
	// On names the row whose handlers this framework serves, for routers
	// that serve another's: chi and gorilla/mux serve net/http handlers,
	// found by net/http's shape; their rows add what is theirs.
	On string
	// Shapes are the handler signatures; Shape.Framework and
	// Shape.Cancelled are filled in from the row.
	Shapes []Shape
	// Services are the generated service registrations.
	Services []Service
	// Registrations are the functions whose function arguments are
	// handlers.
	Registrations []Registration
	// Servers are where another server takes a handler of another row's
	// shape (a net/http handler served by nbhttp): the handlers it is
	// followed to get this row's Cancelled.
	Servers []Server
	// Sources are the accessors of request input, and Fields the fields
	// of request types that hold it (for the unbounded rules).
	Sources []Source
	Fields  []string
	// Carriers are methods of the framework's types whose results are
	// input when their receiver is: (*fasthttp.Args).GetUintOrZero on
	// ctx.QueryArgs() is, on args the server built itself it is not.
	Carriers []string
	// RequestReads are the request methods that read the body.
	RequestReads []RequestRead
	// BodyLimits are the request methods that limit the body.
	BodyLimits []BodyLimit
	// Bodies say how the bodyread fix limits a body.
	Bodies []Body
	// LimitedBodies are the handler parameter types (as in Shape.Params)
	// whose request body the framework itself limits before a handler
	// runs: a read of a body reached from one is not a read of an
	// unlimited body.
	LimitedBodies []string
}

// Shape is a handler signature, matched by parameter types.
type Shape struct {
	Framework string
	// Params are the parameter types as types.TypeString prints them with
	// full package paths, aliases resolved; the empty interface is "any",
	// and "[...]" stands for any type arguments.
	Params []string
	// Results are the result types, exactly: a function that takes the
	// request but returns more (func(c *gin.Context) (*User, error)) is
	// a helper that a handler calls, reported at the handler's call with
	// the handler's name. nil matches any results; only shapes declared
	// with -handler-shapes without results use it.
	Results []string
	// Context is the expression for the request's context, with {N}
	// standing for the name of parameter N: "{1}.Context()".
	Context string
	// Cancelled says when the framework cancels that context.
	Cancelled string
}

// String prints a shape in the syntax of ParseShapes.
func (s Shape) String() string {
	text := "func(" + strings.Join(s.Params, ", ") + ")"
	switch {
	case s.Results == nil:
	case len(s.Results) == 1 && !strings.ContainsAny(s.Results[0], "=(),"):
		// Bare, as Go writes one result; in parentheses when it holds
		// what the syntax reads otherwise ("=" starts the context).
		text += " " + s.Results[0]
	default:
		text += " (" + strings.Join(s.Results, ", ") + ")"
	}
	if s.Context != "" {
		text += "=" + s.Context
	}
	return text
}

// A Service is a generated function that registers a service
// implementation: the methods a type declares to implement the service
// interface it takes are handlers, wherever the registration call is.
//
//	func RegisterGreeterServer(s grpc.ServiceRegistrar, srv GreeterServer)
//	func NewGreetServiceHandler(svc GreetServiceHandler, opts ...connect.HandlerOption) (string, http.Handler)
//	func NewHaberdasherServer(svc Haberdasher, opts ...interface{}) TwirpServer
//	func NewExecutableSchema(cfg Config) graphql.ExecutableSchema // Config = graphql.Config[ResolverRoot, …]
type Service struct {
	Framework string
	// Name is the registration function's name, "*" standing for the
	// service's: "Register*Server".
	Name string
	// Params are its parameter types as in Shape, "*" standing for the
	// service interface and "..." marking a variadic parameter; in a
	// generic type's arguments, "*" is the interface and a final "..."
	// any further arguments: "github.com/99designs/gqlgen/graphql.Config[*, ...]".
	Params []string
	// Results are its result types; nil matches any results.
	Results []string
	// Root says that the interface is a root: the service interfaces
	// are the interfaces its methods return (gqlgen's ResolverRoot,
	// whose Query() returns the QueryResolver).
	Root bool
	// Imports, when set, is a package the registration function's own
	// package must import: the framework's, for a service whose
	// registration names no framework type (Twirp's
	// NewXServer(svc X, opts ...interface{}) TwirpServer).
	Imports string
	// Cancelled says when the framework cancels a call's context.
	Cancelled string
}

// A Registration is a function whose function-typed arguments are
// handlers: a function literal passed to it, or a function or method of
// the package named by the argument.
//
//	connect.NewUnaryHandler("/greet.v1.GreetService/Greet", func(ctx context.Context, req *connect.Request[v1.GreetRequest]) (…) {…})
type Registration struct {
	Framework string
	// Func is the function's types.Func.FullName, of the generic origin:
	// "connectrpc.com/connect.NewUnaryHandler",
	// "(*github.com/acme/web.Router).Handle".
	Func string
	// Args are the indexes of the arguments that are handlers; nil means
	// every function-typed argument. huma.Get's trailing
	// func(*huma.Operation) arguments run once, at registration.
	Args []int
	// Cancelled says when the framework cancels the request's context.
	Cancelled string
}

// A Server is where a server of its own takes a handler whose shape is
// another framework's: the field Field of a composite literal of type
// Type, set in the literal or assigned (conf.Handler = mux), or an
// argument that is a handler of a call of a function of Type's package
// (nbhttp.NewServer(conf, mux)). The handlers it holds get the Server's
// Cancelled; handlers/servers.go says how a value is followed.
//
//	nbhttp.NewEngine(nbhttp.Config{Handler: mux})
type Server struct {
	Framework   string
	Type, Field string
	Cancelled   string
}

// Source is a function or method whose results are request input.
type Source struct {
	Func string
	// Fill, when not -1, is the argument (a pointer) the call fills with
	// input, like gin's c.ShouldBindJSON(&v); the results are then not
	// input.
	Fill int
}

// RequestRead is a method of a request type that reads its body.
type RequestRead struct {
	Func string
	// Path leads from the receiver to the *http.Request whose body is
	// read: "" for net/http, ".Request" for gin's *Context.
	Path string
	// Memory is the argument that bounds the memory used, or -1; Implicit
	// is that bound when the method fixes it. Either is compared with
	// the -max-body limit: a call that keeps more than it in memory is
	// reported.
	Memory   int
	Implicit int64
	What     string
}

// BodyLimit is a method of a request type that limits its body, as
// iris's ctx.SetMaxRequestBodySize(n) wraps ctx.Request().Body in
// http.MaxBytesReader: after the call, the body reached from the receiver
// through Path (as in RequestRead) is limited.
type BodyLimit struct {
	Func string
	Path string
}

// Body says how to limit a request body reached from a handler's
// parameter of type Type through Path ("" for the *http.Request itself,
// ".Request" for gin's *Context): Limit is the statement, with {c} the
// parameter, {w} the handler's http.ResponseWriter parameter (a row that
// uses it applies only when there is one), {http} the net/http package
// name and {n} the limit.
type Body struct {
	Type, Path, Limit string
}

// When a framework cancels the request's context, completing "it keeps
// sleeping after …". Frameworks on net/http share its clause.
const (
	// net/http cancels r.Context() when the connection closes (the client
	// disconnects), when an HTTP/2 stream is reset, and when ServeHTTP
	// returns.
	CancelledHTTP = "the client disconnects"
	// grpc-go cancels an RPC's context on the client's cancellation, at
	// its deadline, and when the transport closes.
	cancelledGRPC = "the client cancels the RPC or its deadline passes"
	// connect handlers run on net/http, with the request's context
	// bounded by the call's timeout header.
	cancelledConnect = "the client cancels the call or its deadline passes"
	// (*fasthttp.RequestCtx).Done is closed only when Server.Shutdown
	// begins; a client that disconnects cancels nothing.
	cancelledFastHTTP = "the server begins shutting down (fasthttp cancels nothing when the client disconnects)"
	// PocketBase serves on net/http, and its http.Server's BaseContext is
	// cancelled when the app terminates (apis.Serve's OnTerminate hook,
	// fired on SIGINT and SIGTERM).
	cancelledPocketBase = "the client disconnects or PocketBase begins shutting down"
	// nbhttp gives every request the engine's base context
	// (nbhttp.NewEngine: emptyRequest is (&http.Request{}).WithContext(baseCtx)),
	// cancelled by Engine.Stop and Engine.Shutdown only.
	cancelledNBHTTP = "the nbhttp engine stops (nbhttp cancels nothing when the client disconnects)"
	// fiber's user context is context.Background unless middleware
	// (timeout) gives it a deadline; fiber cancels nothing.
	cancelledFiber = "a deadline set by middleware passes (fiber cancels nothing when the client disconnects)"
	// huma passes its adapter's request context: r.Context() on the
	// net/http routers (humago, humachi, humamux, humaflow, humagin,
	// humaecho, humabunrouter, humahttprouter); humafiber's is fiber's
	// user context, which no disconnect cancels.
	cancelledHuma = "the client disconnects (on huma's net/http adapters; humafiber cancels nothing)"
	// aws-lambda-go's handleInvoke derives each invocation's context
	// with context.WithDeadline from the deadline header the Runtime API
	// sends: the function's timeout.
	cancelledLambda = "the invocation's deadline passes"
	// hertz passes each handler the context of its connection:
	// context.Background (or what OnAccept, OnConnect and a tracer derive
	// from it), which the transports cancel when the connection closes
	// only if the server was built with WithSenseClientDisconnection(true).
	// Kratos' HTTP server runs on net/http and bounds each request's
	// context with its timeout (http.Timeout, 1s by default).
	cancelledKratos = "the client disconnects or the server's timeout passes (khttp.Timeout, 1s by default)"
	cancelledHertz  = "the client disconnects, if the server is built with server.WithSenseClientDisconnection(true) (by default hertz cancels nothing)"
)

// pocketBaseEvents are the types of github.com/pocketbase/pocketbase/core
// (v0.36) whose values are a request's: *RequestEvent, the argument of
// route handlers and middleware, and the events that embed it, the
// arguments of the request hooks (OnRecordCreateRequest,
// OnRecordsListRequest, OnRealtimeMessageSend, …). apis creates each of
// them inside a route handler, on the request's goroutine (in a batch
// request, on a goroutine the batch handler waits for). The model
// hooks' events (RecordEvent of OnRecordCreate, …), which also fire from
// cron jobs, migrations and the CLI, and ServeEvent, BootstrapEvent and
// the other app events are not among them.
var pocketBaseEvents = []string{
	"RequestEvent",
	"BatchRequestEvent",
	"CollectionRequestEvent", "CollectionsImportRequestEvent", "CollectionsListRequestEvent",
	"FileDownloadRequestEvent", "FileTokenRequestEvent",
	"RealtimeConnectRequestEvent", "RealtimeMessageEvent", "RealtimeSubscribeRequestEvent",
	"RecordAuthRefreshRequestEvent", "RecordAuthRequestEvent", "RecordAuthWithOAuth2RequestEvent",
	"RecordAuthWithOTPRequestEvent", "RecordAuthWithPasswordRequestEvent",
	"RecordConfirmEmailChangeRequestEvent", "RecordConfirmPasswordResetRequestEvent",
	"RecordConfirmVerificationRequestEvent", "RecordCreateOTPRequestEvent",
	"RecordRequestEmailChangeRequestEvent", "RecordRequestEvent", "RecordRequestPasswordResetRequestEvent",
	"RecordRequestVerificationRequestEvent", "RecordsListRequestEvent",
	"SettingsListRequestEvent", "SettingsUpdateRequestEvent",
}

// pocketBaseParams returns the request event types as parameter types.
func pocketBaseParams() []string {
	params := make([]string, len(pocketBaseEvents))
	for i, name := range pocketBaseEvents {
		params[i] = "*github.com/pocketbase/pocketbase/core." + name
	}
	return params
}

// pocketBaseShapes returns a shape per request event type; the request's
// context is its (promoted) Request's.
func pocketBaseShapes() []Shape {
	var shapes []Shape
	for _, p := range pocketBaseParams() {
		shapes = append(shapes, Shape{Params: []string{p}, Results: []string{"error"}, Context: "{0}.Request.Context()"})
	}
	return shapes
}

// The body reads of gin's and echo's binding, by what they do.
const (
	decodesJSON = "decodes the request body, holding as much of it in memory as one JSON value takes"
	readsAll    = "reads the whole request body into memory"
	bindsEcho   = "decodes the request body, holding as much of it in memory as one JSON or XML value takes"
)

// All returns the frameworks, in matching order: the first shape that
// matches a signature decides its framework. The gin, echo, fiber, chi
// and gorilla/mux route methods need no registration row: their handlers
// have a shape, wherever they are declared, and middleware's inner
// handler literal has the handler's shape too.
func All() []Framework {
	fws := []Framework{
		{
			Name:      "net/http",
			Cancelled: CancelledHTTP,
			Shapes: []Shape{
				{Params: []string{"net/http.ResponseWriter", "*net/http.Request"}, Results: []string{}, Context: "{1}.Context()"},
			},
			Sources: []Source{
				{Func: "(*net/http.Request).FormValue", Fill: -1},
				{Func: "(*net/http.Request).PostFormValue", Fill: -1},
				{Func: "(*net/http.Request).PathValue", Fill: -1},
				{Func: "(*net/http.Request).Cookie", Fill: -1},
				{Func: "(*net/http.Request).Cookies", Fill: -1},
				{Func: "(*net/http.Request).CookiesNamed", Fill: -1},
				{Func: "(*net/http.Request).UserAgent", Fill: -1},
				{Func: "(*net/http.Request).Referer", Fill: -1},
				{Func: "(*net/http.Request).BasicAuth", Fill: -1},
				{Func: "(*net/http.Request).FormFile", Fill: -1},
			},
			// The request's Body is not among the fields: it is a
			// reader, followed by itself.
			Fields: []string{
				"net/http.Request.URL",
				"net/http.Request.Header",
				"net/http.Request.Form",
				"net/http.Request.PostForm",
				"net/http.Request.MultipartForm",
				"net/http.Request.Trailer",
				"net/http.Request.ContentLength",
				"net/http.Request.Host",
				"net/http.Request.RequestURI",
				"net/http.Request.TransferEncoding",
			},
			RequestReads: []RequestRead{
				{Func: "(*net/http.Request).ParseMultipartForm", Memory: 0,
					What: "keeps up to %s of the request in memory and writes the rest of its file parts to temporary files"},
				// FormFile and FormValue parse a multipart body with 32 MiB of memory.
				{Func: "(*net/http.Request).FormFile", Memory: -1, Implicit: 32 << 20,
					What: "parses the request body as a multipart form, keeping up to %s of it in memory and writing the rest of its files to temporary files"},
			},
			Bodies: []Body{
				{Type: "*net/http.Request", Limit: "{c}.Body = {http}.MaxBytesReader({w}, {c}.Body, {n})"},
			},
		},
		{
			Name:      "gin",
			Cancelled: CancelledHTTP,
			// gin.HandlerFunc, route handlers and middleware alike. The
			// *gin.Context is itself a context.Context, but its Done is
			// nil unless the engine sets ContextWithFallback: the
			// request's is the one.
			Shapes: []Shape{
				{Params: []string{"*github.com/gin-gonic/gin.Context"}, Results: []string{}, Context: "{0}.Request.Context()"},
			},
			// Query, path and form values, headers, and binding.
			Sources: []Source{
				{Func: "(*github.com/gin-gonic/gin.Context).Query", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).DefaultQuery", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).GetQuery", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).QueryArray", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).QueryMap", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).Param", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).PostForm", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).DefaultPostForm", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).GetPostForm", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).GetHeader", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).Cookie", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).GetRawData", Fill: -1},
				{Func: "(*github.com/gin-gonic/gin.Context).Bind", Fill: 0},
				{Func: "(*github.com/gin-gonic/gin.Context).BindJSON", Fill: 0},
				{Func: "(*github.com/gin-gonic/gin.Context).BindQuery", Fill: 0},
				{Func: "(*github.com/gin-gonic/gin.Context).ShouldBind", Fill: 0},
				{Func: "(*github.com/gin-gonic/gin.Context).ShouldBindJSON", Fill: 0},
				{Func: "(*github.com/gin-gonic/gin.Context).ShouldBindQuery", Fill: 0},
				{Func: "(*github.com/gin-gonic/gin.Context).ShouldBindUri", Fill: 0},
			},
			// gin's binding decodes c.Request.Body with encoding/json.
			RequestReads: []RequestRead{
				{Func: "(*github.com/gin-gonic/gin.Context).BindJSON", Path: ".Request", Memory: -1, What: decodesJSON},
				{Func: "(*github.com/gin-gonic/gin.Context).ShouldBindJSON", Path: ".Request", Memory: -1, What: decodesJSON},
				{Func: "(*github.com/gin-gonic/gin.Context).GetRawData", Path: ".Request", Memory: -1, What: readsAll},
			},
			Bodies: []Body{
				{Type: "*github.com/gin-gonic/gin.Context", Path: ".Request",
					Limit: "{c}.Request.Body = {http}.MaxBytesReader({c}.Writer, {c}.Request.Body, {n})"},
			},
		},
		{
			Name:      "echo",
			Cancelled: CancelledHTTP,
			// echo.HandlerFunc: v4's Context is an interface, v5's a struct.
			Shapes: []Shape{
				{Params: []string{"github.com/labstack/echo/v4.Context"}, Results: []string{"error"}, Context: "{0}.Request().Context()"},
				{Params: []string{"*github.com/labstack/echo/v5.Context"}, Results: []string{"error"}, Context: "{0}.Request().Context()"},
			},
			Sources: []Source{
				{Func: "(github.com/labstack/echo/v4.Context).QueryParam", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).QueryParams", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).Param", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).FormValue", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).QueryString", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).FormParams", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).Bind", Fill: 0},
				{Func: "(*github.com/labstack/echo/v5.Context).QueryParam", Fill: -1},
				{Func: "(*github.com/labstack/echo/v5.Context).QueryParams", Fill: -1},
				{Func: "(*github.com/labstack/echo/v5.Context).QueryString", Fill: -1},
				{Func: "(*github.com/labstack/echo/v5.Context).Param", Fill: -1},
				{Func: "(*github.com/labstack/echo/v5.Context).FormValue", Fill: -1},
				{Func: "(*github.com/labstack/echo/v5.Context).Bind", Fill: 0},
			},
			// echo's Bind decodes c.Request().Body by its content type.
			RequestReads: []RequestRead{
				{Func: "(github.com/labstack/echo/v4.Context).Bind", Path: ".Request()", Memory: -1, What: bindsEcho},
				{Func: "(*github.com/labstack/echo/v5.Context).Bind", Path: ".Request()", Memory: -1, What: bindsEcho},
			},
			// v4's Response() is a *echo.Response, v5's an
			// http.ResponseWriter: both are writers MaxBytesReader takes.
			Bodies: []Body{
				{Type: "github.com/labstack/echo/v4.Context", Path: ".Request()",
					Limit: "{c}.Request().Body = {http}.MaxBytesReader({c}.Response(), {c}.Request().Body, {n})"},
				{Type: "*github.com/labstack/echo/v5.Context", Path: ".Request()",
					Limit: "{c}.Request().Body = {http}.MaxBytesReader({c}.Response(), {c}.Request().Body, {n})"},
			},
		},
		{
			Name:      "fiber",
			Cancelled: cancelledFiber,
			// fiber.Handler: fiber runs on fasthttp; UserContext (v2) and
			// Context (v3) are the context middleware and handlers pass on.
			Shapes: []Shape{
				{Params: []string{"*github.com/gofiber/fiber/v2.Ctx"}, Results: []string{"error"}, Context: "{0}.UserContext()"},
				{Params: []string{"github.com/gofiber/fiber/v3.Ctx"}, Results: []string{"error"}, Context: "{0}.Context()"},
				// v3 adapts handlers that return nothing too.
				{Params: []string{"github.com/gofiber/fiber/v3.Ctx"}, Results: []string{}, Context: "{0}.Context()"},
			},
			// The body is not a reader here: fasthttp has read it whole,
			// up to the server's BodyLimit (4 MiB unless set), before
			// the handler runs; what is parsed from it is input.
			Sources: []Source{
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).Query", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).QueryInt", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).QueryFloat", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).Queries", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).Params", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).ParamsInt", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).AllParams", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).FormValue", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).Get", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).GetReqHeaders", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).Cookies", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).Body", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).BodyParser", Fill: 0},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).QueryParser", Fill: 0},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).ParamsParser", Fill: 0},
				{Func: "(*github.com/gofiber/fiber/v2.Ctx).ReqHeaderParser", Fill: 0},
				{Func: "(github.com/gofiber/fiber/v3.Ctx).Query", Fill: -1},
				{Func: "(github.com/gofiber/fiber/v3.Ctx).Params", Fill: -1},
				{Func: "(github.com/gofiber/fiber/v3.Ctx).FormValue", Fill: -1},
				{Func: "(github.com/gofiber/fiber/v3.Ctx).Get", Fill: -1},
				{Func: "(github.com/gofiber/fiber/v3.Ctx).Cookies", Fill: -1},
				{Func: "(github.com/gofiber/fiber/v3.Ctx).Body", Fill: -1},
				{Func: "github.com/gofiber/fiber/v3.Query", Fill: -1},
				{Func: "github.com/gofiber/fiber/v3.Params", Fill: -1},
				{Func: "github.com/gofiber/fiber/v3.GetReqHeader", Fill: -1},
				{Func: "(*github.com/gofiber/fiber/v3.Bind).Body", Fill: 0},
				{Func: "(*github.com/gofiber/fiber/v3.Bind).JSON", Fill: 0},
				{Func: "(*github.com/gofiber/fiber/v3.Bind).Query", Fill: 0},
				{Func: "(*github.com/gofiber/fiber/v3.Bind).URI", Fill: 0},
				{Func: "(*github.com/gofiber/fiber/v3.Bind).Header", Fill: 0},
				{Func: "(*github.com/gofiber/fiber/v3.Bind).Form", Fill: 0},
			},
		},
		{
			Name:      "fasthttp",
			Cancelled: cancelledFastHTTP,
			// fasthttp.RequestHandler: the *RequestCtx is a
			// context.Context whose Done closes when the server shuts down.
			Shapes: []Shape{
				{Params: []string{"*github.com/valyala/fasthttp.RequestCtx"}, Results: []string{}, Context: "{0}"},
			},
			// The body is read whole before the handler runs, up to the
			// server's MaxRequestBodySize (4 MiB unless set).
			Sources: []Source{
				{Func: "(*github.com/valyala/fasthttp.RequestCtx).QueryArgs", Fill: -1},
				{Func: "(*github.com/valyala/fasthttp.RequestCtx).PostArgs", Fill: -1},
				{Func: "(*github.com/valyala/fasthttp.RequestCtx).FormValue", Fill: -1},
				{Func: "(*github.com/valyala/fasthttp.RequestCtx).UserValue", Fill: -1},
				{Func: "(*github.com/valyala/fasthttp.RequestCtx).PostBody", Fill: -1},
			},
			Carriers: []string{
				"(*github.com/valyala/fasthttp.Args).Peek",
				"(*github.com/valyala/fasthttp.Args).PeekMulti",
				"(*github.com/valyala/fasthttp.Args).GetUint",
				"(*github.com/valyala/fasthttp.Args).GetUintOrZero",
				"(*github.com/valyala/fasthttp.Args).GetUfloat",
				"(*github.com/valyala/fasthttp.Args).GetUfloatOrZero",
			},
		},
		{
			// chi and gorilla/mux serve net/http handlers: their rows
			// are where their path parameters enter.
			Name:      "chi",
			On:        "net/http",
			Cancelled: CancelledHTTP,
			Sources: []Source{
				{Func: "github.com/go-chi/chi/v5.URLParam", Fill: -1},
				{Func: "github.com/go-chi/chi/v5.URLParamFromCtx", Fill: -1},
			},
		},
		{
			Name:      "gorilla/mux",
			On:        "net/http",
			Cancelled: CancelledHTTP,
			Sources: []Source{
				{Func: "github.com/gorilla/mux.Vars", Fill: -1},
			},
		},
		{
			Name:      "pocketbase",
			Cancelled: cancelledPocketBase,
			// Route handlers and middleware (func(*core.RequestEvent)
			// error on se.Router) and the request hooks, whose events
			// embed *core.RequestEvent: a shape per event type, since a
			// parameter type matches only itself.
			Shapes: pocketBaseShapes(),
			// Path values and the query come through e.Request (net/http's
			// row); BindBody fills its argument from the body, and
			// RequestInfo returns the query, headers and body. PocketBase
			// limits every body (apis.BodyLimit, 32 MiB, bound on the
			// router by apis.NewRouter): no body rows, and its events'
			// bodies are limited.
			Sources: []Source{
				{Func: "(*github.com/pocketbase/pocketbase/tools/router.Event).BindBody", Fill: 0},
				{Func: "(*github.com/pocketbase/pocketbase/core.RequestEvent).RequestInfo", Fill: -1},
			},
			LimitedBodies: pocketBaseParams(),
		},
		{
			Name:      "nbhttp",
			Cancelled: cancelledNBHTTP,
			// nbhttp serves net/http handlers, in a goroutine pool, with
			// the engine's context: Config.Handler, or NewServer's
			// handler argument.
			Servers: []Server{
				{Type: "github.com/lesismal/nbio/nbhttp.Config", Field: "Handler"},
			},
		},
		{
			Name:      "hertz",
			Cancelled: cancelledHertz,
			// app.HandlerFunc, route handlers and middleware alike: the
			// context.Context is the connection's, the *RequestContext
			// (not a context.Context) the request.
			Shapes: []Shape{
				{Params: []string{"context.Context", "*github.com/cloudwego/hertz/pkg/app.RequestContext"}, Results: []string{}, Context: "{0}"},
			},
			// Query, path and form values, headers, and binding. Hertz
			// reads the whole body before the handler runs, up to the
			// server's MaxRequestBodySize (4 MiB by default): no
			// RequestReads.
			Sources: []Source{
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).Query", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).DefaultQuery", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).GetQuery", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).Param", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).PostForm", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).DefaultPostForm", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).GetPostForm", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).FormValue", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).GetHeader", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).Cookie", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).GetRawData", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).Body", Fill: -1},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).Bind", Fill: 0},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).BindAndValidate", Fill: 0},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).BindQuery", Fill: 0},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).BindHeader", Fill: 0},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).BindPath", Fill: 0},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).BindForm", Fill: 0},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).BindJSON", Fill: 0},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).BindProtobuf", Fill: 0},
				{Func: "(*github.com/cloudwego/hertz/pkg/app.RequestContext).BindByContentType", Fill: 0},
			},
		},
		{
			Name:      "kratos",
			Cancelled: cancelledKratos,
			// khttp.HandlerFunc, on srv.Route(…) and in the code
			// protoc-gen-go-http generates. The khttp.Context is itself
			// a context.Context, whose Done and Deadline are the
			// request's (r.Context() with the server's timeout).
			Shapes: []Shape{
				{Params: []string{"github.com/go-kratos/kratos/v2/transport/http.Context"}, Results: []string{"error"}, Context: "{0}"},
			},
			// The methods of the service generated by protoc-gen-go-http:
			// their ctx is the request's, through the middleware chain.
			Services: []Service{
				{Name: "Register*HTTPServer", Params: []string{"*github.com/go-kratos/kratos/v2/transport/http.Server", "*"}},
			},
			// Path variables, query, form and headers, and binding.
			Sources: []Source{
				{Func: "(github.com/go-kratos/kratos/v2/transport/http.Context).Vars", Fill: -1},
				{Func: "(github.com/go-kratos/kratos/v2/transport/http.Context).Query", Fill: -1},
				{Func: "(github.com/go-kratos/kratos/v2/transport/http.Context).Form", Fill: -1},
				{Func: "(github.com/go-kratos/kratos/v2/transport/http.Context).Header", Fill: -1},
				{Func: "(github.com/go-kratos/kratos/v2/transport/http.Context).Bind", Fill: 0},
				{Func: "(github.com/go-kratos/kratos/v2/transport/http.Context).BindVars", Fill: 0},
				{Func: "(github.com/go-kratos/kratos/v2/transport/http.Context).BindQuery", Fill: 0},
				{Func: "(github.com/go-kratos/kratos/v2/transport/http.Context).BindForm", Fill: 0},
			},
			// Bind decodes with the server's request decoder; the default,
			// DefaultRequestDecoder, io.ReadAll's c.Request().Body.
			RequestReads: []RequestRead{
				{Func: "(github.com/go-kratos/kratos/v2/transport/http.Context).Bind", Path: ".Request()", Memory: -1, What: readsAll},
			},
			Bodies: []Body{
				{Type: "github.com/go-kratos/kratos/v2/transport/http.Context", Path: ".Request()",
					Limit: "{c}.Request().Body = {http}.MaxBytesReader({c}.Response(), {c}.Request().Body, {n})"},
			},
		},
		{
			Name:      "iris",
			Cancelled: CancelledHTTP,
			// iris.Handler, func(iris.Context): iris.Context is an alias of
			// *context.Context, itself a context.Context whose Done is the
			// request's; but the Context is pooled and reused once the
			// handler returns, so the request's own context is the one.
			Shapes: []Shape{
				{Params: []string{"*github.com/kataras/iris/v12/context.Context"}, Results: []string{}, Context: "{0}.Request().Context()"},
			},
			// URL and path parameters, headers, form values, cookies, the
			// body, and binding (ctx.ReadJSON(&v) and its siblings).
			Sources: []Source{
				{Func: "(*github.com/kataras/iris/v12/context.Context).URLParam", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).URLParamDefault", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).URLParamTrim", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).URLParamSlice", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).URLParams", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).URLParamInt", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).URLParamIntDefault", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).URLParamInt64", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).Params", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).GetHeader", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).FormValue", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).FormValues", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).PostValue", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).PostValueDefault", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).PostValueTrim", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).PostValues", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).PostValueInt", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).GetCookie", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).GetBody", Fill: -1},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadJSON", Fill: 0},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadXML", Fill: 0},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadYAML", Fill: 0},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadForm", Fill: 0},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadQuery", Fill: 0},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadParams", Fill: 0},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadHeaders", Fill: 0},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadURL", Fill: 0},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadBody", Fill: 0},
			},
			// ReadJSON decodes ctx.Request().Body with encoding/json;
			// GetBody (and ReadXML, ReadYAML through it) io.ReadAll's it.
			// Iris sets no limit unless SetMaxRequestBodySize or the
			// LimitRequestBodySize middleware does.
			RequestReads: []RequestRead{
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadJSON", Path: ".Request()", Memory: -1, What: decodesJSON},
				{Func: "(*github.com/kataras/iris/v12/context.Context).GetBody", Path: ".Request()", Memory: -1, What: readsAll},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadXML", Path: ".Request()", Memory: -1, What: readsAll},
				{Func: "(*github.com/kataras/iris/v12/context.Context).ReadYAML", Path: ".Request()", Memory: -1, What: readsAll},
			},
			BodyLimits: []BodyLimit{
				{Func: "(*github.com/kataras/iris/v12/context.Context).SetMaxRequestBodySize", Path: ".Request()"},
			},
			Bodies: []Body{
				{Type: "*github.com/kataras/iris/v12/context.Context", Path: ".Request()",
					Limit: "{c}.Request().Body = {http}.MaxBytesReader({c}.ResponseWriter(), {c}.Request().Body, {n})"},
			},
		},
		{
			Name:      "connect",
			Cancelled: cancelledConnect,
			// connect's handler functions and service methods, however
			// they are registered: the generic request and stream types
			// are the server's. (The "simple" methods, func(ctx, *Req)
			// (*Res, error), are found through their service or their
			// registration.)
			Shapes: []Shape{
				{Params: []string{"context.Context", "*connectrpc.com/connect.Request[...]"},
					Results: []string{"*connectrpc.com/connect.Response[...]", "error"}, Context: "{0}"},
				{Params: []string{"context.Context", "*connectrpc.com/connect.ClientStream[...]"},
					Results: []string{"*connectrpc.com/connect.Response[...]", "error"}, Context: "{0}"},
				{Params: []string{"context.Context", "*connectrpc.com/connect.Request[...]", "*connectrpc.com/connect.ServerStream[...]"},
					Results: []string{"error"}, Context: "{0}"},
				{Params: []string{"context.Context", "*connectrpc.com/connect.BidiStream[...]"}, Results: []string{"error"}, Context: "{0}"},
			},
			Services: []Service{
				{Name: "New*Handler", Params: []string{"*", "...connectrpc.com/connect.HandlerOption"},
					Results: []string{"string", "net/http.Handler"}},
			},
			Registrations: []Registration{
				{Func: "connectrpc.com/connect.NewUnaryHandler"},
				{Func: "connectrpc.com/connect.NewUnaryHandlerSimple"},
				{Func: "connectrpc.com/connect.NewClientStreamHandler"},
				{Func: "connectrpc.com/connect.NewClientStreamHandlerSimple"},
				{Func: "connectrpc.com/connect.NewServerStreamHandler"},
				{Func: "connectrpc.com/connect.NewServerStreamHandlerSimple"},
				{Func: "connectrpc.com/connect.NewBidiStreamHandler"},
			},
		},
		{
			Name:      "huma",
			Cancelled: cancelledHuma,
			// huma.Register(api, op, func(ctx context.Context, in *I) (*O, error))
			// and its convenience forms huma.Get(api, path, handler,
			// ...func(*huma.Operation)): the handler is the argument
			// after the operation or the path; the functions after it
			// edit the operation once, at registration.
			Registrations: []Registration{
				{Func: "github.com/danielgtaylor/huma/v2.Register", Args: []int{2}},
				{Func: "github.com/danielgtaylor/huma/v2.Get", Args: []int{2}},
				{Func: "github.com/danielgtaylor/huma/v2.Post", Args: []int{2}},
				{Func: "github.com/danielgtaylor/huma/v2.Put", Args: []int{2}},
				{Func: "github.com/danielgtaylor/huma/v2.Patch", Args: []int{2}},
				{Func: "github.com/danielgtaylor/huma/v2.Delete", Args: []int{2}},
				{Func: "github.com/danielgtaylor/huma/v2.Head", Args: []int{2}},
			},
		},
		{
			Name:      "twirp",
			Cancelled: CancelledHTTP,
			// protoc-gen-twirp's NewXServer(svc X, opts ...interface{})
			// TwirpServer: its ServeHTTP calls svc's methods with
			// req.Context() (plus Twirp's values). TwirpServer is
			// declared in the generated package, so the row asks for
			// the twirp import instead of a result type.
			Services: []Service{
				{Name: "New*Server", Params: []string{"*", "...any"}, Imports: "github.com/twitchtv/twirp"},
			},
		},
		{
			Name:      "aws-lambda-go",
			Cancelled: cancelledLambda,
			// One invocation at a time per execution environment
			// (invoke_loop.go): others go to other environments.
			Meanwhile: "this execution environment takes no other invocation meanwhile",
			// lambda.Start(handler any) and its forms take any function
			// of the documented signatures (func(), func(ctx, TIn)
			// (TOut, error), …): the handler argument is a handler, its
			// context its context.Context parameter, if it has one.
			// lambda.StartHandler takes a lambda.Handler value (deprecated):
			// not followed.
			Registrations: []Registration{
				{Func: "github.com/aws/aws-lambda-go/lambda.Start", Args: []int{0}},
				{Func: "github.com/aws/aws-lambda-go/lambda.StartWithOptions", Args: []int{0}},
				{Func: "github.com/aws/aws-lambda-go/lambda.StartWithContext", Args: []int{1}},
				{Func: "github.com/aws/aws-lambda-go/lambda.StartHandlerFunc", Args: []int{0}},
				{Func: "github.com/aws/aws-lambda-go/lambda.NewHandler", Args: []int{0}},
				{Func: "github.com/aws/aws-lambda-go/lambda.NewHandlerWithOptions", Args: []int{0}},
			},
		},
		{
			Name:      "gqlgen",
			Cancelled: CancelledHTTP,
			// The generated NewExecutableSchema(cfg Config), Config being
			// graphql.Config[ResolverRoot, DirectiveRoot, ComplexityRoot]:
			// the methods of the types implementing the interfaces that
			// ResolverRoot's methods return (QueryResolver,
			// MutationResolver, ProductResolver) are resolvers, called with
			// a context derived from the HTTP request's (handler.Server's
			// transports) or the websocket's upgrade request.
			Services: []Service{
				{Name: "NewExecutableSchema", Params: []string{"github.com/99designs/gqlgen/graphql.Config[*, ...]"},
					Results: []string{"github.com/99designs/gqlgen/graphql.ExecutableSchema"}, Root: true},
			},
		},
		{
			Name:      "grpc",
			Cancelled: cancelledGRPC,
			// grpc.UnaryServerInterceptor and grpc.StreamServerInterceptor:
			// server middleware, with the RPC's context.
			Shapes: []Shape{
				{Params: []string{"context.Context", "any", "*google.golang.org/grpc.UnaryServerInfo", "google.golang.org/grpc.UnaryHandler"},
					Results: []string{"any", "error"}, Context: "{0}"},
				{Params: []string{"any", "google.golang.org/grpc.ServerStream", "*google.golang.org/grpc.StreamServerInfo", "google.golang.org/grpc.StreamHandler"},
					Results: []string{"error"}, Context: "{1}.Context()"},
			},
			// A method's context is its context.Context parameter (unary
			// calls), else its stream's Context() (streaming methods).
			Services: []Service{
				{Name: "Register*Server", Params: []string{"google.golang.org/grpc.ServiceRegistrar", "*"}},
				// Generated before grpc 1.32 (protoc-gen-go's plugins=grpc).
				{Name: "Register*Server", Params: []string{"*google.golang.org/grpc.Server", "*"}},
			},
		},
	}
	for i := range fws {
		fw := &fws[i]
		for j := range fw.Shapes {
			fw.Shapes[j].Framework, fw.Shapes[j].Cancelled = fw.Name, fw.Cancelled
		}
		for j := range fw.Services {
			fw.Services[j].Framework, fw.Services[j].Cancelled = fw.Name, fw.Cancelled
		}
		for j := range fw.Registrations {
			fw.Registrations[j].Framework, fw.Registrations[j].Cancelled = fw.Name, fw.Cancelled
		}
		for j := range fw.Servers {
			fw.Servers[j].Framework, fw.Servers[j].Cancelled = fw.Name, fw.Cancelled
		}
	}
	return fws
}

// StillServed is what the cancellation messages say of other requests
// for a framework with no Meanwhile of its own.
const StillServed = "other requests are still served"

// Meanwhile returns what becomes of other requests while a handler of the
// framework named name waits.
func Meanwhile(name string) string {
	if m, ok := meanwhile()[name]; ok {
		return m
	}
	return StillServed
}

// meanwhile indexes the rows' Meanwhile once: messages ask per finding.
var meanwhile = sync.OnceValue(func() map[string]string {
	m := make(map[string]string)
	for _, fw := range table() {
		if fw.Meanwhile != "" {
			m[fw.Name] = fw.Meanwhile
		}
	}
	return m
})

// Shapes returns the handler shapes of every framework, in matching order.
func Shapes() []Shape { return collect(func(fw *Framework) []Shape { return fw.Shapes }) }

// Services returns the service registrations of every framework.
func Services() []Service { return collect(func(fw *Framework) []Service { return fw.Services }) }

// Registrations returns the registration functions of every framework.
func Registrations() []Registration {
	return collect(func(fw *Framework) []Registration { return fw.Registrations })
}

// Servers returns the servers of other frameworks' handlers, of every
// framework.
func Servers() []Server { return collect(func(fw *Framework) []Server { return fw.Servers }) }

// Sources returns the request-input accessors of every framework.
func Sources() []Source { return collect(func(fw *Framework) []Source { return fw.Sources }) }

// Fields returns the request-input fields of every framework.
func Fields() []string { return collect(func(fw *Framework) []string { return fw.Fields }) }

// Carriers returns the input-carrying methods of every framework.
func Carriers() []string { return collect(func(fw *Framework) []string { return fw.Carriers }) }

// RequestReads returns the body-reading request methods of every framework.
func RequestReads() []RequestRead {
	return collect(func(fw *Framework) []RequestRead { return fw.RequestReads })
}

// LimitedBodies returns the parameter types whose request body their
// framework limits, for every framework.
func LimitedBodies() []string {
	return collect(func(fw *Framework) []string { return fw.LimitedBodies })
}

// BodyLimits returns the body-limiting request methods of every framework.
func BodyLimits() []BodyLimit {
	return collect(func(fw *Framework) []BodyLimit { return fw.BodyLimits })
}

// Bodies returns how to limit the request body, for every framework.
func Bodies() []Body { return collect(func(fw *Framework) []Body { return fw.Bodies }) }

// table is the rows built once, for the parts: their slices are fresh,
// the rows they hold are shared and never written.
var table = sync.OnceValue(All)

// collect concatenates one part of every row.
func collect[T any](part func(*Framework) []T) []T {
	var out []T
	fws := table()
	for i := range fws {
		out = append(out, part(&fws[i])...)
	}
	return out
}
