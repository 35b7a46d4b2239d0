// Package fiberv2app serves users on fiber v2.
package fiberv2app

import (
	"database/sql"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/timeout"
)

// Ctx is fiber's context under a local name: handlers declared with it
// are the same type.
type Ctx = fiber.Ctx

// Server serves users.
type Server struct {
	DB *sql.DB
}

// Mount registers the routes on app. timeout.NewWithContext gives the
// user context a deadline; only handlers that use it stop there.
func (s *Server) Mount(app *fiber.App) {
	app.Get("/users/:id", timeout.NewWithContext(s.getUser, 2*time.Second))
	app.Get("/users/:id/email", s.getEmail)
	app.Post("/users/:id/touch", s.touch)
	app.Get("/users/:id/v2", s.getUserContext)
}

func (s *Server) getUser(c *fiber.Ctx) error {
	rows, err := s.DB.Query("SELECT name FROM users WHERE id = $1", c.Params("id"))
	if err != nil {
		return err
	}
	defer rows.Close()
	var name string
	for rows.Next() {
		if err := rows.Scan(&name); err != nil {
			return err
		}
	}
	return c.SendString(name)
}

func (s *Server) getEmail(c *Ctx) error {
	var email string
	if err := s.DB.QueryRow("SELECT email FROM users WHERE id = $1", c.Params("id")).Scan(&email); err != nil {
		return fiber.ErrNotFound
	}
	return c.SendString(email)
}

func (s *Server) touch(c *fiber.Ctx) error {
	time.Sleep(50 * time.Millisecond) // debounce
	return c.SendStatus(fiber.StatusNoContent)
}

// getUserContext passes the user context on: silent.
func (s *Server) getUserContext(c *fiber.Ctx) error {
	var name string
	if err := s.DB.QueryRowContext(c.UserContext(), "SELECT name FROM users WHERE id = $1", c.Params("id")).Scan(&name); err != nil {
		return fiber.ErrNotFound
	}
	return c.SendString(name)
}
