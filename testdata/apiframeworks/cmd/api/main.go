// Command api serves the huma operations.
package main

import (
	"database/sql"
	"log"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"example.com/apiframeworks/humaapp"
)

func main() {
	db, err := sql.Open("postgres", "postgres://localhost/app")
	if err != nil {
		log.Fatal(err)
	}
	// Start-up work runs before anything is served: not a request path.
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	api := humago.New(mux, huma.DefaultConfig("Users", "1.0.0"))
	users := &humaapp.Server{Store: &humaapp.Store{DB: db}, DB: db, Audit: func(string) {}}
	users.Routes(api)

	log.Fatal(http.ListenAndServe(":8080", mux))
}
