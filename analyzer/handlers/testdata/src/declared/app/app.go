// Package app serves requests on the in-house framework.
package app

import (
	"context"

	"declared/web"
)

type Billing struct{}

func (b *Billing) Mount(rt *web.Router) {
	rt.Route("/bills", b.bills)
	rt.Endpoint("/total", b.total)
	rt.Endpoint("/due", func(req *web.Request) int { return 0 }) // want `^declared handler for "/due", context "req\.Context\(\)"$`
	web.Handle("refund", refund)
}

func (b *Billing) bills(c *web.Ctx) error { return nil } // want `^declared handler Billing\.bills, context "c\.Context\(\)"$`

func (b *Billing) total(req *web.Request) int { return 0 } // want `^declared handler Billing\.total, context "req\.Context\(\)"$`

func refund(ctx context.Context, payload []byte) error { return nil } // want `^declared handler refund, context "ctx"$`

// The declared shape has results: error. This one has none.
func (b *Billing) noResult(c *web.Ctx) {}

// Not registered.
func (b *Billing) other(req *web.Request) int { return 0 }
