// Package impl implements the services of pb; main registers them
// elsewhere.
package impl

import (
	"context"

	"google.golang.org/grpc"

	"grpcsvc/pb"
)

type guide struct {
	pb.UnimplementedRouteGuideServer
}

func (g *guide) GetFeature(ctx context.Context, p *pb.Point) (*pb.Feature, error) { return nil, nil } // want `^grpc handler guide\.GetFeature, context "ctx"$`

func (g *guide) ListFeatures(p *pb.Point, stream grpc.ServerStreamingServer[pb.Feature]) error { // want `^grpc handler guide\.ListFeatures, context "stream\.Context\(\)"$`
	return nil
}

func (g *guide) RouteChat(s pb.RouteGuide_RouteChatServer) error { return nil } // want `^grpc handler guide\.RouteChat, context "s\.Context\(\)"$`

// helper is not a method of the service.
func (g *guide) helper(ctx context.Context, p *pb.Point) (*pb.Feature, error) { return nil, nil }

// health implements pb.HealthServer by value, without embedding.
type health struct{}

func (health) Check(_ context.Context, p *pb.Point) (*pb.Feature, error) { return nil, nil } // want `^grpc handler health\.Check, context ""$`

// almost lacks RouteChat and the embedding: it implements nothing.
type almost struct{}

func (a *almost) GetFeature(ctx context.Context, p *pb.Point) (*pb.Feature, error) { return nil, nil }

// Interceptors are middleware.
func unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) { // want `^grpc handler unary, context "ctx"$`
	return handler(ctx, req)
}

func stream(srv interface{}, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error { // want `^grpc handler stream, context "ss\.Context\(\)"$`
	return handler(srv, ss)
}
