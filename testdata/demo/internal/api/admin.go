package api

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"example.com/shop/internal/store"
)

// generateCoupons creates single-use coupon codes for a campaign:
// POST /admin/coupons?count=N&percent=P. It answers with one code per line.
func (s *Server) generateCoupons(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("count"))
	if err != nil || n < 1 {
		http.Error(w, "count must be a positive number", http.StatusBadRequest)
		return
	}
	percent, err := strconv.Atoi(r.URL.Query().Get("percent"))
	if err != nil || percent < 1 || percent > 90 {
		http.Error(w, "percent must be between 1 and 90", http.StatusBadRequest)
		return
	}
	var codes []string
	for i := 0; i < n; i++ {
		codes = append(codes, "SHOP-"+rand.Text()[:12])
	}
	if err := s.Store.InsertCoupons(r.Context(), codes, percent); err != nil {
		s.internalError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	for _, c := range codes {
		fmt.Fprintln(w, c)
	}
}

// waitIdle returns once the background worker has finished the job it is
// running. The deploy script calls it before running migrations:
// POST /admin/worker/wait-idle.
func (s *Server) waitIdle(w http.ResponseWriter, r *http.Request) {
	s.Worker.WaitIdle()
	fmt.Fprintf(w, "idle, %d jobs queued\n", s.Queue.Len())
}

// healthz reports whether the database answers: GET /healthz.
func healthz(st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		if err := st.Ping(ctx); err != nil {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok\n")
	}
}

// debugSlow answers after ?d= (default 1s, at most 30s). Mounted only with
// -debug, it is used to test client timeouts and graceful shutdown:
// GET /debug/slow?d=5s.
func debugSlow(w http.ResponseWriter, r *http.Request) {
	d, err := time.ParseDuration(r.URL.Query().Get("d"))
	if err != nil || d < 0 {
		d = time.Second
	}
	d = min(d, 30*time.Second)
	//blockcheck:ignore sleep deliberate: simulates a slow upstream, mounted only with -debug
	time.Sleep(d)
	fmt.Fprintf(w, "slept %s\n", d)
}
