// Package polling streams events to long-lived requests, with loops that
// end and loops that do not.
package polling

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"

	"unbounded/poll"
)

// Hub fans events out to subscribers.
type Hub struct {
	events chan string
}

func subscribe() <-chan string { return make(chan string) }

func flush(w http.ResponseWriter) {
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

// stream writes forever: the client's departure goes unnoticed.
func (h *Hub) stream(w http.ResponseWriter, r *http.Request) { // want stream:`blocks\(endless: for loop with no exit via Hub.stream\)`
	w.Header().Set("Content-Type", "text/event-stream")
	for { // want `^infiniteloop: for loop with no exit in handler Hub\.stream: nothing in it breaks out, returns, panics or looks at the request's context, so once it is entered the handler never returns, even after the client disconnects; return when r\.Context\(\)\.Done\(\) is closed, or when a write to the client fails$`
		fmt.Fprintf(w, "data: %d\n\n", time.Now().Unix())
		flush(w)
	}
}

// pump is the loop of relay, one call away.
func (h *Hub) pump(w http.ResponseWriter) { // want pump:`blocks\(endless: for loop with no exit via Hub.pump\)`
	msgs := subscribe()
	for {
		select {
		case m := <-msgs:
			if m == "" {
				break // leaves the select, not the loop
			}
			fmt.Fprintln(w, m)
		}
		flush(w)
	}
}

// relay reaches the loop through pump.
func (h *Hub) relay(w http.ResponseWriter, r *http.Request) { // want relay:`blocks\(endless: for loop with no exit via Hub.relay → Hub.pump\)`
	h.pump(w) // want `^infiniteloop: handler Hub\.relay reaches a for loop with no exit via Hub\.pump \(events\.go:40\), so the handler never returns, even after the client disconnects; pass the context to Hub\.pump and return there when ctx\.Done\(\) is closed$`
}

// heartbeat reaches a loop in another package.
func heartbeat(w http.ResponseWriter, r *http.Request) { // want heartbeat:`blocks\(endless: for loop with no exit via heartbeat → poll.Forever\)`
	poll.Forever(w) // want `^infiniteloop: handler heartbeat reaches a for loop with no exit via poll\.Forever \(poll\.go:12\)`
}

// background starts the pump on its own goroutine: the handler returns.
func (h *Hub) background(w http.ResponseWriter, r *http.Request) {
	go h.pump(w)
	go poll.Forever(w)
}

// waitReady spins on a flag nothing changes.
func waitReady(w http.ResponseWriter, r *http.Request) { // want waitReady:`blocks\(endless: for loop whose condition !ready never changes via waitReady\)`
	ready := r.URL.Query().Get("ready") == "1"
	n := 0
	for !ready { // want `^infiniteloop: for loop whose condition !ready never changes in handler waitReady: `
		n++
	}
	fmt.Fprintln(w, n)
}

// Loops that end.

func (h *Hub) watch(w http.ResponseWriter, r *http.Request) {
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-h.events:
			fmt.Fprintln(w, e)
		}
	}
}

func (h *Hub) watchErr(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	for ctx.Err() == nil {
		fmt.Fprintln(w, "tick")
	}
}

func (h *Hub) watchErrInside(w http.ResponseWriter, r *http.Request) {
	for {
		if err := r.Context().Err(); err != nil {
			log.Print(err)
		}
		fmt.Fprintln(w, "tick")
	}
}

func (h *Hub) untilWriteFails(w http.ResponseWriter, r *http.Request) {
	for {
		if _, err := fmt.Fprintln(w, "tick"); err != nil {
			return
		}
	}
}

func (h *Hub) breaks(w http.ResponseWriter, r *http.Request) {
	n := 0
	for {
		n++
		if n == 10 {
			break
		}
	}
	ready := false
	for !ready {
		ready = n > 5
	}
	p := &ready
	for !ready {
		*p = true
	}
}

func (h *Hub) labeled(w http.ResponseWriter, r *http.Request) {
	msgs := subscribe()
loop:
	for {
		select {
		case m := <-msgs:
			if m == "" {
				break loop
			}
		}
	}
}

func (h *Hub) fatal(w http.ResponseWriter, r *http.Request) {
	for {
		if _, err := fmt.Fprintln(w, "tick"); err != nil {
			log.Fatalf("write: %v", err)
		}
	}
}

func (h *Hub) panics(w http.ResponseWriter, r *http.Request) {
	for {
		if _, err := fmt.Fprintln(w, "tick"); err != nil {
			panic(err)
		}
	}
}

func (h *Hub) doneChannel(w http.ResponseWriter, r *http.Request, done <-chan struct{}) {
	for {
		select {
		case <-done:
		default:
		}
	}
}

func (h *Hub) until(w http.ResponseWriter, r *http.Request) {
	poll.Until(w, r.Context().Done())
}

// run is the hub's background loop; no handler calls it.
func (h *Hub) run(ctx context.Context) { // want run:`blocks\(wait: receive from h.events via Hub.run; endless: for loop with no exit via Hub.run\)`
	for {
		e := <-h.events
		log.Print(e)
	}
}

// Ignored is reviewed.
func (h *Hub) ignored(w http.ResponseWriter, r *http.Request) {
	//blockcheck:ignore infiniteloop the client closes the stream; the load balancer cuts idle streams after 1h
	for {
		flush(w)
	}
}
