// Package chiapp serves accounts on chi: chi registers net/http
// handlers, so they are handlers by their shape.
package chiapp

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// Server serves accounts.
type Server struct {
	DB *sql.DB
}

// Router returns the routes.
func (s *Server) Router() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, slowdown)
	r.Get("/accounts/{id}", s.account)
	r.Route("/admin", func(r chi.Router) {
		r.Post("/accounts/{id}/lock", func(w http.ResponseWriter, req *http.Request) {
			if _, err := s.DB.Exec("UPDATE accounts SET locked = true WHERE id = $1", chi.URLParam(req, "id")); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		})
	})
	r.Get("/accounts/{id}/v2", s.accountContext)
	return r
}

func slowdown(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Millisecond)
		next.ServeHTTP(w, r)
	})
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	var balance int64
	if err := s.DB.QueryRow("SELECT balance FROM accounts WHERE id = $1", chi.URLParam(r, "id")).Scan(&balance); err != nil {
		http.NotFound(w, r)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// accountContext is silent.
func (s *Server) accountContext(w http.ResponseWriter, r *http.Request) {
	var balance int64
	if err := s.DB.QueryRowContext(r.Context(), "SELECT balance FROM accounts WHERE id = $1", chi.URLParam(r, "id")).Scan(&balance); err != nil {
		http.NotFound(w, r)
		return
	}
	w.WriteHeader(http.StatusOK)
}
