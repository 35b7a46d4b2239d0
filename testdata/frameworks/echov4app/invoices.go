// Package echov4app serves invoices on echo v4.
package echov4app

import (
	"net/http"
	"net/url"
	"os/exec"
	"time"

	"github.com/labstack/echo/v4"

	"example.com/frameworks/internal/store"
)

// Server serves invoices.
type Server struct {
	Store    *store.Store
	AuditURL string
}

// Register mounts the routes on e.
func (s *Server) Register(e *echo.Echo) {
	e.Use(s.audit)
	e.GET("/invoices/:id/pdf", s.renderPDF)
	e.GET("/invoices/:id/customer", s.customer)
	e.GET("/invoices/:id/pdf/v2", s.renderPDFContext)
	e.GET("/slow", func(c echo.Context) error {
		time.Sleep(time.Second)
		return c.NoContent(http.StatusOK)
	})
}

// audit is an echo.MiddlewareFunc: its inner handler has the handler shape.
func (s *Server) audit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		resp, err := http.PostForm(s.AuditURL, url.Values{"path": {c.Path()}})
		if err == nil {
			resp.Body.Close()
		}
		return next(c)
	}
}

func (s *Server) renderPDF(c echo.Context) error {
	out, err := exec.Command("pdftk", "invoice-"+c.Param("id")+".pdf", "output", "-").Output()
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "application/pdf", out)
}

func (s *Server) customer(c echo.Context) error {
	name, err := s.Store.Load(c.Param("id"))
	if err != nil {
		return err
	}
	return c.String(http.StatusOK, name)
}

// renderPDFContext kills pdftk when the client goes away: silent.
func (s *Server) renderPDFContext(c echo.Context) error {
	out, err := exec.CommandContext(c.Request().Context(), "pdftk", "invoice-"+c.Param("id")+".pdf", "output", "-").Output()
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "application/pdf", out)
}
