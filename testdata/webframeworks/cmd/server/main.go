// Command server runs every service. main, its start-up wait and its
// background workers are not handlers: nothing here is reported.
package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/cloudwego/hertz/pkg/app/server"
	"github.com/go-kratos/kratos/v2"
	kgrpc "github.com/go-kratos/kratos/v2/transport/grpc"
	khttp "github.com/go-kratos/kratos/v2/transport/http"
	"github.com/kataras/iris/v12"

	catalogv1 "example.com/webframeworks/api/catalog/v1"
	"example.com/webframeworks/hertzapp"
	"example.com/webframeworks/internal/store"
	"example.com/webframeworks/irisapp"
	"example.com/webframeworks/kratosapp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()

	db, err := sql.Open("postgres", "postgres://localhost/app")
	if err != nil {
		log.Fatal(err)
	}
	for db.Ping() != nil { // wait for the database
		time.Sleep(time.Second)
	}
	st := &store.Store{DB: db}

	// Hertz cancels a handler's context when its client disconnects only
	// with this option.
	h := server.Default(server.WithHostPorts(":8081"), server.WithSenseClientDisconnection(true))
	orders := &hertzapp.Server{DB: db, Store: st}
	orders.Routes(h)
	go orders.Sweep(ctx)
	go func() {
		if err := h.Run(); err != nil {
			log.Print(err)
		}
	}()

	// Kratos: one implementation behind its generated gRPC and HTTP
	// services, and routes of its own on the HTTP server.
	catalog := &kratosapp.CatalogService{DB: db, Store: st, HTTP: &http.Client{Timeout: 5 * time.Second}}
	hs := khttp.NewServer(khttp.Address(":8000"), khttp.Timeout(2*time.Second))
	gs := kgrpc.NewServer(kgrpc.Address(":9000"))
	catalogv1.RegisterCatalogHTTPServer(hs, catalog)
	catalogv1.RegisterCatalogServer(gs, catalog)
	catalog.Routes(hs)
	kapp := kratos.New(kratos.Name("catalog"), kratos.Server(hs, gs))
	go func() {
		if err := kapp.Run(); err != nil {
			log.Print(err)
		}
	}()

	// Iris, on net/http.
	app := iris.New()
	users := &irisapp.Server{DB: db, Store: st}
	users.Routes(app)
	go users.Expire(ctx)
	go func() {
		if err := app.Listen(":8082", iris.WithoutInterruptHandler); err != nil {
			log.Print(err)
		}
	}()

	<-ctx.Done()
	if err := app.Shutdown(context.Background()); err != nil {
		log.Print(err)
	}
	if err := kapp.Stop(); err != nil {
		log.Print(err)
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.Shutdown(shutdown); err != nil {
		log.Print(err)
	}
}
