// Package humaops registers huma operations: the handler argument is a
// handler, the operation edits after it are not.
package humaops

import (
	"context"

	"github.com/danielgtaylor/huma/v2"
)

type In struct{ ID string }
type Out struct{}

type Server struct{}

func (s *Server) Routes(api huma.API) {
	huma.Register(api, huma.Operation{Method: "GET", Path: "/users/{id}"}, s.getUser)
	huma.Get(api, "/users/{id}/fast", s.fast, s.describe, func(o *huma.Operation) { o.Description = "fast" })
	huma.Get(api, "/ping", func(ctx context.Context, in *struct{}) (*Out, error) { return nil, nil }) // want `^huma handler func literal in Routes, context "ctx"$`
}

func (s *Server) getUser(ctx context.Context, in *In) (*Out, error) { return nil, nil } // want `^huma handler Server\.getUser, context "ctx"$`

func (s *Server) fast(_ context.Context, in *In) (*Out, error) { return nil, nil } // want `^huma handler Server\.fast, context ""$`

// describe edits the operation once, at registration.
func (s *Server) describe(o *huma.Operation) {}

// notRegistered has getUser's signature.
func (s *Server) notRegistered(ctx context.Context, in *In) (*Out, error) { return nil, nil }
