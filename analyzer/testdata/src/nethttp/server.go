package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"time"
)

// Server holds the service's dependencies.
type Server struct {
	db      *sql.DB
	avatars string
}

// User is a row of the users table.
type User struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// getUser is registered as a method value.
func (s *Server) getUser(w http.ResponseWriter, r *http.Request) { // want getUser:`blocks\(sql: \(\*sql.DB\).QueryRow via Server.getUser\)`
	var u User
	err := s.db.QueryRow("SELECT id, email FROM users WHERE id = $1", r.PathValue("id")).Scan(&u.ID, &u.Email) // want `^sqlnoctx: \(\*sql\.DB\)\.QueryRow in handler Server\.getUser ignores the request's context \(other requests are still served\); use QueryRowContext with r\.Context\(\)$`
	if err != nil {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(u)
}

// listUsers goes through a helper that is not a handler itself.
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) { // want listUsers:`blocks\(sql: \(\*sql.DB\).Query via Server.listUsers → Server.queryUsers\)`
	users, err := s.queryUsers("SELECT id, email FROM users") // want `^sqlnoctx: handler Server\.listUsers reaches \(\*sql\.DB\)\.Query via Server\.queryUsers \(server\.go:\d+\)`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(users)
}

func (s *Server) queryUsers(q string) ([]User, error) { // want queryUsers:`blocks\(sql: \(\*sql.DB\).Query via Server.queryUsers\)`
	rows, err := s.db.Query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Email); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// createUser is registered for PUT.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) { // want createUser:`blocks\(sql: \(\*sql.DB\).Exec via Server.createUser\)`
	s.db.Exec("INSERT INTO users (email) VALUES ($1)", r.FormValue("email")) // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Server\.createUser `
	w.WriteHeader(http.StatusCreated)
}

// deleteUser returns a handler literal; the literal is named after the
// function that builds it.
func deleteUser(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		db.Exec("DELETE FROM users WHERE id = $1", r.PathValue("id")) // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler func literal in deleteUser `
	}
}

// metrics is a handler type.
type metrics struct{ db *sql.DB }

func (m metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:`blocks\(sql: \(\*sql.DB\).QueryRow via metrics.ServeHTTP\)`
	var n int
	m.db.QueryRow("SELECT count(*) FROM users").Scan(&n) // want `^sqlnoctx: \(\*sql\.DB\)\.QueryRow in handler metrics\.ServeHTTP `
	json.NewEncoder(w).Encode(map[string]int{"users": n})
}

// Event is a message from the user-events topic.
type Event struct {
	UserID string
	Kind   string
}

// handleEvent is called by the consumer library for each message; the
// directive makes it a handler, with ctx as its request context.
//
//blockcheck:handler
func (s *Server) handleEvent(ctx context.Context, ev Event) error { // want handleEvent:`blocks\(sleep: time.Sleep via Server.handleEvent; sql: \(\*sql.DB\).Exec via Server.handleEvent\)`
	time.Sleep(10 * time.Millisecond)                                                         // want `^sleep: time\.Sleep in handler Server\.handleEvent ignores the request's context \(other requests are still served\); use a select on time\.After and ctx\.Done\(\)$`
	_, err := s.db.Exec("UPDATE users SET last_event = $1 WHERE id = $2", ev.Kind, ev.UserID) // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Server\.handleEvent .*; use ExecContext with ctx$`
	return err
}

// reindex is marked as a handler but has no context to use.
//
//blockcheck:handler called by the admin RPC server
func (s *Server) reindex(table string) error { // want reindex:`blocks\(sql: \(\*sql.DB\).Exec via Server.reindex\)`
	_, err := s.db.Exec("REINDEX TABLE " + table) // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Server\.reindex .*; use ExecContext with the request's context$`
	return err
}

// render has a handler's first two parameters and a third: it is a helper,
// reported where a handler calls it.
func render(w http.ResponseWriter, r *http.Request, delay time.Duration) { // want render:`blocks\(sleep: time.Sleep via render\)`
	time.Sleep(delay)
	w.WriteHeader(http.StatusOK)
}

// slowPage calls the helper.
func slowPage(w http.ResponseWriter, r *http.Request) { // want slowPage:`blocks\(sleep: time.Sleep via slowPage → render\)`
	render(w, r, time.Second) // want `^sleep: handler slowPage reaches time\.Sleep via render \(server\.go:\d+\)`
}

// The functions below are not handlers and stay silent.

// warmup runs at startup.
func (s *Server) warmup() { // want warmup:`blocks\(sql: \(\*sql.DB\).Exec via Server.warmup\)`
	s.db.Exec("SELECT 1")
}

// errorHandler has a net/http-like shape that net/http does not call.
func errorHandler(w http.ResponseWriter, err error) { // want errorHandler:`blocks\(sleep: time.Sleep via errorHandler\)`
	time.Sleep(time.Millisecond)
	http.Error(w, err.Error(), http.StatusInternalServerError)
}
