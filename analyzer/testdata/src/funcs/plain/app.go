// want package:`pending\(plain\.Server\.get: Client\.t\.roundTrip; plain\.Server\.fresh: Client\.t\.roundTrip\)`

// Package plain is package declared analyzed without -funcs: nothing is
// reported.
package plain

import (
	"net/http"

	"example.com/acmedb"
)

type Server struct{ db *acmedb.Client }

func (s *Server) get(w http.ResponseWriter, r *http.Request) { // want get:`blocks\(open: Client\.t\.roundTrip\)`
	v, _ := s.db.Fetch(r.PathValue("id"))
	w.Write([]byte(v))
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if s.check() != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
}

func (s *Server) check() error { return acmedb.Ping() }

// The context-aware variant is not a row: nothing to report.
func (s *Server) fresh(w http.ResponseWriter, r *http.Request) { // want fresh:`blocks\(open: Client\.t\.roundTrip\)`
	v, _ := s.db.FetchContext(r.Context(), r.PathValue("id"))
	w.Write([]byte(v))
}
