// Package api shows the project's own functions that never return ending
// a path, like log.Fatal does, for the lock, taint and endless-loop rules.
package api

import (
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"sync"

	"noreturn/httperr"
)

const maxCount = 100

type Server struct {
	mu    sync.Mutex
	db    *sql.DB
	ready bool
}

// die logs and ends the program: a local wrapper of log.Fatalf.
func die(format string, args ...any) {
	log.Fatalf(format, args...)
}

// logf logs and returns.
func logf(format string, args ...any) {
	log.Printf(format, args...)
}

// refresh gives up on the lock only on the path that dies, so s.mu is
// held on every path that reaches the query.
func (s *Server) refresh(w http.ResponseWriter, r *http.Request) { // want refresh:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Server.refresh; serial: s.mu held across \(\*sql.DB\).QueryRowContext via Server.refresh\)`
	s.mu.Lock()
	if !s.ready {
		s.mu.Unlock()
		die("refresh before start")
	}
	s.db.QueryRowContext(r.Context(), "SELECT 1") // want `^lockheld: s\.mu \(shared by every request to Server\) is held across \(\*sql\.DB\)\.QueryRowContext \(taken at api\.go:\d+\): requests to handler Server\.refresh run one at a time while the query runs$`
	s.mu.Unlock()
}

// refreshLogged releases the lock and carries on when not ready: s.mu
// is not held on every path to the query, so nothing is reported.
func (s *Server) refreshLogged(w http.ResponseWriter, r *http.Request) { // want refreshLogged:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Server.refreshLogged\)`
	s.mu.Lock()
	if !s.ready {
		s.mu.Unlock()
		logf("refresh before start")
	}
	s.db.QueryRowContext(r.Context(), "SELECT 1")
	s.mu.Unlock()
}

// count aborts when n is too large: the loop is bounded.
func count(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	if n > maxCount {
		httperr.Abortf(http.StatusBadRequest, "n over %d", maxCount)
	}
	for i := 0; i < n; i++ {
		fmt.Fprintln(w, i)
	}
}

// countWarned only warns: the loop is as long as the request asks.
func countWarned(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	if n > maxCount {
		httperr.Warn("n over the limit")
	}
	for i := 0; i < n; i++ { // want `^unboundedloop: n comes from r\.URL\.Query\(\)\.Get\("n"\) \(api\.go:\d+\) with no upper bound: one request can make handler countWarned loop`
		fmt.Fprintln(w, i)
	}
}

// next returns the next event of a feed.
func next() (string, error) { return "", nil }

// follow ends the request when the feed fails: the loop has an exit.
func follow(w http.ResponseWriter, r *http.Request) {
	for {
		ev, err := next()
		if err != nil {
			httperr.Abort(http.StatusBadGateway, err.Error())
		}
		fmt.Fprintln(w, ev)
	}
}

// followWarned warns and goes on forever.
func followWarned(w http.ResponseWriter, r *http.Request) { // want followWarned:`blocks\(endless: for loop with no exit via followWarned\)`
	for { // want `^infiniteloop: for loop with no exit in handler followWarned: `
		ev, err := next()
		if err != nil {
			httperr.Warn(err.Error())
		}
		fmt.Fprintln(w, ev)
	}
}

func Routes(s *Server) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/refresh", s.refresh)
	mux.HandleFunc("/refresh-logged", s.refreshLogged)
	mux.HandleFunc("/count", count)
	mux.HandleFunc("/count-warned", countWarned)
	mux.HandleFunc("/follow", follow)
	mux.HandleFunc("/follow-warned", followWarned)
	return mux
}
