// Package connectapp implements the greet service on connect, and an
// admin service registered procedure by procedure.
package connectapp

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"connectrpc.com/connect"

	greetv1 "example.com/frameworks/greetv1"
)

// Greeter implements greetv1connect.GreetServiceHandler; main mounts it
// with the generated NewGreetServiceHandler.
type Greeter struct {
	DB *sql.DB
}

// Greet looks the greeting up without the call's context.
func (g *Greeter) Greet(ctx context.Context, req *connect.Request[greetv1.GreetRequest]) (*connect.Response[greetv1.GreetResponse], error) {
	var greeting string
	if err := g.DB.QueryRow("SELECT greeting FROM greetings WHERE name = $1", req.Msg.Name).Scan(&greeting); err != nil {
		return nil, connect.NewError(connect.CodeNotFound, err)
	}
	return connect.NewResponse(&greetv1.GreetResponse{Greeting: greeting}), nil
}

// GreetStream greets every second.
func (g *Greeter) GreetStream(ctx context.Context, req *connect.Request[greetv1.GreetRequest], stream *connect.ServerStream[greetv1.GreetResponse]) error {
	for range 3 {
		if err := stream.Send(&greetv1.GreetResponse{Greeting: "hello " + req.Msg.Name}); err != nil {
			return err
		}
		time.Sleep(time.Second)
	}
	return nil
}

// Admin is registered procedure by procedure with connect.NewUnaryHandler.
type Admin struct {
	DB *sql.DB
}

// Mount registers the admin procedures on mux.
func (a *Admin) Mount(mux *http.ServeMux) {
	mux.Handle("/admin.v1.Admin/Vacuum", connect.NewUnaryHandler("/admin.v1.Admin/Vacuum", a.vacuum))
	mux.Handle("/admin.v1.Admin/Ping", connect.NewUnaryHandler("/admin.v1.Admin/Ping",
		func(ctx context.Context, req *connect.Request[greetv1.GreetRequest]) (*connect.Response[greetv1.GreetResponse], error) {
			if err := a.DB.Ping(); err != nil {
				return nil, err
			}
			return connect.NewResponse(&greetv1.GreetResponse{Greeting: "pong"}), nil
		}))
	mux.Handle("/admin.v1.Admin/Count", connect.NewUnaryHandler("/admin.v1.Admin/Count", a.count))
}

func (a *Admin) vacuum(ctx context.Context, req *connect.Request[greetv1.GreetRequest]) (*connect.Response[greetv1.GreetResponse], error) {
	if _, err := a.DB.Exec("VACUUM"); err != nil {
		return nil, err
	}
	return connect.NewResponse(&greetv1.GreetResponse{}), nil
}

// count uses the call's context: silent.
func (a *Admin) count(ctx context.Context, req *connect.Request[greetv1.GreetRequest]) (*connect.Response[greetv1.GreetResponse], error) {
	var n int
	if err := a.DB.QueryRowContext(ctx, "SELECT count(*) FROM greetings").Scan(&n); err != nil {
		return nil, err
	}
	return connect.NewResponse(&greetv1.GreetResponse{}), nil
}
