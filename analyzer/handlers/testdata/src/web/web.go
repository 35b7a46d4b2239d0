// Package web declares handlers of the HTTP frameworks, under renamed
// imports and aliases.
package web

import (
	"context"
	"net/http"

	g "github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"
	"github.com/labstack/echo/v4"
	echo5 "github.com/labstack/echo/v5"
	"github.com/valyala/fasthttp"
)

// Ctx is gin's context under another name.
type Ctx = g.Context

func routes(r *g.Engine, e *echo.Echo, e5 *echo5.Echo, app *fiber.App, app3 *fiber3.App) {
	r.GET("/users/:id", func(c *g.Context) {})                      // want `^gin handler for "GET /users/:id", context "c\.Request\.Context\(\)"$`
	r.Handle("POST", "/users", func(c *g.Context) {})               // want `^gin handler for "POST /users", context "c\.Request\.Context\(\)"$`
	r.Use(func(c *g.Context) { c.Next() })                          // want `^gin handler func literal in routes, context "c\.Request\.Context\(\)"$`
	e.GET("/orders", func(c echo.Context) error { return nil })     // want `^echo handler for "GET /orders", context "c\.Request\(\)\.Context\(\)"$`
	e5.GET("/orders", func(ec *echo5.Context) error { return nil }) // want `^echo handler for "GET /orders", context "ec\.Request\(\)\.Context\(\)"$`
	app.Get("/items", func(c *fiber.Ctx) error { return nil })      // want `^fiber handler for "GET /items", context "c\.UserContext\(\)"$`
	app3.Get("/items", func(c fiber3.Ctx) error { return nil })     // want `^fiber handler for "GET /items", context "c\.Context\(\)"$`
	app3.Get("/items", func(c fiber3.Ctx) {})                       // want `^fiber handler for "GET /items", context "c\.Context\(\)"$`
}

func getUser(c *Ctx) {} // want `^gin handler getUser, context "c\.Request\.Context\(\)"$`

// loadUser takes the request but returns more than a gin handler: a
// helper, judged where a handler calls it.
func loadUser(c *g.Context) (string, error) { return "", nil }

// decode has net/http's parameters and results: a helper too.
func decode(w http.ResponseWriter, r *http.Request) (string, error) { return "", nil }

// serveEcho returns nothing where echo's handlers return an error.
func serveEcho(c echo.Context) {}

func unnamed(*g.Context) {} // want `^gin handler unnamed, context ""$`

func audit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error { return next(c) } // want `^echo handler func literal in audit, context "c\.Request\(\)\.Context\(\)"$`
}

func image(ctx *fasthttp.RequestCtx) {} // want `^fasthttp handler image, context "ctx"$`

// Backoff is named after its variable.
var Backoff fasthttp.RequestHandler = func(rc *fasthttp.RequestCtx) {} // want `^fasthttp handler Backoff, context "rc"$`

func classic(w http.ResponseWriter, r *http.Request) {} // want `^net/http handler classic, context "r\.Context\(\)"$`

// Not handlers: no request parameter, or more than the shape's.
func worker(ctx context.Context)                 {}
func twoContexts(c *g.Context, d *g.Context)     {}
func variadic(cs ...*g.Context)                  {}
func withExtra(c *fiber.Ctx, retries int) error  { return nil }
func pointerToIface(c *echo.Context) error       { return nil }
func valueNotPointer(c fasthttp.RequestCtx)      {}
func ctxFirst(ctx context.Context, c *fiber.Ctx) {}
