// Package chisvc mounts its routes behind chi's RequestSize and Timeout
// middleware: what they are applied to is not followed, so no handler of
// the package is reported for its body or its client.
package chisvc

import (
	"io"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

var upstream = &http.Client{}

func upload(w http.ResponseWriter, r *http.Request) { // want upload:`blocks\(slow: \(\*http.Client\).Do via upload; notimeout: \(\*http.Client\).Do with upstream, built with no Timeout at chisvc.go:14 via upload\)`
	body, _ := io.ReadAll(r.Body)
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodPost, "https://store.internal", nil)
	if resp, err := upstream.Do(req); err == nil {
		resp.Body.Close()
	}
	w.Write(body)
}

// Routes wraps the mux.
func Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /upload", upload)
	limited := middleware.RequestSize(1 << 20)
	return middleware.Timeout(10 * time.Second)(limited(mux))
}
