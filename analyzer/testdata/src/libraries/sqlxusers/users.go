// Package sqlxusers is a user service on sqlx: queries with and without
// the request's context, a transaction, and contexts that are roots.
package sqlxusers

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"time"

	"github.com/jmoiron/sqlx"
)

type User struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
}

type Users struct{ db *sqlx.DB }

func (u *Users) get(w http.ResponseWriter, r *http.Request) { // want get:`blocks\(sql: \(\*sqlx.DB\).Get via Users.get\)`
	var usr User
	if err := u.db.Get(&usr, "SELECT id, email FROM users WHERE id = $1", r.PathValue("id")); err != nil { // want `^sqlnoctx: \(\*sqlx\.DB\)\.Get in handler Users\.get ignores the request.s context \(other requests are still served\); use GetContext with r\.Context\(\)$`
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(usr)
}

func (u *Users) list(w http.ResponseWriter, r *http.Request) { // want list:`blocks\(slow: \(\*sqlx.DB\).SelectContext via Users.list\)`
	ctx := r.Context()
	var out []User
	u.db.SelectContext(ctx, &out, "SELECT id, email FROM users LIMIT 50")
	json.NewEncoder(w).Encode(out)
}

func (u *Users) rename(w http.ResponseWriter, r *http.Request) { // want rename:`blocks\(sql: \(\*sqlx.DB\).Beginx via Users.rename; slow: \(\*sql.Tx\).Commit via Users.rename\)`
	tx, err := u.db.Beginx() // want `^sqlnoctx: \(\*sqlx\.DB\)\.Beginx in handler Users\.rename .*; use BeginTxx with r\.Context\(\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer tx.Rollback()
	tx.NamedExec("UPDATE users SET email = :email WHERE id = :id", User{ID: 1, Email: r.FormValue("email")}) // want `^sqlnoctx: \(\*sqlx\.Tx\)\.NamedExec in handler Users\.rename .*; use NamedExecContext with r\.Context\(\)$`
	tx.Commit()
}

// search runs on a root context: as blind to the request as no context.
func (u *Users) search(w http.ResponseWriter, r *http.Request) { // want search:`blocks\(sql: \(\*sqlx.DB\).SelectContext on context.Background\(\) via Users.search\)`
	var out []User
	u.db.SelectContext(context.Background(), &out, "SELECT id, email FROM users WHERE email LIKE $1", r.FormValue("q")) // want `^sqlnoctx: \(\*sqlx\.DB\)\.SelectContext on context\.Background\(\) in handler Users\.search .*; use r\.Context\(\) instead of context\.Background\(\)$`
	json.NewEncoder(w).Encode(out)
}

// report bounds a root context with a timeout: still not the request's.
func (u *Users) report(w http.ResponseWriter, r *http.Request) { // want report:`blocks\(sql: \(\*sql.DB\).QueryRowContext on context.TODO\(\) via Users.report\)`
	ctx, cancel := context.WithTimeout(context.TODO(), 5*time.Second)
	defer cancel()
	var n int
	u.db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n) // want `^sqlnoctx: \(\*sql\.DB\)\.QueryRowContext on context\.TODO\(\) in handler Users\.report .*; pass the request's context to it$`
	json.NewEncoder(w).Encode(n)
}

// audit must finish even when the client leaves: detached on purpose.
func (u *Users) audit(w http.ResponseWriter, r *http.Request) { // want audit:`blocks\(slow: \(\*sql.DB\).ExecContext via Users.audit\)`
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 5*time.Second)
	defer cancel()
	u.db.ExecContext(ctx, "INSERT INTO audit(path) VALUES ($1)", r.URL.Path)
}

// sweep runs from main, not from a request: never reported.
func (u *Users) sweep() { // want sweep:`blocks\(sql: \(\*sql.DB\).Exec via Users.sweep\)`
	u.db.Exec("DELETE FROM sessions WHERE expires < now()")
	u.db.ExecContext(context.Background(), "VACUUM")
}

func (u *Users) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /users/{id}", u.get)
	mux.HandleFunc("GET /users", u.list)
	mux.HandleFunc("POST /users/{id}/email", u.rename)
	mux.HandleFunc("GET /users/search", u.search)
	mux.HandleFunc("GET /users/report", u.report)
	mux.HandleFunc("POST /users/audit", u.audit)
}

var _ = sql.ErrNoRows
