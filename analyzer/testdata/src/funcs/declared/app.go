// want package:`pending\(declared\.Server\.fresh: Client\.t\.roundTrip\)`

// Package declared is analyzed with
// -funcs='example.com/acmedb.(*Client).Fetch=sql:FetchContext,example.com/acmedb.Ping=dial'.
package declared

import (
	"net/http"

	"example.com/acmedb"
)

type Server struct{ db *acmedb.Client }

func (s *Server) get(w http.ResponseWriter, r *http.Request) { // want get:`blocks\(sql: \(\*acmedb.Client\).Fetch via Server.get\)`
	v, _ := s.db.Fetch(r.PathValue("id")) // want `^sqlnoctx: \(\*acmedb\.Client\)\.Fetch in handler Server\.get .*use FetchContext with r\.Context\(\)$`
	w.Write([]byte(v))
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) { // want health:`blocks\(dial: acmedb.Ping via Server.health → Server.check\)`
	if s.check() != nil { // want `^dialnoctx: handler Server\.health reaches acmedb\.Ping via Server\.check \(app\.go:\d+\)`
		w.WriteHeader(http.StatusServiceUnavailable)
	}
}

func (s *Server) check() error { return acmedb.Ping() } // want check:`blocks\(dial: acmedb.Ping via Server.check\)`

// The context-aware variant is not a row: nothing to report.
func (s *Server) fresh(w http.ResponseWriter, r *http.Request) { // want fresh:`blocks\(open: Client\.t\.roundTrip\)`
	v, _ := s.db.FetchContext(r.Context(), r.PathValue("id"))
	w.Write([]byte(v))
}
