package ginapp

import (
	"net/http"

	web "github.com/gin-gonic/gin"
)

// Invoice is an order's invoice.
type Invoice struct {
	ID    string
	Total int64
}

// InvoiceRoutes registers the invoice handlers on r.
func (s *Server) InvoiceRoutes(r *web.RouterGroup) {
	r.GET("/invoices/:id", s.getInvoice)
}

// loadInvoice takes the request but returns the invoice: a helper, not a
// handler. Its query is reported where getInvoice calls it, in
// getInvoice's name.
func (s *Server) loadInvoice(c *web.Context) (*Invoice, error) {
	inv := &Invoice{ID: c.Param("id")}
	err := s.DB.QueryRow("SELECT total FROM invoices WHERE id = $1", inv.ID).Scan(&inv.Total)
	return inv, err
}

func (s *Server) getInvoice(c *web.Context) {
	inv, err := s.loadInvoice(c)
	if err != nil {
		c.Status(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, inv)
}
