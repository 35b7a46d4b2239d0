// Package hertzapp is an orders API on CloudWeGo Hertz. Its handlers take
// the connection's context.Context and the *app.RequestContext; main builds
// the server with server.WithSenseClientDisconnection(true), so that ctx
// is cancelled when the client goes away.
package hertzapp

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"os/exec"
	"strconv"
	"time"

	"github.com/cloudwego/hertz/pkg/app"
	"github.com/cloudwego/hertz/pkg/app/server"
	"github.com/cloudwego/hertz/pkg/common/utils"
	"github.com/cloudwego/hertz/pkg/protocol/http1/resp"

	"example.com/webframeworks/internal/store"
)

// Server serves orders.
type Server struct {
	DB    *sql.DB
	Store *store.Store
}

// Routes registers the handlers and middleware on h.
func (s *Server) Routes(h *server.Hertz) {
	h.Use(throttle)
	api := h.Group("/api")
	api.GET("/orders/:id", s.getOrder)
	api.GET("/orders/:id/owner", s.getOwner)
	api.GET("/orders/:id/fast", s.getOrderFast)
	api.GET("/orders/:id/invoice", s.invoice)
	api.POST("/orders/:id/labels", s.labels)
	api.POST("/orders/:id/audit", s.audit)
	api.GET("/orders/:id/watch", s.watch)
	api.GET("/orders/export", s.export)
	api.GET("/health", func(ctx context.Context, c *app.RequestContext) {
		time.Sleep(10 * time.Millisecond) // let the probe see a warm cache
		c.Status(http.StatusOK)
	})
	api.GET("/ready", func(ctx context.Context, c *app.RequestContext) {
		select {
		case <-time.After(10 * time.Millisecond):
			c.Status(http.StatusOK)
		case <-ctx.Done():
		}
	})
}

// throttle is middleware: it slows every request down a little.
func throttle(ctx context.Context, c *app.RequestContext) {
	time.Sleep(5 * time.Millisecond)
	c.Next(ctx)
}

func (s *Server) getOrder(ctx context.Context, c *app.RequestContext) {
	var status string
	err := s.DB.QueryRow("SELECT status FROM orders WHERE id = $1", c.Param("id")).Scan(&status)
	if err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, utils.H{"status": status})
}

func (s *Server) getOwner(ctx context.Context, c *app.RequestContext) {
	name, err := s.Store.Load(c.Param("id"))
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.String(http.StatusOK, name)
}

// invoice renders the invoice with an external tool.
func (s *Server) invoice(ctx context.Context, c *app.RequestContext) {
	pdf, err := exec.Command("render-invoice", c.Param("id")).Output()
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Data(http.StatusOK, "application/pdf", pdf)
}

// labels prints as many shipping labels as the query asks for.
func (s *Server) labels(ctx context.Context, c *app.RequestContext) {
	n, err := strconv.Atoi(c.DefaultQuery("copies", "1"))
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	labels := make([]string, 0, 4)
	for i := 0; i < n; i++ {
		labels = append(labels, "label "+c.Param("id")+" #"+strconv.Itoa(i))
	}
	c.JSON(http.StatusOK, utils.H{"labels": labels})
}

// watch streams the order's status to a dashboard, every second, in
// chunks: each Flush writes to the client.
func (s *Server) watch(ctx context.Context, c *app.RequestContext) {
	c.Response.HijackWriter(resp.NewChunkedBodyWriter(&c.Response, c.GetWriter()))
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		<-tick.C
		c.WriteString(c.Param("id") + " is pending\n")
		_ = c.Flush()
	}
}

// auditRequest is what the audit endpoint binds.
type auditRequest struct {
	Pages int `json:"pages"`
}

// audit reads the audit pages the body asks for.
func (s *Server) audit(ctx context.Context, c *app.RequestContext) {
	var req auditRequest
	if err := c.BindAndValidate(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	var pages []string
	for page := 0; page < req.Pages; page++ {
		pages = append(pages, strconv.Itoa(page))
	}
	c.JSON(http.StatusOK, utils.H{"pages": pages})
}

// exportRequest is what the export endpoint binds: BindAndValidate
// evaluates the vd expression, so Days is at most a year.
type exportRequest struct {
	Days int `query:"days" vd:"$>0&&$<=366"`
}

// export lists one line per day asked for, bounded by the validator: silent.
func (s *Server) export(ctx context.Context, c *app.RequestContext) {
	var req exportRequest
	if err := c.BindAndValidate(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	lines := make([]string, 0, req.Days)
	for day := 0; day < req.Days; day++ {
		lines = append(lines, "day "+strconv.Itoa(day))
	}
	c.JSON(http.StatusOK, utils.H{"lines": lines})
}

// getOrderFast passes the request's context everywhere: silent.
func (s *Server) getOrderFast(ctx context.Context, c *app.RequestContext) {
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
	id := c.Param("id")
	go func() { // work started on a goroutine, after the response: not the request's
		time.Sleep(time.Second)
		if _, err := s.DB.Exec("UPDATE orders SET viewed = true WHERE id = $1", id); err != nil {
			log.Print(err)
		}
	}()
	c.JSON(http.StatusOK, utils.H{"status": status, "owner": name})
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
