// Package notwirp serves jobs over gRPC and has a New*Server(iface,
// ...interface{}) constructor of its own, but no twirp import: its
// constructor does not make a Twirp service.
package notwirp

import (
	"context"
	"net/http"

	"google.golang.org/grpc"
)

type Job interface {
	Run(ctx context.Context, name string) error
}

func NewJobServer(svc Job, opts ...interface{}) http.Handler { return nil }

func Serve(s *grpc.Server) {}
