// Package nbhttpapi serves HTTP on nbio's nbhttp. Its handlers run in a
// goroutine pool (nbhttp.Config.ServerExecutor, by default a pool of
// NumCPU×1024 goroutines), not on the pollers: a slow handler occupies a
// pool goroutine, and does not stall a loop.
package nbhttpapi

import (
	"net/http"
	"os"

	"github.com/lesismal/nbio/nbhttp"
)

// New returns an engine serving the API on addr.
func New(addr string) *nbhttp.Engine {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /motd", func(w http.ResponseWriter, r *http.Request) {
		b, err := os.ReadFile("/etc/motd")
		if err != nil {
			http.Error(w, "no motd", http.StatusNotFound)
			return
		}
		w.Write(b)
	})
	return nbhttp.NewEngine(nbhttp.Config{Network: "tcp", Addrs: []string{addr}, Handler: mux})
}
