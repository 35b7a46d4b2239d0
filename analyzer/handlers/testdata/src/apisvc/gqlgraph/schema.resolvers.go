package gqlgraph

import "context"

type Resolver struct{}

func (r *queryResolver) Todos(ctx context.Context) ([]*Todo, error) { return nil, nil } // want `^gqlgen handler queryResolver\.Todos, context "ctx"$`

func (r *todoResolver) Owner(ctx context.Context, obj *Todo) (string, error) { return "", nil } // want `^gqlgen handler todoResolver\.Owner, context "ctx"$`

// The root's methods return the resolvers: they are not resolvers.
func (r *Resolver) Query() QueryResolver { return &queryResolver{r} }
func (r *Resolver) Todo() TodoResolver   { return &todoResolver{r} }

type queryResolver struct{ *Resolver }
type todoResolver struct{ *Resolver }

// jobs implements Jobs, which only NewOtherSchema takes.
type jobs struct{}

func (j *jobs) Run(ctx context.Context) error { return nil }
