package chanwait // want package:`pending\(chanwait\.Limiter\.ServeHTTP: Limiter\.next\.ServeHTTP\)`

import (
	"net/http"
)

// Limiter bounds the requests in flight with a buffered channel used as a
// semaphore.
type Limiter struct {
	slots chan struct{}
	next  http.Handler
}

// ServeHTTP takes a slot without waiting (select with default) and gives
// it back when done: the release never waits, since the handler holds the
// slot it returns.
func (l *Limiter) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:`blocks\(open: Limiter\.next\.ServeHTTP\)`
	select {
	case l.slots <- struct{}{}:
		defer func() { <-l.slots }()
	default:
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	l.next.ServeHTTP(w, r)
}

// queued waits for a slot with no way out when the client leaves; the
// release is still not a wait.
func (l *Limiter) queued(w http.ResponseWriter, r *http.Request) { // want queued:`blocks\(wait: send on l.slots via Limiter.queued\)`
	l.slots <- struct{}{} // want `^chanwait: send on l\.slots in handler Limiter\.queued `
	defer func() { <-l.slots }()
	w.WriteHeader(http.StatusOK)
}

// tokens hands out tokens by receive, and takes them back by send.
var tokens = make(chan struct{}, 8)

func withToken(w http.ResponseWriter, r *http.Request) { // want withToken:`blocks\(wait: receive from tokens via withToken\)`
	<-tokens // want `^chanwait: receive from tokens in handler withToken `
	defer func() { tokens <- struct{}{} }()
	w.WriteHeader(http.StatusOK)
}
