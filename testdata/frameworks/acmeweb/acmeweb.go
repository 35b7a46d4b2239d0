// Package acmeweb is an in-house web framework, unknown to blockcheck:
// its handlers are declared to blockcheck with the -handler-shapes and
// -handler-registrations flags (see cmd/blockcheck's frameworks test).
package acmeweb

import (
	"context"
	"net/http"
)

// Ctx is a request in flight.
type Ctx struct {
	R *http.Request
	W http.ResponseWriter
}

// Context returns the request's context.
func (c *Ctx) Context() context.Context { return c.R.Context() }

// Request is what function-style endpoints get.
type Request struct {
	R *http.Request
}

// Context returns the request's context.
func (r *Request) Context() context.Context { return r.R.Context() }

// Response is what function-style endpoints return.
type Response struct {
	Status int
	Body   []byte
}

// Router routes requests.
type Router struct {
	mux http.ServeMux
}

// Route registers a handler of Ctx.
func (rt *Router) Route(pattern string, h func(*Ctx) error) {
	rt.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if err := h(&Ctx{R: r, W: w}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
}

// Endpoint registers a function-style endpoint.
func (rt *Router) Endpoint(pattern string, fn func(*Request) Response) {
	rt.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		resp := fn(&Request{R: r})
		w.WriteHeader(resp.Status)
		w.Write(resp.Body)
	})
}

// ServeHTTP serves the routes.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) { rt.mux.ServeHTTP(w, r) }
