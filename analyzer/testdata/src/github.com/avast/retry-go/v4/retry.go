// Package retry is a stub of github.com/avast/retry-go/v4 v4.7.0.
package retry

import (
	"context"
	"time"
)

type Option func(*Config)

type Config struct{}

type RetryableFunc func() error

func Attempts(attempts uint) Option                        { return nil }
func Delay(delay time.Duration) Option                     { return nil }
func Context(ctx context.Context) Option                   { return nil }
func Do(retryableFunc RetryableFunc, opts ...Option) error { return retryableFunc() }
