// Command server runs every service. main, its start-up wait and its
// background worker are not handlers: nothing here is reported.
package main

import (
	"context"
	"database/sql"
	"log"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	fiberv3 "github.com/gofiber/fiber/v3"
	echov4 "github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"
	"github.com/valyala/fasthttp"
	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"example.com/frameworks/acmeweb"
	"example.com/frameworks/chiapp"
	"example.com/frameworks/connectapp"
	"example.com/frameworks/echov4app"
	"example.com/frameworks/echov5app"
	"example.com/frameworks/eliza/elizaconnect"
	"example.com/frameworks/fasthttpapp"
	"example.com/frameworks/fiberv2app"
	"example.com/frameworks/fiberv3app"
	"example.com/frameworks/ginapp"
	"example.com/frameworks/greetv1/greetv1connect"
	"example.com/frameworks/grpcapp"
	"example.com/frameworks/inhouse"
	"example.com/frameworks/internal/store"
	"example.com/frameworks/muxapp"
	pb "example.com/frameworks/routeguide"
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

	g := gin.New()
	orders := &ginapp.Server{DB: db, Store: st}
	orders.Routes(g)
	go orders.Sweep(ctx)

	e4 := echov4.New()
	(&echov4app.Server{Store: st}).Register(e4)
	e5 := echov5.New()
	(&echov5app.Server{DB: db}).Register(e5)

	f2 := fiber.New()
	(&fiberv2app.Server{DB: db}).Mount(f2)
	f3 := fiberv3.New()
	(&fiberv3app.Server{Store: st}).Mount(f3)

	images := &fasthttpapp.Server{Upstream: "http://origin.internal"}
	fast := &fasthttp.Server{Handler: images.Handler()}

	gs := grpc.NewServer(grpc.ChainUnaryInterceptor(grpcapp.Throttle, grpcapp.Deadline), grpc.StreamInterceptor(grpcapp.StreamThrottle))
	pb.RegisterRouteGuideServer(gs, &grpcapp.RouteGuide{DB: db})
	healthpb.RegisterHealthServer(gs, &grpcapp.Health{DBAddr: "localhost:5432"})

	mux := http.NewServeMux()
	mux.Handle(greetv1connect.NewGreetServiceHandler(&connectapp.Greeter{DB: db}))
	mux.Handle(elizaconnect.NewElizaServiceHandler(&connectapp.Eliza{Fortune: "/usr/games/fortune"}))
	(&connectapp.Admin{DB: db}).Mount(mux)
	mux.Handle("/accounts/", (&chiapp.Server{DB: db}).Router())
	mux.Handle("/articles/", (&muxapp.Server{Store: st}).Router())
	rt := new(acmeweb.Router)
	(&inhouse.Billing{DB: db}).Mount(rt)
	mux.Handle("/bills/", rt)

	lis, err := net.Listen("tcp", ":9090")
	if err != nil {
		log.Fatal(err)
	}
	go gs.Serve(lis)
	go fast.ListenAndServe(":8081")
	go f2.Listen(":8082")
	go f3.Listen(":8083")
	go e4.Start(":8084")
	go g.Run(":8085")
	go echov5.StartConfig{Address: ":8086"}.Start(ctx, e5)
	srv := &http.Server{Addr: ":8080", Handler: mux}
	go srv.ListenAndServe()
	<-ctx.Done()
	gs.GracefulStop()
	fast.Shutdown()
	srv.Shutdown(context.Background())
}
