// Package retry runs an operation again when it fails, with exponential
// backoff and jitter between attempts.
package retry

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// Policy says how often and how patiently to retry. The zero value is usable.
type Policy struct {
	Attempts int           // total attempts, including the first; 0 means 3
	Base     time.Duration // delay before the second attempt; 0 means 100ms
	Max      time.Duration // cap on a single delay; 0 means 5s
}

// Default is the policy used by Do and DoContext.
var Default Policy

// Do calls fn until it succeeds, returns a Permanent error, or the attempts
// run out. It sleeps between attempts.
func Do(fn func() error) error { return Default.Do(fn) }

// DoContext is like Do but stops waiting as soon as ctx is done.
func DoContext(ctx context.Context, fn func() error) error { return Default.DoContext(ctx, fn) }

// Do calls fn with p's backoff between attempts.
func (p Policy) Do(fn func() error) error {
	var err error
	for i := range p.attempts() {
		if i > 0 {
			time.Sleep(p.delay(i))
		}
		if err = fn(); err == nil || isPermanent(err) {
			return unwrap(err)
		}
	}
	return err
}

// DoContext calls fn with p's backoff between attempts, giving up when ctx is done.
func (p Policy) DoContext(ctx context.Context, fn func() error) error {
	var err error
	for i := range p.attempts() {
		if i > 0 {
			t := time.NewTimer(p.delay(i))
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
		if err = fn(); err == nil || isPermanent(err) {
			return unwrap(err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return err
}

func (p Policy) attempts() int {
	if p.Attempts <= 0 {
		return 3
	}
	return p.Attempts
}

// delay is the wait before attempt i (i >= 1): Base·2^(i-1), capped at Max,
// with up to 20% jitter.
func (p Policy) delay(i int) time.Duration {
	base, maxDelay := p.Base, p.Max
	if base <= 0 {
		base = 100 * time.Millisecond
	}
	if maxDelay <= 0 {
		maxDelay = 5 * time.Second
	}
	d := base << (i - 1)
	if d <= 0 || d > maxDelay {
		d = maxDelay
	}
	return d - time.Duration(rand.Int64N(int64(d)/5+1))
}

type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as not worth retrying; Do returns the wrapped error at once.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

func isPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

func unwrap(err error) error {
	var p permanentError
	if errors.As(err, &p) {
		return p.err
	}
	return err
}
