// Package api serves profiles; every blocking call is in package store or
// below it, and is reported here, where the request's context is.
package api

import (
	"encoding/json"
	"net/http"
	"time"

	"crosspkg/store"
)

// Server serves the profile API.
type Server struct {
	store *store.Store
	names *store.Cache[string, string]
}

// getProfile reaches time.Sleep three calls down, across two packages.
func (s *Server) getProfile(w http.ResponseWriter, r *http.Request) { // want getProfile:`blocks\(sleep: time.Sleep via Server.getProfile → Store.Load → store.loadWithRetry → backoff.Retry; sql: \(\*sql.DB\).QueryRowContext on context.TODO\(\) via Server.getProfile → Store.Load → store.loadWithRetry\)`
	p, err := s.store.Load(r.PathValue("id")) // want `^sleep: handler Server\.getProfile reaches time\.Sleep via Store\.Load → store\.loadWithRetry → backoff\.Retry \(backoff\.go:18\) without the request's context \(other requests are still served\); pass it down to a select on the timer and ctx\.Done\(\)$` `^sqlnoctx: handler Server\.getProfile reaches \(\*sql\.DB\)\.QueryRowContext on context\.TODO\(\) via Store\.Load → store\.loadWithRetry \(store\.go:40\) without the request's context`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(p)
}

// deleteProfile reaches it through a method of the third-party package.
func (s *Server) deleteProfile(w http.ResponseWriter, r *http.Request) { // want deleteProfile:`blocks\(sleep: time.Sleep via Server.deleteProfile → Store.Delete → Policy.Do → backoff.Retry; sql: \(\*sql.DB\).ExecContext on context.TODO\(\) via Server.deleteProfile → Store.Delete\)`
	if err := s.store.Delete(r.PathValue("id")); err != nil { // want `^sleep: handler Server\.deleteProfile reaches time\.Sleep via Store\.Delete → Policy\.Do → backoff\.Retry \(backoff\.go:18\)` `^sqlnoctx: handler Server\.deleteProfile reaches \(\*sql\.DB\)\.ExecContext on context\.TODO\(\) via Store\.Delete \(store\.go:48\)`
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// stats reaches two kinds of blocking, each reported once.
func (s *Server) stats(w http.ResponseWriter, r *http.Request) { // want stats:`blocks\(sleep: time.Sleep via Server.stats → Store.Export → store.exportNode → store.exportChildren; sql: \(\*sql.DB\).QueryRow via Server.stats → Store.Count\)`
	n, _ := s.store.Count()       // want `^sqlnoctx: handler Server\.stats reaches \(\*sql\.DB\)\.QueryRow via Store\.Count \(store\.go:\d+\) without the request's context \(other requests are still served\); pass it down to QueryRowContext$`
	all := s.store.Export("root") // want `^sleep: handler Server\.stats reaches time\.Sleep via Store\.Export → store\.exportNode → store\.exportChildren \(store\.go:\d+\)` `^sqlnoctx: handler Server\.stats reaches \(\*sql\.DB\)\.QueryContext on context\.TODO\(\) via Store\.Export → store\.exportNode → store\.exportChildren`
	json.NewEncoder(w).Encode(map[string]int{"profiles": n, "exported": len(all)})
}

// waitReady calls a generic function of the other package.
func (s *Server) waitReady(w http.ResponseWriter, r *http.Request) { // want waitReady:`blocks\(sleep: time\.Sleep via Server\.waitReady → store\.Poll; sql: \(\*sql\.DB\)\.QueryRow via Server\.waitReady → Store\.Count\)`
	n := store.Poll(time.Second, func() (int, bool) { // want `^sleep: handler Server\.waitReady reaches time\.Sleep via store\.Poll \(store\.go:\d+\)`
		n, err := s.store.Count() // want `^sqlnoctx: handler Server\.waitReady reaches \(\*sql\.DB\)\.QueryRow via Store\.Count \(store\.go:\d+\)`
		return n, err == nil && n > 0
	})
	json.NewEncoder(w).Encode(n)
}

// name calls a method of a generic type of the other package.
func (s *Server) name(w http.ResponseWriter, r *http.Request) { // want name:`blocks\(wait: send on c.slots via Server.name → Cache.Get\)`
	v := s.names.Get(r.PathValue("id"), func(id string) string { return "user " + id }) // want `^chanwait: handler Server\.name reaches send on c\.slots via Cache\.Get \(store\.go:\d+\)`
	w.Write([]byte(v))
}

// deep reaches a long chain; the message elides its middle.
func (s *Server) deep(w http.ResponseWriter, r *http.Request) { // want deep:`blocks\(sleep: time.Sleep via Server.deep → store.Chain → store.level1 → store.level2 → store.level3 → store.level4 → store.level5 → … → store.level9\)`
	store.Chain() // want `^sleep: handler Server\.deep reaches time\.Sleep via store\.Chain → store\.level1 → store\.level2 → store\.level3 → store\.level4 → store\.level5 → store\.level6 → … → store\.level9 \(store\.go:\d+\)`
}

// Admin embeds the store: its methods are promoted.
type Admin struct {
	*store.Store
	started time.Time
}

// purge calls a promoted method.
func (a *Admin) purge(w http.ResponseWriter, r *http.Request) { // want purge:`blocks\(sleep: time.Sleep via Admin.purge → Store.Delete → Policy.Do → backoff.Retry; sql: \(\*sql.DB\).ExecContext on context.TODO\(\) via Admin.purge → Store.Delete\)`
	a.Delete(r.PathValue("id")) // want `^sleep: handler Admin\.purge reaches time\.Sleep via Store\.Delete → Policy\.Do → backoff\.Retry ` `^sqlnoctx: handler Admin\.purge reaches \(\*sql\.DB\)\.ExecContext on context\.TODO\(\) via Store\.Delete`
}

// The handlers below start the blocking work without waiting for it, or
// pass their context.

// refresh starts the refresh in the background.
func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {
	go s.store.Refresh()
	go func() {
		s.store.Load("warm-cache")
		time.Sleep(time.Second)
	}()
	w.WriteHeader(http.StatusAccepted)
}

// save uses the context-aware method.
func (s *Server) save(w http.ResponseWriter, r *http.Request) { // want save:`blocks\(slow: \(\*sql.DB\).ExecContext via Server.save → Store.Save\)`
	var p store.Profile
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil { // want `^bodyread: json\.NewDecoder\(r\.Body\) in handler Server\.save `
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := s.store.Save(r.Context(), &p); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// rename passes its context to a method that drops it.
func (s *Server) rename(w http.ResponseWriter, r *http.Request) { // want rename:`blocks\(sql: \(\*sql.DB\).Exec via Server.rename → Store.Rename\)`
	if err := s.store.Rename(r.Context(), r.PathValue("id"), r.FormValue("name")); err != nil { // want `^sqlnoctx: handler Server\.rename reaches \(\*sql\.DB\)\.Exec via Store\.Rename \(store\.go:\d+\) without the request's context \(other requests are still served\); Store\.Rename takes a context but drops it; pass it down to ExecContext$`
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
