// Package ginsvc serves the same pages on gin and echo: their accessors
// are request input, and their bodies are limited the framework's way.
package ginsvc

import (
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

type page struct {
	Size int `json:"size"`
}

func list(c *gin.Context) {
	n, _ := strconv.Atoi(c.Query("limit"))
	rows := make([]string, 0, n) // want `^unboundedalloc: n comes from c\.Query\("limit"\) \(ginsvc\.go:19\) with no upper bound and sizes make\(\[\]string, 0, n\): one request can make handler list allocate`
	var p page
	if err := c.ShouldBindJSON(&p); err != nil { // want `^bodyread: c\.ShouldBindJSON\(&p\) in handler list decodes the request body, .*; limit the body first: c\.Request\.Body = http\.MaxBytesReader\(c\.Writer, c\.Request\.Body, 1<<20\)$`
		return
	}
	for i := 0; i < p.Size; i++ { // want `^unboundedloop: p\.Size comes from c\.ShouldBindJSON\(&p\) \(ginsvc\.go:22\) with no upper bound`
		rows = append(rows, c.Param("prefix"))
	}
	c.String(http.StatusOK, "%d rows", len(rows))
}

func listLimited(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 64<<10)
	var p page
	if err := c.ShouldBindJSON(&p); err != nil {
		return
	}
	c.String(http.StatusOK, "%d", min(p.Size, 100))
}

func raw(c *gin.Context) {
	body, _ := io.ReadAll(c.Request.Body) // want `^bodyread: io\.ReadAll\(c\.Request\.Body\) in handler raw `
	c.String(http.StatusOK, "%d", len(body))
}

func echoList(c echo.Context) error {
	n, _ := strconv.Atoi(c.QueryParam("limit"))
	var p page
	if err := c.Bind(&p); err != nil { // want `^bodyread: c\.Bind\(&p\) in handler echoList decodes the request body`
		return err
	}
	body, _ := io.ReadAll(c.Request().Body) // want `^bodyread: io\.ReadAll\(c\.Request\(\)\.Body\) in handler echoList .*; limit the body first: c\.Request\(\)\.Body = http\.MaxBytesReader\(c\.Response\(\), c\.Request\(\)\.Body, 1<<20\)$`
	_ = make([]byte, p.Size+len(body))      // want `^unboundedalloc: p\.Size \+ len\(body\) comes from c\.Bind\(&p\) \(ginsvc\.go:48\)`
	return c.String(http.StatusOK, strconv.Itoa(min(n, 50)))
}
