package api

import (
	"net/http"

	"services/store"
)

// The handlers of package api reach their store through an interface that
// the wiring package binds.

// UserAPI serves users from whatever store it is given.
type UserAPI struct {
	Users store.Users
}

// NewUserAPI is the constructor the wiring calls.
func NewUserAPI(users store.Users) *UserAPI {
	return &UserAPI{Users: users}
}

// Get serves one user.
func (a *UserAPI) Get(w http.ResponseWriter, r *http.Request) {
	name, err := a.Users.Find(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Write([]byte(name))
}
