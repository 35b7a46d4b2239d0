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

import "strings"

// Framework is everything blockcheck knows about one framework.
type Framework struct {
	// Name is the name messages and docs use: "gin", "net/http".
	Name string
	// Cancelled says when the framework cancels a handler's context,
	// completing "when …": each is true of its framework.
	Cancelled string
	// Shapes are the handler signatures; Shape.Framework and
	// Shape.Cancelled are filled in from the row.
	Shapes []Shape
	// Services are the generated service registrations.
	Services []Service
	// Registrations are the functions whose function arguments are
	// handlers.
	Registrations []Registration
	// Sources are the accessors of request input, and Fields the fields
	// of request types that hold it (for the unbounded rules).
	Sources []Source
	Fields  []string
	// RequestReads are the request methods that read the body.
	RequestReads []RequestRead
	// BodyLimits are the request methods that limit the body.
	BodyLimits []BodyLimit
	// Bodies say how the bodyread fix limits a body.
	Bodies []Body
}

// Shape is a handler signature, matched by parameter types.
type Shape struct {
	Framework string
	// Params are the parameter types as types.TypeString prints them with
	// full package paths, aliases resolved; the empty interface is "any",
	// and "[...]" stands for any type arguments.
	Params []string
	// Results are the result types; nil matches any results, so that a
	// helper taking the request (func(c *gin.Context) (*User, error)) is
	// judged with it.
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
	case len(s.Results) == 1:
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
type Service struct {
	Framework string
	// Name is the registration function's name, "*" standing for the
	// service's: "Register*Server".
	Name string
	// Params are its parameter types as in Shape, "*" standing for the
	// service interface and "..." marking a variadic parameter.
	Params []string
	// Results are its result types; nil matches any results.
	Results []string
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
	// Cancelled says when the framework cancels the request's context.
	Cancelled string
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
	// fiber's user context is context.Background unless middleware
	// (timeout) gives it a deadline; fiber cancels nothing.
	cancelledFiber = "a deadline set by middleware passes (fiber cancels nothing when the client disconnects)"
	// hertz passes each handler the context of its connection:
	// context.Background (or what OnAccept, OnConnect and a tracer derive
	// from it), which the transports cancel when the connection closes
	// only if the server was built with WithSenseClientDisconnection(true).
	// Kratos' HTTP server runs on net/http and bounds each request's
	// context with its timeout (http.Timeout, 1s by default).
	cancelledKratos = "the client disconnects or the server's timeout passes (khttp.Timeout, 1s by default)"
	cancelledHertz  = "the client disconnects, if the server is built with server.WithSenseClientDisconnection(true) (by default hertz cancels nothing)"
)

// The body reads of gin's and echo's binding, by what they do.
const (
	decodesJSON = "decodes the request body, holding as much of it in memory as one JSON value takes"
	readsAll    = "reads the whole request body into memory"
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
				{Params: []string{"net/http.ResponseWriter", "*net/http.Request"}, Context: "{1}.Context()"},
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
				{Params: []string{"*github.com/gin-gonic/gin.Context"}, Context: "{0}.Request.Context()"},
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
				{Params: []string{"github.com/labstack/echo/v4.Context"}, Context: "{0}.Request().Context()"},
				{Params: []string{"*github.com/labstack/echo/v5.Context"}, Context: "{0}.Request().Context()"},
			},
			Sources: []Source{
				{Func: "(github.com/labstack/echo/v4.Context).QueryParam", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).QueryParams", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).Param", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).FormValue", Fill: -1},
				{Func: "(github.com/labstack/echo/v4.Context).Bind", Fill: 0},
			},
			// echo's Bind decodes c.Request().Body by its content type.
			RequestReads: []RequestRead{
				{Func: "(github.com/labstack/echo/v4.Context).Bind", Path: ".Request()", Memory: -1,
					What: "decodes the request body, holding as much of it in memory as one JSON or XML value takes"},
			},
			Bodies: []Body{
				{Type: "github.com/labstack/echo/v4.Context", Path: ".Request()",
					Limit: "{c}.Request().Body = {http}.MaxBytesReader({c}.Response(), {c}.Request().Body, {n})"},
			},
		},
		{
			Name:      "fiber",
			Cancelled: cancelledFiber,
			// fiber.Handler: fiber runs on fasthttp; UserContext (v2) and
			// Context (v3) are the context middleware and handlers pass on.
			Shapes: []Shape{
				{Params: []string{"*github.com/gofiber/fiber/v2.Ctx"}, Context: "{0}.UserContext()"},
				{Params: []string{"github.com/gofiber/fiber/v3.Ctx"}, Context: "{0}.Context()"},
			},
		},
		{
			Name:      "fasthttp",
			Cancelled: cancelledFastHTTP,
			// fasthttp.RequestHandler: the *RequestCtx is a
			// context.Context whose Done closes when the server shuts down.
			Shapes: []Shape{
				{Params: []string{"*github.com/valyala/fasthttp.RequestCtx"}, Context: "{0}"},
			},
		},
		{
			Name:      "hertz",
			Cancelled: cancelledHertz,
			// app.HandlerFunc, route handlers and middleware alike: the
			// context.Context is the connection's, the *RequestContext
			// (not a context.Context) the request.
			Shapes: []Shape{
				{Params: []string{"context.Context", "*github.com/cloudwego/hertz/pkg/app.RequestContext"}, Context: "{0}"},
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
				{Params: []string{"github.com/go-kratos/kratos/v2/transport/http.Context"}, Context: "{0}"},
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
				{Params: []string{"*github.com/kataras/iris/v12/context.Context"}, Context: "{0}.Request().Context()"},
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
				{Params: []string{"context.Context", "*connectrpc.com/connect.ClientStream[...]"}, Context: "{0}"},
				{Params: []string{"context.Context", "*connectrpc.com/connect.Request[...]", "*connectrpc.com/connect.ServerStream[...]"},
					Context: "{0}"},
				{Params: []string{"context.Context", "*connectrpc.com/connect.BidiStream[...]"}, Context: "{0}"},
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
			Name:      "grpc",
			Cancelled: cancelledGRPC,
			// grpc.UnaryServerInterceptor and grpc.StreamServerInterceptor:
			// server middleware, with the RPC's context.
			Shapes: []Shape{
				{Params: []string{"context.Context", "any", "*google.golang.org/grpc.UnaryServerInfo", "google.golang.org/grpc.UnaryHandler"},
					Context: "{0}"},
				{Params: []string{"any", "google.golang.org/grpc.ServerStream", "*google.golang.org/grpc.StreamServerInfo", "google.golang.org/grpc.StreamHandler"},
					Context: "{1}.Context()"},
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
	}
	return fws
}

// Shapes returns the handler shapes of every framework, in matching order.
func Shapes() []Shape { return collect(func(fw *Framework) []Shape { return fw.Shapes }) }

// Services returns the service registrations of every framework.
func Services() []Service { return collect(func(fw *Framework) []Service { return fw.Services }) }

// Registrations returns the registration functions of every framework.
func Registrations() []Registration {
	return collect(func(fw *Framework) []Registration { return fw.Registrations })
}

// Sources returns the request-input accessors of every framework.
func Sources() []Source { return collect(func(fw *Framework) []Source { return fw.Sources }) }

// Fields returns the request-input fields of every framework.
func Fields() []string { return collect(func(fw *Framework) []string { return fw.Fields }) }

// RequestReads returns the body-reading request methods of every framework.
func RequestReads() []RequestRead {
	return collect(func(fw *Framework) []RequestRead { return fw.RequestReads })
}

// BodyLimits returns the body-limiting request methods of every framework.
func BodyLimits() []BodyLimit {
	return collect(func(fw *Framework) []BodyLimit { return fw.BodyLimits })
}

// Bodies returns how to limit the request body, for every framework.
func Bodies() []Body { return collect(func(fw *Framework) []Body { return fw.Bodies }) }

// collect concatenates one part of every row.
func collect[T any](part func(*Framework) []T) []T {
	var out []T
	fws := All()
	for i := range fws {
		out = append(out, part(&fws[i])...)
	}
	return out
}
