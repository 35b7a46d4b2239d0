// Package backoff is a stub of a third-party retry library: Retry sleeps
// between attempts, RetryContext waits on a timer or the context.
package backoff

import (
	"context"
	"time"
)

// Retry calls op up to attempts times, sleeping base, 2*base, … between
// failures.
func Retry(attempts int, base time.Duration, op func() error) error { // want Retry:`blocks\(sleep: time.Sleep via Retry\)` Retry:`slots\(sync\[2\]\)`
	var err error
	for i := 0; i < attempts; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(base << i)
	}
	return err
}

// RetryContext is Retry that gives up when ctx is done.
func RetryContext(ctx context.Context, attempts int, base time.Duration, op func() error) error { // want RetryContext:`slots\(sync\[3\]\)`
	var err error
	for i := 0; i < attempts; i++ {
		if err = op(); err == nil {
			return nil
		}
		t := time.NewTimer(base << i)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
	return err
}

// Policy is a reusable retry configuration.
type Policy struct {
	Attempts int
	Base     time.Duration
}

// Do retries op according to the policy.
func (p Policy) Do(op func() error) error { // want Do:`blocks\(sleep: time.Sleep via Policy.Do → Retry\)` Do:`slots\(sync\[0\]\)`
	return Retry(p.Attempts, p.Base, op)
}
