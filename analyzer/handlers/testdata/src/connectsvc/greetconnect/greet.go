// Package greetconnect stands in for protoc-gen-connect-go output, with
// the "simple" option.
package greetconnect

import (
	"context"
	"net/http"

	"connectrpc.com/connect"
)

type GreetRequest struct{}
type GreetResponse struct{}

type GreetServiceHandler interface {
	Greet(context.Context, *GreetRequest) (*GreetResponse, error)
}

func NewGreetServiceHandler(svc GreetServiceHandler, opts ...connect.HandlerOption) (string, http.Handler) {
	return "", connect.NewUnaryHandlerSimple("/greet.v1.GreetService/Greet", svc.Greet, opts...)
}
