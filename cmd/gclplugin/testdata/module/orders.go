// Package orders is a small order API, linted by a custom golangci-lint
// with the blockcheck plugin. Its bugs are deliberate.
package orders

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"time"
)

// Service serves orders.
type Service struct {
	db     *sql.DB
	queue  chan string
	settle time.Duration
}

// list queries without the request's context: the query keeps running
// after the client is gone.
func (s *Service) list(w http.ResponseWriter, r *http.Request) {
	rows, err := s.db.Query("SELECT id FROM orders WHERE owner = ?", r.FormValue("owner"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		ids = append(ids, id)
	}
	_ = json.NewEncoder(w).Encode(ids)
}

// enqueue waits for room in the shared queue, with no way out.
func (s *Service) enqueue(w http.ResponseWriter, r *http.Request) {
	s.queue <- r.FormValue("id")
	w.WriteHeader(http.StatusAccepted)
}

// settleDown waits before answering; the wait is known and accepted here.
func (s *Service) settleDown(w http.ResponseWriter, r *http.Request) {
	time.Sleep(s.settle) //nolint:blockcheck // the payment provider asks for a pause between calls
	w.WriteHeader(http.StatusNoContent)
}

// Routes registers the handlers.
func (s *Service) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /orders", s.list)
	mux.HandleFunc("POST /orders", s.enqueue)
	mux.HandleFunc("POST /settle", s.settleDown)
}
