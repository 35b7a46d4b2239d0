// Package inhouse is a billing service on the in-house acmeweb framework.
// Without the flags that declare acmeweb's handlers, blockcheck cannot
// know these are handlers and says nothing here.
package inhouse

import (
	"database/sql"
	"net/http"
	"time"

	"example.com/frameworks/acmeweb"
)

// Billing serves bills.
type Billing struct {
	DB *sql.DB
}

// Mount registers the routes.
func (b *Billing) Mount(rt *acmeweb.Router) {
	rt.Route("/bills/{id}", b.bill)
	rt.Endpoint("/bills/{id}/total", b.total)
	rt.Endpoint("/bills/{id}/due", func(req *acmeweb.Request) acmeweb.Response {
		time.Sleep(time.Millisecond)
		return acmeweb.Response{Status: http.StatusOK}
	})
}

// bill has the shape declared by -handler-shapes.
func (b *Billing) bill(c *acmeweb.Ctx) error {
	var amount int64
	if err := b.DB.QueryRow("SELECT amount FROM bills WHERE id = $1", c.R.PathValue("id")).Scan(&amount); err != nil {
		return err
	}
	c.W.WriteHeader(http.StatusOK)
	return nil
}

// total is registered with Router.Endpoint, declared by
// -handler-registrations.
func (b *Billing) total(req *acmeweb.Request) acmeweb.Response {
	var total int64
	if err := b.DB.QueryRow("SELECT sum(amount) FROM bills WHERE id = $1", req.R.PathValue("id")).Scan(&total); err != nil {
		return acmeweb.Response{Status: http.StatusNotFound}
	}
	return acmeweb.Response{Status: http.StatusOK}
}
