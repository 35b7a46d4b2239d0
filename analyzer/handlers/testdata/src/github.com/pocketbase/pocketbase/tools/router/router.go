// Package router is a stub of PocketBase's tools/router (v0.36.8).
package router

import (
	"net/http"

	"github.com/pocketbase/pocketbase/tools/hook"
)

// Event is embedded by core.RequestEvent.
type Event struct {
	Response http.ResponseWriter
	Request  *http.Request
	hook.Event
}

func (e *Event) BindBody(dst any) error { return nil }

type RouterGroup[T hook.Resolver] struct{}

func (g *RouterGroup[T]) GET(path string, action func(e T) error) {}

func (g *RouterGroup[T]) BindFunc(fns ...func(e T) error) {}

type Router[T hook.Resolver] struct{ *RouterGroup[T] }
