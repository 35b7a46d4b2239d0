// Package billing serves bills on the in-house framework.
package billing

import (
	"database/sql"
	"time"

	"declared/web"
)

// Billing serves bills.
type Billing struct {
	db *sql.DB
}

// Mount registers the routes.
func (b *Billing) Mount(rt *web.Router) {
	rt.Route("/bills/{id}", b.bill)
	rt.Endpoint("/bills/{id}/total", b.total)
	rt.Endpoint("/bills/{id}/due", func(req *web.Request) int {
		time.Sleep(time.Millisecond) // want `^sleep: time\.Sleep in handler for "/bills/\{id\}/due" ignores the request's context \(other requests are still served\); use a select on time\.After and req\.Context\(\)\.Done\(\)$`
		return 200
	})
}

// bill has the declared shape.
func (b *Billing) bill(c *web.Ctx) error { // want bill:`blocks\(sql: \(\*sql\.DB\)\.QueryRow via Billing\.bill\)`
	var amount int64
	return b.db.QueryRow("SELECT amount FROM bills WHERE id = $1", c.R.PathValue("id")).Scan(&amount) // want `^sqlnoctx: \(\*sql\.DB\)\.QueryRow in handler Billing\.bill ignores the request's context \(other requests are still served\); use QueryRowContext with c\.Context\(\)$`
}

// total is registered with the declared Router.Endpoint.
func (b *Billing) total(req *web.Request) int { // want total:`blocks\(sql: \(\*sql\.DB\)\.Exec via Billing\.total\)`
	if _, err := b.db.Exec("UPDATE bills SET viewed = true WHERE id = $1", req.R.PathValue("id")); err != nil { // want `^sqlnoctx: \(\*sql\.DB\)\.Exec in handler Billing\.total .*; use ExecContext with req\.Context\(\)$`
		return 500
	}
	return 200
}

// audit has neither the declared shape (no error result) nor a
// registration: not a handler.
func (b *Billing) audit(c *web.Ctx) { // want audit:`blocks\(sleep: time\.Sleep via Billing\.audit\)`
	time.Sleep(time.Second)
}
