// Package twirpimpl implements the Twirp service.
package twirpimpl

import (
	"context"

	"apisvc/notwirp"
	"apisvc/twirprpc"
)

type Hats struct{}

func (h *Hats) MakeHat(ctx context.Context, s *twirprpc.Size) (*twirprpc.Hat, error) { return nil, nil } // want `^twirp handler Hats\.MakeHat, context "ctx"$`

// Polish is not a method of the service.
func (h *Hats) Polish(ctx context.Context, s *twirprpc.Size) error { return nil }

// Jobs implements an interface of the same shape whose constructor's
// package does not import twirp.
type Jobs struct{}

func (j *Jobs) Run(ctx context.Context, name string) error { return nil }

var _ = notwirp.NewJobServer(&Jobs{})
