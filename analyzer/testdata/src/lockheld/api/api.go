// Package api serves the shop. Its handlers take locks shared by every
// request, or reach functions that do, and block while holding them.
package api

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"lockheld/store"
)

// Server holds what every request shares.
type Server struct {
	db       *sql.DB
	products *store.ProductCache
	sessions *store.Sessions
	limiter  *limiter
	inv      *inventory

	mu       sync.Mutex // guards profiles
	profiles map[string]string

	userMu [8]sync.Mutex // per-user locks

	rw     sync.RWMutex
	prices map[string]int64

	once   sync.Once
	config atomic.Pointer[map[string]string]
}

// getProduct reaches ProductCache.Get in the other package, which holds
// the cache's mutex across its query.
func (s *Server) getProduct(w http.ResponseWriter, r *http.Request) { // want getProduct:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Server.getProduct → ProductCache.Get; serial: c.mu held across \(\*sql.DB\).QueryRowContext via Server.getProduct → ProductCache.Get\)`
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	name, err := s.products.Get(r.Context(), id) // want `^lockheld: c\.mu \(shared by every request to Server\) is held across \(\*sql\.DB\)\.QueryRowContext via ProductCache\.Get \(taken at store\.go:\d+\): requests to handler Server\.getProduct run one at a time while the query runs$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(name)
}

// updateProfile holds the server's lock across its own query.
func (s *Server) updateProfile(w http.ResponseWriter, r *http.Request) { // want updateProfile:`blocks\(slow: \(\*sql.DB\).ExecContext via Server.updateProfile; serial: s.mu held across \(\*sql.DB\).ExecContext via Server.updateProfile\)`
	s.mu.Lock()
	defer s.mu.Unlock()
	bio := r.FormValue("bio")
	if _, err := s.db.ExecContext(r.Context(), `UPDATE users SET bio = $1 WHERE id = $2`, bio, r.PathValue("id")); err != nil { // want `^lockheld: s\.mu \(shared by every request to Server\) is held across \(\*sql\.DB\)\.ExecContext \(taken at api\.go:\d+\): requests to handler Server\.updateProfile run one at a time while the query runs$`
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.profiles[r.PathValue("id")] = bio
}

// fetchUser queries the database; it takes no lock itself.
func (s *Server) fetchUser(ctx context.Context, id string) (string, error) { // want fetchUser:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Server.fetchUser\)`
	var name string
	err := s.db.QueryRowContext(ctx, `SELECT name FROM users WHERE id = $1`, id).Scan(&name)
	return name, err
}

// getUser takes the lock in the handler and queries in a helper.
func (s *Server) getUser(w http.ResponseWriter, r *http.Request) { // want getUser:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Server.getUser → Server.fetchUser; serial: s.mu held across \(\*sql.DB\).QueryRowContext via Server.getUser → Server.fetchUser\)`
	id := r.PathValue("id")
	s.mu.Lock()
	name, ok := s.profiles[id]
	if !ok {
		name, _ = s.fetchUser(r.Context(), id) // want `^lockheld: s\.mu \(shared by every request to Server\) is held across \(\*sql\.DB\)\.QueryRowContext via Server\.fetchUser \(taken at api\.go:\d+\): requests to handler Server\.getUser run one at a time while the query runs$`
		s.profiles[id] = name
	}
	s.mu.Unlock()
	w.Write([]byte(name))
}

// auditMu serializes writes to the audit log.
var auditMu sync.Mutex

// audit appends to a file under a package-level lock: file I/O is normal
// in a handler, but not under a lock every request takes.
func audit(w http.ResponseWriter, r *http.Request) { // want audit:`blocks\(file: os.WriteFile via audit; serial: auditMu held across os.WriteFile via audit\)`
	auditMu.Lock()
	defer auditMu.Unlock()
	os.WriteFile("/var/log/shop/audit.log", []byte(r.URL.Path+"\n"), 0o644) // want `^lockheld: auditMu \(a package-level lock shared by every request\) is held across os\.WriteFile \(taken at api\.go:\d+\): requests to handler audit run one at a time while the file I/O runs$`
}

// lock and unlock wrap the server's mutex.
func (s *Server) lock()   { s.mu.Lock() }
func (s *Server) unlock() { s.mu.Unlock() }

// syncProfile takes the lock through the wrappers.
func (s *Server) syncProfile(w http.ResponseWriter, r *http.Request) { // want syncProfile:`blocks\(slow: \(\*http.Client\).Do via Server.syncProfile; serial: s.mu held across \(\*http.Client\).Do via Server.syncProfile; notimeout: \(\*http.Client\).Do with http.DefaultClient, which has no Timeout via Server.syncProfile\)`
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, "https://crm.example.com/sync", nil)
	if err != nil {
		return
	}
	s.lock()
	resp, err := http.DefaultClient.Do(req) // want `^lockheld: s\.mu \(shared by every request to Server\) is held across \(\*http\.Client\)\.Do \(taken at api\.go:\d+\): requests to handler Server\.syncProfile run one at a time while the outbound HTTP request runs$` `^clienttimeout: \(\*http\.Client\)\.Do with http\.DefaultClient`
	s.unlock()
	if err == nil {
		resp.Body.Close()
	}
}

// limiter spaces calls to a partner API.
type limiter struct {
	mu   sync.Mutex
	last time.Time
}

