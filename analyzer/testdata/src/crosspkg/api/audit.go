package api

import (
	"net/http"
	"sync"

	"crosspkg/store"
)

// Audit records every save under one lock, which it holds across the
// store's context-aware query in the other package: requests to it run
// one at a time while the database answers.
type Audit struct {
	mu    sync.Mutex
	store *store.Store
	last  string
}

func (a *Audit) record(w http.ResponseWriter, r *http.Request) { // want record:`blocks\(slow: \(\*sql.DB\).ExecContext via Audit.record → Store.Save; serial: a.mu held across \(\*sql.DB\).ExecContext via Audit.record → Store.Save\)`
	a.mu.Lock()
	defer a.mu.Unlock()
	p := store.Profile{ID: r.PathValue("id")}
	if err := a.store.Save(r.Context(), &p); err != nil { // want `^lockheld: a\.mu \(shared by every request to Audit\) is held across \(\*sql\.DB\)\.ExecContext via Store\.Save \(taken at audit\.go:20\): requests to handler Audit\.record run one at a time while the query runs$`
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	a.last = p.ID
}
