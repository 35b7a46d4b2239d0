package fiberv2app

import (
	"github.com/gofiber/fiber/v2"
)

// Filter is the body of a search.
type Filter struct {
	Tags  []string `json:"tags"`
	Depth int      `json:"depth"`
}

// MountSearch registers the search routes.
func (s *Server) MountSearch(app *fiber.App) {
	app.Get("/users/page", s.page)
	app.Post("/users/search", s.search)
}

// page sizes its buffer by the client's limit.
func (s *Server) page(c *fiber.Ctx) error {
	ids := make([]int64, 0, c.QueryInt("limit", 20))
	capped := make([]int64, 0, min(c.QueryInt("limit", 20), 100))
	return c.JSON(append(ids, capped...))
}

// search walks as deep as the body asks.
func (s *Server) search(c *fiber.Ctx) error {
	var f Filter
	if err := c.BodyParser(&f); err != nil {
		return fiber.ErrBadRequest
	}
	var levels []string
	for i := 0; i < f.Depth; i++ {
		levels = append(levels, f.Tags...)
	}
	return c.JSON(levels)
}
