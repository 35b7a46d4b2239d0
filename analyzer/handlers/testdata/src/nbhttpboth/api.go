// Package nbhttpboth serves one mux on nbhttp and on net/http: its
// handlers are cancelled as either server does.
package nbhttpboth

import (
	"net/http"

	"github.com/lesismal/nbio/nbhttp"
)

func motd(w http.ResponseWriter, r *http.Request) {} // want `^net/http handler motd, cancelled when "the request's context is cancelled"$`

func New() (*nbhttp.Engine, *http.Server) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /motd", motd)
	return nbhttp.NewEngine(nbhttp.Config{Handler: mux}), &http.Server{Handler: mux}
}
