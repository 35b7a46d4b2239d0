// Package ownshape is an in-house framework and its handlers in one
// package, which does not import net/http: the -handler-shapes type is
// declared here.
package ownshape

import (
	"context"
	"time"
)

// Ctx is a request in flight.
type Ctx struct{ ctx context.Context }

// Context returns the request's context.
func (c *Ctx) Context() context.Context { return c.ctx }

func slow(c *Ctx) error { // want slow:`blocks\(sleep: time\.Sleep via slow\)`
	time.Sleep(time.Second) // want `^sleep: time\.Sleep in handler slow ignores the request's context \(other requests are still served\); use a select on time\.After and c\.Context\(\)\.Done\(\)$`
	return nil
}
