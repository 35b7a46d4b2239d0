// Package muxapp serves articles on gorilla/mux, which registers net/http
// handlers.
package muxapp

import (
	"net"
	"net/http"

	"github.com/gorilla/mux"

	"example.com/frameworks/internal/store"
)

// Server serves articles.
type Server struct {
	Store *store.Store
}

// Router returns the routes.
func (s *Server) Router() *mux.Router {
	r := mux.NewRouter()
	r.HandleFunc("/articles/{id}", s.article).Methods(http.MethodGet)
	r.HandleFunc("/resolve/{host}", func(w http.ResponseWriter, r *http.Request) {
		addrs, err := net.LookupHost(mux.Vars(r)["host"])
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.Write([]byte(addrs[0]))
	})
	r.Handle("/articles/{id}/v2", http.HandlerFunc(s.articleContext))
	return r
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	title, err := s.Store.Load(mux.Vars(r)["id"])
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write([]byte(title))
}

// articleContext is silent.
func (s *Server) articleContext(w http.ResponseWriter, r *http.Request) {
	title, err := s.Store.LoadContext(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write([]byte(title))
}
