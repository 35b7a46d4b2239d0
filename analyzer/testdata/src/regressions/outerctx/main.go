// Command outerctx registers handler literals inside functions that have a
// context of their own: the server's lifetime context. The request's
// context is r.Context(); a fix that uses the outer ctx compiles but lets
// the call run on after the client has gone, until shutdown.
package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"
)

// routes registers the API; ctx is the server's lifetime.
func routes(ctx context.Context, db *sql.DB, mux *http.ServeMux) {
	go refreshStats(ctx, db)
	mux.HandleFunc("POST /visits", func(w http.ResponseWriter, r *http.Request) {
		db.Exec("UPDATE counters SET n = n + 1 WHERE name = 'visits'") // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler for "POST /visits" ignores the request's context \(other requests are still served\); use ExecContext with r\.Context\(\)$`
		time.Sleep(10 * time.Millisecond)                              // want `^sleep: time\.Sleep in handler .*; use a select on time\.After and r\.Context\(\)\.Done\(\)$`
	})
}

func refreshStats(ctx context.Context, db *sql.DB) { // want refreshStats:`blocks\(slow: \(\*sql.DB\).ExecContext via refreshStats\)`
	db.ExecContext(ctx, "REFRESH MATERIALIZED VIEW stats")
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	db, err := sql.Open("postgres", "")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	routes(ctx, db, mux)
	mux.HandleFunc("GET /ping", func(w http.ResponseWriter, r *http.Request) {
		if err := db.Ping(); err != nil { // want `^sqlnoctx: \(\*sql\.DB\)\.Ping in handler .*; use PingContext with r\.Context\(\)$`
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	srv := &http.Server{Addr: ":8080", Handler: mux}
	go srv.ListenAndServe()
	<-ctx.Done()
	srv.Shutdown(context.Background())
}
