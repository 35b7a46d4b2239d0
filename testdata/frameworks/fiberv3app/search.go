package fiberv3app

import (
	"github.com/gofiber/fiber/v3"
)

// MountSearch registers the search routes.
func (s *Server) MountSearch(app *fiber.App) {
	app.Get("/products/page", s.page)
}

// page reads its size with fiber v3's generic accessor.
func (s *Server) page(c fiber.Ctx) error {
	n := fiber.Query[int](c, "size")
	out := make([]string, n)
	return c.JSON(out)
}