// wait sleeps under the lock until the next call is allowed.
func (l *limiter) wait() { // want wait:`blocks\(sleep: time.Sleep via limiter.wait; serial: l.mu held across time.Sleep via limiter.wait\)`
	l.mu.Lock()
	defer l.mu.Unlock()
	if d := time.Until(l.last.Add(time.Second)); d > 0 {
		time.Sleep(d)
	}
	l.last = time.Now()
}

// quote reaches the limiter: the sleep is reported as such, and as a
// wait under a lock every request shares.
func (s *Server) quote(w http.ResponseWriter, r *http.Request) { // want quote:`blocks\(sleep: time.Sleep via Server.quote → limiter.wait; serial: l.mu held across time.Sleep via Server.quote → limiter.wait\)`
	s.limiter.wait() // want `^sleep: handler Server\.quote reaches time\.Sleep` `^lockheld: l\.mu \(shared by every request to Server\) is held across time\.Sleep via limiter\.wait \(taken at api\.go:\d+\): requests to handler Server\.quote run one at a time while it sleeps$`
	w.WriteHeader(http.StatusNoContent)
}

// inventory reserves stock.
type inventory struct {
	mu sync.Mutex
	db *sql.DB
}

func (i *inventory) reserve(ctx context.Context, sku string) error { // want reserve:`blocks\(slow: \(\*sql.DB\).ExecContext via inventory.reserve; serial: i.mu held across \(\*sql.DB\).ExecContext via inventory.reserve\)`
	i.mu.Lock()
	defer i.mu.Unlock()
	_, err := i.db.ExecContext(ctx, `UPDATE stock SET n = n - 1 WHERE sku = $1`, sku)
	return err
}

// order reaches a store method of this package that holds its lock.
func (s *Server) order(w http.ResponseWriter, r *http.Request) { // want order:`blocks\(slow: \(\*sql.DB\).ExecContext via Server.order → inventory.reserve; serial: i.mu held across \(\*sql.DB\).ExecContext via Server.order → inventory.reserve\)`
	if err := s.inv.reserve(r.Context(), r.FormValue("sku")); err != nil { // want `^lockheld: i\.mu \(shared by every request to Server\) is held across \(\*sql\.DB\)\.ExecContext via inventory\.reserve \(taken at api\.go:\d+\): requests to handler Server\.order run one at a time while the query runs$`
		http.Error(w, err.Error(), http.StatusConflict)
	}
}

// touch reaches a per-key lock in the other package.
func (s *Server) touch(w http.ResponseWriter, r *http.Request) { // want touch:`blocks\(slow: \(\*sql.DB\).ExecContext via Server.touch → Sessions.Touch; serial: s.shards\[shardOf\(id\)\].mu held across \(\*sql.DB\).ExecContext via Server.touch → Sessions.Touch\)`
	s.sessions.Touch(r.Context(), r.PathValue("session")) // want `^lockheld: s\.shards\[shardOf\(id\)\]\.mu \(shared by every request to Server; a per-key lock: only requests for the same key wait for each other\) is held across \(\*sql\.DB\)\.ExecContext via Sessions\.Touch \(taken at store\.go:\d+\): requests to handler Server\.touch for the same key run one at a time while the query runs$`
}

// setEmail locks the user's own mutex.
func (s *Server) setEmail(w http.ResponseWriter, r *http.Request) { // want setEmail:`blocks\(slow: \(\*sql.DB\).ExecContext via Server.setEmail; serial: s.userMu\[id % 8\] held across \(\*sql.DB\).ExecContext via Server.setEmail\)`
	id, _ := strconv.Atoi(r.PathValue("id"))
	s.userMu[id%8].Lock()
	defer s.userMu[id%8].Unlock()
	s.db.ExecContext(r.Context(), `UPDATE users SET email = $1 WHERE id = $2`, r.FormValue("email"), id) // want `^lockheld: s\.userMu\[id % 8\] \(shared by every request to Server; a per-key lock: only requests for the same key wait for each other\) is held across \(\*sql\.DB\)\.ExecContext \(taken at api\.go:\d+\): requests to handler Server\.setEmail for the same key run one at a time while the query runs$`
}

// invoice reaches a package-level mutex of the other package.
func (s *Server) invoice(w http.ResponseWriter, r *http.Request) { // want invoice:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Server.invoice → store.NextInvoiceNumber; serial: seqMu held across \(\*sql.DB\).QueryRowContext via Server.invoice → store.NextInvoiceNumber\)`
	n, err := store.NextInvoiceNumber(r.Context(), s.db) // want `^lockheld: seqMu \(a package-level lock shared by every request\) is held across \(\*sql\.DB\)\.QueryRowContext via store\.NextInvoiceNumber \(taken at store\.go:\d+\): requests to handler Server\.invoice run one at a time while the query runs$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(n)
}

// routes registers a handler that captures a mutex of its own.
func routes(mux *http.ServeMux, db *sql.DB) {
	var mu sync.Mutex
	mux.HandleFunc("POST /counter", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		db.ExecContext(r.Context(), `UPDATE counter SET n = n + 1`) // want `^lockheld: mu \(captured by the handler: shared by every request to it\) is held across \(\*sql\.DB\)\.ExecContext \(taken at api\.go:\d+\): requests to handler for \"POST /counter\" run one at a time while the query runs$`
	})
}
