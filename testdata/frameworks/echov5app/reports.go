// Package echov5app serves reports on echo v5, whose Context is a struct.
package echov5app

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/labstack/echo/v5"
)

// Server serves reports.
type Server struct {
	DB *sql.DB
}

// Register mounts the routes on e.
func (s *Server) Register(e *echo.Echo) {
	e.Use(pace)
	e.GET("/reports/:id", s.report)
	e.GET("/reports/:id/count", s.count)
}

// pace is echo v5 middleware.
func pace(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		time.Sleep(20 * time.Millisecond)
		return next(c)
	}
}

func (s *Server) report(c *echo.Context) error {
	rows, err := s.DB.Query("SELECT line FROM report_lines WHERE report = $1", c.Param("id"))
	if err != nil {
		return err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return err
		}
		lines = append(lines, l)
	}
	return c.JSON(http.StatusOK, lines)
}

// count uses the request's context: silent.
func (s *Server) count(c *echo.Context) error {
	var n int
	if err := s.DB.QueryRowContext(c.Request().Context(), "SELECT count(*) FROM report_lines WHERE report = $1", c.Param("id")).Scan(&n); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, n)
}
