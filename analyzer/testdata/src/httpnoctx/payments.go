// Package httpnoctx is a checkout service that talks to a payment provider
// and a fraud-scoring API over HTTP.
package httpnoctx

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Checkout serves the checkout endpoints.
type Checkout struct {
	client   *http.Client
	baseURL  string
	fraudURL string
}

// status asks the provider for a payment's status with http.Get.
func (c *Checkout) status(w http.ResponseWriter, r *http.Request) { // want status:`blocks\(http: http.Get via Checkout.status\)`
	resp, err := http.Get(c.baseURL + "/payments/" + r.PathValue("id")) // want `^httpnoctx: http\.Get in handler Checkout\.status ignores the request's context \(other requests are still served\); use http\.NewRequestWithContext and Client\.Do with r\.Context\(\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

// notify posts the order to the provider with the package-level helpers.
func (c *Checkout) notify(w http.ResponseWriter, r *http.Request) { // want notify:`blocks\(http: http.Post via Checkout.notify\)`
	body := strings.NewReader(`{"order":"` + r.FormValue("order") + `"}`)
	resp, err := http.Post(c.baseURL+"/notify", "application/json", body) // want `^httpnoctx: http\.Post in handler Checkout\.notify `
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	form := url.Values{"order": {r.FormValue("order")}}
	if _, err := http.PostForm(c.baseURL+"/legacy-notify", form); err != nil { // want `^httpnoctx: http\.PostForm in handler Checkout\.notify `
		return
	}
	if resp, err := http.Head(c.baseURL + "/health"); err == nil { // want `^httpnoctx: http\.Head in handler Checkout\.notify `
		resp.Body.Close()
	}
}

// score uses the service's own client, still without a context.
func (c *Checkout) score(w http.ResponseWriter, r *http.Request) { // want score:`blocks\(http: \(\*http.Client\).Get via Checkout.score\)`
	resp, err := c.client.Get(c.fraudURL + "?card=" + r.FormValue("card")) // want `^httpnoctx: \(\*http\.Client\)\.Get in handler Checkout\.score ignores the request's context \(other requests are still served\); use http\.NewRequestWithContext and Client\.Do with r\.Context\(\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	var verdict struct{ Score float64 }
	json.NewDecoder(resp.Body).Decode(&verdict)
	if _, err := c.client.Post(c.fraudURL+"/seen", "text/plain", nil); err != nil { // want `^httpnoctx: \(\*http\.Client\)\.Post in handler Checkout\.score `
		return
	}
	c.client.PostForm(c.fraudURL+"/seen", url.Values{"card": {"x"}}) // want `^httpnoctx: \(\*http\.Client\)\.PostForm in handler Checkout\.score `
	http.DefaultClient.Head(c.fraudURL)                              // want `^httpnoctx: \(\*http\.Client\)\.Head in handler Checkout\.score `
	fmt.Fprintf(w, "%.2f", verdict.Score)
}

// refund builds a request without a context and sends it: the finding is
// at Do, and names the constructor.
func (c *Checkout) refund(w http.ResponseWriter, r *http.Request) { // want refund:`blocks\(http: \(\*http.Client\).Do via Checkout.refund\)`
	req, err := http.NewRequest(http.MethodPost, c.baseURL+"/refunds", r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.client.Do(req) // want `^httpnoctx: \(\*http\.Client\)\.Do \(built by http\.NewRequest\) in handler Checkout\.refund ignores the request's context \(other requests are still served\); build it with http\.NewRequestWithContext and r\.Context\(\)$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

// capture sends through a bare transport.
func (c *Checkout) capture(w http.ResponseWriter, r *http.Request) { // want capture:`blocks\(http: \(\*http.Transport\).RoundTrip via Checkout.capture\)`
	req, _ := http.NewRequest(http.MethodPost, c.baseURL+"/capture", nil)
	resp, err := http.DefaultTransport.(*http.Transport).RoundTrip(req) // want `^httpnoctx: \(\*http\.Transport\)\.RoundTrip \(built by http\.NewRequest\) in handler Checkout\.capture ignores the request's context \(other requests are still served\); build it with http\.NewRequestWithContext and r\.Context\(\)$`
	if err == nil {
		resp.Body.Close()
	}
}

// fetchReceipt is a client helper; a handler calling it is told where the
// request is made.
func (c *Checkout) fetchReceipt(id string) ([]byte, error) { // want fetchReceipt:`blocks\(http: \(\*http.Client\).Do via Checkout.fetchReceipt\)`
	req, err := http.NewRequest(http.MethodGet, c.baseURL+"/receipts/"+id, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// receipt reaches the request through the helper.
func (c *Checkout) receipt(w http.ResponseWriter, r *http.Request) { // want receipt:`blocks\(http: \(\*http.Client\).Do via Checkout.receipt → Checkout.fetchReceipt\)`
	b, err := c.fetchReceipt(r.PathValue("id")) // want `^httpnoctx: handler Checkout\.receipt reaches \(\*http\.Client\)\.Do via Checkout\.fetchReceipt \(payments\.go:\d+\) without the request's context \(other requests are still served\); pass it down to http\.NewRequestWithContext$`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Write(b)
}

// The handlers below carry the request's context to the provider.

// statusCtx builds the request with the context.
func (c *Checkout) statusCtx(w http.ResponseWriter, r *http.Request) { // want statusCtx:`blocks\(slow: \(\*http.Client\).Do via Checkout.statusCtx\)`
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, c.baseURL+"/payments/"+r.PathValue("id"), nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := c.client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

// refundCtx attaches the context after building the request.
func (c *Checkout) refundCtx(w http.ResponseWriter, r *http.Request) { // want refundCtx:`blocks\(slow: \(\*http.Client\).Do via Checkout.refundCtx\)`
	req, err := http.NewRequest(http.MethodPost, c.baseURL+"/refunds", r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req = req.WithContext(r.Context())
	resp, err := c.client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

// preview builds a request only to show what would be sent.
func (c *Checkout) preview(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequest(http.MethodPost, c.baseURL+"/refunds", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req.Header.Set("Idempotency-Key", r.Header.Get("Idempotency-Key"))
	req.Write(w)
}

// forward sends a request it was given; whoever built it chose the context.
func (c *Checkout) forward(req *http.Request) (*http.Response, error) { // want forward:`blocks\(slow: \(\*http.Client\).Do via Checkout.forward\)`
	return c.client.Do(req)
}

// proxy forwards the incoming request, which carries its own context.
func (c *Checkout) proxy(w http.ResponseWriter, r *http.Request) { // want proxy:`blocks\(slow: \(\*http.Client\).Do via Checkout.proxy → Checkout.forward\)`
	out := r.Clone(r.Context())
	out.RequestURI = ""
	resp, err := c.forward(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

// fetchWith takes the caller's context.
func fetchWith(ctx context.Context, client *http.Client, u string) (*http.Response, error) { // want fetchWith:`blocks\(slow: \(\*http.Client\).Do via fetchWith\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}
