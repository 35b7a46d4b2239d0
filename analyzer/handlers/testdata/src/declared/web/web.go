// Package web is an in-house framework.
package web

import "context"

type Ctx struct{}

func (c *Ctx) Context() context.Context { return context.Background() }

type Request struct{}

func (r *Request) Context() context.Context { return context.Background() }

type Router struct{}

func (rt *Router) Route(pattern string, h func(*Ctx) error)       {}
func (rt *Router) Endpoint(pattern string, fn func(*Request) int) {}

// Handle registers a plain function that takes a context.
func Handle(name string, fn func(ctx context.Context, payload []byte) error) {}
