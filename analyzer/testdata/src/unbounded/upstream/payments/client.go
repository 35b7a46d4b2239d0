// Package payments is a client of the payment provider. New builds its
// http.Client with no Timeout; the facts of the methods that send with it
// say so to the handlers of other packages.
package payments

import (
	"context"
	"net/http"
	"time"
)

// Client talks to the provider.
type Client struct {
	base string
	http *http.Client
}

// New returns a client with no timeout.
func New(base string) *Client {
	return &Client{base: base, http: &http.Client{}}
}

// Charge sends with the caller's context.
func (c *Client) Charge(ctx context.Context, id string) error { // want Charge:`blocks\(slow: \(\*http.Client\).Do via Client.Charge; notimeout: \(\*http.Client\).Do with c.http, built with no Timeout at client.go:20 via Client.Charge\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/charges/"+id, nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Refund sends from a retried callback.
func (c *Client) Refund(ctx context.Context, id string) error { // want Refund:`blocks\(slow: \(\*http.Client\).Do via Client.Refund; notimeout: \(\*http.Client\).Do with c.http, built with no Timeout at client.go:20 via Client.Refund\)`
	return retry(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/refunds/"+id, nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	})
}

// Quick gives its request a deadline.
func (c *Client) Quick(ctx context.Context, id string) error { // want Quick:`blocks\(slow: \(\*http.Client\).Do via Client.Quick\)`
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/charges/"+id, nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func retry(op func() error) error { // want retry:`slots\(sync\[0\]\)`
	var err error
	for range 3 {
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}

// Timed has a timeout.
type Timed struct {
	http *http.Client
}

// NewTimed returns a client with a timeout.
func NewTimed() *Timed { return &Timed{http: &http.Client{Timeout: 5 * time.Second}} }

// Get sends with the timed client.
func (t *Timed) Get(ctx context.Context, url string) error { // want Get:`blocks\(slow: \(\*http.Client\).Do via Timed.Get\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := t.http.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Later sets its timeout after building the client.
type Later struct {
	http *http.Client
}

// NewLater returns a client whose timeout is set afterwards.
func NewLater() *Later {
	l := &Later{http: &http.Client{}}
	l.http.Timeout = 10 * time.Second
	return l
}

// Get sends with it.
func (l *Later) Get(ctx context.Context, url string) error { // want Get:`blocks\(slow: \(\*http.Client\).Do via Later.Get\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := l.http.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Exported lets callers choose the client.
type Exported struct {
	HTTP *http.Client
}

// Get sends with the caller's client.
func (e *Exported) Get(ctx context.Context, url string) error { // want Get:`blocks\(slow: \(\*http.Client\).Do via Exported.Get\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := e.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Register hands a handler to a router: it runs per request, not during
// the call, so Register is not taken to send anything (it has no fact);
// the handler itself is reported.
func Register(handle func(pattern string, h func(http.ResponseWriter, *http.Request))) { // want Register:`slots\(sync\[0\]\)`
	handle("/status", func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://status.internal", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil { // want `^clienttimeout: \(\*http\.Client\)\.Do with http\.DefaultClient, which has no Timeout in handler for "/status": `
			resp.Body.Close()
		}
	})
}
