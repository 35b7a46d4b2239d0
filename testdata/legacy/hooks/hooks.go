// Package hooks receives webhooks from partners.
package hooks

import (
	"net/http"

	"example.com/legacy/store"
)

// Receive answers POST /hooks/{key}.
func Receive(st *store.Storage) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.PathValue("key")
		if ok, err := st.APIKeyExists(key); err != nil || !ok {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		if err := st.Touch(key); err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}
