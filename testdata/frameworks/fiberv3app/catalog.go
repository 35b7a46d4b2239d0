// Package fiberv3app serves a product catalogue on fiber v3, whose Ctx is
// an interface.
package fiberv3app

import (
	"net"
	"time"

	"github.com/gofiber/fiber/v3"

	"example.com/frameworks/internal/store"
)

// Server serves the catalogue.
type Server struct {
	Store     *store.Store
	StockAddr string
}

// Mount registers the routes on app.
func (s *Server) Mount(app *fiber.App) {
	app.Get("/products/:id", s.product)
	app.Get("/products/:id/stock", s.stock)
	app.Get("/products/:id/v2", s.productContext)
	app.Get("/ping", func(c fiber.Ctx) error {
		time.Sleep(time.Millisecond)
		return c.SendString("pong")
	})
}

func (s *Server) product(c fiber.Ctx) error {
	name, err := s.Store.Load(c.Params("id"))
	if err != nil {
		return fiber.ErrNotFound
	}
	return c.SendString(name)
}

func (s *Server) stock(c fiber.Ctx) error {
	conn, err := net.Dial("tcp", s.StockAddr)
	if err != nil {
		return fiber.ErrBadGateway
	}
	defer conn.Close()
	return c.SendStatus(fiber.StatusNoContent)
}

// productContext passes the request's context: silent.
func (s *Server) productContext(c fiber.Ctx) error {
	name, err := s.Store.LoadContext(c.Context(), c.Params("id"))
	if err != nil {
		return fiber.ErrNotFound
	}
	return c.SendString(name)
}
