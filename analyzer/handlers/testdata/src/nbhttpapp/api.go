// Package nbhttpapp serves net/http handlers on nbhttp, whose request
// context only the engine's Stop cancels, and one on net/http.
package nbhttpapp

import (
	"net/http"

	"github.com/lesismal/nbio/nbhttp"
)

type API struct{}

func (a *API) motd(w http.ResponseWriter, r *http.Request) {} // want `^net/http handler API\.motd, cancelled when "the nbhttp engine stops \(nbhttp cancels nothing when the client disconnects\)"$`

func health(w http.ResponseWriter, r *http.Request) {} // want `^net/http handler health, cancelled when "the nbhttp engine stops \(nbhttp cancels nothing when the client disconnects\)"$`

func metrics(w http.ResponseWriter, r *http.Request) {} // want `^net/http handler metrics, cancelled when "the client disconnects"$`

func New(addr string, a *API) *nbhttp.Engine {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /motd", a.motd)
	mux.Handle("GET /healthz", http.HandlerFunc(health))
	mux.HandleFunc("GET /time", func(w http.ResponseWriter, r *http.Request) {}) // want `^net/http handler for "GET /time", cancelled when "the nbhttp engine stops \(nbhttp cancels nothing when the client disconnects\)"$`
	return nbhttp.NewEngine(nbhttp.Config{Network: "tcp", Addrs: []string{addr}, Handler: mux})
}

func Admin(addr string) *nbhttp.Server {
	conf := nbhttp.Config{Network: "tcp", Addrs: []string{addr}}
	admin := http.NewServeMux()
	admin.HandleFunc("POST /reload", func(w http.ResponseWriter, r *http.Request) {}) // want `^net/http handler for "POST /reload", cancelled when "the nbhttp engine stops \(nbhttp cancels nothing when the client disconnects\)"$`
	return nbhttp.NewServer(conf, admin)
}

func Assigned(addr string) *nbhttp.Engine {
	var conf nbhttp.Config
	conf.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}) // want `^net/http handler func literal in Assigned, cancelled when "the nbhttp engine stops \(nbhttp cancels nothing when the client disconnects\)"$`
	return nbhttp.NewEngine(conf)
}

// Metrics are served by net/http.
func Metrics() error {
	return http.ListenAndServe(":9090", http.HandlerFunc(metrics))
}
