package muxapp

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"
)

// pages renders as many page links as the path asks for.
func (s *Server) pages(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(mux.Vars(r)["count"])
	links := make([]string, n)
	for i := range links {
		links[i] = "/articles?page=" + strconv.Itoa(i)
	}
	w.Write([]byte(links[0]))
}
