// Command loops runs the servers; the gnet handlers are declared in
// package gnetkv, and their callbacks are reported there.
package main

import (
	"database/sql"
	"flag"
	"log"
	"net"

	"github.com/panjf2000/gnet/v2"
	"github.com/panjf2000/gnet/v2/pkg/pool/goroutine"

	"example.com/loops/gnetkv"
	"example.com/loops/internal/store"
	"example.com/loops/nbhttpapi"
	"example.com/loops/nbioproxy"
	"example.com/loops/netpollproxy"
)

func main() {
	dsn := flag.String("db", "postgres://localhost/kv", "database")
	flag.Parse()
	db, err := sql.Open("postgres", *dsn)
	if err != nil {
		log.Fatal(err)
	}
	st := &store.Store{DB: db, Dir: "/var/cache/kv"}

	p := &nbioproxy.Proxy{Upstream: "10.0.0.2:6379", AuditURL: "http://audit.internal/big"}
	if err := p.Start(":7000"); err != nil {
		log.Fatal(err)
	}
	if err := nbhttpapi.New(":7080").Start(); err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", ":7001")
	if err != nil {
		log.Fatal(err)
	}
	go netpollproxy.Serve(ln, "10.0.0.3:6379")

	pool := goroutine.Default()
	go gnet.Run(&gnetkv.PooledServer{Store: st, Pool: pool}, "tcp://:6380", gnet.WithMulticore(true))
	log.Fatal(gnet.Run(&gnetkv.Server{Store: st, DB: db}, "tcp://:6379", gnet.WithMulticore(true), gnet.WithTicker(true)))
}
