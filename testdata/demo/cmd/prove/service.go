package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"example.com/slowdb"

	"example.com/shop/internal/api"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/store"
	"example.com/shop/internal/worker"
)

// service is the demo's API on loopback, with what it depends on faked
// so that the blocking is real and bounded: a database/sql driver whose
// statements take a set time (example.com/slowdb), an identity provider
// that accepts every token, and a warehouse that answers after a set time.
type service struct {
	URL string
	DB  *sql.DB

	queryTime     atomic.Int64 // time.Duration of each SELECT
	warehouseTime atomic.Int64 // time.Duration of each warehouse answer

	servers []*http.Server
}

// startService starts the service and its fakes on 127.0.0.1, on ports the
// kernel picks.
func startService(maxConns int) (*service, error) {
	s := &service{}
	s.DB = sql.OpenDB(slowdb.Config{
		Delay: func(query string) time.Duration {
			if strings.HasPrefix(strings.TrimSpace(query), "SELECT") {
				return time.Duration(s.queryTime.Load())
			}
			return 0
		},
		Answer: answer,
	}.Connector())
	s.DB.SetMaxOpenConns(maxConns)
	s.DB.SetMaxIdleConns(maxConns)

	introspect, err := s.serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"active":true,"sub":"1","scope":"shop:admin"}`)
	}))
	if err != nil {
		return nil, err
	}
	warehouse, err := s.serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Waits as a slow upstream does, and stops when its client hangs up.
		select {
		case <-time.After(time.Duration(s.warehouseTime.Load())):
			io.WriteString(w, `{"available":3}`)
		case <-r.Context().Done():
		}
	}))
	if err != nil {
		return nil, err
	}
	st := store.New(s.DB)
	queue := worker.NewQueue(1)
	srv := api.New(api.Config{
		Store:         st,
		Products:      store.NewProductCache(s.DB, time.Minute),
		Payments:      payments.New("http://127.0.0.1:1", "unused"),
		Queue:         queue,
		Worker:        worker.New(queue, st, "http://127.0.0.1:1", time.Minute, slog.New(slog.DiscardHandler)),
		Log:           slog.New(slog.DiscardHandler),
		IntrospectURL: introspect + "/introspect",
		InventoryURL:  warehouse,
	})
	s.URL, err = s.serve(srv.Handler())
	return s, err
}

// serve serves h on a loopback port and returns its URL. Keep-alives are
// off, so that a connection, and its goroutines, end with its request:
// the goroutines counted are then the requests' own.
func (s *service) serve(h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	hs.SetKeepAlivesEnabled(false)
	s.servers = append(s.servers, hs)
	go hs.Serve(ln)
	return "http://" + ln.Addr().String(), nil
}

func (s *service) Close() {
	for _, hs := range s.servers {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		hs.Shutdown(ctx)
		cancel()
	}
	s.DB.Close()
}

// answer returns one row for the demo's SELECTs of one row by id, no rows
// for the others (so a coupon is never found).
func answer(query string, args []driver.NamedValue) ([]string, [][]driver.Value) {
	var id int64
	if len(args) > 0 {
		id, _ = args[0].Value.(int64)
	}
	switch {
	case strings.Contains(query, "FROM products"):
		return []string{"id", "name", "price_cents"}, [][]driver.Value{{id, fmt.Sprintf("product %d", id), int64(1999)}}
	case strings.Contains(query, "FROM users"):
		return []string{"id", "email", "name", "password_hash", "created_at"},
			[][]driver.Value{{id, "ada@example.com", "Ada", []byte{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
	}
	return nil, nil
}
