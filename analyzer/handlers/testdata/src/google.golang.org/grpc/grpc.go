// Package grpc is a stub of google.golang.org/grpc.
package grpc

import "context"

type ServiceDesc struct{}

type ServiceRegistrar interface {
	RegisterService(desc *ServiceDesc, impl any)
}

type Server struct{}

func (s *Server) RegisterService(desc *ServiceDesc, impl any) {}

type ServerStream interface {
	Context() context.Context
	SendMsg(m any) error
	RecvMsg(m any) error
}

type ServerStreamingServer[Res any] interface {
	Send(*Res) error
	ServerStream
}

type BidiStreamingServer[Req any, Res any] interface {
	Recv() (*Req, error)
	Send(*Res) error
	ServerStream
}

type UnaryServerInfo struct{ FullMethod string }

type UnaryHandler func(ctx context.Context, req any) (any, error)

type StreamServerInfo struct{ FullMethod string }

type StreamHandler func(srv any, stream ServerStream) error
