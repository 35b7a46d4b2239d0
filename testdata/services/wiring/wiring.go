// Package wiring is the service's main: it binds the store that the api
// package's handlers call through an interface.
package wiring

import (
	"database/sql"
	"net/http"

	"services/api"
	"services/pg"
)

// Routes builds the API on PostgreSQL.
func Routes(mux *http.ServeMux, db *sql.DB) {
	users := api.NewUserAPI(pg.New(db))
	mux.HandleFunc("/api/user", users.Get)
}
