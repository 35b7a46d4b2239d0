// Package pb stands in for protoc-gen-go-grpc output.
package pb

import (
	"context"

	"google.golang.org/grpc"
)

type Point struct{}
type Feature struct{}
type Note struct{}

type RouteGuideServer interface {
	GetFeature(context.Context, *Point) (*Feature, error)
	ListFeatures(*Point, grpc.ServerStreamingServer[Feature]) error
	RouteChat(grpc.BidiStreamingServer[Note, Note]) error
	mustEmbedUnimplementedRouteGuideServer()
}

// The generated defaults are handlers too, of this package; the analyzer
// skips generated files when it reports.
type UnimplementedRouteGuideServer struct{}

func (UnimplementedRouteGuideServer) GetFeature(context.Context, *Point) (*Feature, error) { // want `^grpc handler UnimplementedRouteGuideServer\.GetFeature, context ""$`
	return nil, nil
}
func (UnimplementedRouteGuideServer) ListFeatures(*Point, grpc.ServerStreamingServer[Feature]) error { // want `^grpc handler UnimplementedRouteGuideServer\.ListFeatures, context ""$`
	return nil
}
func (UnimplementedRouteGuideServer) RouteChat(grpc.BidiStreamingServer[Note, Note]) error { // want `^grpc handler UnimplementedRouteGuideServer\.RouteChat, context ""$`
	return nil
}
func (UnimplementedRouteGuideServer) mustEmbedUnimplementedRouteGuideServer() {}

func RegisterRouteGuideServer(s grpc.ServiceRegistrar, srv RouteGuideServer) {}

// HealthServer is generated without the embedding requirement.
type HealthServer interface {
	Check(context.Context, *Point) (*Feature, error)
}

func RegisterHealthServer(s *grpc.Server, srv HealthServer) {}

// RegisterNothingServer registers no service interface.
func RegisterNothingServer(s grpc.ServiceRegistrar, srv any) {}

type RouteGuide_RouteChatServer = grpc.BidiStreamingServer[Note, Note]
