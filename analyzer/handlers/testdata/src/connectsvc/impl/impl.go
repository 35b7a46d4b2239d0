// Package impl implements connect handlers: by their generic types, by
// their service, and by their registration.
package impl

import (
	"context"
	"net/http"

	"connectrpc.com/connect"

	"connectsvc/greetconnect"
)

type Msg struct{}

type Admin struct{}

// Vacuum has the generic unary shape.
func (a *Admin) Vacuum(ctx context.Context, req *connect.Request[Msg]) (*connect.Response[Msg], error) { // want `^connect handler Admin\.Vacuum, context "ctx"$`
	return nil, nil
}

func (a *Admin) Tail(ctx context.Context, req *connect.Request[Msg], out *connect.ServerStream[Msg]) error { // want `^connect handler Admin\.Tail, context "ctx"$`
	return nil
}

func (a *Admin) Upload(ctx context.Context, in *connect.ClientStream[Msg]) (*connect.Response[Msg], error) { // want `^connect handler Admin\.Upload, context "ctx"$`
	return nil, nil
}

func (a *Admin) Chat(ctx context.Context, s *connect.BidiStream[Msg, Msg]) error { // want `^connect handler Admin\.Chat, context "ctx"$`
	return nil
}

// Greeter implements the simple service.
type Greeter struct{}

func (g *Greeter) Greet(ctx context.Context, req *greetconnect.GreetRequest) (*greetconnect.GreetResponse, error) { // want `^connect handler Greeter\.Greet, context "ctx"$`
	return nil, nil
}

func (a *Admin) Mount(mux *http.ServeMux) {
	mux.Handle("/admin/Flush", connect.NewUnaryHandlerSimple("/admin/Flush", a.flush))
	mux.Handle("/admin/Ping", connect.NewUnaryHandlerSimple("/admin/Ping", func(ctx context.Context, m *Msg) (*Msg, error) { // want `^connect handler for "/admin/Ping", context "ctx"$`
		return nil, nil
	}))
	mux.Handle(greetconnect.NewGreetServiceHandler(&Greeter{}))
}

// flush is registered with NewUnaryHandlerSimple.
func (a *Admin) flush(ctx context.Context, m *Msg) (*Msg, error) { return nil, nil } // want `^connect handler Admin\.flush, context "ctx"$`

// notRegistered has flush's signature.
func (a *Admin) notRegistered(ctx context.Context, m *Msg) (*Msg, error) { return nil, nil }
