package pgxapp

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Orders serves /orders.
type Orders struct {
	store *Store
	pool  *pgxpool.Pool
	dsn   string
}

// NewOrders returns the handlers.
func NewOrders(store *Store, pool *pgxpool.Pool, dsn string) *Orders {
	return &Orders{store: store, pool: pool, dsn: dsn}
}

// Routes registers the handlers.
func (h *Orders) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /orders/{id}", h.get)
	mux.HandleFunc("GET /customers/{name}/spent", h.spent)
	mux.HandleFunc("POST /orders", h.place)
	mux.HandleFunc("POST /orders/import", h.importOrders)
	mux.HandleFunc("POST /orders/{id}/cancel", h.cancel)
	mux.HandleFunc("GET /orders/report", h.report)
	mux.HandleFunc("GET /orders/health", h.health)
}

// get passes the request's context down: silent.
func (h *Orders) get(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	o, err := h.store.Order(r.Context(), id)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(o)
}

// spent reaches a query whose context the store made from nothing.
func (h *Orders) spent(w http.ResponseWriter, r *http.Request) {
	n, err := h.store.Spent(r.PathValue("name"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	json.NewEncoder(w).Encode(n)
}

// place writes the order with the request's context, then bumps the
// counter under the store's mutex.
func (h *Orders) place(w http.ResponseWriter, r *http.Request) {
	var o Order
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := h.store.Place(r.Context(), o, nil); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	h.store.Count(r.Context(), o.Customer)
	w.WriteHeader(http.StatusCreated)
}

// importOrders must finish once started, whether or not the client
// waits: it detaches from the request's cancellation on purpose. Silent.
func (h *Orders) importOrders(w http.ResponseWriter, r *http.Request) {
	var batch []Order
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
	defer cancel()
	for _, o := range batch {
		if err := h.store.Place(ctx, o, nil); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
	}
	w.WriteHeader(http.StatusCreated)
}

// cancel runs its transaction on the request's context but commits it on
// a root one.
func (h *Orders) cancel(w http.ResponseWriter, r *http.Request) {
	tx, err := h.pool.BeginTx(r.Context(), pgx.TxOptions{IsoLevel: pgx.Serializable})
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer tx.Rollback(r.Context())
	if _, err := tx.Exec(r.Context(), `UPDATE orders SET cancelled = true WHERE id = $1`, r.PathValue("id")); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if err := tx.Commit(context.TODO()); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// report waits for a pooled connection with a context of its own, then
// runs the query on the request's.
func (h *Orders) report(w http.ResponseWriter, r *http.Request) {
	conn, err := h.pool.Acquire(context.Background())
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer conn.Release()
	rows, err := conn.Query(r.Context(), `SELECT customer, sum(total) FROM orders GROUP BY customer`)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var c string
		var n int64
		if err := rows.Scan(&c, &n); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out[c] = n
	}
	json.NewEncoder(w).Encode(out)
}

// health dials the database with a connection of its own, on a root
// context, and pings it; the idle connections it counts are taken
// without waiting (AcquireAllIdle waits for nothing).
func (h *Orders) health(w http.ResponseWriter, r *http.Request) {
	conn, err := pgx.Connect(context.Background(), h.dsn)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer conn.Close(r.Context())
	if err := conn.Ping(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	idle := h.pool.AcquireAllIdle(context.Background())
	for _, c := range idle {
		c.Release()
	}
	json.NewEncoder(w).Encode(len(idle))
}
