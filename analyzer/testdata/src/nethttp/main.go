// Command usersvc serves the user API. Its handlers come in every shape
// net/http accepts: methods and functions registered by name, literals,
// ServeHTTP types, middleware, and a handler in a file that imports
// net/http under another name.
package main

import (
	"database/sql"
	"flag"
	"log"
	"net/http"
	"time"
)

func main() { // want main:`blocks\(sleep: time.Sleep via main; sql: \(\*sql.DB\).Ping via main\)`
	addr := flag.String("addr", ":8080", "listen address")
	flag.Parse()
	db, err := sql.Open("postgres", "postgres:///users")
	if err != nil {
		log.Fatal(err)
	}
	// Wait for the database to come up: main is not a request.
	for db.Ping() != nil {
		time.Sleep(time.Second)
	}
	s := &Server{db: db, avatars: "https://avatars.internal"}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", s.getUser)
	mux.HandleFunc("GET /users", s.listUsers)
	mux.HandleFunc("PUT /users/{id}", s.createUser)
	mux.HandleFunc("DELETE /users/{id}", deleteUser(db))
	mux.Handle("POST /users", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(100 * time.Millisecond) // want `^sleep: time\.Sleep in handler for "POST /users" ignores`
		w.WriteHeader(http.StatusCreated)
	}))
	mux.HandleFunc("GET /users/{id}/avatar", func(w http.ResponseWriter, r *http.Request) {
		resp, err := http.Get(s.avatars + "/" + r.PathValue("id")) // want `^httpnoctx: http\.Get in handler for "GET /users/\{id\}/avatar" ignores`
		if err == nil {
			resp.Body.Close()
		}
	})
	mux.Handle("GET /metrics", metrics{db: db})
	mux.Handle("GET /legacy/", legacyHandler(db))
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		if err := db.Ping(); err != nil { // want `^sqlnoctx: \(\*sql\.DB\)\.Ping in handler for "/healthz" ignores .*; use PingContext with the request's context$`
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	mux.Handle("/", http.DefaultServeMux)

	srv := &http.Server{Addr: *addr, Handler: logging(s.authenticate(mux))}
	log.Fatal(srv.ListenAndServe())
}
