// Package nestedhandler has a handler that delegates to another handler by
// calling it with its own w and r. The blocking call is in the callee, which
// is reported as a handler itself; reporting it again at the delegating call
// says the same thing twice, with advice ("pass the request's context down
// to Users.create") that does not apply: create already has the request.
package nestedhandler

import (
	"database/sql"
	"net/http"
)

// Users serves /users.
type Users struct{ db *sql.DB }

// create inserts a user.
func (u *Users) create(w http.ResponseWriter, r *http.Request) { // want create:`blocks\(sql: \(\*sql.DB\).Exec via Users.create\)`
	u.db.Exec("INSERT INTO users (email) VALUES ($1)", r.FormValue("email")) // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Users\.create `
	w.WriteHeader(http.StatusCreated)
}

// dispatch routes by method to the other handlers.
func (u *Users) dispatch(w http.ResponseWriter, r *http.Request) { // want dispatch:`blocks\(sql: \(\*sql.DB\).Exec via Users.dispatch → Users.create\)`
	switch r.Method {
	case http.MethodPost:
		u.create(w, r)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// routes registers a literal that delegates too.
func (u *Users) routes(mux *http.ServeMux) {
	mux.Handle("POST /users", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		u.create(w, r)
	}))
}
