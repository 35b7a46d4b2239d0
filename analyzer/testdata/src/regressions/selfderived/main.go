// Command selfderived derives a context from itself, as pgxpool's Acquire
// does (pingCtx, cancel = context.WithDeadline(pingCtx, d)).
//
// The root-context tracer followed a derived context's first argument with
// a fresh set of variables seen, so a variable derived from itself
// recursed until the stack overflowed.
package main

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

type Server struct{ db *sql.DB }

// fromRequest narrows the request's context twice: silent.
func (s *Server) fromRequest(w http.ResponseWriter, r *http.Request) { // want fromRequest:`blocks\(slow: \(\*sql.DB\).ExecContext via Server.fromRequest\)`
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	if d := r.FormValue("timeout"); d != "" {
		ctx, cancel = context.WithTimeout(ctx, time.Second)
		defer cancel()
	}
	s.db.ExecContext(ctx, "SELECT 1")
}

// fromRoot narrows a root context twice: still a root.
func (s *Server) fromRoot(w http.ResponseWriter, r *http.Request) { // want fromRoot:`blocks\(sql: \(\*sql.DB\).ExecContext on context.Background\(\) via Server.fromRoot\)`
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, time.Second)
	defer cancel()
	s.db.ExecContext(ctx, "SELECT 1") // want `^sqlnoctx: \(\*sql\.DB\)\.ExecContext on context\.Background\(\) in handler Server\.fromRoot .*; pass the request's context to it$`
}

func main() {
	s := &Server{}
	http.HandleFunc("/a", s.fromRequest)
	http.HandleFunc("/b", s.fromRoot)
}
