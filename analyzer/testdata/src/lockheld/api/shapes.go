package api

import (
	"database/sql"
	"net/http"
	"sync"
)

// registry embeds its mutex.
type registry struct {
	sync.Mutex
	db *sql.DB
}

// Hub has the other shapes of locking the analysis follows.
type Hub struct {
	reg    *registry
	mu     sync.Mutex
	events chan string
	cond   *sync.Cond // cond.L is &mu
	ready  bool
}

// register locks the mutex embedded in the registry.
func (h *Hub) register(w http.ResponseWriter, r *http.Request) { // want register:`blocks\(slow: \(\*sql.DB\).ExecContext via Hub.register; serial: h.reg.Mutex held across \(\*sql.DB\).ExecContext via Hub.register\)`
	h.reg.Lock()
	defer h.reg.Unlock()
	h.reg.db.ExecContext(r.Context(), `INSERT INTO hooks (url) VALUES ($1)`, r.FormValue("url")) // want `^lockheld: h\.reg\.Mutex \(shared by every request to Hub\) is held across \(\*sql\.DB\)\.ExecContext \(taken at shapes\.go:\d+\): requests to handler Hub\.register run one at a time while the query runs$`
}

// publish holds the lock, taken with TryLock, across a send on a channel
// other goroutines drain.
func (h *Hub) publish(w http.ResponseWriter, r *http.Request) { // want publish:`blocks\(wait: send on h.events via Hub.publish; serial: h.mu held across send on h.events via Hub.publish\)`
	if !h.mu.TryLock() {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	defer h.mu.Unlock()
	h.events <- r.URL.Path // want `^chanwait: send on h\.events` `^lockheld: h\.mu \(shared by every request to Hub\) is held across send on h\.events \(taken at shapes\.go:\d+\): requests to handler Hub\.publish run one at a time while it waits for another goroutine$`
}

// awaitReady waits on a condition variable: Wait releases the lock while
// it waits, so only the wait itself is reported.
func (h *Hub) awaitReady(w http.ResponseWriter, r *http.Request) { // want awaitReady:`blocks\(wait: \(\*sync.Cond\).Wait via Hub.awaitReady\)`
	h.mu.Lock()
	for !h.ready {
		h.cond.Wait() // want `^chanwait: \(\*sync\.Cond\)\.Wait`
	}
	h.mu.Unlock()
}

// tryPublish gives up when the lock is taken, and when no one listens.
func (h *Hub) tryPublish(w http.ResponseWriter, r *http.Request) {
	if h.mu.TryLock() {
		defer h.mu.Unlock()
		select {
		case h.events <- r.URL.Path:
		default:
		}
	}
}
