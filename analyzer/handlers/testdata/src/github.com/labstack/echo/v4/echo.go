// Package echo is a stub of github.com/labstack/echo/v4.
package echo

import "net/http"

type Context interface {
	Request() *http.Request
	Param(name string) string
}

type HandlerFunc func(c Context) error

type MiddlewareFunc func(next HandlerFunc) HandlerFunc

type Echo struct{}

func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) {}
