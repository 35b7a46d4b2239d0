// Package other imports no service: a method of the same signature is
// not a handler.
package other

import "context"

type Point struct{}

type Server struct{}

func (s *Server) GetFeature(ctx context.Context, p *Point) (*Point, error) { return nil, nil }
