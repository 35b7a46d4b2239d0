package echov5app

import (
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v5"
)

// upload reads the whole body and sizes a buffer by the query.
func (s *Server) upload(c *echo.Context) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(c.QueryParam("copies"))
	out := make([]byte, 0, n*len(body))
	return c.Blob(http.StatusOK, "application/octet-stream", out)
}
