package api

import (
	"database/sql"
	"net/http"
	"sync"
	"time"

	"lockheld/store"
)

// The handlers below hold no lock that other requests share while they
// block.

// cachedBio takes the lock only around the map access.
func (s *Server) cachedBio(w http.ResponseWriter, r *http.Request) { // want cachedBio:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Server.cachedBio\)`
	s.mu.Lock()
	bio, ok := s.profiles[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		s.db.QueryRowContext(r.Context(), `SELECT bio FROM users WHERE id = $1`, r.PathValue("id")).Scan(&bio)
	}
	w.Write([]byte(bio))
}

// batch locks a mutex of its own request.
func (s *Server) batch(w http.ResponseWriter, r *http.Request) { // want batch:`blocks\(slow: \(\*sql.DB\).ExecContext via Server.batch\)`
	var mu sync.Mutex
	mu.Lock()
	s.db.ExecContext(r.Context(), `DELETE FROM carts WHERE user_id = $1`, r.PathValue("id"))
	mu.Unlock()
}

// price reads under a read lock: readers do not wait for each other.
func (s *Server) price(w http.ResponseWriter, r *http.Request) {
	s.rw.RLock()
	defer s.rw.RUnlock()
	p := s.prices[r.PathValue("sku")]
	w.Write([]byte(time.Duration(p).String()))
}

// ping initializes once; sync.Once is not a lock the analysis follows.
func (s *Server) ping(w http.ResponseWriter, r *http.Request) {
	s.once.Do(func() {
		s.db.PingContext(r.Context())
	})
	if cfg := s.config.Load(); cfg != nil {
		w.Write([]byte((*cfg)["version"]))
	}
}

// fill loads without the lock and stores under it.
func (s *Server) fill(w http.ResponseWriter, r *http.Request) { // want fill:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Server.fill → ProductCache.Fill\)`
	s.products.Fill(r.Context(), 1)
	s.products.Peek(1)
}

// preview uses a cache made for this request: no other request shares it.
func preview(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := store.NewProductCache(db)
		name, _ := c.Get(r.Context(), 1)
		w.Write([]byte(name))
	}
}

// warm holds the lock across a query in code no request reaches.
func (s *Server) warm() { // want warm:`blocks\(sql: \(\*sql.DB\).QueryRow via Server.warm; serial: s.mu held across \(\*sql.DB\).QueryRow via Server.warm\)`
	s.mu.Lock()
	defer s.mu.Unlock()
	s.db.QueryRow(`SELECT 1`)
}

func main() { // want main:`blocks\(sql: \(\*sql.DB\).QueryRow via main → Server.warm\)`
	s := &Server{}
	go s.products.RefreshLoop(nil)
	s.warm()
}
