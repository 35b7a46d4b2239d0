// Package upstream calls other services from its handlers, with clients
// that have a timeout and clients that do not.
package upstream

import (
	"context"
	"io"
	"net/http"
	"time"

	"unbounded/upstream/payments"
)

var quotes = &http.Client{}

var inventory = &http.Client{Timeout: 3 * time.Second}

// Server holds the clients.
type Server struct {
	pay   *payments.Client
	timed *payments.Timed
	later *payments.Later
}

func (s *Server) quote(w http.ResponseWriter, r *http.Request) { // want quote:`blocks\(slow: \(\*http.Client\).Do via Server.quote; notimeout: \(\*http.Client\).Do with quotes, built with no Timeout at quotes.go:14 via Server.quote\)`
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://quotes.internal/today", nil)
	if err != nil {
		return
	}
	resp, err := quotes.Do(req) // want `^clienttimeout: \(\*http\.Client\)\.Do with quotes, built with no Timeout at quotes\.go:14 in handler Server\.quote: only the request's context bounds the wait for a server that never answers; send with an http\.Client that has a Timeout, or give the request a deadline$`
	if err != nil {
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

func (s *Server) proxy(w http.ResponseWriter, r *http.Request) { // want proxy:`blocks\(slow: \(\*http.Client\).Do via Server.proxy; notimeout: \(\*http.Client\).Do with http.DefaultClient, which has no Timeout via Server.proxy\)`
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://legacy.internal"+r.URL.Path, nil)
	if err != nil {
		return
	}
	resp, err := http.DefaultClient.Do(req) // want `^clienttimeout: \(\*http\.Client\)\.Do with http\.DefaultClient, which has no Timeout in handler Server\.proxy: `
	if err == nil {
		resp.Body.Close()
	}
}

func (s *Server) charge(w http.ResponseWriter, r *http.Request) { // want charge:`blocks\(slow: \(\*http.Client\).Do via Server.charge → Client.Charge; notimeout: \(\*http.Client\).Do with c.http, built with no Timeout at client.go:20 via Server.charge → Client.Charge\)`
	if err := s.pay.Charge(r.Context(), r.PathValue("id")); err != nil { // want `^clienttimeout: handler Server\.charge reaches \(\*http\.Client\)\.Do with c\.http, built with no Timeout at client\.go:20, via Client\.Charge \(client\.go:29\): only the request's context bounds the wait for a server that never answers; give that client a Timeout, or pass down a deadline$`
		http.Error(w, "payment failed", http.StatusBadGateway)
	}
	if err := s.pay.Refund(r.Context(), r.PathValue("id")); err != nil { // want `^clienttimeout: handler Server\.charge reaches \(\*http\.Client\)\.Do with c\.http, built with no Timeout at client\.go:20, via Client\.Refund \(client\.go:43\)`
		http.Error(w, "refund failed", http.StatusBadGateway)
	}
}

// Not reported.

func (s *Server) chargeWithDeadline(w http.ResponseWriter, r *http.Request) { // want chargeWithDeadline:`blocks\(slow: \(\*http.Client\).Do via Server.chargeWithDeadline → Client.Charge\)`
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	s.pay.Charge(ctx, r.PathValue("id"))
	s.pay.Quick(r.Context(), r.PathValue("id"))
}

func (s *Server) timedClients(w http.ResponseWriter, r *http.Request) { // want timedClients:`blocks\(slow: \(\*http.Client\).Do via Server.timedClients\)`
	s.timed.Get(r.Context(), "https://a.internal")
	s.later.Get(r.Context(), "https://b.internal")
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://inventory.internal", nil)
	if resp, err := inventory.Do(req); err == nil {
		resp.Body.Close()
	}
	local := &http.Client{Timeout: time.Second}
	if resp, err := local.Do(req); err == nil {
		resp.Body.Close()
	}
}

func (s *Server) deadlineHere(w http.ResponseWriter, r *http.Request) { // want deadlineHere:`blocks\(slow: \(\*http.Client\).Do via Server.deadlineHere\)`
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://quotes.internal/today", nil)
	if resp, err := quotes.Do(req); err == nil {
		resp.Body.Close()
	}
}

// noContext is httpnoctx's: one finding per call.
func (s *Server) noContext(w http.ResponseWriter, r *http.Request) { // want noContext:`blocks\(http: http.Get via Server.noContext\)`
	resp, err := http.Get("https://quotes.internal/today") // want `^httpnoctx: http\.Get in handler Server\.noContext`
	if err == nil {
		resp.Body.Close()
	}
	req, _ := http.NewRequest(http.MethodGet, "https://quotes.internal/today", nil)
	if resp, err := quotes.Do(req); err == nil { // want `^httpnoctx: \(\*http\.Client\)\.Do \(built by http\.NewRequest\) in handler Server\.noContext ignores the request's context \(other requests are still served\); build it with http\.NewRequestWithContext and r\.Context\(\)$`
		resp.Body.Close()
	}
}

// slowPath runs behind http.TimeoutHandler.
func (s *Server) slowPath(w http.ResponseWriter, r *http.Request) { // want slowPath:`blocks\(slow: \(\*http.Client\).Do via Server.slowPath; notimeout: \(\*http.Client\).Do with quotes, built with no Timeout at quotes.go:14 via Server.slowPath\)`
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://quotes.internal/today", nil)
	if resp, err := quotes.Do(req); err == nil {
		resp.Body.Close()
	}
}

// Routes mounts slowPath behind a timeout.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /quote", s.quote)
	mux.Handle("GET /slow", http.TimeoutHandler(http.HandlerFunc(s.slowPath), 5*time.Second, "timeout"))
	return mux
}

// background is not a handler.
func background() { // want background:`blocks\(slow: \(\*http.Client\).Do via background; notimeout: \(\*http.Client\).Do with http.DefaultClient, which has no Timeout via background\)`
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://quotes.internal/warm", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
}

// bounce passes the request on through passThru, which gives it a
// deadline before post sends it (golang.org/x/tools/playground's shape).
func bounce(w http.ResponseWriter, r *http.Request) { // want bounce:`blocks\(slow: \(\*http.Client\).Do via bounce → passThru → post\)`
	if err := passThru(w, r); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func passThru(w io.Writer, req *http.Request) error { // want passThru:`blocks\(slow: \(\*http.Client\).Do via passThru → post\)`
	ctx, cancel := context.WithTimeout(req.Context(), 60*time.Second)
	defer cancel()
	resp, err := post(ctx, "https://play.internal"+req.URL.Path, req.Body)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

func post(ctx context.Context, url string, body io.Reader) (*http.Response, error) { // want post:`blocks\(slow: \(\*http.Client\).Do via post; notimeout: \(\*http.Client\).Do with http.DefaultClient, which has no Timeout via post\)`
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req.WithContext(ctx))
}

// settle charges through a helper of this package that sets a deadline.
func (s *Server) settle(w http.ResponseWriter, r *http.Request) { // want settle:`blocks\(slow: \(\*http.Client\).Do via Server.settle → Server.chargeWithin → Client.Charge\)`
	s.chargeWithin(r.Context(), r.PathValue("id"))
}

func (s *Server) chargeWithin(ctx context.Context, id string) error { // want chargeWithin:`blocks\(slow: \(\*http.Client\).Do via Server.chargeWithin → Client.Charge\)`
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return s.pay.Charge(ctx, id)
}
