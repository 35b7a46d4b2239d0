// Package retryapp reserves stock at a supplier, retrying with the retry
// helpers services use: cenkalti/backoff v4 and v5, avast/retry-go and
// eapache/go-resiliency.
package retryapp

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
	backoffv5 "github.com/cenkalti/backoff/v5"
	"github.com/eapache/go-resiliency/retrier"
)

var errBusy = errors.New("supplier busy")

// Supplier serves /reserve.
type Supplier struct {
	retrier *retrier.Retrier
}

// New returns the service.
func New() *Supplier {
	return &Supplier{retrier: retrier.New(retrier.ConstantBackoff(5, 200*time.Millisecond), nil)}
}

// Routes registers the handlers.
func (s *Supplier) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /reserve/backoff", s.withBackoff)
	mux.HandleFunc("POST /reserve/backoff/ctx", s.withBackoffCtx)
	mux.HandleFunc("POST /reserve/v5", s.withBackoffV5)
	mux.HandleFunc("POST /reserve/retrygo", s.withRetryGo)
	mux.HandleFunc("POST /reserve/retrier", s.withRetrier)
}

func reserve(sku string) error { return errBusy }

func (s *Supplier) withBackoff(w http.ResponseWriter, r *http.Request) {
	sku := r.FormValue("sku")
	err := backoff.Retry(func() error { return reserve(sku) }, backoff.NewExponentialBackOff())
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
	}
}

func (s *Supplier) withBackoffCtx(w http.ResponseWriter, r *http.Request) {
	sku := r.FormValue("sku")
	b := backoff.WithContext(backoff.NewExponentialBackOff(), r.Context())
	backoff.Retry(func() error { return reserve(sku) }, backoff.WithMaxRetries(b, 5))
}

func (s *Supplier) withBackoffV5(w http.ResponseWriter, r *http.Request) {
	sku := r.FormValue("sku")
	backoffv5.Retry(context.Background(), func() (bool, error) { return true, reserve(sku) })
	backoffv5.Retry(r.Context(), func() (bool, error) { return true, reserve(sku) }, backoffv5.WithMaxTries(5))
}

func (s *Supplier) withRetryGo(w http.ResponseWriter, r *http.Request) {
	sku := r.FormValue("sku")
	retry.Do(func() error { return reserve(sku) }, retry.Attempts(5), retry.Delay(100*time.Millisecond))
	retry.Do(func() error { return reserve(sku) }, retry.Attempts(5), retry.Context(r.Context()))
}

func (s *Supplier) withRetrier(w http.ResponseWriter, r *http.Request) {
	sku := r.FormValue("sku")
	s.retrier.Run(func() error { return reserve(sku) })
	s.retrier.RunCtx(r.Context(), func(context.Context) error { return reserve(sku) })
}
