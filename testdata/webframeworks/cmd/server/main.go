// Command server runs every service. main, its start-up wait and its
// background workers are not handlers: nothing here is reported.
package main

import (
	"context"
	"database/sql"
	"log"
	"os/signal"
	"syscall"
	"time"

	"github.com/cloudwego/hertz/pkg/app/server"

	"example.com/webframeworks/hertzapp"
	"example.com/webframeworks/internal/store"
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

	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.Shutdown(shutdown); err != nil {
		log.Print(err)
	}
}
