// Package handlername registers handler literals by route. Messages name
// them after the route; the word "handler" should appear once.
package handlername

import (
	"net/http"
	"time"
)

func wait() { time.Sleep(time.Millisecond) } // want wait:`blocks\(sleep: time.Sleep via wait\)`

func routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Second) // want `^sleep: time\.Sleep in handler for "GET /slow" ignores the request's context`
	})
	mux.HandleFunc("GET /slower", func(w http.ResponseWriter, r *http.Request) {
		wait() // want `^sleep: handler for "GET /slower" reaches time\.Sleep via wait `
	})
}
