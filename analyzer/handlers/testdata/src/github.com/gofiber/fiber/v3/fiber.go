// Package fiber is a stub of github.com/gofiber/fiber/v3, whose Ctx is an
// interface.
package fiber

import "context"

type Ctx interface {
	Context() context.Context
}

type Handler = func(Ctx) error

type App struct{}

func (a *App) Get(path string, handler any, handlers ...any) {}
