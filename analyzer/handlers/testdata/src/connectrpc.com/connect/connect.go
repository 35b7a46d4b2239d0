// Package connect is a stub of connectrpc.com/connect.
package connect

import (
	"context"
	"net/http"
)

type Request[T any] struct{ Msg *T }

type Response[T any] struct{ Msg *T }

type ServerStream[T any] struct{}

type ClientStream[T any] struct{}

type BidiStream[Req, Res any] struct{}

type HandlerOption interface{ handlerOption() }

type Handler struct{}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

func NewUnaryHandler[Req, Res any](procedure string, unary func(context.Context, *Request[Req]) (*Response[Res], error), options ...HandlerOption) *Handler {
	return nil
}

func NewUnaryHandlerSimple[Req, Res any](procedure string, unary func(context.Context, *Req) (*Res, error), options ...HandlerOption) *Handler {
	return nil
}
