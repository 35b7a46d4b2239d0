// Package httpapp calls a payment provider through resty and a webhook
// endpoint through go-retryablehttp.
package httpapp

import (
	"net/http"

	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
)

// Payments serves /payments.
type Payments struct {
	api   *resty.Client
	hooks *retryablehttp.Client
}

// New returns the service.
func New() *Payments {
	return &Payments{api: resty.New().SetBaseURL("https://pay.example"), hooks: retryablehttp.NewClient()}
}

// Routes registers the handlers.
func (p *Payments) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /payments/{id}/charge", p.charge)
	mux.HandleFunc("POST /payments/{id}/refund", p.refund)
	mux.HandleFunc("POST /payments/{id}/notify", p.notify)
	mux.HandleFunc("POST /payments/{id}/notify/ctx", p.notifyCtx)
	mux.HandleFunc("GET /payments/status", p.status)
}

// request is a helper returning a request with the headers every call
// needs, and no context.
func (p *Payments) request(key string) *resty.Request {
	return p.api.R().SetHeader("Idempotency-Key", key)
}

func (p *Payments) charge(w http.ResponseWriter, r *http.Request) {
	resp, err := p.request(r.PathValue("id")).SetBody(map[string]string{"id": r.PathValue("id")}).Post("/charges")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(resp.StatusCode())
}

func (p *Payments) refund(w http.ResponseWriter, r *http.Request) {
	p.request(r.PathValue("id")).SetContext(r.Context()).Post("/refunds")
}

func (p *Payments) notify(w http.ResponseWriter, r *http.Request) {
	req, err := retryablehttp.NewRequest(http.MethodPost, "https://hooks.example/paid", nil)
	if err != nil {
		return
	}
	p.hooks.Do(req)
}

func (p *Payments) notifyCtx(w http.ResponseWriter, r *http.Request) {
	req, _ := retryablehttp.NewRequestWithContext(r.Context(), http.MethodPost, "https://hooks.example/paid", nil)
	p.hooks.Do(req)
}

func (p *Payments) status(w http.ResponseWriter, r *http.Request) {
	p.hooks.Get("https://pay.example/status")
}
