// Package web is an in-house web framework, unknown to blockcheck until
// the -handler-shapes and -handler-registrations flags declare it.
package web

import (
	"context"
	"net/http"
)

// Ctx is a request in flight.
type Ctx struct {
	R   *http.Request
	ctx context.Context // unexported: a context template outside web cannot use it
}

// Context returns the request's context.
func (c *Ctx) Context() context.Context { return c.R.Context() }

// Request is what function-style endpoints get.
type Request struct {
	R *http.Request
}

// Context returns the request's context.
func (r *Request) Context() context.Context { return r.R.Context() }

// Router routes requests.
type Router struct{}

// Route registers a handler of Ctx.
func (rt *Router) Route(pattern string, h func(*Ctx) error) {}

// Endpoint registers a function-style endpoint.
func (rt *Router) Endpoint(pattern string, fn func(*Request) int) {}
