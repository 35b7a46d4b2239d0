package grpcapp

import (
	"context"
	"time"

	"google.golang.org/grpc"
)

// Throttle is a unary server interceptor: middleware, with the RPC's
// context.
func Throttle(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	time.Sleep(time.Millisecond)
	return handler(ctx, req)
}

// StreamThrottle is a stream server interceptor.
func StreamThrottle(srv interface{}, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	time.Sleep(time.Millisecond)
	return handler(srv, ss)
}

// Deadline bounds every RPC: silent.
func Deadline(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return handler(ctx, req)
}
