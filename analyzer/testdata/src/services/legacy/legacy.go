// Package legacy initialises its store lazily, the way older services do:
// the first request to find it unset connects. That block runs once per
// process (main usually runs it first), so what it does is not reported;
// a check that does not set what it tests runs on every request, and is.
package legacy

import (
	"database/sql"
	"net/http"
	"time"
)

var (
	pkgStore *sql.DB
	warmed   bool
	limiter  *time.Ticker
)

// Initialize connects, retrying until the database answers.
func Initialize(dsn *string) { // want Initialize:`blocks\(sleep: time.Sleep via Initialize; sql: \(\*sql.DB\).Ping via Initialize\)`
	d := "postgres://localhost/app"
	if dsn != nil {
		d = *dsn
	}
	for {
		db, err := sql.Open("postgres", d)
		if err == nil && db.Ping() == nil {
			pkgStore = db
			return
		}
		time.Sleep(time.Second)
	}
}

// Users serves users, initialising the store on the first request.
func Users(w http.ResponseWriter, r *http.Request) { // want Users:`blocks\(slow: \(\*sql.DB\).QueryRowContext via Users\)`
	if pkgStore == nil {
		Initialize(nil)
	}
	var name string
	pkgStore.QueryRowContext(r.Context(), "SELECT name FROM users WHERE id = $1", r.PathValue("id")).Scan(&name)
	w.Write([]byte(name))
}

// Warm warms the cache once, in the handler itself.
func Warm(w http.ResponseWriter, r *http.Request) {
	if !warmed {
		time.Sleep(100 * time.Millisecond)
		warmed = true
	}
	w.WriteHeader(http.StatusNoContent)
}

// Throttle waits whenever no limiter is set, and never sets one: every
// request that finds it unset sleeps.
func Throttle(w http.ResponseWriter, r *http.Request) { // want Throttle:`blocks\(sleep: time.Sleep via Throttle\)`
	if limiter == nil {
		time.Sleep(10 * time.Millisecond) // want `^sleep: time\.Sleep in handler Throttle ignores`
	}
	w.WriteHeader(http.StatusNoContent)
}
