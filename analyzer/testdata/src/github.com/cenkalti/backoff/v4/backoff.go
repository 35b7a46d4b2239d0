// Package backoff is a stub of github.com/cenkalti/backoff/v4 v4.3.0.
package backoff

import (
	"context"
	"time"
)

type BackOff interface{ NextBackOff() time.Duration }

type BackOffContext interface {
	BackOff
	Context() context.Context
}

type ExponentialBackOff struct{}

func (b *ExponentialBackOff) NextBackOff() time.Duration { return 0 }

type Operation func() error

func NewExponentialBackOff() *ExponentialBackOff                { return &ExponentialBackOff{} }
func WithMaxRetries(b BackOff, max uint64) BackOff              { return b }
func WithContext(b BackOff, ctx context.Context) BackOffContext { return nil }
func Retry(o Operation, b BackOff) error                        { return o() }
