// Package sqlnoctx is a user service whose handlers query the database
// directly, some with the request's context and some without.
package sqlnoctx

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

// User is a row of the users table.
type User struct {
	ID    int64
	Email string
}

// Users serves /users.
type Users struct {
	db       *sql.DB
	byEmail  *sql.Stmt
	auditLog *sql.Stmt
}

// get loads one user with QueryRow.
func (u *Users) get(w http.ResponseWriter, r *http.Request) { // want get:`blocks\(sql: \(\*sql.DB\).QueryRow via Users.get\)`
	var usr User
	err := u.db.QueryRow("SELECT id, email FROM users WHERE id = $1", r.PathValue("id")).Scan(&usr.ID, &usr.Email) // want `^sqlnoctx: \(\*sql\.DB\)\.QueryRow in handler Users\.get ignores the request's context \(other requests are still served\); use QueryRowContext with r\.Context\(\)$`
	if err == sql.ErrNoRows {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(usr)
}

// list pages through users with Query.
func (u *Users) list(w http.ResponseWriter, r *http.Request) { // want list:`blocks\(sql: \(\*sql.DB\).Query via Users.list\)`
	ctx := r.Context()
	_ = ctx
	rows, err := u.db.Query("SELECT id, email FROM users ORDER BY id LIMIT 50") // want `^sqlnoctx: \(\*sql\.DB\)\.Query in handler Users\.list .*; use QueryContext with ctx$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var usr User
		rows.Scan(&usr.ID, &usr.Email)
		out = append(out, usr)
	}
	json.NewEncoder(w).Encode(out)
}

// create runs a transaction with Begin and the Tx methods.
func (u *Users) create(w http.ResponseWriter, r *http.Request) { // want create:`blocks\(sql: \(\*sql.DB\).Begin via Users.create; slow: \(\*sql.Tx\).Commit via Users.create\)`
	tx, err := u.db.Begin() // want `^sqlnoctx: \(\*sql\.DB\)\.Begin in handler Users\.create .*; use BeginTx with r\.Context\(\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer tx.Rollback()
	email := r.FormValue("email")
	var exists bool
	tx.QueryRow("SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)", email).Scan(&exists) // want `^sqlnoctx: \(\*sql\.Tx\)\.QueryRow in handler Users\.create `
	if exists {
		http.Error(w, "taken", http.StatusConflict)
		return
	}
	if _, err := tx.Exec("INSERT INTO users (email) VALUES ($1)", email); err != nil { // want `^sqlnoctx: \(\*sql\.Tx\)\.Exec in handler Users\.create `
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows, err := tx.Query("SELECT id FROM users WHERE email = $1", email) // want `^sqlnoctx: \(\*sql\.Tx\)\.Query in handler Users\.create `
	if err == nil {
		rows.Close()
	}
	stmt, err := tx.Prepare("INSERT INTO audit (what) VALUES ($1)") // want `^sqlnoctx: \(\*sql\.Tx\)\.Prepare in handler Users\.create .*; use PrepareContext with r\.Context\(\)$`
	if err == nil {
		stmt.Close()
	}
	audit := tx.Stmt(u.auditLog) // want `^sqlnoctx: \(\*sql\.Tx\)\.Stmt in handler Users\.create .*; use StmtContext with r\.Context\(\)$`
	audit.Exec("create", email)  // want `^sqlnoctx: \(\*sql\.Stmt\)\.Exec in handler Users\.create `
	tx.Commit()
	w.WriteHeader(http.StatusCreated)
}

// lookup uses prepared statements.
func (u *Users) lookup(w http.ResponseWriter, r *http.Request) { // want lookup:`blocks\(sql: \(\*sql.Stmt\).QueryRow via Users.lookup\)`
	var id int64
	u.byEmail.QueryRow(r.FormValue("email")).Scan(&id) // want `^sqlnoctx: \(\*sql\.Stmt\)\.QueryRow in handler Users\.lookup `
	rows, err := u.byEmail.Query(r.FormValue("email")) // want `^sqlnoctx: \(\*sql\.Stmt\)\.Query in handler Users\.lookup .*; use QueryContext with r\.Context\(\)$`
	if err == nil {
		rows.Close()
	}
	u.auditLog.Exec("lookup", id) // want `^sqlnoctx: \(\*sql\.Stmt\)\.Exec in handler Users\.lookup `
}

// health pings the database and prepares a statement.
func (u *Users) health(w http.ResponseWriter, r *http.Request) { // want health:`blocks\(sql: \(\*sql.DB\).Ping via Users.health\)`
	if err := u.db.Ping(); err != nil { // want `^sqlnoctx: \(\*sql\.DB\)\.Ping in handler Users\.health .*; use PingContext with r\.Context\(\)$`
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	st, err := u.db.Prepare("SELECT 1") // want `^sqlnoctx: \(\*sql\.DB\)\.Prepare in handler Users\.health `
	if err == nil {
		st.Close()
	}
	u.db.Exec("UPDATE health SET seen = now()") // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Users\.health .*; use ExecContext with r\.Context\(\)$`
}

// Store is a repository the handlers call through.
type Store struct{ db *sql.DB }

// Delete runs a statement without a context.
func (s *Store) Delete(id string) error { // want Delete:`blocks\(sql: \(\*sql.DB\).Exec via Store.Delete\)`
	_, err := s.db.Exec("DELETE FROM users WHERE id = $1", id)
	return err
}

// remove reaches the query through the store.
func remove(s *Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := s.Delete(r.PathValue("id")); err != nil { // want `^sqlnoctx: handler func literal in remove reaches \(\*sql\.DB\)\.Exec via Store\.Delete \(users\.go:\d+\) without the request's context \(other requests are still served\); pass it down to ExecContext$`
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}
}

// The handlers below pass the request's context to every call.

// getCtx uses the Context variants.
func (u *Users) getCtx(w http.ResponseWriter, r *http.Request) { // want getCtx:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Users.getCtx\)`
	ctx := r.Context()
	var usr User
	u.db.QueryRowContext(ctx, "SELECT id, email FROM users WHERE id = $1", r.PathValue("id")).Scan(&usr.ID, &usr.Email)
	rows, err := u.db.QueryContext(ctx, "SELECT id FROM users")
	if err == nil {
		rows.Close()
	}
	u.db.ExecContext(ctx, "UPDATE users SET seen = now() WHERE id = $1", usr.ID)
	u.byEmail.QueryRowContext(ctx, usr.Email).Scan(&usr.ID)
	u.db.PingContext(ctx)
	json.NewEncoder(w).Encode(usr)
}

// createCtx uses BeginTx and the Tx's Context methods; Commit and
// Rollback take no context and are fine.
func (u *Users) createCtx(w http.ResponseWriter, r *http.Request) { // want createCtx:`blocks\(slow: \(\*sql.DB\).BeginTx via Users.createCtx\)`
	ctx := r.Context()
	tx, err := u.db.BeginTx(ctx, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO users (email) VALUES ($1)", r.FormValue("email")); err != nil {
		return
	}
	st, err := tx.PrepareContext(ctx, "INSERT INTO audit (what) VALUES ($1)")
	if err == nil {
		st.ExecContext(ctx, "create")
		st.Close()
	}
	tx.Commit()
}

// migrate runs at startup, outside any request: a fact, no diagnostic.
func migrate(db *sql.DB) error { // want migrate:`blocks\(sql: \(\*sql.DB\).Exec via migrate\)`
	_, err := db.Exec("CREATE TABLE IF NOT EXISTS users (id serial, email text)")
	return err
}
