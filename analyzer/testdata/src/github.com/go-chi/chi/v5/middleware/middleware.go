// Package middleware is a stub of github.com/go-chi/chi/v5/middleware: the
// middleware that limits bodies and sets deadlines, with the real
// signatures.
package middleware

import (
	"net/http"
	"time"
)

// RequestSize limits request bodies to bytes.
func RequestSize(bytes int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.Body = http.MaxBytesReader(w, r.Body, bytes)
			next.ServeHTTP(w, r)
		})
	}
}

// Timeout cancels the request's context after timeout.
func Timeout(timeout time.Duration) func(next http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return next }
}
