// Package gin is a stub of github.com/gin-gonic/gin: the request
// accessors the unbounded rules follow, with the real signatures.
package gin

import "net/http"

// ResponseWriter is gin's response writer.
type ResponseWriter interface {
	http.ResponseWriter
}

// Context is a request's context.
type Context struct {
	Request *http.Request
	Writer  ResponseWriter
}

func (c *Context) Query(key string) string                       { return "" }
func (c *Context) DefaultQuery(key, def string) string           { return def }
func (c *Context) Param(key string) string                       { return "" }
func (c *Context) GetHeader(key string) string                   { return "" }
func (c *Context) ShouldBindJSON(obj any) error                  { return nil }
func (c *Context) GetRawData() ([]byte, error)                   { return nil, nil }
func (c *Context) String(code int, format string, values ...any) {}
