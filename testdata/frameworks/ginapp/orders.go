// Package ginapp is an orders API on gin, imported under another name.
package ginapp

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"time"

	web "github.com/gin-gonic/gin"

	"example.com/frameworks/internal/store"
)

// Server serves orders.
type Server struct {
	DB    *sql.DB
	Store *store.Store
}

// Routes registers the handlers and middleware on r.
func (s *Server) Routes(r *web.Engine) {
	r.Use(throttle)
	api := r.Group("/api")
	api.GET("/orders/:id", s.getOrder)
	api.GET("/orders/:id/owner", s.getOwner)
	api.GET("/orders/:id/fast", s.getOrderFast)
	api.GET("/health", func(c *web.Context) {
		time.Sleep(10 * time.Millisecond) // let the probe see a warm cache
		c.Status(http.StatusOK)
	})
	api.GET("/ready", func(c *web.Context) {
		select {
		case <-time.After(10 * time.Millisecond):
			c.Status(http.StatusOK)
		case <-c.Request.Context().Done():
		}
	})
}

// throttle is middleware: it slows every request down a little.
func throttle(c *web.Context) {
	time.Sleep(5 * time.Millisecond)
	c.Next()
}

func (s *Server) getOrder(c *web.Context) {
	var status string
	err := s.DB.QueryRow("SELECT status FROM orders WHERE id = $1", c.Param("id")).Scan(&status)
	if err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, web.H{"status": status})
}

func (s *Server) getOwner(c *web.Context) {
	name, err := s.Store.Load(c.Param("id"))
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.String(http.StatusOK, name)
}

// getOrderFast passes the request's context everywhere: silent.
func (s *Server) getOrderFast(c *web.Context) {
	ctx := c.Request.Context()
	var status string
	if err := s.DB.QueryRowContext(ctx, "SELECT status FROM orders WHERE id = $1", c.Param("id")).Scan(&status); err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	name, err := s.Store.LoadContext(ctx, c.Param("id"))
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.JSON(http.StatusOK, web.H{"status": status, "owner": name})
}

// Sweep is a background worker, started by main: not a handler.
func (s *Server) Sweep(ctx context.Context) {
	for ctx.Err() == nil {
		if _, err := s.DB.Exec("DELETE FROM orders WHERE abandoned"); err != nil {
			log.Print(err)
		}
		time.Sleep(time.Minute)
	}
}
