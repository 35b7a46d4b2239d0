// Package web is the service's small framework: an adapter type for its
// handlers, a middleware wrapper and a timing helper.
package web

import (
	"log"
	"net/http"
	"time"
)

// Data is what every handler gets besides the request.
type Data struct {
	User string
}

// HandleFunc is the service's handler type: it returns the status.
type HandleFunc func(w http.ResponseWriter, r *http.Request, d *Data) (int, error)

// Handle adapts a HandleFunc to net/http: every HandleFunc passed here
// serves requests.
func Handle(fn HandleFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, err := fn(w, r, &Data{})
		if err != nil {
			http.Error(w, err.Error(), status)
		}
	})
}

// WithUser wraps a HandleFunc with the user lookup.
func WithUser(fn HandleFunc) HandleFunc {
	return func(w http.ResponseWriter, r *http.Request, d *Data) (int, error) {
		d.User = r.Header.Get("X-User")
		return fn(w, r, d)
	}
}

// Timing runs fn and logs how long it took: fn runs before Timing returns.
func Timing(name string, fn func()) {
	start := time.Now()
	fn()
	log.Printf("%s took %s", name, time.Since(start))
}

// Later runs fn on a goroutine of its own: not on the caller's path.
func Later(fn func()) {
	go fn()
}

// ErrorFunc is a handler that returns its error; ServeHTTP writes it.
type ErrorFunc func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP serves a request with fn: every function converted to
// ErrorFunc serves requests.
func (fn ErrorFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := fn(w, r); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// Router routes to ErrorFuncs.
type Router struct {
	mux http.ServeMux
}

// Get registers fn, converted to ErrorFunc where it is passed.
func (rt *Router) Get(path string, fn ErrorFunc) {
	rt.mux.Handle("GET "+path, fn)
}
