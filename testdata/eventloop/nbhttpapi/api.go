// Package nbhttpapi serves HTTP on nbio's nbhttp. Its handlers run in a
// goroutine pool (nbhttp.Config.ServerExecutor, by default a pool of
// NumCPU×1024 goroutines), not on the pollers: a slow handler occupies a
// pool goroutine, and does not stall a loop. Their request context is the
// engine's: a client that disconnects does not cancel it, only the
// engine's Stop or Shutdown does.
package nbhttpapi

import (
	"fmt"
	"net/http"
	"os"
	"time"

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
	mux.HandleFunc("GET /ticks", ticks)
	return nbhttp.NewEngine(nbhttp.Config{Network: "tcp", Addrs: []string{addr}, Handler: mux})
}

// ticks streams the time once a second, and never stops: a failed write
// is ignored, and r.Context() would end only with the engine.
func ticks(w http.ResponseWriter, r *http.Request) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		fmt.Fprintln(w, time.Now().Format(time.RFC3339))
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		<-tick.C
	}
}
