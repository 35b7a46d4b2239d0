// Package echo is a stub of github.com/labstack/echo/v4: the request
// accessors the unbounded rules follow, with the real signatures.
package echo

import "net/http"

// Response is echo's response writer.
type Response struct {
	Writer http.ResponseWriter
}

func (r *Response) Header() http.Header         { return nil }
func (r *Response) Write(b []byte) (int, error) { return len(b), nil }
func (r *Response) WriteHeader(code int)        {}

// Context is a request's context.
type Context interface {
	Request() *http.Request
	Response() *Response
	QueryParam(name string) string
	Param(name string) string
	Bind(i any) error
	String(code int, s string) error
}
