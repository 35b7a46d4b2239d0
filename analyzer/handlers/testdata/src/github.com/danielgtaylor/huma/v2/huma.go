// Package huma stubs the registration functions of huma v2.
package huma

import "context"

type API interface{ OpenAPI() any }

type Operation struct {
	Method, Path, Description string
}

func Register[I, O any](api API, op Operation, handler func(context.Context, *I) (*O, error)) {}

func Get[I, O any](api API, path string, handler func(context.Context, *I) (*O, error), operationHandlers ...func(o *Operation)) {
}
