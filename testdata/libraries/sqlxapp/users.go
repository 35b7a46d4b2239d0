// Package sqlxapp is an account service on sqlx and net/http: lookups,
// named statements, a transaction, and contexts that are roots.
package sqlxapp

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/jmoiron/sqlx"
)

// Account is a row of the accounts table.
type Account struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
}

// Server serves /accounts.
type Server struct{ db *sqlx.DB }

// New returns the server on db.
func New(db *sqlx.DB) *Server { return &Server{db: db} }

// Routes registers the handlers.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /accounts/{id}", s.get)
	mux.HandleFunc("GET /accounts", s.list)
	mux.HandleFunc("POST /accounts", s.create)
	mux.HandleFunc("POST /accounts/{id}/email", s.changeEmail)
	mux.HandleFunc("GET /accounts/search", s.search)
	mux.HandleFunc("GET /accounts/stats", s.stats)
	mux.HandleFunc("POST /accounts/{id}/audit", s.audit)
	mux.HandleFunc("GET /accounts/{id}/fast", s.getFast)
}

func (s *Server) get(w http.ResponseWriter, r *http.Request) {
	var a Account
	if err := s.db.Get(&a, "SELECT id, email FROM accounts WHERE id = $1", r.PathValue("id")); err != nil {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(a)
}

func (s *Server) getFast(w http.ResponseWriter, r *http.Request) {
	var a Account
	s.db.GetContext(r.Context(), &a, "SELECT id, email FROM accounts WHERE id = $1", r.PathValue("id"))
	json.NewEncoder(w).Encode(a)
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	var out []Account
	s.db.Select(&out, "SELECT id, email FROM accounts ORDER BY id LIMIT 50")
	json.NewEncoder(w).Encode(out)
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	a := Account{Email: r.FormValue("email")}
	s.db.NamedExec("INSERT INTO accounts (email) VALUES (:email)", a)
	w.WriteHeader(http.StatusCreated)
}

func (s *Server) changeEmail(w http.ResponseWriter, r *http.Request) {
	tx, err := s.db.Beginx()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer tx.Rollback()
	var a Account
	tx.Get(&a, "SELECT id, email FROM accounts WHERE id = $1 FOR UPDATE", r.PathValue("id"))
	a.Email = r.FormValue("email")
	tx.NamedExec("UPDATE accounts SET email = :email WHERE id = :id", a)
	tx.Commit()
}

// search queries on a root context: as deaf to the request as none.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	var out []Account
	s.db.SelectContext(context.Background(), &out, "SELECT id, email FROM accounts WHERE email LIKE $1", r.FormValue("q")+"%")
	json.NewEncoder(w).Encode(out)
}

// stats bounds a root context with a timeout: still not the request's.
func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var n int
	s.db.GetContext(ctx, &n, "SELECT count(*) FROM accounts")
	json.NewEncoder(w).Encode(n)
}

// audit must be written even when the client leaves: detached on purpose.
func (s *Server) audit(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 5*time.Second)
	defer cancel()
	s.db.ExecContext(ctx, "INSERT INTO audit (account) VALUES ($1)", r.PathValue("id"))
}
