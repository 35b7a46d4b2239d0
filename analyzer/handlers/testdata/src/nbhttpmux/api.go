// Package nbhttpmux hands its mux to a function before nbhttp serves it:
// which handlers nbhttp serves is not known, and every net/http handler
// of the package says only what is true of both servers.
package nbhttpmux

import (
	"net/http"

	"github.com/lesismal/nbio/nbhttp"
)

func motd(w http.ResponseWriter, r *http.Request) {} // want `^net/http handler motd, cancelled when "the request's context is cancelled"$`

func other(w http.ResponseWriter, r *http.Request) {} // want `^net/http handler other, cancelled when "the request's context is cancelled"$`

func register(mux *http.ServeMux) {
	mux.HandleFunc("GET /motd", motd)
}

func New() *nbhttp.Engine {
	mux := http.NewServeMux()
	register(mux)
	return nbhttp.NewEngine(nbhttp.Config{Handler: mux})
}
