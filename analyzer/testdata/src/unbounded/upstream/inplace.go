package upstream

import (
	"net/http"
	"time"
)

// Clients whose Transport is set but bounds nothing once the server has
// accepted the connection, and clients built where they are used.
var (
	feeds = &http.Client{Transport: &http.Transport{MaxIdleConns: 10, TLSHandshakeTimeout: 5 * time.Second}}
	rates = &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 5 * time.Second}}
	trace = &http.Client{Transport: traced}
)

// traced stands for a wrapping transport set up elsewhere (a tracer).
var traced http.RoundTripper = http.DefaultTransport

func (s *Server) feed(w http.ResponseWriter, r *http.Request) { // want feed:`blocks\(slow: \(\*http.Client\).Do via Server.feed; notimeout: \(\*http.Client\).Do with feeds, built with no Timeout at inplace.go:11 via Server.feed\)`
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://feeds.internal/latest", nil)
	if resp, err := feeds.Do(req); err == nil { // want `^clienttimeout: \(\*http\.Client\)\.Do with feeds, built with no Timeout at inplace\.go:11 in handler Server\.feed: only the request's context bounds the wait for a server that never answers`
		resp.Body.Close()
	}
}

func (s *Server) lookup(w http.ResponseWriter, r *http.Request) { // want lookup:`blocks\(slow: \(\*http.Client\).Do via Server.lookup; notimeout: \(\*http.Client\).Do with &http.Client{}, which has no Timeout via Server.lookup\)`
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://geo.internal/"+r.PathValue("ip"), nil)
	if resp, err := (&http.Client{}).Do(req); err == nil { // want `^clienttimeout: \(\*http\.Client\)\.Do with &http\.Client\{\}, which has no Timeout in handler Server\.lookup: only the request's context bounds the wait`
		resp.Body.Close()
	}
	if resp, err := (&http.Client{Transport: http.DefaultTransport}).Do(req); err == nil { // want `^clienttimeout: \(\*http\.Client\)\.Do with &http\.Client\{…\}, which has no Timeout in handler Server\.lookup`
		resp.Body.Close()
	}
}

// Not reported: a response header timeout bounds the wait, a transport
// from elsewhere may, and so does a client built in place with a Timeout.

func (s *Server) rate(w http.ResponseWriter, r *http.Request) { // want rate:`blocks\(slow: \(\*http.Client\).Do via Server.rate\)`
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://rates.internal/eur", nil)
	if resp, err := rates.Do(req); err == nil {
		resp.Body.Close()
	}
	if resp, err := trace.Do(req); err == nil {
		resp.Body.Close()
	}
	if resp, err := (&http.Client{Timeout: 2 * time.Second}).Do(req); err == nil {
		resp.Body.Close()
	}
	c := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: time.Second}}
	if resp, err := c.Do(req); err == nil {
		resp.Body.Close()
	}
}
