// Package api is the public API.
package api

import (
	"fmt"
	"net/http"

	"example.com/legacy/store"
)

// API serves the public endpoints.
type API struct{ Store *store.Storage }

func (a *API) authorized(r *http.Request) bool {
	ok, err := a.Store.APIKeyExists(r.Header.Get("X-API-Key"))
	return err == nil && ok
}

// User answers GET /users/{id}.
func (a *API) User(w http.ResponseWriter, r *http.Request) {
	if !a.authorized(r) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	name, err := a.Store.UserName(r.PathValue("id"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	fmt.Fprintln(w, name)
}

// Ping answers GET /ping for clients that check their key.
func (a *API) Ping(w http.ResponseWriter, r *http.Request) {
	if !a.authorized(r) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	fmt.Fprintln(w, "pong")
}
