// Package shop is a small order API: one handler throttles with
// time.Sleep, one hands orders to a shared queue and waits for room.
package shop

import (
	"net/http"
	"time"
)

// Shop serves orders.
type Shop struct {
	orders chan string
	delay  time.Duration
}

// checkout slows down repeated checkouts, then accepts the order.
func (s *Shop) checkout(w http.ResponseWriter, r *http.Request) {
	time.Sleep(s.delay) // want `^sleep: time\.Sleep in handler Shop\.checkout ignores the request's context`
	w.WriteHeader(http.StatusAccepted)
}

// enqueue hands the order to the workers; when they are busy it waits
// for room in the queue, with no way out when the client leaves.
func (s *Shop) enqueue(w http.ResponseWriter, r *http.Request) {
	s.orders <- r.FormValue("id") // want `^chanwait: send on s\.orders in handler Shop\.enqueue ignores the request's context`
	w.WriteHeader(http.StatusAccepted)
}

// Routes registers the handlers.
func (s *Shop) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /checkout", s.checkout)
	mux.HandleFunc("POST /orders", s.enqueue)
}
