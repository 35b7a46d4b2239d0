// Package gin is a stub of github.com/gin-gonic/gin: the types handlers
// are matched by.
package gin

import "net/http"

type Context struct {
	Request *http.Request
}

func (c *Context) Next() {}

type HandlerFunc func(*Context)

type RouterGroup struct{}

func (g *RouterGroup) GET(path string, handlers ...HandlerFunc)            {}
func (g *RouterGroup) Use(handlers ...HandlerFunc)                         {}
func (g *RouterGroup) Handle(method, path string, handlers ...HandlerFunc) {}

type Engine struct{ RouterGroup }
