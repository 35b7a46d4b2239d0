// Package api is the shop's HTTP API.
package api

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"example.com/shop/internal/payments"
	"example.com/shop/internal/report"
	"example.com/shop/internal/store"
	"example.com/shop/internal/worker"
)

// Config is what the API depends on.
type Config struct {
	Store         *store.Store
	Products      *store.ProductCache
	Payments      *payments.Client
	Queue         *worker.Queue
	Worker        *worker.Worker
	Reports       *report.Handlers
	Log           *slog.Logger
	IntrospectURL string // OAuth2 token introspection endpoint (RFC 7662)
	InventoryURL  string // warehouse service
	WebhookSecret []byte // shared secret for payment provider webhooks
	Debug         bool   // mount /debug/ endpoints
}

// Server serves the API.
type Server struct {
	Config
	inventory *http.Client
}

// New returns a Server.
func New(cfg Config) *Server {
	return &Server{Config: cfg, inventory: &http.Client{Timeout: 2 * time.Second}}
}

// Handler returns the API's routes wrapped in its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()

	mux.HandleFunc("GET /users/{id}", s.getUser)
	mux.HandleFunc("GET /users/{id}/summary", s.getUserSummary)
	mux.Handle("GET /users/{id}/orders", s.wrap(s.listOrders))
	mux.HandleFunc("GET /users/{id}/statement.pdf", s.Reports.Statement)

	mux.HandleFunc("POST /orders", s.createOrder)
	mux.HandleFunc("GET /orders/{id}", s.getOrder)
	mux.HandleFunc("POST /orders/{id}/cancel", s.cancelOrder)
	mux.HandleFunc("POST /orders/{id}/receipt", s.resendReceipt)
	mux.HandleFunc("GET /orders/{id}/invoice.pdf", s.Reports.Invoice)

	mux.HandleFunc("GET /products/{id}", s.getProduct)
	mux.HandleFunc("GET /products/{id}/stock", s.getStock)
	mux.HandleFunc("POST /coupons/redeem", s.redeemCoupon)

	mux.HandleFunc("POST /admin/coupons", s.generateCoupons)
	mux.HandleFunc("POST /admin/worker/wait-idle", s.waitIdle)

	mux.Handle("POST /webhooks/payments", &webhookHandler{store: s.Store, secret: s.WebhookSecret, log: s.Log})
	mux.HandleFunc("GET /healthz", healthz(s.Store))
	if s.Debug {
		mux.HandleFunc("GET /debug/slow", debugSlow)
	}

	return s.logRequests(s.authenticate(mux))
}

// apiFunc is a handler that reports failure by returning an error.
type apiFunc func(http.ResponseWriter, *http.Request) error

// httpError is an error with the status code to answer with.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(msg string) error { return &httpError{http.StatusBadRequest, msg} }

// wrap turns an apiFunc into an http.Handler that writes its error.
func (s *Server) wrap(h apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		if he, ok := err.(*httpError); ok {
			http.Error(w, he.msg, he.code)
			return
		}
		s.Log.Error("handler failed", "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
}

func writeJSON(w http.ResponseWriter, code int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	return json.NewEncoder(w).Encode(v)
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest("bad " + name)
	}
	return id, nil
}

func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.Log.Error("handler failed", "path", r.URL.Path, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}
