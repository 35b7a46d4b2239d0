// Package grpcapp implements the route guide and health services; main
// registers them, in another package.
package grpcapp

import (
	"context"
	"database/sql"
	"io"
	"sync"
	"time"

	"google.golang.org/grpc"

	pb "example.com/frameworks/routeguide"
)

// RouteGuide implements pb.RouteGuideServer by embedding the generated
// UnimplementedRouteGuideServer.
type RouteGuide struct {
	pb.UnimplementedRouteGuideServer

	DB *sql.DB

	mu    sync.Mutex // guards notes
	notes map[pb.Point][]*pb.RouteNote
}

// GetFeature is a unary RPC: its context is ctx.
func (s *RouteGuide) GetFeature(ctx context.Context, p *pb.Point) (*pb.Feature, error) {
	var name string
	err := s.DB.QueryRow("SELECT name FROM features WHERE lat = $1 AND lng = $2", p.Latitude, p.Longitude).Scan(&name)
	if err != nil {
		return nil, err
	}
	return &pb.Feature{Name: name, Location: p}, nil
}

// ListFeatures is a server-streaming RPC: its context is stream.Context().
func (s *RouteGuide) ListFeatures(rect *pb.Rectangle, stream grpc.ServerStreamingServer[pb.Feature]) error {
	for lat := rect.Lo.Latitude; lat <= rect.Hi.Latitude; lat++ {
		if err := stream.Send(&pb.Feature{Location: &pb.Point{Latitude: lat}}); err != nil {
			return err
		}
		time.Sleep(10 * time.Millisecond) // pace the stream
	}
	return nil
}

// RecordRoute is a client-streaming RPC, declared with the generated
// alias of its stream type.
func (s *RouteGuide) RecordRoute(stream pb.RouteGuide_RecordRouteServer) error {
	var n int32
	for {
		p, err := stream.Recv()
		if err == io.EOF {
			return stream.SendAndClose(&pb.RouteSummary{PointCount: n})
		}
		if err != nil {
			return err
		}
		n++
		s.remember(p)
	}
}

// remember stores a point under the lock every call of every client shares.
func (s *RouteGuide) remember(p *pb.Point) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.DB.Exec("INSERT INTO visits (lat, lng) VALUES ($1, $2)", p.Latitude, p.Longitude); err != nil {
		return
	}
}

// RouteChat is a bidirectional RPC; it passes the stream's context on:
// silent.
func (s *RouteGuide) RouteChat(stream grpc.BidiStreamingServer[pb.RouteNote, pb.RouteNote]) error {
	ctx := stream.Context()
	for {
		in, err := stream.Recv()
		if err != nil {
			return err
		}
		var count int
		if err := s.DB.QueryRowContext(ctx, "SELECT count(*) FROM notes WHERE lat = $1", in.Location.Latitude).Scan(&count); err != nil {
			return err
		}
		if err := stream.Send(in); err != nil {
			return err
		}
	}
}

// Warm is not part of the service: not a handler.
func (s *RouteGuide) Warm() {
	time.Sleep(time.Second)
}
