// Package clients is a checkout service that calls out through resty and
// retries with backoff, retry-go and go-resiliency; each with and without
// the request's context.
package clients

import (
	"context"
	"errors"
	"net/http"
	"net/smtp"
	"time"

	"github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
	"github.com/eapache/go-resiliency/retrier"
	"github.com/go-resty/resty/v2"
)

type Checkout struct {
	api   *resty.Client
	retry *retrier.Retrier
}

// charge sends through a request built by a helper, with no context.
func (c *Checkout) charge(w http.ResponseWriter, r *http.Request) { // want charge:`blocks\(http: \(\*resty.Request\).Post via Checkout.charge\)`
	c.payment().SetBody(map[string]string{"order": r.PathValue("id")}).Post("https://pay.example/charges") // want `^httpnoctx: \(\*resty\.Request\)\.Post in handler Checkout\.charge .*; use SetContext\(r\.Context\(\)\) in the chain$`
}

func (c *Checkout) payment() *resty.Request {
	return c.api.R().SetHeader("Idempotency-Key", "k")
}

func (c *Checkout) refund(w http.ResponseWriter, r *http.Request) { // want refund:`blocks\(slow: \(\*resty.Request\).Post via Checkout.refund\)`
	c.api.R().SetContext(r.Context()).Post("https://pay.example/refunds")
}

func (c *Checkout) notify(w http.ResponseWriter, r *http.Request) { // want notify:`blocks\(sleep: backoff.Retry via Checkout.notify; slow: backoff.Retry via Checkout.notify\)`
	op := func() error {
		_, err := c.api.R().SetContext(r.Context()).Get("https://hooks.example/ping")
		return err
	}
	backoff.Retry(op, backoff.NewExponentialBackOff()) // want `^sleep: backoff\.Retry in handler Checkout\.notify .*; use backoff\.WithContext\(b, r\.Context\(\)\)$`
	backoff.Retry(op, backoff.WithMaxRetries(backoff.WithContext(backoff.NewExponentialBackOff(), r.Context()), 3))
}

func (c *Checkout) reserve(w http.ResponseWriter, r *http.Request) { // want reserve:`blocks\(sleep: retry.Do via Checkout.reserve; slow: retry.Do via Checkout.reserve\)`
	ctx := r.Context()
	reserve := func() error { return errors.New("busy") }
	retry.Do(reserve, retry.Attempts(5), retry.Delay(200*time.Millisecond)) // want `^sleep: retry\.Do in handler Checkout\.reserve .*; use the retry\.Context\(ctx\) option$`
	retry.Do(reserve, retry.Attempts(5), retry.Context(ctx))
	c.retry.Run(reserve) // want `^sleep: \(\*retrier\.Retrier\)\.Run in handler Checkout\.reserve .*; use RunCtx with ctx$`
	c.retry.RunCtx(ctx, func(context.Context) error { return reserve() })
}

func (c *Checkout) receipt(w http.ResponseWriter, r *http.Request) { // want receipt:`blocks\(dial: smtp.SendMail via Checkout.receipt\)`
	smtp.SendMail("mail.internal:25", nil, "shop@example.com", []string{r.FormValue("to")}, []byte("thanks")) // want `^dialnoctx: smtp\.SendMail in handler Checkout\.receipt .*; use smtp\.NewClient on a connection from \(&net\.Dialer\{\}\)\.DialContext with r\.Context\(\)$`
}

func (c *Checkout) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /checkout/{id}", c.charge)
	mux.HandleFunc("POST /refund", c.refund)
	mux.HandleFunc("POST /notify", c.notify)
	mux.HandleFunc("POST /reserve", c.reserve)
	mux.HandleFunc("POST /receipt", c.receipt)
}
