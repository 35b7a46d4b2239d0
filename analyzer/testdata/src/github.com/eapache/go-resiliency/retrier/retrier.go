// Package retrier is a stub of github.com/eapache/go-resiliency/retrier v1.7.0.
package retrier

import (
	"context"
	"time"
)

type Retrier struct{}

func New(backoff []time.Duration, class interface{}) *Retrier     { return &Retrier{} }
func ConstantBackoff(n int, amount time.Duration) []time.Duration { return nil }

func (r *Retrier) Run(work func() error) error { return work() }
func (r *Retrier) RunCtx(ctx context.Context, work func(ctx context.Context) error) error {
	return work(ctx)
}
