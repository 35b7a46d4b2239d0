// Package fiber is a stub of github.com/gofiber/fiber/v2.
package fiber

import "context"

type Ctx struct{}

func (c *Ctx) UserContext() context.Context { return context.Background() }

type Handler = func(*Ctx) error

type App struct{}

func (a *App) Get(path string, handlers ...Handler) {}
