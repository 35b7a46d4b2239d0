// Command shop runs the shop API server and its background worker.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/shop/internal/api"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/report"
	"example.com/shop/internal/store"
	"example.com/shop/internal/worker"
)

func main() {
	var (
		addr          = flag.String("addr", ":8080", "listen address")
		dsn           = flag.String("dsn", "postgres://shop@localhost/shop?sslmode=disable", "database URL")
		paymentsURL   = flag.String("payments-url", "https://api.payments.example", "payment provider API")
		introspectURL = flag.String("introspect-url", "http://localhost:9000/oauth2/introspect", "token introspection endpoint")
		inventoryURL  = flag.String("inventory-url", "http://warehouse.internal", "warehouse service")
		mailerURL     = flag.String("mailer-url", "http://mailer.internal", "mail service")
		templates     = flag.String("templates", "/usr/share/shop/templates", "PDF templates directory")
		metricsSocket = flag.String("metrics-socket", "", "statsd datagram socket (empty: no metrics)")
		debug         = flag.Bool("debug", false, "mount /debug/ endpoints")
	)
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	db, err := sql.Open("postgres", *dsn)
	if err != nil {
		log.Error("open database", "err", err)
		os.Exit(1)
	}
	defer db.Close()
	db.SetMaxOpenConns(20)

	// The database may still be starting (docker compose up): wait for it.
	for attempt := 1; ; attempt++ {
		err := db.Ping()
		if err == nil {
			break
		}
		if attempt == 10 {
			log.Error("database unreachable", "err", err)
			os.Exit(1)
		}
		log.Warn("waiting for database", "attempt", attempt, "err", err)
		time.Sleep(2 * time.Second)
	}

	st := store.New(db)
	queue := worker.NewQueue(100)
	wk := worker.New(queue, st, *mailerURL, time.Minute, log)

	srv := api.New(api.Config{
		Store:         st,
		Products:      store.NewProductCache(db, 5*time.Minute),
		Payments:      payments.New(*paymentsURL, os.Getenv("PAYMENTS_API_KEY")),
		Queue:         queue,
		Worker:        wk,
		Reports:       &report.Handlers{Store: st, TemplateDir: *templates, MetricsSocket: *metricsSocket},
		Log:           log,
		IntrospectURL: *introspectURL,
		InventoryURL:  *inventoryURL,
		WebhookSecret: []byte(os.Getenv("PAYMENTS_WEBHOOK_SECRET")),
		Debug:         *debug,
	})
	httpServer := &http.Server{
		Addr:              *addr,
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	workerCtx, stopWorker := context.WithCancel(context.Background())
	defer stopWorker()
	go wk.Run(workerCtx)

	errc := make(chan error, 1)
	go func() { errc <- httpServer.ListenAndServe() }()
	log.Info("listening", "addr", *addr)

	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			log.Error("server failed", "err", err)
			os.Exit(1)
		}
	case <-ctx.Done():
	}

	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		log.Error("shutdown", "err", err)
	}
	stopWorker()
	wk.WaitIdle()
	log.Info("bye")
}
